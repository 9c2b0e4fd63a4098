"""The page «Предпенсионеры и пенсионеры» with its XLSX and PDF; HR and those who read personal data.

Thin: the chosen horizon → ``queries.upcoming`` → a table. A list of named people with their dates
of birth and pension terms is personal data: each page and file is written to the access log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.dates import short_date
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.retirement import queries, rules
from kadry.retirement.queries import ACCESS_LOG_WHAT, Row

DEFAULT_MONTHS = 12
MAX_MONTHS = 120
HEADERS = ("Табельный номер", "Сотрудник", "Должность", "Дата рождения", "Пенсионный возраст",
           "Дата права по возрасту", "25 лет педагогического стажа", "Право на досрочную пенсию педагога",
           "Право на пенсию (раньшее)", "Предпенсионный возраст с", "Статус", "Дней на диспансеризацию")  # fmt: skip


def chosen_months(value: str | None) -> int:
    """Return the horizon in months asked for (1–120), the default for nothing or nonsense."""
    try:
        months = int(value or DEFAULT_MONTHS)
    except ValueError:
        return DEFAULT_MONTHS
    return min(max(months, 1), MAX_MONTHS)


def _cells(row: Row) -> tuple[Any, ...]:
    found, employee = row.outlook, row.employee
    age = f"{found.general.years} лет" + (f" {found.general.months} мес." if found.general.months else "")
    return (employee.personnel_number, employee.full_name, employee.placement.position_name or "",
            short_date(employee.birth_date), age, short_date(found.general.date), short_date(found.teacher_25_on),
            short_date(found.teacher_right_on), short_date(found.right_on), short_date(found.pre_retirement_from),
            row.status_label, row.checkup_days)  # fmt: skip


def _rows(request: MemberRequest, months: int) -> list[Row]:
    return queries.upcoming(request.membership.organisation_id, timezone.localdate(), months)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def upcoming(request: MemberRequest) -> HttpResponse:
    months = chosen_months(request.GET.get("months"))
    rows = _rows(request, months)
    membership = request.membership
    what = f"{ACCESS_LOG_WHAT} на {months} мес.: {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    context = {
        "rows": rows, "months": months, "today": timezone.localdate(), "rules": rules,
        "general_checklist": rules.checklist(False), "teacher_checklist": rules.checklist(True)[len(rules.checklist(False)):],
    }  # fmt: skip
    return render(request, "retirement/upcoming.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def export(request: MemberRequest, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    months = chosen_months(request.GET.get("months"))
    rows = _rows(request, months)
    today = timezone.localdate()
    name = f"Предпенсионеры и пенсионеры {today:%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        content = table_to_xlsx("Предпенсионеры", HEADERS, [_cells(row) for row in rows])
        content_type = XLSX_CONTENT_TYPE
    else:
        html = render_to_string(
            "retirement/print/upcoming.html",
            {"organisation": request.membership.organisation, "headers": HEADERS, "months": months, "today": today,
             "rows": [_cells(row) for row in rows]},
        )  # fmt: skip
        try:
            content = render_pdf(html, base_url=str(settings.BASE_DIR))
        except PdfUnavailableError as error:
            messages.error(request, str(error))
            return redirect("retirement:upcoming")
        content_type = PDF_CONTENT_TYPE
    membership = request.membership
    what = f"{ACCESS_LOG_WHAT} на {months} мес. ({fmt.upper()}): {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
