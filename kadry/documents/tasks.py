"""Background tasks of the documents app (Django's Tasks API: a database queue and ``manage.py db_worker``).

This module owns the enqueueing: it imports the services, never the other way round, so that
services and tasks do not import each other (kadry/core/tests/test_import_rules.py checks it).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import Membership
from kadry.documents.models import GeneratedDocument
from kadry.documents.services import create_personal_cards_job, run_personal_cards_job


@task()
def build_personal_cards(job_id: int) -> None:
    """Render the personal cards Т-2 of a queued ``GeneratedDocument`` job into its ZIP file."""
    with Heartbeat(GeneratedDocument, job_id):  # beats while the job runs, so a dead worker shows
        run_personal_cards_job(job_id)


@transaction.atomic
def start_personal_cards_batch(*, membership: Membership, on: dt.date, fmt: str = "docx") -> GeneratedDocument:
    """Queue the personal cards Т-2 of everyone working on ``on`` as one ZIP; return the job row."""
    job = create_personal_cards_job(membership=membership, on=on, fmt=fmt)
    # The worker must find the committed row.
    transaction.on_commit(lambda: build_personal_cards.enqueue(job.pk))
    return job
