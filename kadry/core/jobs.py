"""Background jobs: the row a long task reports its progress on, and the uploaded file it works from.

A job's progress is saved outside the task's own transaction so the job page shows it at once; its
heartbeat and the sweep of jobs whose worker died are in kadry.core.heartbeat.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from kadry.core.models import BackgroundJob, Membership

# Errors kept in a job's result for the page: enough to fix a file, small enough to show.
ERRORS_SHOWN = 200
# The error of a job whose worker died (kadry.core.heartbeat): imports write all or nothing.
ABANDONED_ERROR = "Обработка прервана: фоновый процесс остановился. Ничего не записано — запустите загрузку снова."
_STOPPED = "фоновый процесс остановился"
_NOTHING_WRITTEN = "Ничего не записано — загрузите файл снова."


def _fill_abandoned(job: BackgroundJob) -> str:
    # The fill saves each department's timesheet as it goes: those done stay, a new run skips them.
    done, total = job.result.get("done"), job.result.get("total")
    so_far = f", заполнено подразделений {done} из {total}" if total else ""
    return (
        f"Заполнение табелей прервано: {_STOPPED}{so_far}. Заполненные табели сохранены — запустите "
        "заполнение снова, готовые табели не изменятся."
    )


# Each kind's message when the sweep finds its worker dead (kadry.core.heartbeat); the imports write all or nothing.
ABANDONED_ERRORS: dict[str, str | Callable[[BackgroundJob], str]] = {
    BackgroundJob.Kind.EMPLOYEE_IMPORT: f"Импорт сотрудников прерван: {_STOPPED}. {_NOTHING_WRITTEN}",
    BackgroundJob.Kind.STUDENT_IMPORT: f"Импорт обучающихся прерван: {_STOPPED}. {_NOTHING_WRITTEN}",
    BackgroundJob.Kind.SICK_LEAVE_IMPORT: f"Импорт больничных листов прерван: {_STOPPED}. {_NOTHING_WRITTEN}",
    BackgroundJob.Kind.GRADE_IMPORT: f"Загрузка отметок прервана: {_STOPPED}. {_NOTHING_WRITTEN}",
    BackgroundJob.Kind.TIMESHEET_FILL: _fill_abandoned,
}


def create_upload_job(
    *, membership: Membership, kind: str, title: str, content: bytes, filename: str, **params: Any
) -> BackgroundJob:
    """Keep the uploaded file under MEDIA_ROOT/imports/ and create the queued job that will read it."""
    suffix = PurePath(filename).suffix.lower()
    name = default_storage.save(
        f"imports/{membership.organisation_id}/{uuid.uuid4().hex}{suffix}", ContentFile(content)
    )
    return BackgroundJob.objects.create(
        organisation_id=membership.organisation_id,
        kind=kind,
        title=title,
        params={"file": name, "filename": filename, "membership_id": membership.pk, **params},
        created_by=membership.user,
        created_at=timezone.now(),
    )


def read_upload(job: BackgroundJob) -> bytes:
    with default_storage.open(job.params["file"], "rb") as stored:
        return stored.read()


def discard_upload(job: BackgroundJob) -> None:
    default_storage.delete(job.params["file"])


def save_job(job: BackgroundJob, **values: Any) -> None:
    """Save progress (or other fields) of a running job; each save is also a heartbeat."""
    values.setdefault("heartbeat_at", timezone.now())
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))


def take_job(job_id: int) -> BackgroundJob | None:
    """Return the queued job marked running, or None if another worker took it or it has finished."""
    now = timezone.now()
    taken = BackgroundJob.objects.filter(pk=job_id, status=BackgroundJob.Status.QUEUED).update(
        status=BackgroundJob.Status.RUNNING, progress=1, heartbeat_at=now
    )
    return BackgroundJob.objects.get(pk=job_id) if taken else None


def finish_job(job: BackgroundJob, status: str, *, error: str = "", result: dict[str, Any] | None = None) -> bool:
    """Record how a running job ended; return False (and change nothing) if it no longer runs.

    A job the sweep failed because its heartbeat stopped (kadry.core.heartbeat) keeps that verdict.
    """
    values: dict[str, Any] = {"status": status, "error": error, "finished_at": timezone.now()}
    if status == BackgroundJob.Status.DONE:
        values["progress"] = 100
    if result is not None:
        values["result"] = result
    if not BackgroundJob.objects.filter(pk=job.pk, status=BackgroundJob.Status.RUNNING).update(**values):
        return False
    for name, value in values.items():
        setattr(job, name, value)
    return True


def discard_abandoned_upload(job: BackgroundJob) -> None:
    """Remove the upload of a job whose worker died (the sweep's clean-up)."""
    if job.params.get("file"):
        discard_upload(job)


class JobAbandoned(Exception):
    """The sweep marked the job failed while it ran (its heartbeat stopped): it must write nothing."""


@contextmanager
def finishing(job: Model) -> Iterator[None]:
    """Run a job's writes and the record of its end in one transaction, if the job still runs.

    The row is locked first (PostgreSQL; SQLite's immediate transaction locks the whole database), so
    the sweep either failed the job before — and nothing is written — or waits and then finds it
    finished: a job is never reported failed with its data written, nor done with nothing written.
    """
    with transaction.atomic():
        status = type(job)._default_manager.select_for_update().values_list("status", flat=True).get(pk=job.pk)
        if status != BackgroundJob.Status.RUNNING:
            raise JobAbandoned(f"{type(job)._meta.label} {job.pk} is {status}, not running")
        yield


def fail_with_row_errors(job: BackgroundJob, errors: list[Any]) -> None:
    """Finish the job as failed with the file's errors by row and column; nothing was written."""
    finish_job(
        job,
        BackgroundJob.Status.FAILED,
        error=f"В файле ошибок: {len(errors)}. Ничего не загружено — исправьте файл и загрузите его снова.",
        result={"errors": [[e.row, e.column, e.message] for e in errors[:ERRORS_SHOWN]], "error_count": len(errors)},
    )
