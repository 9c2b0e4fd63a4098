"""Length of service: one employee's page and the report of everyone working on a date (with XLSX)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.employment.seniority import (
    ACCESS_LOG_WHAT,
    KindOfService,
    ReportRow,
    Threshold,
    length_of_service_on,
    service_report,
    service_rows,
    sources_for_employee,
    working_on,
)
from kadry.lib.dates import short_date
from kadry.lib.pagination import OneQueryPaginator
from kadry.lib.urls import url_by_pk
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.access import get_employee_for

SERVICE_REPORT = "Отчёт о стаже"  # what the access log says was opened


def _chosen_date(request: HttpRequest) -> dt.date:
    """Return the date in ``?on=YYYY-MM-DD``, or today when it is missing or malformed."""
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@capability_required(Capability.VIEW_PERSONAL_DATA)
def employee_service(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    employee = get_employee_for(membership, pk)
    on = _chosen_date(request)
    sources = sources_for_employee(employee)
    service = length_of_service_on(sources, on)
    record_access(membership=membership, subject=employee, what=ACCESS_LOG_WHAT, request=request)
    return render(
        request,
        "employment/employee_service.html",
        {"employee": employee, "on": on, "service": service, "sources": sources},
    )


class ServiceRow(TypedDict):
    """What a row of the report shows, ready to print (a dict: the template reads it without attribute lookups)."""

    href: str
    name: str
    position: str
    total: str
    insurance: str
    pedagogical: str
    organisation: str
    five_years: str  # the date it will be reached, or empty
    five_years_reached: bool
    eight_years: str
    eight_years_reached: bool
    sick_pay_percent: str


def service_row_cells(rows: Sequence[ReportRow], on: dt.date) -> list[ServiceRow]:
    """Return the cells of the report's rows, every duration and date written out once."""
    service_url = url_by_pk("employee_service")
    query = f"?on={on:%Y-%m-%d}"
    cells = []
    for row in rows:
        service, employee = row.service, row.employee
        five, eight = service.thresholds  # ``rules.SICK_PAY_THRESHOLDS``: the two columns
        cells.append(
            ServiceRow(
                href=f"{service_url(employee.pk)}{query}",
                name=employee.full_name,
                position=employee.placement.position_name or "",
                total=str(service.total.duration),
                insurance=str(service.insurance.duration),
                pedagogical=str(service.pedagogical.duration),
                organisation=str(service.organisation.duration),
                five_years=short_date(five.date),
                five_years_reached=five.reached,
                eight_years=short_date(eight.date),
                eight_years_reached=eight.reached,
                sick_pay_percent=str(service.sick_pay_percent),
            )
        )
    return cells


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def service_report_view(request: MemberRequest) -> HttpResponse:
    on = _chosen_date(request)
    # A screen of rows at a time, like the registry; the XLSX export has everyone.
    page = OneQueryPaginator(working_on(request.membership.organisation_id, on), settings.KADRY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = service_row_cells(service_rows(list(page.object_list), on), on)
    # A list of named people with their service is personal data: one row per page shown, the organisation as subject.
    membership = request.membership
    what = f"{SERVICE_REPORT} на {on:%d.%m.%Y}, стр. {page.number}: {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    context = {"on": on, "rows": rows, "page": page, "query": f"on={on:%Y-%m-%d}"}
    return render(request, "employment/service_report.html", context)


REPORT_HEADERS = (
    "Табельный номер",
    "Сотрудник",
    "Должность",
    "Подразделение",
    "Общий стаж",
    "Страховой стаж",
    "Педагогический стаж",
    "Непрерывный стаж в организации",
    "Страховой стаж 5 лет",
    "Страховой стаж 8 лет",
    "Больничный, % заработка",
)


def _threshold_cell(threshold: Threshold) -> dt.date | str:
    return threshold.date or ("достигнут" if threshold.reached else "")


def _duration_cell(kind: KindOfService) -> str:
    return str(kind.duration)


@capability_required(Capability.VIEW_PERSONAL_DATA)
@reads_from_replica
def service_report_export(request: MemberRequest) -> HttpResponse:
    on = _chosen_date(request)
    rows = [
        (
            row.employee.personnel_number,
            row.employee.full_name,
            row.employee.placement.position_name or "",
            row.employee.placement.department_name or "",
            *(_duration_cell(kind) for kind in row.service.kinds),
            *(_threshold_cell(threshold) for threshold in row.service.thresholds),
            row.service.sick_pay_percent,
        )
        for row in service_report(request.membership.organisation_id, on)
    ]
    membership = request.membership
    what = f"{SERVICE_REPORT} на {on:%d.%m.%Y} (XLSX): {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    content = table_to_xlsx(f"Стаж на {on:%d.%m.%Y}", REPORT_HEADERS, rows)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="length-of-service-{on:%Y-%m-%d}.xlsx"'
    return response
