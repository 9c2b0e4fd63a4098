"""Background tasks of the timesheet, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round, so that
services and tasks do not import each other (kadry/core/tests/test_import_rules.py checks it).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob, Membership
from kadry.timesheet import services


@task()
def fill_timesheets(job_id: int) -> None:
    """Open and fill every department's timesheet of the job's month, reporting progress."""
    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        services.run_fill_job(job_id)


@transaction.atomic
def start_fill(*, membership: Membership, year: int, month: int) -> BackgroundJob:
    """Queue the filling of the month for the organisations the membership acts in; return the job row."""
    job = services.create_fill_job(membership=membership, year=year, month=month)
    # The worker must find the committed row.
    transaction.on_commit(lambda: fill_timesheets.enqueue(job.pk))
    return job
