"""API of leave: the production calendar of a year, the end of a leave, an employee's leave balance.

Thin, like the views: access helper → the rows → the pure rules. An employee of another organisation,
or a role that may not read personal data, answers 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.leave import balances
from kadry.lib import calendar
from kadry.staff.access import get_employee_for

router = Router(tags=["Отпуска и производственный календарь"])

ACCESS_LOG_WHAT = "Остаток отпуска"


def _days(value: Decimal) -> str:
    return f"{value:.2f}"


class MonthOut(Schema):
    month: int
    calendar_days: int
    working_days: int
    days_off: int
    shortened_days: int
    hours: dict[str, str] = Field(description="норма часов по длине недели: «40», «36», «24»")


class CalendarOut(Schema):
    year: int
    working_days: int
    hours: dict[str, str]
    months: list[MonthOut]
    quarters: list[MonthOut] = Field(description="«month» здесь — номер квартала")
    holidays: list[dt.date] = Field(description="нерабочие праздничные дни (ТК РФ ст. 112)")
    moved_days_off: list[dt.date] = Field(description="перенесённые выходные: выходные, не праздники")
    working_weekends: list[dt.date]
    shortened_days: list[dt.date] = Field(description="предпраздничные дни на час короче (ТК РФ ст. 95)")


def _norm_out(number: int, norm: calendar.Norm) -> dict[str, Any]:
    return {
        "month": number,
        "calendar_days": norm.calendar_days,
        "working_days": norm.working_days,
        "days_off": norm.days_off,
        "shortened_days": norm.shortened_days,
        "hours": {str(week): _hours(value) for week, value in norm.hours.items()},
    }


def _hours(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else f"{value:.1f}"


class LeaveEndOut(Schema):
    start: dt.date
    days: int
    end: dt.date
    holidays_inside: list[dt.date]


class LeaveEndQuery(Schema):
    start: dt.date
    days: int = Field(ge=1, le=1096)


@router.get("/calendar/leave-end", response=LeaveEndOut)
def leave_end(request: MemberRequest, query: Query[LeaveEndQuery]) -> dict[str, Any]:
    """Return the last day of an annual leave of ``days`` calendar days: public holidays inside extend it (ТК РФ ст. 120)."""
    require(request.membership, Capability.VIEW_STAFF)
    span = calendar.leave_end(query.start, query.days)
    return {"start": span.start, "days": span.days, "end": span.end, "holidays_inside": list(span.holidays_inside)}


@router.get("/calendar/{year}", response=CalendarOut)
def production_calendar(request: MemberRequest, year: int) -> dict[str, Any]:
    """Return the production calendar of ``year``: norms per month and quarter for 40-, 36- and 24-hour weeks."""
    require(request.membership, Capability.VIEW_STAFF)
    if not calendar.FIRST_YEAR <= year <= timezone.localdate().year + 1:
        raise InvalidInput({"year": [f"Календарь ведётся с {calendar.FIRST_YEAR} года по следующий год."]})
    corrections = balances.corrections([year])
    days = calendar.year_calendar(year, corrections)
    whole = calendar.year_norm(year, corrections)
    return {
        "year": year,
        "working_days": whole.working_days,
        "hours": {str(week): _hours(value) for week, value in whole.hours.items()},
        "months": [_norm_out(m, calendar.month_norm(year, m, corrections)) for m in range(1, 13)],
        "quarters": [_norm_out(q, calendar.quarter_norm(year, q, corrections)) for q in range(1, 5)],
        "holidays": sorted(days.public_holidays),
        "moved_days_off": sorted({*days.days_off_moved, *days.extra_days_off}),
        "working_weekends": sorted(days.working_weekends),
        "shortened_days": sorted(days.shortened),
    }


class WorkingYearOut(Schema):
    start: dt.date
    end: dt.date


class BalanceOut(Schema):
    on: dt.date
    entitlement_days: str
    accrued: str
    used: str
    balance: str
    working_year: WorkingYearOut


@router.get("/employees/{employee_id}/leave-balance", response=BalanceOut)
def leave_balance(request: MemberRequest, employee_id: int, on: dt.date | None = None) -> dict[str, Any]:
    """Return the employee's leave balance on ``on`` (today if left out): days as decimal strings, two places.

    Accrued: the yearly entitlement ÷ 12 per month worked since the hire date, a remainder under half a
    month dropped and half or more counted as a month (Правила 1930 г., п. 35); the start moves by the
    days not counted (ТК РФ ст. 121).
    """
    employee = get_employee_for(request.membership, employee_id)
    on = on or timezone.localdate()
    balance = balances.balance_for(employee, on)
    if balance is None:
        raise InvalidInput({"on": ["Сотрудник не работал на эту дату."]})
    record_access(membership=request.membership, subject=employee, what=ACCESS_LOG_WHAT, request=request, channel="api")
    return {
        "on": balance.on,
        "entitlement_days": _days(balance.entitlement_days),
        "accrued": _days(balance.accrued),
        "used": _days(balance.used),
        "balance": _days(balance.balance),
        "working_year": {"start": balance.working_year.start, "end": balance.working_year.end},
    }
