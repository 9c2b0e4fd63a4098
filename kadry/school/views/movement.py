"""The movement of students for a period and the graduates' destinations (§6.5): a page and its XLSX.

For the administration (every class): the page names students, so each showing is access-logged
with the school as subject.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.tables import parse_date
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, sections_to_xlsx
from kadry.school import access_log
from kadry.school.queries.movement import school_movement, tables
from kadry.school.rules.movement import Movement
from kadry.school.views.activities import current_year

MOVEMENT = "Движение обучающихся"


def _period(request: HttpRequest, organisation_id: int) -> tuple[dt.date, dt.date, str]:
    """Return the period asked for (``?start=&end=``), by default the school year so far; and an error."""
    today = timezone.localdate()
    year = current_year(organisation_id, today)
    default_start = year.start if year is not None else today.replace(month=1, day=1)
    start = parse_date(request.GET.get("start")) if request.GET.get("start") else default_start
    end = parse_date(request.GET.get("end")) if request.GET.get("end") else today
    if start is None or end is None:
        return default_start, today, "Неверная дата: ожидается ДД.ММ.ГГГГ."
    if end < start:
        return default_start, today, "Конец периода раньше начала."
    return start, end, ""


def _named(result: Movement) -> int:
    """Return how many named rows the page shows: what the access log counts."""
    return len(result.arrived) + len(result.left) + len(result.moved) + sum(len(g) for g in result.graduates.values())


@capability_required(Capability.VIEW_ALL_CLASSES)
def movement(request: MemberRequest) -> HttpResponse:
    """Arrived, left with the destination, moved between classes; the graduates of grades 9 and 11."""
    organisation = request.membership.organisation
    start, end, error = _period(request, organisation.pk)
    result = school_movement(organisation.pk, start, end)
    access_log.record_list_access(request, organisation, MOVEMENT, _named(result))
    data = {"start": start, "end": end, "error": error, "result": result, "tables": tables(result)}
    return render(request, "school/movement/movement.html", data, status=400 if error else 200)


@capability_required(Capability.VIEW_ALL_CLASSES)
def movement_xlsx(request: MemberRequest) -> HttpResponse:
    organisation = request.membership.organisation
    start, end, _error = _period(request, organisation.pk)
    result = school_movement(organisation.pk, start, end)
    access_log.record_list_access(request, organisation, f"{MOVEMENT}: XLSX", _named(result))
    title = f"Движение обучающихся {start:%d.%m.%Y}–{end:%d.%m.%Y}"
    response = HttpResponse(sections_to_xlsx(title, tables(result)), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="movement-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx"'
    return response
