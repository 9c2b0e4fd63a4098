"""The reports as XLSX (openpyxl, text never a formula) and PDF (WeasyPrint), from the pages' own tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, sections_to_xlsx
from kadry.reports import views
from kadry.reports.tables import Table

FORMATS = ("xlsx", "pdf")


def tables_to_xlsx(title: str, tables: Sequence[Table]) -> bytes:
    """Return one sheet with each table under its bold title (kadry.lib.xlsx: text never a formula)."""
    return sections_to_xlsx(title, tables)


def dashboard_xlsx(title: str, panels: Sequence[tuple[Table, Any]]) -> bytes:
    """Return the dashboard's tables (each once: two charts draw the same one) as one sheet."""
    unique: list[Table] = []
    for table, _chart in panels:
        if table not in unique:
            unique.append(table)
    return tables_to_xlsx(title, unique)


def export_filename(name: str, query: str) -> str:
    """Return a report file's name without its extension: the report and its input."""
    return f"{name}-{query.replace('&', '_').replace('=', '-')}"


def _export(
    request: MemberRequest, fmt: str, data: Callable[[MemberRequest], dict[str, Any]], name: str, page: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    context = data(request)
    if "job" in context:
        return views.redirect_to_job(request, page, context)
    filename = export_filename(name, context["query"])
    if fmt == "xlsx":
        response = HttpResponse(tables_to_xlsx(context["title"], context["tables"]), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    html = render_to_string("reports/print/report.html", {**context, "organisation": request.membership.organisation})
    try:
        content = render_pdf(html)
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse(page)}?{context['query']}")
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def _pdf(request: MemberRequest, context: dict[str, Any], filename: str, page: str) -> HttpResponse:
    html = render_to_string("reports/print/report.html", {**context, "organisation": request.membership.organisation})
    try:
        content = render_pdf(html)
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse(page)}?{context['query']}")
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def dashboard_pdf(request: MemberRequest) -> HttpResponse:
    """Print the dashboard: each chart (the same SVG) above the table of its numbers."""
    found = views.scope_of(request)
    today = timezone.localdate()
    query = f"organisation={found.chosen}" if found.chosen else ""
    if views.needs_job(found):
        return views.redirect_to_job(request, "reports:dashboard", {"scope": found, "query": query})
    data = views.dashboard_data(found.ids, today)
    context = {"title": f"Панель руководителя на {today:%d.%m.%Y}", "panels": data["panels"], "tables": [],
               "query": query}  # fmt: skip
    return _pdf(request, context, f"dashboard-{today:%Y-%m-%d}", "reports:dashboard")


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def headcount_export(request: MemberRequest, fmt: str) -> HttpResponse:
    return _export(request, fmt, views.headcount_data, "headcount", "reports:headcount")


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def composition_export(request: MemberRequest, fmt: str) -> HttpResponse:
    return _export(request, fmt, views.composition_data, "composition", "reports:composition")


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def movement_export(request: MemberRequest, fmt: str) -> HttpResponse:
    def data(request: MemberRequest) -> dict[str, Any]:
        return views.movement_data(request, channel=fmt.upper())

    return _export(request, fmt, data, "movement", "reports:movement")
