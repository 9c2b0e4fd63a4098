"""Background tasks of absences, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kadry.absences import services_import
from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob, Membership


@task()
def import_sick_leaves(job_id: int) -> None:
    """Import (or only check) the sick leaves of a queued ``BackgroundJob``'s file, all or nothing."""
    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        services_import.run_import_job(job_id)


@transaction.atomic
def start_import(*, membership: Membership, content: bytes, filename: str, dry_run: bool) -> BackgroundJob:
    """Keep the uploaded file and queue its import; return the job row."""
    job = services_import.create_import_job(membership=membership, content=content, filename=filename, dry_run=dry_run)
    # The worker must find the committed row.
    transaction.on_commit(lambda: import_sick_leaves.enqueue(job.pk))
    return job
