"""Background tasks of the staff app, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import BackgroundJob


@task()
def import_employees(job_id: int) -> None:
    """Import the employees of a queued ``BackgroundJob``'s file, all or nothing, reporting progress."""
    # Imported here: the services module queues this task, so importing it at the top would be circular.
    from kadry.staff.services_import import run_import_job

    with Heartbeat(BackgroundJob, job_id):  # beats while the job runs, so a dead worker shows
        run_import_job(job_id)
