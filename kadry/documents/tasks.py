"""Background tasks of the documents app (Django's Tasks API: a database queue and ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.documents.models import GeneratedDocument
from kadry.documents.services import run_personal_cards_job


@task()
def build_personal_cards(job_id: int) -> None:
    """Render the personal cards Т-2 of a queued ``GeneratedDocument`` job into its ZIP file."""
    with Heartbeat(GeneratedDocument, job_id):  # beats while the job runs, so a dead worker shows
        run_personal_cards_job(job_id)
