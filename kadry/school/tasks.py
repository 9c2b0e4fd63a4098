"""Background tasks of the school side, run on ``BackgroundJob`` rows (Django's Tasks API: ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_students(job_id: int) -> None:
    """Import the classes, students and guardians of a queued job's file, all or nothing."""
    # Imported here: the services module queues this task, so importing it at the top would be circular.
    from kadry.school.services.importing import run_import_job

    run_import_job(job_id)
