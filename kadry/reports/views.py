"""Pages of the personnel databank: headcount, composition, movement and turnover, the dashboard.

Thin: capability → the input (``params``) → the figures → the tables (and charts) → render. Only the
movement page names people (the leavers and the recorded reasons), so only it writes the access log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.reports import charts, figures, params, scope, tables

MOVEMENT_WHAT = "Движение работников: причины увольнения"  # what the access log says was opened


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


def headcount_data(request: MemberRequest) -> dict[str, Any]:
    on, period = headcount_input(request)
    found = scope_of(request)
    count = figures.headcount(found.ids, on)
    average = figures.average(found.ids, period.year, period.month, period.quarter)
    query = f"on={on:%Y-%m-%d}&year={period.year}&month={period.month or ''}&quarter={period.quarter or ''}"
    return {
        "scope": found,
        "title": "Численность и среднесписочная численность",
        "tables": tables.headcount_tables(count, average, figures.organisation_names(found.ids)),
        "on": on,
        "period": period,
        "query": _with_scope(query, found),
    }


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def index(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"today": timezone.localdate()})


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def headcount(request: MemberRequest) -> HttpResponse:
    context = headcount_data(request)
    context.update(months=list(enumerate(figures.MONTH_NAMES, start=1)), quarters=range(1, 5))
    return render(request, "reports/headcount.html", context)


def composition_data(request: MemberRequest) -> dict[str, Any]:
    on, errors = params.on_date(request.GET.get("on"), timezone.localdate())
    _show_errors(request, errors)
    found = scope_of(request)
    composition = figures.composition(found.ids, on)
    return {
        "scope": found,
        "title": "Качественный состав работников",
        "tables": tables.composition_tables(composition),
        "on": on,
        "query": _with_scope(f"on={on:%Y-%m-%d}", found),
    }


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


def movement_data(request: MemberRequest, *, channel: str = "страница") -> dict[str, Any]:
    first, last = movement_period(request)
    membership = request.membership
    found = scope_of(request)
    report = figures.movement(found.ids, first, last, names=True)
    what = f"{MOVEMENT_WHAT} за {first:%d.%m.%Y}–{last:%d.%m.%Y} ({channel}): {report.total.dismissed} чел."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    return {
        "scope": found,
        "title": "Движение и текучесть кадров",
        "tables": tables.movement_tables(report, with_names=True),
        "first": first,
        "last": last,
        "query": _with_scope(f"from={first:%Y-%m-%d}&to={last:%Y-%m-%d}", found),
    }


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def movement(request: MemberRequest) -> HttpResponse:
    return render(request, "reports/movement.html", movement_data(request))


def dashboard_data(organisation_ids: list[int], today: dt.date) -> dict[str, Any]:
    """Return the dashboard's tables and the charts drawn from the very same rows."""
    count, composition, points = figures.dashboard(organisation_ids, today)
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


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def dashboard(request: MemberRequest) -> HttpResponse:
    found = scope_of(request)
    context = {**dashboard_data(found.ids, timezone.localdate()), "scope": found}
    return render(request, "reports/dashboard.html", context)
