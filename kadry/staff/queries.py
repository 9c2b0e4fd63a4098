"""Read models of the staff app that several views and the API share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from kadry.staff.models import Department, StaffingUnit
from kadry.staff.rules import StaffingLine, StaffingTotals, totals


@dataclass
class StaffingTableSection:
    department: Department
    rows: list[tuple[StaffingUnit, StaffingLine]] = field(default_factory=list)

    @property
    def totals(self) -> StaffingTotals:
        return totals(line for _unit, line in self.rows)


def staffing_table(organisation_id: int, on: dt.date) -> tuple[list[StaffingTableSection], StaffingTotals]:
    """Return the staffing table on ``on`` grouped by department, with occupancy, in one query."""
    active = Q(assignments__start__lte=on) & (Q(assignments__end__isnull=True) | Q(assignments__end__gte=on))
    units = (
        StaffingUnit.objects.filter(organisation_id=organisation_id)
        .select_related("department", "position")
        .annotate(occupied=Coalesce(Sum("assignments__rate", filter=active), Value(Decimal("0"))))
        .order_by("department__order", "department__name", "position__name")
    )
    sections: dict[int, StaffingTableSection] = {}
    for unit in units:
        line = StaffingLine(rates=unit.rates, salary=unit.salary, allowance=unit.allowance, occupied=unit.occupied)
        sections.setdefault(unit.department_id, StaffingTableSection(unit.department)).rows.append((unit, line))
    result = list(sections.values())
    return result, totals(line for section in result for _unit, line in section.rows)


def department_tree(organisation_id: int) -> list[tuple[Department, int]]:
    """Return departments depth-first with their nesting level, from one query."""
    departments = list(Department.objects.filter(organisation_id=organisation_id).order_by("order", "name"))
    children: dict[int | None, list[Department]] = {}
    for department in departments:
        children.setdefault(department.parent_id, []).append(department)
    ordered: list[tuple[Department, int]] = []

    def walk(parent_id: int | None, level: int) -> None:
        for department in children.get(parent_id, []):
            ordered.append((department, level))
            walk(department.pk, level + 1)

    walk(None, 0)
    return ordered
