"""Background tasks of the staff app, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round, so that
services and tasks do not import each other (kadry/core/tests/test_import_rules.py checks it).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob, Membership
from kadry.staff import services_import


@task()
def import_employees(job_id: int) -> None:
    """Import the employees of a queued ``BackgroundJob``'s file, all or nothing, reporting progress."""
    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        services_import.run_import_job(job_id)


@transaction.atomic
def start_import(*, membership: Membership, content: bytes, filename: str) -> BackgroundJob:
    """Keep the uploaded file and queue its import; return the job row."""
    job = services_import.create_import_job(membership=membership, content=content, filename=filename)
    # The worker must find the committed row.
    transaction.on_commit(lambda: import_employees.enqueue(job.pk))
    return job
