"""Background tasks of the staff app, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_employees(job_id: int) -> None:
    """Import the employees of a queued ``BackgroundJob``'s file, all or nothing, reporting progress."""
    # Imported here: the services module queues this task, so importing it at the top would be circular.
    from kadry.staff.services_import import run_import_job

    run_import_job(job_id)
