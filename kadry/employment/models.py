"""Assignments: who holds which staffing unit, at which rate, over which period.

Assignments are derived from signed orders (the orders app, next); until then the only way to
create one is ``record_opening_assignment`` — the opening balance entered when a school starts
keeping its records in Kadry, with the paper order it rests on named in ``basis``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def active(self, *, on: dt.date) -> AssignmentQuerySet:
        """Keep the assignments in force on ``on`` (start ≤ on ≤ end, open end allowed)."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class Assignment(models.Model):
    class Kind(models.TextChoices):
        # Sorted so that the main job comes first when an employee holds several.
        MAIN = "1_main", _("основная работа")
        INTERNAL_PART_TIME = "2_internal", _("внутреннее совместительство")
        EXTERNAL_PART_TIME = "3_external", _("внешнее совместительство")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="assignments")
    staffing_unit = models.ForeignKey(
        "staff.StaffingUnit", verbose_name=_("штатная единица"), on_delete=models.PROTECT, related_name="assignments"
    )
    rate = models.DecimalField(
        _("ставка"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1.5"))],
    )
    kind = models.CharField(_("вид работы"), max_length=12, choices=Kind.choices, default=Kind.MAIN)
    start = models.DateField(_("с"))
    end = models.DateField(_("по"), null=True, blank=True)
    basis = models.CharField(_("основание"), max_length=300)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("назначение")
        verbose_name_plural = _("назначения")
        ordering = ["start"]
        indexes = [
            # An employee's current placement (registry, card).
            models.Index(fields=["organisation", "employee", "start"], name="assignment_org_emp_idx"),
            # Occupancy of the staffing table on a date.
            models.Index(fields=["organisation", "staffing_unit", "start"], name="assignment_org_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="assignment_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staffing_unit}, {self.rate} ст."
