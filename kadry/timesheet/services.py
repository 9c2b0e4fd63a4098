"""The timesheet of a department's month: filling it from the sources, corrections, the close, correctives.

Reading a department's month costs a fixed number of queries whatever its size (assignments, leave,
absences, calendar corrections, the corrections of the chain). Every change is atomic and takes the
version the editor read (optimistic locking, as the vacation schedule does).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kadry.core.audit import record_change
from kadry.core.jobs import finish_job, save_job, take_job
from kadry.core.models import BackgroundJob, ChangeRecord, Membership, Organisation
from kadry.employment.models import Assignment
from kadry.staff.models import Department
from kadry.timesheet import rules
from kadry.timesheet.models import MONTHS, Timesheet, TimesheetCorrection
from kadry.timesheet.month_grid import Grid, derive, filling, month_chain, to_snapshot

logger = logging.getLogger(__name__)

SECTION = "Табель"
ACCESS_WHAT = "Табель учёта рабочего времени"  # what the access log says was opened
STALE = "Табель уже изменил другой пользователь. Обновите страницу и внесите изменения ещё раз."
CLOSED = "Табель закрыт: исправление вносится в корректирующий табель."


def _locked(sheet: Timesheet, version: int, *, open_only: bool = False) -> Timesheet:
    locked = Timesheet.objects.select_for_update().select_related("department").get(pk=sheet.pk)
    # A form read before the close is stale too, but the close is what its author needs to know.
    if open_only and locked.is_closed:
        raise ValidationError(CLOSED)
    if locked.version != version:
        raise ValidationError({"version": STALE})
    return locked


def _bump(sheet: Timesheet) -> None:
    Timesheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    sheet.refresh_from_db(fields=["version"])


@dataclass(frozen=True)
class CellChange:
    assignment: Assignment
    day: dt.date
    code: str
    hours: Decimal | None


@transaction.atomic
def correct(*, actor: Any, timesheet: Timesheet, version: int, changes: Sequence[CellChange], reason: str) -> Timesheet:
    """Set the code and hours of the days in ``changes`` by hand, all or nothing, with one reason."""
    sheet = _locked(timesheet, version, open_only=True)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = "Укажите основание исправления (документ, служебная записка)."
    if not changes:
        errors["__all__"] = "Не выбран ни один день."
    for change in changes:
        assignment = change.assignment
        if (
            assignment.organisation_id != sheet.organisation_id
            or assignment.staffing_unit.department_id != sheet.department_id
        ):
            errors["assignment"] = "Этот сотрудник не работает в подразделении табеля."
        elif (change.day.year, change.day.month) != (sheet.year, sheet.month):
            errors["start"] = f"День должен быть в месяце табеля ({sheet.month:02}.{sheet.year})."
        elif change.day < assignment.start or (assignment.end is not None and change.day > assignment.end):
            errors["start"] = f"{change.day:%d.%m.%Y} сотрудник не работал на этой должности."
        for field, message in rules.correction_errors(change.code, change.hours).items():
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    TimesheetCorrection.objects.bulk_create(
        TimesheetCorrection(
            organisation_id=sheet.organisation_id, timesheet=sheet, employee_id=c.assignment.employee_id,
            assignment=c.assignment, day=c.day, code=c.code, hours=c.hours, reason=reason.strip(), author=actor,
        )
        for c in changes
    )  # fmt: skip
    _bump(sheet)
    by_employee: dict[Any, list[CellChange]] = defaultdict(list)
    for change in changes:
        by_employee[change.assignment.employee].append(change)
    for employee, own in by_employee.items():
        days = ", ".join(f"{c.day:%d.%m}: {c.code} {rules.hours_text(c.hours)}".rstrip() for c in own)
        record_change(
            actor=actor, organisation_id=sheet.organisation_id, subject=employee, section=SECTION,
            action=ChangeRecord.Action.UPDATE, obj=sheet, before={"Табель": ""},
            after={"Табель": f"{days} ({reason.strip()})"},
        )  # fmt: skip
    return sheet


@transaction.atomic
def close(*, actor: Any, timesheet: Timesheet, version: int) -> Timesheet:
    """Close the month: store the filling as it is now and lock the timesheet."""
    sheet = _locked(timesheet, version)
    if sheet.is_closed:
        raise ValidationError("Табель уже закрыт.")
    sheet.snapshot = to_snapshot(derive(sheet))
    sheet.status = Timesheet.Status.CLOSED
    sheet.closed_at = timezone.now()
    sheet.closed_by = actor
    sheet.save(update_fields=["snapshot", "status", "closed_at", "closed_by"])
    _bump(sheet)
    # The history of the department: the close is what makes the month evidence (it locks the filling).
    record_change(
        actor=actor, organisation_id=sheet.organisation_id, subject=sheet.department, section=SECTION,
        action=ChangeRecord.Action.UPDATE, obj=sheet, before={"Состояние": str(Timesheet.Status.OPEN.label)},
        after={"Состояние": str(Timesheet.Status.CLOSED.label)},
    )  # fmt: skip
    return sheet


@transaction.atomic
def open_corrective(*, actor: Any, timesheet: Timesheet, version: int) -> Timesheet:
    """Start a corrective timesheet of a closed one: the latest of its month, filled afresh from the sources."""
    sheet = _locked(timesheet, version)
    if not sheet.is_closed:
        raise ValidationError("Табель ещё открыт: исправления вносятся в него самого.")
    if Timesheet.objects.filter(corrects=sheet).exists():
        raise ValidationError("Корректирующий табель к этому табелю уже создан.")
    corrective = Timesheet.objects.create(
        organisation_id=sheet.organisation_id, department_id=sheet.department_id, year=sheet.year,
        month=sheet.month, kind=Timesheet.Kind.CORRECTIVE, number=sheet.number + 1, corrects=sheet,
    )  # fmt: skip
    _bump(sheet)
    record_change(
        actor=actor, organisation_id=sheet.organisation_id, subject=sheet.department, section=SECTION,
        action=ChangeRecord.Action.CREATE, obj=corrective, after={"Корректирующий табель": str(corrective)},
    )  # fmt: skip
    return corrective


def differences(grid: Grid, before: Grid) -> set[tuple[int, int]]:
    """Return the (assignment, day index) cells of ``grid`` that differ from ``before`` (a corrective's changes)."""
    old = {row.assignment_id: row.cells for row in before.rows}
    result = set()
    for row in grid.rows:
        cells = old.get(row.assignment_id, [None] * len(row.cells))
        result |= {(row.assignment_id, i) for i, (a, b) in enumerate(zip(row.cells, cells, strict=True)) if a != b}
    return result


@dataclass(frozen=True)
class FillReport:
    departments: int
    closed: int  # of them already closed: their snapshot is read, not the sources
    rows: int
    hours: Decimal


def fill_month(
    organisation_ids: Sequence[int], year: int, month: int, *, progress: Callable[[int, int], None] | None = None
) -> FillReport:
    """Open the timesheet of every department of the organisations for the month and compute its filling.

    Each department costs the same few queries as its page; ``progress(done, total)`` is called after each.
    """
    departments = list(
        Department.objects.filter(organisation_id__in=organisation_ids).order_by("organisation_id", "order", "name")
    )
    closed = rows = 0
    hours = Decimal(0)
    for done, department in enumerate(departments, start=1):
        # All or nothing per department, not per organisation: a department's timesheet is the unit
        # that is kept, closed and corrected on its own, opening it is its only write and is idempotent,
        # so a run that stops at the 700th of 1,000 schools keeps what it opened and a second run goes
        # on from there; one transaction per organisation would hold SQLite's write lock for a whole
        # school and undo finished timesheets for nothing.
        sheet = month_chain(department.organisation_id, department, year, month)[-1]
        sheet.department = department
        closed += sheet.is_closed
        grid = filling(sheet)
        rows += len(grid.rows)
        hours += sum((row.totals.hours for row in grid.rows), Decimal(0))
        if progress is not None:
            progress(done, len(departments))
    return FillReport(len(departments), closed, rows, hours)


# The roles that keep the timesheet in an organisation; a centralised HR service fills the month of
# every school where its user holds one of them.
HR_ROLES = (Membership.Role.HR_HEAD, Membership.Role.HR_INSPECTOR)


def organisations_to_fill(membership: Membership) -> list[int]:
    """Return the organisations whose month the membership fills: its own, or for a centralised HR service
    every organisation where the user is an active HR head or inspector."""
    if membership.organisation.kind != Organisation.Kind.HR_SERVICE:
        return [membership.organisation_id]
    return sorted(
        set(
            Membership.objects.filter(user_id=membership.user_id, is_active=True, role__in=HR_ROLES).values_list(
                "organisation_id", flat=True
            )
        )
        | {membership.organisation_id}
    )


def create_fill_job(*, membership: Membership, year: int, month: int) -> BackgroundJob:
    """Create the queued job filling the month (``tasks.start_fill`` queues it); the organisations are
    fixed now, so the job fills what its author could act in when starting it."""
    return BackgroundJob.objects.create(
        organisation_id=membership.organisation_id,
        kind=BackgroundJob.Kind.TIMESHEET_FILL,
        title=f"Заполнение табелей всех подразделений: {MONTHS[month - 1]} {year}",
        params={"year": year, "month": month, "organisations": organisations_to_fill(membership)},
        created_by=membership.user,
        created_at=timezone.now(),
    )


def run_fill_job(job_id: int) -> None:
    """Fill the job's month, saving progress (departments done of the total) on the job row as it goes."""
    job = take_job(job_id)
    if job is None:
        return  # Already taken by another worker, or retried after it finished.
    done = total = 0
    shown = -1

    def progress(finished: int, of: int) -> None:
        nonlocal done, total, shown
        done, total = finished, of
        percent = 1 + 98 * finished // of
        # A save per percent, not per department: 1,000 schools have tens of thousands of departments.
        if percent != shown or finished == of:
            shown = percent
            save_job(job, progress=percent, result={"done": finished, "total": of})

    try:
        report = fill_month(job.params["organisations"], job.params["year"], job.params["month"], progress=progress)
    except Exception:
        logger.exception("Timesheet fill job %s failed", job_id)
        finish_job(
            job,
            BackgroundJob.Status.FAILED,
            error=f"Заполнение остановилось из-за ошибки: заполнено подразделений {done} из {total}. "
            "Заполненные табели сохранены — запустите заполнение снова, готовые табели не изменятся.",
            result={"done": done, "total": total},
        )
        return
    finish_job(
        job,
        BackgroundJob.Status.DONE,
        result={
            "done": report.departments, "total": report.departments, "closed": report.closed,
            "rows": report.rows, "hours": rules.hours_text(report.hours),
            "organisations": len(job.params["organisations"]),
        },
    )  # fmt: skip
