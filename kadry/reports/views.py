"""Pages of the personnel databank: headcount, composition, movement and turnover, the dashboard.

Thin: capability → the input (``params``) → the figures → the tables (and charts) → render. Only the
movement page names people (the leavers and the recorded reasons), so only it writes the access log.
Over more schools than ``KADRY_REPORT_JOB_SCHOOLS`` a page counts nothing: it offers the background job
(kadry.reports.jobs), which builds the same tables with the functions below.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.documents.models import GeneratedDocument
from kadry.reports import charts, figures, params, queries, scope, tables
from kadry.reports.figures import READING, Progress, no_progress

MOVEMENT_WHAT = "Движение работников: причины увольнения"  # what the access log says was opened
JOBS_SHOWN = 10
HEADCOUNT_TITLE = "Численность и среднесписочная численность"
COMPOSITION_TITLE = "Качественный состав работников"
MOVEMENT_TITLE = "Движение и текучесть кадров"
JOB_NEEDED = "Отчёт по {count} школам формируется в фоне: нажмите «Сформировать отчёт», файл будет на странице задания."


def needs_job(found: scope.Scope) -> bool:
    """Whether the scope has too many schools to be counted in a request (``KADRY_REPORT_JOB_SCHOOLS``)."""
    return len(found.ids) > settings.KADRY_REPORT_JOB_SCHOOLS


def job_offer(report: str, found: scope.Scope, inputs: dict[str, Any], title: str) -> dict[str, Any]:
    """Return what a page shows instead of the figures: the button starting ``report``'s job, and its input."""
    return {"job": {"report": report, "inputs": inputs, "organisation": found.chosen, "title": title}, "tables": []}


def redirect_to_job(request: MemberRequest, page: str, context: dict[str, Any]) -> HttpResponse:
    """Answer an export over too many schools with its page, which offers the job instead."""
    messages.info(request, JOB_NEEDED.format(count=len(context["scope"].ids)))
    return redirect(f"{reverse(page)}?{context['query']}")


def own_jobs(request: MemberRequest) -> list[GeneratedDocument]:
    """Return the user's latest report jobs (kadry.reports.jobs): theirs alone, in this organisation."""
    return list(
        GeneratedDocument.objects.filter(
            organisation_id=request.membership.organisation_id,
            kind=GeneratedDocument.Kind.REPORT_XLSX,
            created_by=request.user,
        ).only("pk", "title", "status", "created_at")[:JOBS_SHOWN]
    )


def _show_errors(request: MemberRequest, errors: params.Errors) -> None:
    for texts in errors.values():
        for text in texts:
            messages.error(request, text)


def scope_of(request: MemberRequest) -> scope.Scope:
    """Return the organisations the page counts (``?organisation=`` for a centralised HR service)."""
    found, errors = scope.organisations_for(request.membership, request.GET.get("organisation"))
    _show_errors(request, errors)
    return found


def _with_scope(query: str, found: scope.Scope) -> str:
    return f"{query}&organisation={found.chosen}" if found.chosen else query


def headcount_input(request: MemberRequest) -> tuple[dt.date, params.Period]:
    today = timezone.localdate()
    on, errors = params.on_date(request.GET.get("on"), today)
    period, period_errors = params.period(
        request.GET.get("year"), request.GET.get("month"), request.GET.get("quarter"), today
    )
    _show_errors(request, {**errors, **period_errors})
    return on, period


def headcount_report(
    organisation_ids: list[int], on: dt.date, period: params.Period, progress: Progress = no_progress
) -> list[tables.Table]:
    progress(10, "Подсчёт списочной численности")
    count = figures.headcount(organisation_ids, on)
    progress(40, "Подсчёт среднесписочной численности")
    average = figures.average(organisation_ids, period.year, period.month, period.quarter)
    return tables.headcount_tables(count, average, figures.organisation_names(organisation_ids))


def headcount_data(request: MemberRequest) -> dict[str, Any]:
    on, period = headcount_input(request)
    found = scope_of(request)
    query = f"on={on:%Y-%m-%d}&year={period.year}&month={period.month or ''}&quarter={period.quarter or ''}"
    context = {"scope": found, "title": HEADCOUNT_TITLE, "on": on, "period": period, "query": _with_scope(query, found)}
    if needs_job(found):
        inputs = {"on": on.isoformat(), "year": period.year, "month": period.month, "quarter": period.quarter}
        return {**context, **job_offer("headcount", found, inputs, f"{HEADCOUNT_TITLE} на {on:%d.%m.%Y}")}
    return {**context, "tables": headcount_report(found.ids, on, period)}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def index(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"today": timezone.localdate(), "jobs": own_jobs(request)})


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def headcount(request: MemberRequest) -> HttpResponse:
    context = headcount_data(request)
    context.update(months=list(enumerate(figures.MONTH_NAMES, start=1)), quarters=range(1, 5))
    return render(request, "reports/headcount.html", context)


def composition_report(
    organisation_ids: list[int], on: dt.date, progress: Progress = no_progress
) -> list[tables.Table]:
    progress(10, READING)
    people = queries.people(organisation_ids, until=on)
    progress(30, "Подсчёт состава")
    return tables.composition_tables(figures.composition(organisation_ids, on, people=people))


def composition_data(request: MemberRequest) -> dict[str, Any]:
    on, errors = params.on_date(request.GET.get("on"), timezone.localdate())
    _show_errors(request, errors)
    found = scope_of(request)
    context = {"scope": found, "title": COMPOSITION_TITLE, "on": on, "query": _with_scope(f"on={on:%Y-%m-%d}", found)}
    if needs_job(found):
        return {
            **context,
            **job_offer("composition", found, {"on": on.isoformat()}, f"{COMPOSITION_TITLE} на {on:%d.%m.%Y}"),
        }
    return {**context, "tables": composition_report(found.ids, on)}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def composition(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/composition.html", composition_data(request))


def movement_period(request: MemberRequest) -> tuple[dt.date, dt.date]:
    """Return the period asked for; this year up to today when nothing (or something wrong) is asked."""
    today = timezone.localdate()
    if "from" not in request.GET and "to" not in request.GET:
        return dt.date(today.year, 1, 1), today
    found, errors = params.date_range(request.GET.get("from"), request.GET.get("to"))
    _show_errors(request, errors)
    return found or (dt.date(today.year, 1, 1), today)


def movement_report(
    organisation_ids: list[int], first: dt.date, last: dt.date, progress: Progress = no_progress
) -> figures.MovementReport:
    progress(10, READING)
    people = queries.people(organisation_ids, until=last)
    progress(30, "Подсчёт движения по месяцам")
    return figures.movement(organisation_ids, first, last, names=True, people=people)


def movement_what(report: figures.MovementReport, channel: str) -> str:
    """Return what the access log says was opened: the leavers of the period, named."""
    first, last = report.total.first, report.total.last
    return f"{MOVEMENT_WHAT} за {first:%d.%m.%Y}–{last:%d.%m.%Y} ({channel}): {report.total.dismissed} чел."


def movement_data(request: MemberRequest, *, channel: str = "страница") -> dict[str, Any]:
    first, last = movement_period(request)
    membership = request.membership
    found = scope_of(request)
    query = _with_scope(f"from={first:%Y-%m-%d}&to={last:%Y-%m-%d}", found)
    context = {"scope": found, "title": MOVEMENT_TITLE, "first": first, "last": last, "query": query}
    if needs_job(found):
        inputs = {"from": first.isoformat(), "to": last.isoformat()}
        return {
            **context,
            **job_offer("movement", found, inputs, f"{MOVEMENT_TITLE} за {first:%d.%m.%Y}–{last:%d.%m.%Y}"),
        }
    report = movement_report(found.ids, first, last)
    record_access(
        membership=membership, subject=membership.organisation, what=movement_what(report, channel), request=request
    )
    return {**context, "tables": tables.movement_tables(report, with_names=True)}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def movement(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/movement.html", movement_data(request))


def dashboard_data(organisation_ids: list[int], today: dt.date, progress: Progress = no_progress) -> dict[str, Any]:
    """Return the dashboard's tables and the charts drawn from the very same rows."""
    count, composition, points = figures.dashboard(organisation_ids, today, progress=progress)
    by_month = tables.Table(
        "Численность по месяцам (последние 12 месяцев)",
        ("Месяц", "Списочная на конец месяца", "Среднесписочная", "Текучесть, %"),
        tuple((p.label, p.headcount, p.average, tables.rate(p.turnover_rate)) for p in points),
    )
    # composition_tables: category, sex, age, education, qualification, pedagogical service, young, vacancies.
    category, _sex, age, education, *_rest, vacancies = tables.composition_tables(composition)
    panels = [
        (by_month, charts.column_chart("Списочная численность на конец месяца", tables.chart_series(by_month, 1))),
        (by_month, charts.column_chart("Текучесть кадров по месяцам, %", tables.chart_series(by_month, 3))),
        (category, charts.bar_chart(category.title, tables.chart_series(category))),
        (education, charts.bar_chart(education.title, tables.chart_series(education))),
        (age, charts.bar_chart(age.title, tables.chart_series(age))),
        (vacancies, charts.bar_chart("Вакантные ставки по подразделениям", tables.chart_series(vacancies, 3))),
    ]
    return {"count": count, "panels": panels, "today": today}


def dashboard_page_data(request: MemberRequest) -> dict[str, Any]:
    found = scope_of(request)
    today = timezone.localdate()
    if needs_job(found):
        query = f"organisation={found.chosen}" if found.chosen else ""
        offer = job_offer("dashboard", found, {"on": today.isoformat()}, f"Панель руководителя на {today:%d.%m.%Y}")
        return {**offer, "today": today, "scope": found, "query": query}
    return {**dashboard_data(found.ids, today), "scope": found}


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def dashboard(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", dashboard_page_data(request))
