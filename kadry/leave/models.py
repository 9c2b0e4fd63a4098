"""Leave: the ledger of leave days, the office's entitlement rules, the calendar corrections, the schedule.

Every ledger entry is made by a signed order item (string FK to orders, which is never imported
here) and never changed: a cancellation adds the reversing entry.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kadry.lib.calendar import Correction


class LeaveKind(models.TextChoices):
    ANNUAL = "annual", _("ежегодный основной оплачиваемый")
    ADDITIONAL = "additional", _("ежегодный дополнительный оплачиваемый")
    UNPAID = "unpaid", _("без сохранения заработной платы (ТК РФ ст. 128)")
    STUDY = "study", _("учебный (ТК РФ ст. 173–176)")
    MATERNITY = "maternity", _("по беременности и родам (ТК РФ ст. 255)")
    CHILDCARE = "childcare", _("по уходу за ребёнком (ТК РФ ст. 256)")
    LONG = "long", _("длительный до одного года (ТК РФ ст. 335)")


# Kinds charged against the annual balance.
CHARGED_KINDS = frozenset({LeaveKind.ANNUAL, LeaveKind.ADDITIONAL})
# Kinds inside which public holidays extend the leave (ТК РФ ст. 120 concerns annual leave only).
EXTENDED_BY_HOLIDAYS = CHARGED_KINDS


class CalendarCorrection(models.Model):
    """A day the production calendar package gets wrong or does not know yet (national, not per school)."""

    class Kind(models.TextChoices):
        DAY_OFF = Correction.Kind.DAY_OFF, _("нерабочий день")
        WORKING_DAY = Correction.Kind.WORKING_DAY, _("рабочий день")
        SHORTENED = Correction.Kind.SHORTENED, _("предпраздничный сокращённый день (ТК РФ ст. 95)")
        NOT_SHORTENED = Correction.Kind.NOT_SHORTENED, _("не сокращённый день")

    day = models.DateField(_("дата"), unique=True)
    kind = models.CharField(_("что это за день"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("основание"), max_length=300)

    class Meta:
        verbose_name = _("поправка производственного календаря")
        verbose_name_plural = _("поправки производственного календаря")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}: {self.get_kind_display()}"

    def as_value(self) -> Correction:
        return Correction(self.day, self.kind, self.note)


class LeaveRule(models.Model):
    """The office's own entitlement of a position or a person: basic days, or additional leave."""

    class Kind(models.TextChoices):
        BASIC = "basic", _("основной отпуск (вместо установленного по должности)")
        IRREGULAR = "irregular", _("за ненормированный рабочий день (ТК РФ ст. 119)")
        HARMFUL = "harmful", _("за вредные условия труда (ТК РФ ст. 117)")
        AGREEMENT = "agreement", _("по коллективному договору (ТК РФ ст. 116)")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    position = models.ForeignKey("staff.Position", null=True, blank=True, on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(_("вид"), max_length=12, choices=Kind.choices)
    days = models.PositiveSmallIntegerField(_("календарных дней"))
    basis = models.CharField(_("основание"), max_length=300)

    class Meta:
        verbose_name = _("право на отпуск")
        verbose_name_plural = _("права на отпуск")
        constraints = [
            models.CheckConstraint(
                condition=Q(position__isnull=False) | Q(employee__isnull=False), name="leaverule_position_or_employee"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "position"], name="leaverule_org_position_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days}"


class LedgerEntry(models.Model):
    """One movement of an employee's leave days (ТК РФ ст. 114–128), made by a signed order."""

    class Kind(models.TextChoices):
        USED = "used", _("использовано")
        RECALLED = "recalled", _("отозван, дни возвращены")
        COMPENSATED = "compensated", _("компенсировано")
        MOVED = "moved", _("перенесено")
        CANCELLED = "cancelled", _("отменено приказом")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="leave_entries")
    kind = models.CharField(_("движение"), max_length=12, choices=Kind.choices)
    leave_kind = models.CharField(_("вид отпуска"), max_length=12, choices=LeaveKind.choices)
    start = models.DateField(_("дата начала"))
    end = models.DateField(_("дата окончания"))
    calendar_days = models.PositiveSmallIntegerField(_("календарных дней"))
    # Days charged against the annual balance: positive spends, negative gives back. Zero for the
    # kinds that are not charged (unpaid, childcare…).
    charged = models.DecimalField(_("списано дней"), max_digits=6, decimal_places=2)
    working_year_start = models.DateField(_("за период работы с"), null=True, blank=True)
    working_year_end = models.DateField(_("по"), null=True, blank=True)
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    document = models.CharField(_("основание"), max_length=300)

    class Meta:
        verbose_name = _("движение дней отпуска")
        verbose_name_plural = _("движения дней отпуска")
        ordering = ["start", "id"]
        indexes = [
            # An employee's balance and card section VIII; the balances of all on a date.
            models.Index(fields=["organisation", "employee", "start"], name="ledger_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


class VacationSchedule(models.Model):
    """The vacation schedule Т-7 of an organisation for a year (ТК РФ ст. 123), drafted per department."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("проект")
        APPROVED = "approved", _("утверждён")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("год"))
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(_("утверждён"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic locking: every change of the schedule or its rows raises it; a save that read an
    # older version is refused, so two editors cannot overwrite each other's changes.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("график отпусков")
        verbose_name_plural = _("графики отпусков")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="schedule_unique_year")]

    def __str__(self) -> str:
        return f"График отпусков на {self.year} год"


class PlannedLeave(models.Model):
    """One planned part of an employee's annual leave in the schedule (Т-7, columns 5–10)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    schedule = models.ForeignKey(VacationSchedule, on_delete=models.CASCADE, related_name="parts")
    department = models.ForeignKey("staff.Department", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="planned_leaves")
    start = models.DateField(_("запланированная дата"))
    days = models.PositiveSmallIntegerField(_("календарных дней"))
    # Т-7 columns 8–9: a move after approval, with its reason (the employee's request, the employer's need).
    moved_start = models.DateField(_("предполагаемая дата переноса"), null=True, blank=True)
    move_reason = models.CharField(_("основание переноса"), max_length=300, blank=True)
    notice_handed_on = models.DateField(_("уведомление вручено"), null=True, blank=True)
    order_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("часть отпуска по графику")
        verbose_name_plural = _("части отпусков по графику")
        ordering = ["start", "id"]
        indexes = [
            # A department's schedule page.
            models.Index(fields=["organisation", "schedule", "department"], name="planned_org_sched_dept_idx"),
            # The notices due and the orders to draft: by start date.
            models.Index(fields=["organisation", "start"], name="planned_org_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee}: {self.start:%d.%m.%Y}, {self.days} дн."

    @property
    def effective_start(self) -> dt.date:
        return self.moved_start or self.start


class PlannedLeaveMove(models.Model):
    """One move of a planned part of an approved schedule, with its reason (ТК РФ ст. 124; Т-7 columns 8–9).

    The part keeps only its latest date; these rows keep every move, for the department's history.
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    part = models.ForeignKey(PlannedLeave, on_delete=models.CASCADE, related_name="moves")
    from_start = models.DateField(_("было"))
    to_start = models.DateField(_("стало"))
    reason = models.CharField(_("основание переноса"), max_length=300)
    moved_on = models.DateField(_("дата переноса"))
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("перенос отпуска по графику")
        verbose_name_plural = _("переносы отпусков по графику")
        ordering = ["-moved_on", "-id"]
        indexes = [
            # A department's history of moves: the parts of one schedule.
            models.Index(fields=["organisation", "part"], name="planned_move_org_part_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_start:%d.%m.%Y} → {self.to_start:%d.%m.%Y}"
