"""The timesheet's grid of a department's month: derived from the sources (assignments, leave, absences,
calendar corrections, the corrections of the chain) in a fixed number of queries whatever its size, and kept
as a snapshot when the month is closed. The changes (corrections, the close, correctives) are in ``services``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from kadry.absences.models import Absence
from kadry.employment.models import Assignment
from kadry.leave.balances import corrections as calendar_corrections
from kadry.leave.models import LedgerEntry
from kadry.lib import calendar
from kadry.staff.models import Department, Position
from kadry.timesheet import rules
from kadry.timesheet.models import Timesheet, TimesheetCorrection


@dataclass
class Row:
    """One row of Т-13: an employee's assignment (main and part-time jobs are separate rows)."""

    assignment_id: int
    employee_id: int
    name: str
    personnel_number: str
    position: str
    kind: str  # the assignment's kind, as displayed
    rate: str
    week: int
    cells: list[rules.Cell | None]  # one per day of the month; None outside the assignment
    norm_hours: Decimal  # the row's norm: its hours over the working days it is in force
    corrected: set[int]  # indexes of the days changed by hand
    days: list[dt.date]

    @property
    def totals(self) -> rules.Totals:
        return rules.totals(list(zip(self.days, self.cells, strict=True)))


@dataclass
class Grid:
    year: int
    month: int
    days: list[dt.date]
    norm: calendar.Norm
    rows: list[Row]
    day_kinds: list[str]  # per day: "" working, "short" shortened, "off" non-working


def timesheet_for(organisation_id: int, department: Department, year: int, month: int) -> Timesheet:
    """Return the department's primary timesheet of the month, made when first asked for."""
    sheet, _created = Timesheet.objects.get_or_create(
        organisation_id=organisation_id, department=department, year=year, month=month, number=0
    )
    return sheet


def month_chain(organisation_id: int, department: Department, year: int, month: int) -> list[Timesheet]:
    """Return the month's primary timesheet and its correctives, in order; the primary is made when the
    month is first opened. One query once it exists."""
    chain = list(
        Timesheet.objects.filter(
            organisation_id=organisation_id, department=department, year=year, month=month
        ).order_by("number")
    )  # fmt: skip
    return chain or [timesheet_for(organisation_id, department, year, month)]


def chain_of(primary: Timesheet) -> list[Timesheet]:
    """Return the primary timesheet and its correctives, in order (one query)."""
    return list(
        Timesheet.objects.filter(
            organisation_id=primary.organisation_id, department_id=primary.department_id,
            year=primary.year, month=primary.month,
        ).order_by("number")
    )  # fmt: skip


def _assignments(sheet: Timesheet, first: dt.date, last: dt.date) -> list[Assignment]:
    return list(
        Assignment.objects.filter(
            organisation_id=sheet.organisation_id, staffing_unit__department_id=sheet.department_id, start__lte=last,
        )
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .select_related("employee", "staffing_unit__position")
        # The card's many columns are not needed here: a month of 50 rows read them for half its time.
        .only("start", "end", "rate", "kind", "employee_id", "staffing_unit_id", "employee__last_name",
              "employee__first_name", "employee__middle_name", "employee__personnel_number",
              "staffing_unit__position__name", "staffing_unit__position__category")
        .order_by("employee__last_name", "employee__first_name", "employee__middle_name", "employee_id", "kind",
                  "start")
    )  # fmt: skip


def _leave_spans(organisation_id: int, employee_ids: set[int], first: dt.date, last: dt.date) -> dict[int, list]:
    """Return employee → [(leave kind, start, end)] of the live leave, recalls cut off (ТК ст. 125)."""
    entries = LedgerEntry.objects.filter(
        organisation_id=organisation_id, employee_id__in=employee_ids, start__lte=last, end__gte=first,
        kind__in=[LedgerEntry.Kind.USED, LedgerEntry.Kind.RECALLED], reversed_by__isnull=True,
    ).order_by("start", "id")  # fmt: skip
    used: dict[int, list[list[Any]]] = defaultdict(list)
    recalls = []
    for entry in entries:
        if entry.kind == LedgerEntry.Kind.USED:
            used[entry.employee_id].append([entry.leave_kind, entry.start, entry.end])
        else:
            recalls.append(entry)
    for recall in recalls:
        for span in used[recall.employee_id]:
            if span[0] == recall.leave_kind and span[1] < recall.start <= span[2]:
                span[2] = recall.start - dt.timedelta(days=1)
    return {employee: [tuple(span) for span in spans] for employee, spans in used.items()}


def _absences(organisation_id: int, employee_ids: set[int], first: dt.date, last: dt.date) -> dict[int, list]:
    result: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        organisation_id=organisation_id, employee_id__in=employee_ids, start__lte=last, end__gte=first
    ):
        result[absence.employee_id].append(absence)
    return result


def _corrections_of(sheet: Timesheet) -> list[TimesheetCorrection]:
    """Return the corrections of ``sheet`` and of the timesheets it corrects, oldest first."""
    return list(
        TimesheetCorrection.objects.filter(
            organisation_id=sheet.organisation_id, timesheet__department_id=sheet.department_id,
            timesheet__year=sheet.year, timesheet__month=sheet.month, timesheet__number__lte=sheet.number,
        ).order_by("timesheet__number", "id")
    )  # fmt: skip


def derive(sheet: Timesheet) -> Grid:
    """Return the filling of an open timesheet: the sources, then the corrections of its chain."""
    days = rules.days_of_month(sheet.year, sheet.month)
    first, last = days[0], days[-1]
    own = calendar_corrections([sheet.year])
    year = calendar.year_calendar(sheet.year, own)
    norm = calendar.month_norm(sheet.year, sheet.month, own)
    assignments = _assignments(sheet, first, last)
    employee_ids = {a.employee_id for a in assignments}
    leave = _leave_spans(sheet.organisation_id, employee_ids, first, last)
    absences = _absences(sheet.organisation_id, employee_ids, first, last)
    corrections: dict[tuple[int, dt.date], TimesheetCorrection] = {}
    for made in _corrections_of(sheet):
        corrections[(made.assignment_id, made.day)] = made
    # The calendar's facts of each day, once for all rows.
    working_days = [year.is_working_day(day) for day in days]
    shortened = [day in year.shortened for day in days]
    holidays = [calendar.is_public_holiday(day) for day in days]
    # get_kind_display() hashes every lazily translated label on each call; once per month is enough.
    kind_names = {value: str(label) for value, label in Assignment.Kind.choices}
    hours_of: dict[tuple[int, Decimal, bool], Decimal] = {}
    plain: dict[tuple[bool, bool, Decimal], rules.Cell] = {}
    corrected_assignments = {assignment_id for assignment_id, _day in corrections}
    # Most rows of a month are the calendar alone (no leave, absence or correction): equal for equal
    # week, rate and dates worked, so such a row is filled once and copied.
    plain_rows: dict[tuple[Any, ...], tuple[list[rules.Cell | None], Decimal]] = {}
    rows = []
    for assignment in assignments:
        position = assignment.staffing_unit.position
        week = rules.week_hours(position.category == Position.Category.PEDAGOGICAL)
        own_leave = leave.get(assignment.employee_id, [])
        own_absences = absences.get(assignment.employee_id, [])
        cells: list[rules.Cell | None] = []
        corrected: set[int] = set()
        norm_hours = Decimal(0)
        plain_row = None
        if not own_leave and not own_absences and assignment.pk not in corrected_assignments:
            plain_row = (week, assignment.rate, max(assignment.start, first), min(assignment.end or last, last))
            if plain_row in plain_rows:
                cells, norm_hours = plain_rows[plain_row]
                rows.append(_row(assignment, kind_names, week, list(cells), norm_hours, corrected, days))
                continue
        for index, day in enumerate(days):
            if day < assignment.start or (assignment.end is not None and day > assignment.end):
                cells.append(None)
                continue
            hours = Decimal(0)
            if working_days[index]:
                key = (week, assignment.rate, shortened[index])
                if key not in hours_of:
                    hours_of[key] = rules.day_hours(week, assignment.rate, shortened=shortened[index])
                hours = hours_of[key]
            norm_hours += hours
            correction = corrections.get((assignment.pk, day))
            if correction is not None:
                cells.append(rules.Cell(correction.code, correction.hours))
                corrected.add(index)
                continue
            if not own_leave and not own_absences:
                # Most days of most people: the calendar alone decides; one cell per kind of day.
                plain_key = (working_days[index], holidays[index], hours)
                if plain_key not in plain:
                    plain[plain_key] = rules.day_cell(rules.DayFacts(*plain_key))
                cells.append(plain[plain_key])
                continue
            facts = rules.DayFacts(
                working_day=working_days[index],
                public_holiday=holidays[index],
                hours=hours,
                leave_kinds=frozenset(k for k, s, e in own_leave if s <= day <= e),
                absences=tuple(
                    rules.AbsenceFact(a.kind, a.sick_reason, a.minutes_late or 0)
                    for a in own_absences
                    if a.start <= day <= a.end
                ),
            )
            cells.append(rules.day_cell(facts))
        if plain_row is not None:
            plain_rows[plain_row] = (cells, norm_hours)
        rows.append(_row(assignment, kind_names, week, list(cells), norm_hours, corrected, days))
    day_kinds = ["" if w and not s else "short" if w else "off" for w, s in zip(working_days, shortened, strict=True)]
    return Grid(sheet.year, sheet.month, days, norm, rows, day_kinds)


def _row(
    assignment: Assignment, kind_names: dict[str, str], week: int, cells: list[rules.Cell | None],
    norm_hours: Decimal, corrected: set[int], days: list[dt.date],
) -> Row:  # fmt: skip
    employee = assignment.employee
    return Row(assignment.pk, employee.pk, employee.full_name, employee.personnel_number,
               assignment.staffing_unit.position.name, kind_names[assignment.kind],
               f"{assignment.rate.normalize():f}", week, cells, norm_hours, corrected, days)  # fmt: skip


def _norm_out(norm: calendar.Norm) -> dict[str, Any]:
    return {"calendar_days": norm.calendar_days, "working_days": norm.working_days, "days_off": norm.days_off,
            "shortened_days": norm.shortened_days, "hours": {str(k): str(v) for k, v in norm.hours.items()}}  # fmt: skip


def to_snapshot(grid: Grid) -> dict[str, Any]:
    """Return the filling as plain JSON, as it is stored when the month is closed."""
    return {
        "norm": _norm_out(grid.norm),
        "day_kinds": grid.day_kinds,
        "rows": [
            {"assignment": r.assignment_id, "employee": r.employee_id, "name": r.name,
             "personnel_number": r.personnel_number, "position": r.position, "kind": r.kind, "rate": r.rate,
             "week": r.week, "norm_hours": str(r.norm_hours), "corrected": sorted(r.corrected),
             "cells": [None if c is None else [c.code, None if c.hours is None else str(c.hours)] for c in r.cells]}
            for r in grid.rows
        ],
    }  # fmt: skip


def from_snapshot(sheet: Timesheet) -> Grid:
    data = sheet.snapshot or {}
    days = rules.days_of_month(sheet.year, sheet.month)
    n = data["norm"]
    norm = calendar.Norm(n["calendar_days"], n["working_days"], n["days_off"], n["shortened_days"],
                         {int(k): Decimal(v) for k, v in n["hours"].items()})  # fmt: skip
    rows = [
        Row(r["assignment"], r["employee"], r["name"], r["personnel_number"], r["position"], r["kind"], r["rate"],
            r["week"],
            [None if c is None else rules.Cell(c[0], None if c[1] is None else Decimal(c[1])) for c in r["cells"]],
            Decimal(r["norm_hours"]), set(r["corrected"]), days)
        for r in data["rows"]
    ]  # fmt: skip
    return Grid(sheet.year, sheet.month, days, norm, rows, data["day_kinds"])


def filling(sheet: Timesheet) -> Grid:
    """Return what the timesheet shows: its snapshot once closed, else the live filling."""
    return from_snapshot(sheet) if sheet.is_closed else derive(sheet)
