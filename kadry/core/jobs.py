"""Background jobs: the row a long task reports its progress on, and the uploaded file it works from.

A job's progress is saved outside the task's own transaction so the job page shows it at once.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from kadry.core.models import BackgroundJob, Membership

# Errors kept in a job's result for the page: enough to fix a file, small enough to show.
ERRORS_SHOWN = 200


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
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))


def take_job(job_id: int) -> BackgroundJob | None:
    """Return the queued job marked running, or None if another worker took it or it has finished."""
    job = BackgroundJob.objects.get(pk=job_id)
    if job.status != BackgroundJob.Status.QUEUED:
        return None
    save_job(job, status=BackgroundJob.Status.RUNNING, progress=1)
    return job


def finish_job(job: BackgroundJob, status: str, *, error: str = "", result: dict[str, Any] | None = None) -> None:
    values: dict[str, Any] = {"status": status, "error": error, "finished_at": timezone.now()}
    if status == BackgroundJob.Status.DONE:
        values["progress"] = 100
    if result is not None:
        values["result"] = result
    save_job(job, **values)


def fail_with_row_errors(job: BackgroundJob, errors: list[Any]) -> None:
    """Finish the job as failed with the file's errors by row and column; nothing was written."""
    finish_job(
        job,
        BackgroundJob.Status.FAILED,
        error=f"В файле ошибок: {len(errors)}. Ничего не загружено — исправьте файл и загрузите его снова.",
        result={"errors": [[e.row, e.column, e.message] for e in errors[:ERRORS_SHOWN]], "error_count": len(errors)},
    )
