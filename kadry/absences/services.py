"""Absences: recording, correcting and deleting them, the import of sick leaves, what they imply.

Every change is atomic, names its ``actor`` and writes the employee's change history. The checks are
the pure ones of ``rules.absence_errors``, fed with the employee's other absences and assignments.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.absences import rules
from kadry.absences.models import Absence
from kadry.core.audit import record_change, snapshot
from kadry.core.jobs import (
    JobAbandoned,
    create_upload_job,
    discard_upload,
    fail_with_row_errors,
    finish_job,
    finishing,
    read_upload,
    save_job,
    take_job,
)
from kadry.core.models import BackgroundJob, ChangeRecord, Membership
from kadry.core.uploads import read_uploaded_table
from kadry.employment.models import Assignment
from kadry.employment.seniority import Source, length_of_service_on, sources_for_employee
from kadry.leave.models import CHARGED_KINDS, LedgerEntry
from kadry.lib.duration import Period
from kadry.lib.identifiers import normalise_snils
from kadry.lib.tables import RowError, TableError, parse_date
from kadry.staff.models import Employee

logger = logging.getLogger(__name__)
SECTION = "Неявки"
NOT_TRACKED = frozenset({"created_by", "employee", "order_item"})
FIELDS = ("kind", "start", "end", "sick_leave_number", "sick_reason", "continues", "care_child_age",
          "care_outpatient", "destination", "purpose", "minutes_late", "note")  # fmt: skip
# What belongs to one kind only: cleared for the others, so a trip keeps no certificate number.
KIND_FIELDS = {
    rules.SICK: {"sick_leave_number", "sick_reason", "continues", "care_child_age", "care_outpatient"},
    rules.BUSINESS_TRIP: {"destination", "purpose"},
    rules.LATENESS: {"minutes_late"},
}
BLANK: dict[str, Any] = {"sick_leave_number": "", "sick_reason": "", "continues": None, "care_child_age": None,
                         "care_outpatient": True, "destination": "", "purpose": "", "minutes_late": None}  # fmt: skip


def _other(absence: Absence) -> rules.Other:
    return rules.Other(absence.pk, absence.kind, absence.start, absence.end, absence.sick_leave_number)


def employment_of(employee: Employee) -> list[Period]:
    """Return the periods of the employee's assignments in its organisation (one query)."""
    rows = Assignment.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    return [Period(start, end) for start, end in rows.values_list("start", "end")]


def _cleaned(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name, BLANK.get(name, "")) for name in FIELDS}
    own = KIND_FIELDS.get(values["kind"], set())
    for name, blank in BLANK.items():
        if name not in own:
            values[name] = blank
    if values["sick_reason"] != rules.FAMILY_CARE:
        values["care_child_age"], values["care_outpatient"] = None, True
    values["note"] = values["note"] or ""
    return values


def errors_of(
    employee: Employee,
    values: dict[str, Any],
    *,
    current: Absence | None = None,
    others: Sequence[Absence] | None = None,
    employment: Sequence[Period] | None = None,
) -> dict[str, str]:
    """Return the messages by field for an absence of ``employee`` with ``values`` (``current`` being corrected)."""
    if others is None:
        others = list(Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee))
    if employment is None:
        employment = employment_of(employee)
    continues = values.get("continues")
    if continues is not None and continues.employee_id != employee.pk:
        return {"continues": "Продолжать можно только листок этого же сотрудника."}
    return rules.absence_errors(
        kind=values["kind"],
        start=values["start"],
        end=values["end"],
        number=values.get("sick_leave_number", ""),
        reason=values.get("sick_reason", ""),
        minutes_late=values.get("minutes_late"),
        continues=_other(continues) if continues is not None else None,
        others=[_other(o) for o in others if current is None or o.pk != current.pk],
        employment=employment,
    )


def _history(actor: Any, absence: Absence, action: str, before: dict[str, str] | None) -> None:
    after = None if action == ChangeRecord.Action.DELETE else snapshot(absence, NOT_TRACKED)
    record_change(
        actor=actor, organisation_id=absence.organisation_id, subject=absence.employee, section=SECTION,
        action=action, obj=absence, before=before, after=after,
    )  # fmt: skip


@transaction.atomic
def record_absence(*, actor: Any, employee: Employee, data: dict[str, Any]) -> Absence:
    """Record an absence of ``employee``; raise ValidationError by field when a check fails."""
    values = _cleaned(data)
    # The employee's row is locked so that two clerks cannot enter overlapping absences at once.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = errors_of(employee, values)
    if errors:
        raise ValidationError(errors)
    absence = Absence.objects.create(
        organisation_id=employee.organisation_id, employee=employee, created_by=actor, **values
    )
    _history(actor, absence, ChangeRecord.Action.CREATE, None)
    return absence


@transaction.atomic
def correct_absence(*, actor: Any, absence: Absence, data: dict[str, Any]) -> Absence:
    """Correct an absence: the same checks as a new one, the others of the employee compared."""
    if absence.order_item_id is not None:
        # The trip is what a signed order says: the register changing it would leave the order saying otherwise.
        raise ValidationError({"order_item": "Командировка внесена приказом: изменить её можно только приказом."})
    values = _cleaned({"kind": absence.kind, **data})
    Employee.objects.select_for_update().filter(pk=absence.employee_id).first()
    errors = errors_of(absence.employee, values, current=absence)
    if values["continues"] is not None and values["continues"].pk == absence.pk:
        errors["continues"] = "Листок не может продолжать сам себя."
    if errors:
        raise ValidationError(errors)
    before = snapshot(absence, NOT_TRACKED)
    for name, value in values.items():
        setattr(absence, name, value)
    absence.save(update_fields=list(values))
    _history(actor, absence, ChangeRecord.Action.UPDATE, before)
    return absence


@transaction.atomic
def delete_absence(*, actor: Any, absence: Absence) -> None:
    """Delete an absence entered by mistake; a sheet that has a continuation is kept until it is deleted first."""
    if absence.continuations.exists():
        raise ValidationError({"continues": "У листка есть продолжение: сначала удалите его."})
    if absence.order_item_id is not None:
        raise ValidationError({"order_item": "Командировка внесена приказом: её отменяет приказ."})
    before = snapshot(absence, NOT_TRACKED)
    _history(actor, absence, ChangeRecord.Action.DELETE, before)
    absence.delete()


def trip_errors(employee: Employee, *, start: Any, end: Any, exclude_order_item: Any = None) -> dict[str, str]:
    """Return the messages by field of a business trip of ``employee`` an order is to send it on.

    The same checks as an absence entered in the register: the end not before the start, the employee
    working on both days, no overlap with another absence (``exclude_order_item``'s own trip left out).
    """
    others = Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    if exclude_order_item is not None:
        others = others.exclude(order_item=exclude_order_item)
    return errors_of(employee, {"kind": rules.BUSINESS_TRIP, "start": start, "end": end}, others=list(others))


@transaction.atomic
def record_trip_of_order(
    *,
    actor: Any,
    order_item: Any,
    employee: Employee,
    start: Any,
    end: Any,
    destination: str,
    purpose: str,
    note: str = "",
) -> Absence:
    """Record the business trip a signed order sends ``employee`` on, tied to its ``order_item``."""
    values = _cleaned({"kind": rules.BUSINESS_TRIP, "start": start, "end": end, "destination": destination,
                       "purpose": purpose, "note": note})  # fmt: skip
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = trip_errors(employee, start=start, end=end, exclude_order_item=order_item)
    if errors:
        raise ValidationError(errors)
    absence = Absence.objects.create(
        organisation_id=employee.organisation_id, employee=employee, created_by=actor, order_item=order_item, **values
    )
    _history(actor, absence, ChangeRecord.Action.CREATE, None)
    return absence


@transaction.atomic
def undo_trip_of_order(*, actor: Any, order_item: Any) -> int:
    """Remove the business trips recorded by ``order_item``: its order is cancelled (the register cannot delete them)."""
    trips = list(Absence.objects.select_related("employee").filter(order_item=order_item))
    for absence in trips:
        _history(actor, absence, ChangeRecord.Action.DELETE, snapshot(absence, NOT_TRACKED))
        absence.delete()
    return len(trips)


@dataclass(frozen=True)
class LeaveNotice:
    """An illness inside an annual leave (ТК РФ ст. 124 ч. 1): the leave is extended or moved by ``days``."""

    leave: LedgerEntry
    days: int

    def __str__(self) -> str:
        return (
            f"Болезнь пришлась на ежегодный отпуск {self.leave.start:%d.%m.%Y}–{self.leave.end:%d.%m.%Y}: "
            f"он продлевается или переносится на {self.days} дн. (ТК РФ ст. 124 ч. 1) — оформите приказ."
        )


def _annual_leaves(organisation_id: int, employee_id: int) -> Any:
    return LedgerEntry.objects.filter(
        organisation_id=organisation_id,
        employee_id=employee_id,
        kind=LedgerEntry.Kind.USED,
        leave_kind__in=CHARGED_KINDS,
        reversed_by__isnull=True,
    ).order_by("start")


def _notices(absence: Absence, leaves: Sequence[LedgerEntry]) -> list[LeaveNotice]:
    if absence.kind != Absence.Kind.SICK:
        return []
    periods = {leave.pk: Period(leave.start, leave.end) for leave in leaves}
    inside = set(rules.overlapping_leaves(absence.start, absence.end, periods.values()))
    return [
        LeaveNotice(leave, rules.days_inside(absence.start, absence.end, periods[leave.pk]))
        for leave in leaves
        if periods[leave.pk] in inside
    ]


def leave_notices(absence: Absence) -> list[LeaveNotice]:
    """Return the annual leaves of the ledger a sick leave falls into; the ledger itself is not changed."""
    if absence.kind != Absence.Kind.SICK:
        return []
    leaves = _annual_leaves(absence.organisation_id, absence.employee_id).filter(
        start__lte=absence.end, end__gte=absence.start
    )
    return _notices(absence, list(leaves))


def leave_notices_of(employee: Employee, absences: Sequence[Absence]) -> dict[int, list[LeaveNotice]]:
    """Return the notices of each of ``absences`` of ``employee`` by its id: one query for all."""
    if not any(absence.kind == Absence.Kind.SICK for absence in absences):
        return {}
    leaves = list(_annual_leaves(employee.organisation_id, employee.pk))
    return {absence.pk: _notices(absence, leaves) for absence in absences}


def sick_pay_of(absence: Absence, sources: Sequence[Source] | None = None) -> rules.SickPay | None:
    """Return the sick-pay rate of a sick leave from the insurance length of service on its first day.

    ``sources``: the employee's periods of work, when the caller has read them once for many sheets.
    """
    if absence.kind != Absence.Kind.SICK or not absence.sick_reason:
        return None
    if sources is None:
        sources = sources_for_employee(absence.employee)
    insurance = length_of_service_on(sources, absence.start).insurance.duration
    return rules.sick_pay(
        absence.sick_reason, insurance, child_age=absence.care_child_age, outpatient=absence.care_outpatient
    )


# The import of sick leaves: the columns of the table (the register of ЭЛН the Social Fund's
# service or the accounting programme exports).
NUMBER, SNILS, PERSONNEL_NUMBER, START, END, REASON, CONTINUES = (
    "Номер ЭЛН", "СНИЛС", "Табельный номер", "Дата начала", "Дата окончания", "Причина", "Продолжение листка",
)  # fmt: skip
HEADERS = (NUMBER, SNILS, PERSONNEL_NUMBER, START, END, REASON, CONTINUES)
REASONS = {
    **{str(label).lower(): value for value, label in Absence.SickReason.choices},
    # The codes of the reason in the certificate (Приказ Минздрава № 1089н, приложение 2).
    "01": rules.OWN_ILLNESS, "02": rules.WORK_INJURY, "09": rules.FAMILY_CARE, "05": rules.PREGNANCY,
}  # fmt: skip


class ImportRefused(Exception):
    """The file was not imported: nothing was saved; ``errors`` say what to fix, by row and column."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


def _cell(row: Sequence[Any], index: dict[str, int], column: str) -> str:
    position = index.get(column)
    value = row[position] if position is not None and position < len(row) else None
    return "" if value is None else str(value).strip()


# How often the check of a file reports its progress: every this many rows.
PROGRESS_EVERY = 200


def plan_sick_leaves(
    *,
    organisation_id: int,
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    actor: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Absence]:
    """Check a table of sick leaves as the form checks each one; return the absences it holds, not saved.

    Each row is checked against the register and the rows above it (continuations, overlaps). Raises
    ``ImportRefused`` with every error by row and column. Writes nothing, so a background job's
    progress (``progress(done, total)``) is committed as it goes. Four queries.
    """
    index = {str(name or "").strip(): n for n, name in enumerate(header)}
    errors = [RowError(1, column, "Нет такого столбца.") for column in (NUMBER, START, END) if column not in index]
    if SNILS not in index and PERSONNEL_NUMBER not in index:
        errors.append(RowError(1, SNILS, "Нужен столбец «СНИЛС» или «Табельный номер»."))
    if errors:
        raise ImportRefused(errors)
    employees = list(Employee.objects.of(organisation_id))
    by_snils = {e.snils: e for e in employees if e.snils}
    by_number = {e.personnel_number: e for e in employees if e.personnel_number}
    absences: dict[int, list[Absence]] = {}
    for absence in Absence.objects.filter(organisation_id=organisation_id):
        absences.setdefault(absence.employee_id, []).append(absence)
    employment: dict[int, list[Period]] = {}
    for employee_id, hired, left in Assignment.objects.filter(organisation_id=organisation_id).values_list(
        "employee_id", "start", "end"
    ):
        employment.setdefault(employee_id, []).append(Period(hired, left))
    by_certificate = {a.sick_leave_number: a for own in absences.values() for a in own if a.sick_leave_number}
    created: list[Absence] = []
    for line, row in enumerate(rows, start=2):
        if progress is not None and (line - 2) % PROGRESS_EVERY == 0:
            progress(line - 2, len(rows))

        def error(column: str, message: str, line: int = line) -> None:
            errors.append(RowError(line, column, message))

        employee = None
        if snils := _cell(row, index, SNILS):
            try:
                employee = by_snils.get(normalise_snils(snils))
            except ValueError as problem:
                error(SNILS, str(problem))
                continue
        elif number := _cell(row, index, PERSONNEL_NUMBER):
            employee = by_number.get(number)
        if employee is None:
            error(SNILS if SNILS in index else PERSONNEL_NUMBER, "Сотрудник не найден в организации.")
            continue
        start, end = parse_date(_cell(row, index, START)), parse_date(_cell(row, index, END))
        if start is None or end is None:
            error(START if start is None else END, "Укажите дату в виде ДД.ММ.ГГГГ.")
            continue
        reason_text = _cell(row, index, REASON).lower()
        reason = REASONS.get(reason_text, "") if reason_text else rules.OWN_ILLNESS
        if not reason:
            error(REASON, f"Неизвестная причина «{reason_text}».")
            continue
        continues = None
        if previous := _cell(row, index, CONTINUES):
            continues = by_certificate.get(previous)
            if continues is None:
                error(CONTINUES, f"Листок № {previous} не найден ни в неявках, ни выше в файле.")
                continue
        values = _cleaned({"kind": rules.SICK, "start": start, "end": end, "continues": continues,
                           "sick_leave_number": _cell(row, index, NUMBER), "sick_reason": reason})  # fmt: skip
        own = absences.setdefault(employee.pk, [])
        problems = errors_of(employee, values, others=own, employment=employment.get(employee.pk, []))
        for field, message in problems.items():
            column = {"sick_leave_number": NUMBER, "end": END, "sick_reason": REASON, "continues": CONTINUES}
            error(column.get(field, START), message)
        if problems:
            continue
        absence = Absence(organisation_id=organisation_id, employee=employee, created_by=actor, **values)
        own.append(absence)
        by_certificate[absence.sick_leave_number] = absence
        created.append(absence)
    if errors:
        raise ImportRefused(errors)
    return created


@transaction.atomic
def import_sick_leaves(
    *,
    actor: Any,
    organisation_id: int,
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Absence]:
    """Import sick leaves from a table, all or nothing: every row checked as the form checks it.

    ``dry_run``: check the file and return what it would import, saving nothing. The check is made
    again inside the transaction of the writes, so a register changed since a first check is honoured.
    """
    created = plan_sick_leaves(
        organisation_id=organisation_id, header=header, rows=rows, actor=actor, progress=progress
    )
    if dry_run:
        return created
    for absence in created:
        # A continuation names a sheet above it in the file: saved first, so its key is known now.
        absence.save()
    for absence in created:
        _history(actor, absence, ChangeRecord.Action.CREATE, None)
    return created


# The import as a background job (kadry.core.jobs): upload → queued → progress → the result page.


def create_import_job(*, membership: Membership, content: bytes, filename: str, dry_run: bool) -> BackgroundJob:
    """Keep the uploaded file as a pending import job; return the job row (``tasks.start_import`` queues it)."""
    name = PurePath(filename).name[:200]
    title = f"{'Проверка' if dry_run else 'Загрузка'} листков нетрудоспособности из файла «{name}»"
    return create_upload_job(
        membership=membership, kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT, title=title, content=content,
        filename=filename, dry_run=dry_run,
    )  # fmt: skip


def run_import_job(job_id: int) -> None:
    """Read the job's file, check it (committing the progress as it goes), then write it all or nothing.

    A dry run ends after the check with the number of sheets the file would load. The writes check
    the file again inside their transaction (the register may have changed meanwhile), and record
    «done» in that same transaction (``finishing``), so a job is never done with nothing written.
    """
    job = take_job(job_id)
    if job is None:
        return  # Already taken by another worker, or retried after it finished.
    try:
        membership = Membership.objects.select_related("user").get(pk=job.params["membership_id"])
        header, rows = read_uploaded_table(read_upload(job), job.params.get("filename", job.params["file"]))
        save_job(job, progress=10)

        def checked(done: int, total: int) -> None:
            save_job(job, progress=10 + 60 * done // max(total, 1))

        planned = plan_sick_leaves(organisation_id=job.organisation_id, header=header, rows=rows, progress=checked)
        if job.params.get("dry_run"):
            finish_job(job, BackgroundJob.Status.DONE, result={"checked": len(planned), "dry_run": True})
            return
        save_job(job, progress=70)
        with finishing(job):  # the writes and «done» in one transaction, unless the sweep failed the job
            created = import_sick_leaves(
                actor=membership.user, organisation_id=job.organisation_id, header=header, rows=rows
            )
            finish_job(job, BackgroundJob.Status.DONE, result={"created": len(created)})
    except ImportRefused as refused:
        fail_with_row_errors(job, refused.errors)
    except JobAbandoned:
        logger.warning("Sick-leave import job %s was failed by the sweep: nothing written", job_id)
    except (TableError, ValidationError) as error:
        finish_job(job, BackgroundJob.Status.FAILED, error=" ".join(getattr(error, "messages", [str(error)])))
    except Exception as error:
        logger.exception("Sick-leave import job %s failed", job_id)
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error)[:2000] or error.__class__.__name__)
    finally:
        discard_upload(job)


def template_rows() -> list[list[str]]:
    return [["910123456789", "112-233-445 95", "0042", "02.03.2026", "06.03.2026", "заболевание", ""]]
