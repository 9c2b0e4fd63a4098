"""Read models of the staff app that several views and the API share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from kadry.staff.models import Department, Education, Employee, StaffingUnit
from kadry.staff.rules import StaffingLine, StaffingTotals, totals


@dataclass
class StaffingTableSection:
    department: Department
    rows: list[tuple[StaffingUnit, StaffingLine]] = field(default_factory=list)

    @property
    def totals(self) -> StaffingTotals:
        return totals(line for _unit, line in self.rows)


# What a registry row (page or API) shows; the card's other columns are not read for a list.
LIST_FIELDS = ("id", "organisation_id", "personnel_number", "last_name", "first_name", "middle_name")


@dataclass(frozen=True)
class Placement:
    """Where an employee works on a date: the main current job, or why there is none."""

    position_name: str | None = None
    position_category: str | None = None
    department_id: int | None = None
    department_name: str | None = None
    is_working: bool = False
    was_hired: bool = False

    @property
    def status(self) -> str:
        if self.is_working:
            return Employee.Status.WORKING
        return Employee.Status.DISMISSED if self.was_hired else Employee.Status.NOT_HIRED


NOWHERE = Placement()


# The columns of an assignment that place an employee (see ``placements_from``), after ``employee_id``.
PLACEMENT_FIELDS = (
    "kind",
    "start",
    "end",
    "staffing_unit__position__name",
    "staffing_unit__position__category",
    "staffing_unit__department_id",
    "staffing_unit__department__name",
)


def placements_from(rows: Iterable[tuple], on: dt.date) -> dict[int, Placement]:
    """Return where each employee works on ``on`` from their assignments begun by then.

    ``rows`` are ``(employee_id, *PLACEMENT_FIELDS)`` in any order. The main job is the first current
    assignment by kind (main work sorts first, see ``Assignment.Kind``) and start.
    """
    chosen: dict[int, tuple] = {}
    placements: dict[int, Placement] = {}
    for employee_id, kind, start, end, position_name, category, department_id, department_name in rows:
        if end is not None and end < on:
            placements.setdefault(employee_id, Placement(was_hired=True))
            continue
        key = (kind, start)
        if employee_id in chosen and chosen[employee_id] <= key:
            continue
        chosen[employee_id] = key
        placements[employee_id] = Placement(position_name, category, department_id, department_name, True, True)
    return placements


def placements_of(organisation_ids: Iterable[int], employee_ids: list[int], on: dt.date) -> dict[int, Placement]:
    """Return where the employees work on ``on`` (see ``placements_from``), from one indexed query."""
    if not employee_ids:
        return {}
    assignment_model = apps.get_model("employment", "Assignment")
    rows = assignment_model.objects.filter(
        organisation_id__in=set(organisation_ids), employee_id__in=employee_ids, start__lte=on
    ).values_list("employee_id", *PLACEMENT_FIELDS)
    return placements_from(rows, on)


def attach_placement(employees: Sequence[Employee], on: dt.date) -> Sequence[Employee]:
    """Set ``employee.placement`` on each employee from one query over their assignments.

    A page of the registry is placed after it is cut, so the cost is one indexed query for the
    page's employees, not a subquery per row of the whole organisation.
    """
    if not employees:
        return employees
    placements = placements_of(
        {employee.organisation_id for employee in employees}, [employee.pk for employee in employees], on
    )
    for employee in employees:
        employee.placement = placements.get(employee.pk, NOWHERE)
    return employees


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


def has_vocational_or_higher_education(employee: Employee) -> bool:
    """Return whether the card holds secondary vocational or higher education (what ТК РФ ст. 331 asks of pedagogues)."""
    return Education.objects.filter(
        organisation_id=employee.organisation_id, employee=employee, level__in=Education.VOCATIONAL_OR_HIGHER
    ).exists()


def personnel_number_holder(employee: Employee, number: str) -> Employee | None:
    """Return another employee of ``employee``'s organisation who holds the personnel number ``number``."""
    return (
        Employee.objects.filter(organisation_id=employee.organisation_id, personnel_number=number)
        .exclude(pk=employee.pk)
        .first()
    )


def next_free_personnel_number(organisation_id: int) -> str:
    """Return the next free personnel number past every employee's of the organisation."""
    from kadry.staff.rules import next_personnel_number

    held = Employee.objects.filter(organisation_id=organisation_id).exclude(personnel_number="")
    return next_personnel_number(held.values_list("personnel_number", flat=True))
