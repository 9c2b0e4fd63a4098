"""Background tasks of the reports, run on ``GeneratedDocument`` rows (Django's Tasks API: ``manage.py db_worker``).

This module owns the enqueueing: it imports the jobs module, never the other way round, so that
the two do not import each other (kadry/core/tests/test_import_rules.py checks it).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from kadry.core.heartbeat import Heartbeat
from kadry.core.models import Membership
from kadry.documents.models import GeneratedDocument
from kadry.reports import jobs


@task()
def build_report(job_id: int) -> None:
    """Count a queued report job's figures and save its XLSX, reporting each phase."""
    with Heartbeat(GeneratedDocument, job_id):  # beats while the job runs, so a dead worker shows
        jobs.run_report_job(job_id)


@transaction.atomic
def start_report(*, membership: Membership, offer: dict[str, Any], filename: str) -> GeneratedDocument:
    """Queue the report a page offered (``views.job_offer``); return the job row."""
    job = jobs.create_report_job(membership=membership, offer=offer, filename=filename)
    # The worker must find the committed row.
    transaction.on_commit(lambda: build_report.enqueue(job.pk))
    return job
