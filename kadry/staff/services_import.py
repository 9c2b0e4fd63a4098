"""Import of employees from a file: plan against the organisation, commit all or nothing, run as a job."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst

from kadry.core.audit import display_value
from kadry.core.jobs import (
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
from kadry.core.uploads import read_uploaded_table as read_table
from kadry.lib.tables import TableError
from kadry.lib.text import search_key
from kadry.lib.xlsx import table_to_xlsx
from kadry.staff.importing import HEADERS, EmployeeImportPlan, plan_import
from kadry.staff.models import Employee
from kadry.staff.services import _NOT_TRACKED, MAIN_SECTION

logger = logging.getLogger(__name__)

SOURCE = "Загрузка из файла"
BATCH = 1000

__all__ = ["TableError", "read_table"]


def template_xlsx() -> bytes:
    """Return the import template: the columns and one example row."""
    example = ["0042", "Иванова", "Мария", "Петровна", "Ж", "14.03.1985", "112-233-445 95", "500100732259"]
    example += ["+7 910 000-00-00", "ivanova@example.ru"]
    return table_to_xlsx("Сотрудники", HEADERS, [example])


def plan_for(
    *,
    organisation_id: int,
    header: list[Any],
    rows: list[list[Any]],
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> EmployeeImportPlan:
    """Return the import plan of ``rows`` against the organisation's employees (one query)."""
    existing_snils: dict[str, str] = {}
    existing_numbers: set[str] = set()
    taken = (
        Employee.objects.of(organisation_id)
        .exclude(snils="", personnel_number="")
        .values_list("snils", "personnel_number", "last_name", "first_name", "middle_name")
    )
    for snils, number, *name in taken:
        if snils:
            existing_snils[snils] = " ".join(part for part in name if part)
        if number:
            existing_numbers.add(number)
    return plan_import(
        header,
        rows,
        existing_snils=existing_snils,
        existing_numbers=existing_numbers,
        today=today,
        progress=progress,
    )


@transaction.atomic
def commit_import(*, actor: Any, organisation_id: int, plan: EmployeeImportPlan) -> int:
    """Create every employee of an error-free ``plan`` with a history row each; return how many.

    All or nothing: one transaction, employees and history written in bulk. A card with the same
    СНИЛС or табельный номер saved since the plan was made breaks a unique constraint
    (IntegrityError), which rolls everything back.
    """
    if plan.errors:
        raise ValueError("An import plan with errors is not written.")
    now = timezone.now()
    # 1. Employees; ``save()`` is bypassed, so the search key is set here.
    employees = [
        Employee(
            organisation_id=organisation_id,
            search_key=search_key(record.last_name, record.first_name, record.middle_name),
            **record.fields(),
        )
        for record in plan.records
    ]
    Employee.objects.bulk_create(employees, batch_size=BATCH)
    # 2. History: one «добавление» per card, as create_employee writes it.
    changes = creation_changes()
    ChangeRecord.objects.bulk_create(
        (
            ChangeRecord(
                organisation_id=organisation_id,
                actor=actor,
                at=now,
                action=ChangeRecord.Action.CREATE,
                subject_type=Employee._meta.label_lower,
                subject_id=employee.pk,
                section=MAIN_SECTION,
                object_id=employee.pk,
                object_repr=str(employee)[:300],
                changes=changes(employee),
            )
            for employee in employees
        ),
        batch_size=BATCH,
    )
    return len(employees)


def creation_changes() -> Callable[[Employee], dict[str, list[str]]]:
    """Return a function giving a new card's history ``{label: ["", value]}``, as ``create_employee`` records it.

    The same as ``diff({}, snapshot(employee))`` but with the labels and the choices' displayed values
    translated once, not once per card: on 10,000 cards that is most of the import's time.
    """
    fields = [
        (field, capfirst(str(field.verbose_name)))
        for field in Employee._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in _NOT_TRACKED and field.name != "organisation"
    ]
    choices_shown: dict[tuple[str, Any], str] = {}

    def changes(employee: Employee) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for field, label in fields:
            if field.choices:
                key = (field.name, getattr(employee, field.attname))
                if key not in choices_shown:
                    choices_shown[key] = display_value(employee, field)
                value = choices_shown[key]
            else:
                value = display_value(employee, field)
            if value != "":
                result[label] = ["", value]
        return result

    return changes


@transaction.atomic
def create_import_job(*, membership: Membership, content: bytes, filename: str) -> BackgroundJob:
    """Keep the uploaded file as a pending import job; return the job row (``tasks.start_import`` queues it)."""
    job = create_upload_job(
        membership=membership,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
        title=f"Загрузка сотрудников из файла «{PurePath(filename).name[:200]}»",
        content=content,
        filename=filename,
    )
    return job


def run_import_job(job_id: int) -> None:
    """Read the job's file, check and write it all or nothing, reporting progress on the job row.

    Reading and checking run outside the transaction so that each progress update is committed
    and shown at once; the writes are one transaction, whose end is the last step.
    """
    job = take_job(job_id)
    if job is None:
        return  # Already taken by another worker, or retried after it finished.
    try:
        membership = Membership.objects.select_related("user").get(pk=job.params["membership_id"])
        header, rows = read_table(read_upload(job), job.params.get("filename", job.params["file"]))
        save_job(job, progress=10)

        def checked(done: int, total: int) -> None:
            save_job(job, progress=10 + 60 * done // max(total, 1))

        today = timezone.localdate()
        plan = plan_for(organisation_id=job.organisation_id, header=header, rows=rows, today=today, progress=checked)
        if plan.errors:
            fail_with_row_errors(job, plan.errors)
        else:
            save_job(job, progress=70)
            with finishing(job):  # the writes and «done» in one transaction, unless the sweep failed the job
                created = commit_import(actor=membership.user, organisation_id=job.organisation_id, plan=plan)
                finish_job(job, BackgroundJob.Status.DONE, result={"created": created})
    except TableError as error:
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error))
    except IntegrityError:
        # A card with the same СНИЛС or табельный номер was saved while the file was being checked.
        logger.warning("Employee import job %s hit a uniqueness conflict", job_id)
        finish_job(
            job,
            BackgroundJob.Status.FAILED,
            error="Пока файл проверялся, в организации появились сотрудники с теми же СНИЛС или табельными "
            "номерами. Ничего не загружено — проверьте файл снова.",
        )
    except Exception as error:
        logger.exception("Employee import job %s failed", job_id)
        finish_job(job, BackgroundJob.Status.FAILED, error=str(error)[:2000] or error.__class__.__name__)
    finally:
        discard_upload(job)
