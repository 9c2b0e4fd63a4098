"""Background tasks of the school side, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round, so that
services and tasks do not import each other (kadry/core/tests/test_import_rules.py checks it).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob, Membership
from kadry.school.models import AcademicYear
from kadry.school.services import importing


@task()
def import_students(job_id: int) -> None:
    """Import the classes, students and guardians of a queued job's file, all or nothing."""
    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        importing.run_import_job(job_id)


@transaction.atomic
def start_import(
    *, membership: Membership, year: AcademicYear, create_classes: bool, content: bytes, filename: str
) -> BackgroundJob:
    """Keep the uploaded file and queue its import as a background job; return the job row."""
    job = importing.create_import_job(
        membership=membership, year=year, create_classes=create_classes, content=content, filename=filename
    )
    # The worker must find the committed row.
    transaction.on_commit(lambda: import_students.enqueue(job.pk))
    return job
