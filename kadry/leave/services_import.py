"""Import of a draft vacation schedule from a file: read it within bounds, plan it against the organisation,
preview it with the page's checks, write it all or nothing.

It runs in the request, not as a background job like the employee import: a school's schedule is a few
hundred rows (one to three parts for each of at most a few hundred people), checked and written in well
under a second. The file is bounded by the employee import's limits (``KADRY_IMPORT_*``) and, tighter,
by ``MAX_ROWS`` rows, so a request never holds more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db import transaction

from kadry.core.uploads import table_limits
from kadry.employment.models import Assignment
from kadry.leave import schedule as schedules
from kadry.leave.importing import HEADERS, Directory, ScheduleImportPlan, plan_import
from kadry.leave.models import PlannedLeave, VacationSchedule
from kadry.lib.tables import TableError, read_table
from kadry.lib.xlsx import table_to_xlsx
from kadry.staff.models import Department, Employee

__all__ = ["TableError", "commit_import", "plan_for", "preview", "read_schedule_table", "template_xlsx"]

# The synchronous bound: 2,000 rows are three parts each for over 600 people, more than a school has.
MAX_ROWS = 2_000


def read_schedule_table(content: bytes, filename: str) -> tuple[list[Any], list[list[Any]]]:
    """Return the header and rows of an uploaded CSV or XLSX (openpyxl read-only, cached values only:
    a formula is never computed here) within the upload limits and ``MAX_ROWS``."""
    limits = table_limits()
    return read_table(content, filename, dataclasses.replace(limits, max_rows=min(limits.max_rows, MAX_ROWS)))


def template_xlsx(year: int) -> bytes:
    """Return the import template: the columns and one example row."""
    example = ["0042", "Иванова Мария Петровна", "14.03.1985", f"01.07.{year}", 28, "МО математики"]
    return table_to_xlsx(f"График отпусков {year}", HEADERS, [example])


def directory_for(schedule: VacationSchedule) -> Directory:
    """Return the organisation's employees, their departments on 1 January and its departments (three queries)."""
    organisation_id = schedule.organisation_id
    employees = list(
        Employee.objects.of(organisation_id).only(
            "organisation_id", "personnel_number", "last_name", "first_name", "middle_name", "birth_date"
        )
    )
    departments = list(Department.objects.filter(organisation_id=organisation_id).order_by("order", "name"))
    by_pk = {department.pk: department for department in departments}
    departments_of: dict[int, list[Department]] = defaultdict(list)
    active = (
        Assignment.objects.filter(organisation_id=organisation_id)
        .active(on=dt.date(schedule.year, 1, 1))
        .order_by("kind", "start")  # the main job's department first
        .values_list("employee_id", "staffing_unit__department_id")
    )
    for employee_id, department_id in active:
        if by_pk[department_id] not in departments_of[employee_id]:
            departments_of[employee_id].append(by_pk[department_id])
    return Directory(schedule.year, employees, dict(departments_of), departments)


def plan_for(*, schedule: VacationSchedule, header: list[Any], rows: list[list[Any]]) -> ScheduleImportPlan:
    return plan_import(header, rows, directory=directory_for(schedule))


@dataclasses.dataclass(frozen=True)
class DepartmentPreview:
    plan: schedules.DepartmentPlan  # the department as it will be, with the page's checks (warnings)
    parts_now: int  # the parts it holds today, all replaced


def preview(schedule: VacationSchedule, plan: ScheduleImportPlan) -> list[DepartmentPreview]:
    """Return each department the file names as the import will leave it, with the schedule's checks.

    The problems (a part under 14 days, the entitlement not all planned, a teacher outside the summer,
    the department's coverage) are warnings here as on the page: they do not stop the import.
    """
    parts_of = {
        department: [
            PlannedLeave(
                organisation_id=schedule.organisation_id, schedule=schedule, department=department,
                employee=part.employee, start=part.start, days=part.days,
            )
            for part in parts
        ]
        for department, parts in plan.by_department().items()
    }  # fmt: skip
    now = Counter(
        PlannedLeave.objects.filter(schedule=schedule, department__in=list(parts_of)).values_list(
            "department_id", flat=True
        )
    )
    checked = schedules.check_plans(schedule, parts_of) if parts_of else []
    return [DepartmentPreview(result, now[result.department.pk]) for result in checked]


@transaction.atomic
def commit_import(
    *, actor: Any, schedule: VacationSchedule, version: int, plan: ScheduleImportPlan
) -> VacationSchedule:
    """Replace the parts of every department the error-free ``plan`` names, all or nothing.

    The same writer as the department page (``save_plans``): the version read by the dry run is checked
    (a stale import is refused like a stale form) and the history written for each employee changed.
    """
    if plan.errors:
        raise ValueError("An import plan with errors is not written.")
    rows = {
        department: [schedules.PlanRow(part.employee, part.start, part.days) for part in parts]
        for department, parts in plan.by_department().items()
    }
    return schedules.save_plans(actor=actor, schedule=schedule, version=version, plans=rows)
