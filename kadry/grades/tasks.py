"""Background tasks of grades, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob, Membership
from kadry.grades import services_import
from kadry.school.models import SchoolClass


@task()
def import_grades(job_id: int) -> None:
    """Load the grades of a queued job's file, all or nothing."""
    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        services_import.run_import_job(job_id)


@transaction.atomic
def start_import(*, membership: Membership, school_class: SchoolClass, content: bytes, filename: str) -> BackgroundJob:
    """Keep the uploaded file and queue its load; return the job row."""
    job = services_import.create_import_job(
        membership=membership, school_class=school_class, content=content, filename=filename
    )
    # The worker must find the committed row.
    transaction.on_commit(lambda: import_grades.enqueue(job.pk))
    return job
