"""API of the timesheet: a department's month with each employee's codes and hours per day and the totals.

Thin, like the views: access (capability + organisation scope) → the timesheet's filling. A department
of another organisation, or a role that may not read personal data, answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.core.access import denied_as, require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib import calendar
from kadry.staff.models import Department
from kadry.timesheet import month_grid, services

router = Router(tags=["Табель учёта рабочего времени"])


class TimesheetDayOut(Schema):
    date: dt.date
    code: str = Field(description="буквенный код формы Т-13: «Я», «В», «ОТ», «Б», «К»…")
    number: str = Field(description="цифровой код формы Т-13: «01», «26», «09», «19», «06»…")
    hours: str | None = Field(description="часы за день десятичной строкой, где они есть")
    corrected: bool = Field(description="день исправлен вручную")


class TotalsOut(Schema):
    days_worked: int
    hours_worked: str
    first_half_days: int
    first_half_hours: str
    second_half_days: int
    second_half_hours: str
    norm_hours: str = Field(description="норма часов строки за дни, когда действует назначение")
    absences: dict[str, int] = Field(description="неявки: буквенный код → дней (выходные не считаются)")


class RowOut(Schema):
    employee_id: int
    assignment_id: int
    name: str
    personnel_number: str
    position: str
    employment_kind: str
    rate: str
    week_hours: int
    days: list[TimesheetDayOut] = Field(description="дни месяца, когда действует назначение")
    totals: TotalsOut


class NormOut(Schema):
    working_days: int
    shortened_days: int
    hours: dict[str, str] = Field(description="норма часов по длине недели: «40», «36», «24»")


class TimesheetOut(Schema):
    department_id: int
    year: int
    month: int
    number: int = Field(description="0 — первичный табель, 1, 2… — корректирующие")
    status: str = Field(description="open — открыт, closed — закрыт")
    norm: NormOut
    rows: list[RowOut]


def _decimal(value: Any) -> str:
    return format(value.normalize(), "f")


@router.get("/timesheets/{department_id}/{year}-{month}", response=TimesheetOut)
def timesheet(request: MemberRequest, department_id: int, year: int, month: int) -> dict[str, Any]:
    """Return the department's timesheet of the month (the latest: a corrective one if there is one)."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    if not (calendar.FIRST_YEAR <= year <= timezone.localdate().year + 1 and 1 <= month <= 12):
        raise InvalidInput({"month": [f"Табель ведётся с {calendar.FIRST_YEAR} года по следующий год, месяцы 01–12."]})
    with denied_as(Department, department_id):
        department = get_object_or_404(Department, organisation_id=membership.organisation_id, pk=department_id)
    sheet = month_grid.month_chain(membership.organisation_id, department, year, month)[-1]
    sheet.department = department
    grid = month_grid.filling(sheet)
    rows = []
    for row in grid.rows:
        totals = row.totals
        days = [
            {"date": day, "code": cell.code, "number": cell.number,
             "hours": None if cell.hours is None else _decimal(cell.hours), "corrected": index in row.corrected}
            for index, (day, cell) in enumerate(zip(grid.days, row.cells, strict=True))
            if cell is not None
        ]  # fmt: skip
        rows.append(
            {"employee_id": row.employee_id, "assignment_id": row.assignment_id, "name": row.name,
             "personnel_number": row.personnel_number, "position": row.position, "employment_kind": row.kind,
             "rate": row.rate, "week_hours": row.week, "days": days,
             "totals": {"days_worked": totals.days, "hours_worked": _decimal(totals.hours),
                        "first_half_days": totals.first_half_days,
                        "first_half_hours": _decimal(totals.first_half_hours),
                        "second_half_days": totals.second_half_days,
                        "second_half_hours": _decimal(totals.second_half_hours),
                        "norm_hours": _decimal(row.norm_hours), "absences": totals.absences}}
        )  # fmt: skip
    record_access(membership=membership, subject=sheet, what=services.ACCESS_WHAT, request=request, channel="api")
    return {
        "department_id": department.pk, "year": year, "month": month, "number": sheet.number,
        "status": sheet.status,
        "norm": {"working_days": grid.norm.working_days, "shortened_days": grid.norm.shortened_days,
                 "hours": {str(week): _decimal(hours) for week, hours in grid.norm.hours.items()}},
        "rows": rows,
    }  # fmt: skip
