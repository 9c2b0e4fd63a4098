"""The import of sick leaves from a file (the register of ЭЛН that the Social Fund's service or the
accounting programme exports): every row checked, then all written or nothing; as a background job
with progress (kadry.core.jobs). The absences themselves are recorded by ``kadry.absences.services``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.absences import rules
from kadry.absences.models import Absence
from kadry.absences.services import cleaned_values, errors_of, write_history
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
from kadry.lib.duration import Period
from kadry.lib.identifiers import normalise_snils
from kadry.lib.tables import RowError, TableError, parse_date
from kadry.staff.models import Employee

logger = logging.getLogger(__name__)


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
        values = cleaned_values({"kind": rules.SICK, "start": start, "end": end, "continues": continues,
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
        write_history(actor, absence, ChangeRecord.Action.CREATE, None)
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
