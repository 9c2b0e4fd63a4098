"""The timesheet (Т-13) of a department for a month: its state, its snapshot when closed, the corrections.

The filling is not stored while the month is open: it is derived on read from the calendar, the
assignments, the leave ledger and the absences, with the corrections on top. Closing stores the filling
as a snapshot, so later changes in the sources leave a closed timesheet as it was signed; a change after
the close is made on a corrective timesheet kept beside the original.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")  # fmt: skip


class Timesheet(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("первичный")
        CORRECTIVE = "corrective", _("корректирующий")

    class Status(models.TextChoices):
        OPEN = "open", _("открыт")
        CLOSED = "closed", _("закрыт")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    department = models.ForeignKey("staff.Department", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("год"))
    month = models.PositiveSmallIntegerField(_("месяц"))
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.PRIMARY)
    # 0 for the primary timesheet, 1, 2… for the corrective ones of the same month, in order.
    number = models.PositiveSmallIntegerField(_("номер корректировки"), default=0)
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by",
        verbose_name=_("корректирует"),
    )  # fmt: skip
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # Optimistic locking: every correction, the close and the corrective raise it; a change made from an
    # older version is refused, so two editors cannot lose each other's changes.
    version = models.PositiveIntegerField(default=0)
    snapshot = models.JSONField(_("заполнение на момент закрытия"), null=True, blank=True)
    closed_at = models.DateTimeField(_("закрыт"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)

    class Meta:
        verbose_name = _("табель учёта рабочего времени")
        verbose_name_plural = _("табели учёта рабочего времени")
        ordering = ["year", "month", "number"]
        constraints = [
            # The department's month: the primary timesheet and its correctives.
            models.UniqueConstraint(
                fields=["organisation", "department", "year", "month", "number"], name="timesheet_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(kind="primary", number=0, corrects__isnull=True)
                | Q(kind="corrective", number__gt=0, corrects__isnull=False),
                name="timesheet_corrective_corrects",
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="timesheet_month_range"),
        ]
        indexes = [
            # Every department's timesheet of a month (the month's list, the background fill).
            models.Index(fields=["organisation", "year", "month"], name="timesheet_org_month_idx"),
        ]

    def __str__(self) -> str:
        title = f"Табель {self.department}, {MONTHS[self.month - 1]} {self.year}"
        return f"{title} (корректирующий № {self.number})" if self.number else title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class TimesheetCorrection(models.Model):
    """A manual change of one day of one row (an assignment) with its author and reason."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    timesheet = models.ForeignKey(Timesheet, on_delete=models.PROTECT, related_name="corrections")
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="+")
    # Main and part-time jobs are separate rows of Т-13: the correction names the one it changes.
    assignment = models.ForeignKey("employment.Assignment", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("день"))
    code = models.CharField(_("код"), max_length=3)
    hours = models.DecimalField(_("часов"), max_digits=4, decimal_places=2, null=True, blank=True)
    reason = models.CharField(_("основание"), max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(_("внесено"), auto_now_add=True)

    class Meta:
        verbose_name = _("исправление табеля")
        verbose_name_plural = _("исправления табеля")
        ordering = ["id"]
        indexes = [
            # The corrections of a timesheet and of those it corrects, in the order they were made.
            models.Index(fields=["organisation", "timesheet", "id"], name="tscorr_org_sheet_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}: {self.code}"
