"""Labour discipline: the register of violations (cases) and the requests for a written explanation.

A case runs from the misconduct to the sanction order (ТК РФ ст. 192–193) or to its closing without
one. The sanction itself is made by a signed order (``employment.Sanction``); the case keeps the
order item that applied it (string FK: discipline never imports orders).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The section of the employee's change history where discipline writes.
SECTION = "Трудовая дисциплина"


class Violation(models.Model):
    """One disciplinary misconduct of an employee, from its discovery to the sanction or the closing."""

    class Status(models.TextChoices):
        OPEN = "open", _("открыто")
        SANCTIONED = "sanctioned", _("применено взыскание")
        CLOSED = "closed", _("закрыто без взыскания")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="violations")
    committed_on = models.DateField(_("дата проступка"))
    description = models.TextField(_("проступок"))
    discovered_by = models.CharField(_("кто обнаружил"), max_length=300)
    discovered_on = models.DateField(_("дата обнаружения"))
    # ТК РФ ст. 193 ч. 4: found by an audit, a revision or an inspection — two years instead of six months.
    found_by_audit = models.BooleanField(_("выявлен ревизией, проверкой или аудитом"), default=False)
    # An unexcused absence or lateness of the absences register the case was opened from.
    absence = models.ForeignKey(
        "absences.Absence", null=True, blank=True, on_delete=models.PROTECT, related_name="violations"
    )
    status = models.CharField(_("состояние"), max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.CharField(_("почему закрыто без взыскания"), max_length=300, blank=True)
    sanction_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # ТК РФ ст. 193 ч. 6: the employee signs the order, or an act records the refusal.
    acquainted_on = models.DateField(_("ознакомлен(а) с приказом"), null=True, blank=True)
    refusal_act_on = models.DateField(_("акт об отказе от ознакомления"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("нарушение трудовой дисциплины")
        verbose_name_plural = _("нарушения трудовой дисциплины")
        ordering = ["-discovered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discovered_on__gte=F("committed_on")), name="violation_discovered_after_committed"
            ),
        ]
        indexes = [
            # The register and the deadlines: an organisation's cases by state.
            models.Index(fields=["organisation", "status", "discovered_on"], name="violation_org_status_idx"),
            # The sanction order's check: the employee's case of a misconduct date.
            models.Index(fields=["organisation", "employee", "committed_on"], name="violation_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"Проступок от {self.committed_on:%d.%m.%Y}"


class ExplanationRequest(models.Model):
    """The request for a written explanation of a case and what came of it (ТК РФ ст. 193 ч. 1)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    violation = models.OneToOneField(Violation, on_delete=models.CASCADE, related_name="explanation")
    requested_on = models.DateField(_("объяснение затребовано"))
    received_on = models.DateField(_("объяснение получено"), null=True, blank=True)
    text = models.TextField(_("текст объяснения"), blank=True)
    attachment = models.FileField(_("скан объяснения"), upload_to="discipline/explanations/%Y/", blank=True)
    not_provided_act_on = models.DateField(_("акт о непредоставлении объяснения"), null=True, blank=True)

    class Meta:
        verbose_name = _("требование объяснения")
        verbose_name_plural = _("требования объяснений")
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("requested_on")),
                name="explanation_received_after_requested",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "violation"], name="explanation_org_violation_idx")]

    def __str__(self) -> str:
        return f"Объяснение затребовано {self.requested_on:%d.%m.%Y}"


class LiftInitiative(models.TextChoices):
    """On whose initiative a sanction is lifted before its year runs out (ТК РФ ст. 194 ч. 2)."""

    EMPLOYER = "employer", _("по инициативе работодателя")
    EMPLOYEE = "employee", _("по просьбе работника")
    MANAGER = "manager", _("по ходатайству непосредственного руководителя")
    REPRESENTATIVE_BODY = "representative", _("по ходатайству представительного органа работников")


class SanctionLift(models.Model):
    """A sanction lifted early by a signed order (ТК РФ ст. 194 ч. 2); cancelling that order removes the row.

    ``order_item`` is the lift order's item (string FK: discipline never imports orders).
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    # The sanction goes with its own order's cancellation (employment.undo_order_item), and its lift with it.
    sanction = models.OneToOneField("employment.Sanction", on_delete=models.CASCADE, related_name="lift")
    lifted_on = models.DateField(_("снято с"))
    initiative = models.CharField(_("инициатива"), max_length=16, choices=LiftInitiative.choices)
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("снятие дисциплинарного взыскания")
        verbose_name_plural = _("снятия дисциплинарных взысканий")
        indexes = [models.Index(fields=["organisation", "order_item"], name="sanctionlift_org_item_idx")]

    def __str__(self) -> str:
        return f"Снято с {self.lifted_on:%d.%m.%Y}"
