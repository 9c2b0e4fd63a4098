"""The statistical forms' pages and exports: ОО-1 (staff tables) and П-4 (headcount columns).

Thin, as the other report pages: capability → the input → ``form_figures`` → render, XLSX
(``form_xlsx``, the form's layout) or PDF (WeasyPrint). Figures only, nobody named: no access log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.models import Organisation
from kadry.core.permissions import Capability
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.reports import figures, form_figures, params, scope, statforms, views
from kadry.reports.form_xlsx import form_xlsx

FORMATS = ("xlsx", "pdf")


OO1_TITLE = "Форма № ОО-1: сведения о персонале"
P4_TITLE = "Форма № П-4: численность работников"


def organisation_label(own: Organisation, found: scope.Scope) -> str:
    """Return whom the form is for: the school, the chosen one, or the sum over the served schools."""
    names = dict(found.choices)
    if found.chosen is not None:
        return names.get(found.chosen, own.name)
    if found.choices:
        return f"{own.name}: сумма по обслуживаемым школам ({len(found.ids)}): " + ", ".join(names.values())
    return own.name


def oo1_data(request: MemberRequest) -> dict[str, Any]:
    on, errors = params.on_date(request.GET.get("on"), statforms.oo1_default_day(timezone.localdate()))
    views._show_errors(request, errors)
    found = views.scope_of(request)
    context = {
        "scope": found,
        "organisation_label": organisation_label(request.membership.organisation, found),
        "on": on,
        "query": views._with_scope(f"on={on:%Y-%m-%d}", found),
        "filename": f"oo1-{on:%Y-%m-%d}",
    }
    if views.needs_job(found):
        return {**context, **views.job_offer("oo1", found, {"on": on.isoformat()}, f"{OO1_TITLE} на {on:%d.%m.%Y}")}
    return {**context, "form": form_figures.oo1(found.ids, on)}


def p4_data(request: MemberRequest) -> dict[str, Any]:
    today = timezone.localdate()
    period, errors = params.period(request.GET.get("year"), request.GET.get("month"), request.GET.get("quarter"), today)
    views._show_errors(request, errors)
    if period.month is None and period.quarter is None:
        # П-4 is monthly or quarterly: without either, this month.
        period = dataclasses.replace(period, month=today.month)
    found = views.scope_of(request)
    suffix = f"{period.month:02d}" if period.month else f"q{period.quarter}"
    context = {
        "scope": found,
        "organisation_label": organisation_label(request.membership.organisation, found),
        "period": period,
        "months": list(enumerate(figures.MONTH_NAMES, start=1)),
        "quarters": range(1, 5),
        "query": views._with_scope(
            f"year={period.year}&month={period.month or ''}&quarter={period.quarter or ''}", found
        ),
        "filename": f"p4-{period.year}-{suffix}",
    }
    if views.needs_job(found):
        inputs = {"year": period.year, "month": period.month, "quarter": period.quarter}
        return {**context, **views.job_offer("p4", found, inputs, f"{P4_TITLE}, {period.year}-{suffix}")}
    return {**context, "form": form_figures.p4(found.ids, period.year, period.month, period.quarter)}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def oo1(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/oo1.html", oo1_data(request))


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def p4(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/p4.html", p4_data(request))


def _export(
    request: MemberRequest, fmt: str, data: Callable[[MemberRequest], dict[str, Any]], page: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    context = data(request)
    if "job" in context:
        return views.redirect_to_job(request, page, context)
    form: form_figures.FilledForm = context["form"]
    if fmt == "xlsx":
        content, content_type = form_xlsx(form, context["organisation_label"]), XLSX_CONTENT_TYPE
    else:
        try:
            content, content_type = render_pdf(render_to_string("reports/print/form.html", context)), PDF_CONTENT_TYPE
        except PdfUnavailableError as error:
            messages.error(request, str(error))
            return redirect(f"{reverse(page)}?{context['query']}")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{context["filename"]}.{fmt}"'
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def oo1_export(request: MemberRequest, fmt: str) -> HttpResponse:
    return _export(request, fmt, oo1_data, "reports:oo1")


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def p4_export(request: MemberRequest, fmt: str) -> HttpResponse:
    return _export(request, fmt, p4_data, "reports:p4")
