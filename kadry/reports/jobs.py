"""A report over too many schools for a request (``KADRY_REPORT_JOB_SCHOOLS``), built by a background job.

The job row is the documents app's ``GeneratedDocument`` (kind ``REPORT_XLSX``: its heartbeat, its sweep
and the purge of old files are theirs). It holds what the page was asked — the report, its input, the
school chosen — and counts with the pages' own functions (kadry.reports.views, form_views), so the file
has the page's figures; it writes the XLSX of the report's export. Only its user downloads it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, cast

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kadry.core.audit import record_access
from kadry.core.models import Membership
from kadry.documents.models import GeneratedDocument
from kadry.reports import exports, form_figures, params, scope, tables, views
from kadry.reports.figures import Progress
from kadry.reports.form_views import organisation_label
from kadry.reports.form_xlsx import form_xlsx

logger = logging.getLogger(__name__)

WRITING = "Запись файла XLSX"
ABANDONED = "Формирование отчёта прервано: фоновый процесс остановился. Сформируйте отчёт снова."
# The page each report's job is started from (and returns to).
PAGES = {
    "headcount": "reports:headcount",
    "composition": "reports:composition",
    "movement": "reports:movement",
    "dashboard": "reports:dashboard",
    "oo1": "reports:oo1",
    "p4": "reports:p4",
}


def _day(inputs: dict[str, Any], key: str = "on") -> dt.date:
    return dt.date.fromisoformat(inputs[key])


def _headcount(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    period = params.Period(inputs["year"], inputs["month"], inputs["quarter"])
    report = views.headcount_report(found.ids, _day(inputs), period, progress)
    progress(90, WRITING)
    return exports.tables_to_xlsx(views.HEADCOUNT_TITLE, report)


def _composition(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    report = views.composition_report(found.ids, _day(inputs), progress)
    progress(90, WRITING)
    return exports.tables_to_xlsx(views.COMPOSITION_TITLE, report)


def _movement(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    report = views.movement_report(found.ids, _day(inputs, "from"), _day(inputs, "to"), progress)
    # The leavers are named in the file: their showing is logged as the page logs it.
    what = views.movement_what(report, "XLSX в фоне")
    record_access(membership=membership, subject=membership.organisation, what=what, channel="batch")
    progress(90, WRITING)
    return exports.tables_to_xlsx(views.MOVEMENT_TITLE, tables.movement_tables(report, with_names=True))


def _dashboard(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    on = _day(inputs)
    data = views.dashboard_data(found.ids, on, progress)
    progress(90, WRITING)
    return exports.dashboard_xlsx(f"Панель руководителя на {on:%d.%m.%Y}", data["panels"])


def _oo1(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    progress(10, "Подсчёт граф формы")
    form = form_figures.oo1(found.ids, _day(inputs))
    progress(90, WRITING)
    return form_xlsx(form, organisation_label(membership.organisation, found))


def _p4(membership: Membership, found: scope.Scope, inputs: dict[str, Any], progress: Progress) -> bytes:
    progress(10, "Подсчёт граф формы")
    form = form_figures.p4(found.ids, inputs["year"], inputs["month"], inputs["quarter"])
    progress(90, WRITING)
    return form_xlsx(form, organisation_label(membership.organisation, found))


BUILDERS: dict[str, Callable[[Membership, scope.Scope, dict[str, Any], Progress], bytes]] = {
    "headcount": _headcount,
    "composition": _composition,
    "movement": _movement,
    "dashboard": _dashboard,
    "oo1": _oo1,
    "p4": _p4,
}


@transaction.atomic
def create_report_job(*, membership: Membership, offer: dict[str, Any], filename: str) -> GeneratedDocument:
    """Create the pending job of the report a page offered (``views.job_offer``); ``tasks`` queues its run."""
    return GeneratedDocument.objects.create(
        organisation_id=membership.organisation_id,
        kind=GeneratedDocument.Kind.REPORT_XLSX,
        title=offer["title"],
        params={
            "report": offer["report"],
            "inputs": offer["inputs"],
            "organisation": offer["organisation"],
            "filename": filename,
            "membership_id": membership.pk,
        },
        created_by=membership.user,
        created_at=timezone.now(),
    )


def _end_job(job: GeneratedDocument, **values: Any) -> bool:
    """Record how a running job ended; False if the sweep failed it meanwhile (its worker seemed dead)."""
    if not GeneratedDocument.objects.filter(pk=job.pk, status=GeneratedDocument.Status.RUNNING).update(**values):
        return False
    for name, value in values.items():
        setattr(job, name, value)
    return True


def run_report_job(job_id: int) -> None:
    """Count the report of a queued job and save its XLSX, reporting each phase on the job row.

    Outside a transaction on purpose: each phase is committed at once, so the job's page shows it.
    """
    job = GeneratedDocument.objects.get(pk=job_id, kind=GeneratedDocument.Kind.REPORT_XLSX)
    if job.status != GeneratedDocument.Status.QUEUED:
        return  # Already taken by another worker, or retried after it finished.
    job.status, job.progress, job.heartbeat_at = GeneratedDocument.Status.RUNNING, 1, timezone.now()
    job.save(update_fields=["status", "progress", "heartbeat_at"])

    def progress(percent: int, stage: str) -> None:
        # Each save is also a heartbeat (kadry.core.heartbeat).
        job.progress, job.stage, job.heartbeat_at = percent, stage, timezone.now()
        job.save(update_fields=["progress", "stage", "heartbeat_at"])

    try:
        membership = Membership.objects.select_related("organisation").get(pk=job.params["membership_id"])
        # The scope again, as it is now: a school the service no longer serves is not counted.
        found, errors = scope.organisations_for(membership, job.params["organisation"])
        if errors:
            raise ValueError(" ".join(text for texts in errors.values() for text in texts))
        content = BUILDERS[job.params["report"]](membership, found, job.params["inputs"], progress)
        # The bytes of the exports' own writer (kadry.lib.xlsx), stored as the job's file.
        name = f"{job.params['filename']}-{job.pk}.xlsx"
        job.file.save(name, ContentFile(content), save=False)
        done = _end_job(
            job,
            file=job.file.name,
            status=GeneratedDocument.Status.DONE,
            progress=100,
            stage="",
            finished_at=timezone.now(),
        )
        if not done:
            job.file.storage.delete(cast(str, job.file.name))  # nobody will offer it: the job shows failed
    except Exception as error:
        logger.exception("Report job %s failed", job_id)
        _end_job(
            job,
            status=GeneratedDocument.Status.FAILED,
            error=str(error)[:2000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
