"""The background job of a report over too many schools: starting it, its progress, its file.

The job is started from the report's page with the page's own input (its query string), so the job
counts exactly what the page would. Its page and its file are its user's alone: anyone else — in the
same organisation or not — gets 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.documents.models import GeneratedDocument
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.reports import exports, form_views, jobs, scope, tasks, views

DOWNLOAD_WHAT = "Скачивание отчёта банка данных о персонале"
# The data of each report's page: for a scope over the threshold, the job it offers instead of figures.
DATA: dict[str, Callable[[MemberRequest], dict[str, Any]]] = {
    "headcount": views.headcount_data,
    "composition": views.composition_data,
    "movement": views.movement_data,
    "oo1": form_views.oo1_data,
    "p4": form_views.p4_data,
    "dashboard": views.dashboard_page_data,
}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@require_POST
def start(request: MemberRequest, report: str) -> HttpResponse:
    """Queue the report of the page's input (its query string); a scope a request can count goes back to the page."""
    if report not in DATA:
        raise Http404
    found, _errors = scope.organisations_for(request.membership, request.GET.get("organisation"))
    if not views.needs_job(found):  # counted by the page itself: nothing to queue, nothing to count here
        return redirect(f"{reverse(jobs.PAGES[report])}?{request.GET.urlencode()}")
    context = DATA[report](request)
    filename = context.get("filename") or exports.export_filename(report, context["query"])
    job = tasks.start_report(membership=request.membership, offer=context["job"], filename=filename)
    return redirect("reports:job", job.pk)


def _own_job(request: MemberRequest, pk: int, **conditions: Any) -> GeneratedDocument:
    with denied_as(GeneratedDocument, pk):
        return get_object_or_404(
            GeneratedDocument,
            pk=pk,
            organisation_id=request.membership.organisation_id,
            kind=GeneratedDocument.Kind.REPORT_XLSX,
            created_by=request.user,
            **conditions,
        )


@capability_required(Capability.VIEW_PERSONAL_DATA)
def job(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the job's phase and progress (htmx polls it while pending), then the link to its file."""
    found = _own_job(request, pk)
    fail_if_abandoned(found)  # A job whose worker died is shown failed, not running for ever.
    page = jobs.PAGES.get(found.params.get("report", ""), "reports:index")
    template = "reports/_job_status.html" if request.htmx else "reports/job.html"
    return render(request, template, {"job": found, "page": reverse(page)})


@capability_required(Capability.VIEW_PERSONAL_DATA)
def job_download(request: MemberRequest, pk: int) -> FileResponse:
    """Download the job's XLSX; the download is logged (the movement's file names the leavers)."""
    found = _own_job(request, pk, status=GeneratedDocument.Status.DONE)
    if not found.file:  # deleted after KADRY_GENERATED_FILES_DAYS by `purge_files`
        raise Http404
    record_access(membership=request.membership, subject=found, what=DOWNLOAD_WHAT, request=request)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"{found.params.get('filename', 'report')}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
