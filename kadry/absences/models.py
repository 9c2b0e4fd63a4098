"""Absences from work other than leave: sick leave, business trips, unexcused absence and lateness.

Leave is not here: it is granted by a signed order and kept in the leave ledger (``kadry.leave``).
The timesheet and the discipline terms read both. What each kind means for the working year, the
length of service, the timesheet code and the discipline terms is data in ``rules.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Absence(models.Model):
    """One period an employee was not at work for a reason the office records."""

    class Kind(models.TextChoices):
        SICK = "sick", _("временная нетрудоспособность")
        BUSINESS_TRIP = "business_trip", _("служебная командировка")
        UNEXCUSED = "unexcused", _("прогул")
        UNKNOWN = "unknown", _("неявка по невыясненным причинам")
        LATENESS = "lateness", _("опоздание")

    class SickReason(models.TextChoices):
        # The reasons of the electronic sick-leave certificate (Приказ Минздрава России от 23.11.2021 № 1089н).
        OWN_ILLNESS = "own_illness", _("заболевание")
        FAMILY_CARE = "family_care", _("уход за больным членом семьи")
        WORK_INJURY = "work_injury", _("несчастный случай на производстве")
        PREGNANCY = "pregnancy", _("беременность и роды")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(_("вид неявки"), max_length=16, choices=Kind.choices)
    start = models.DateField(_("с"))
    end = models.DateField(_("по"))
    # Sick leave: the number of the electronic certificate (ЭЛН, 12 digits), its reason, and the
    # certificate it continues (a continuation sheet has its own number).
    sick_leave_number = models.CharField(_("номер ЭЛН"), max_length=12, blank=True)
    sick_reason = models.CharField(
        _("причина нетрудоспособности"), max_length=16, choices=SickReason.choices, blank=True
    )
    continues = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="continuations",
        verbose_name=_("продолжение листка"),
    )  # fmt: skip
    # Care of a sick child: its age and whether it is treated at home decide the sick-pay rate (255-ФЗ ст. 7 ч. 3).
    care_child_age = models.PositiveSmallIntegerField(_("возраст ребёнка, лет"), null=True, blank=True)
    care_outpatient = models.BooleanField(_("лечение амбулаторное"), default=True)
    # Business trip (Т-9): where, what for; the order that sent the employee.
    destination = models.CharField(_("место назначения"), max_length=300, blank=True)
    purpose = models.CharField(_("цель командировки"), max_length=300, blank=True)
    order_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Lateness: how many minutes (the day is otherwise worked).
    minutes_late = models.PositiveSmallIntegerField(_("опоздание, минут"), null=True, blank=True)
    note = models.CharField(_("примечание"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("внёс(ла)")
    )
    created_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    class Meta:
        verbose_name = _("неявка")
        verbose_name_plural = _("неявки")
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="absence_end_after_start"),
        ]
        indexes = [
            # An employee's absences; a department's month for the timesheet; the discipline terms.
            models.Index(fields=["organisation", "employee", "start"], name="absence_org_emp_start_idx"),
            models.Index(fields=["organisation", "start", "end"], name="absence_org_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    @property
    def calendar_days(self) -> int:
        return (self.end - self.start).days + 1
