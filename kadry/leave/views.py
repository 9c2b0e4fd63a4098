"""Pages of leave: the vacation schedule of a year and of a department, Т-7 as XLSX and PDF, the notices due.

Thin: access (capability + organisation scope) → form → the schedule's services → redirect/render.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.leave import rules
from kadry.leave import schedule as schedules
from kadry.leave.models import PlannedLeave, VacationSchedule
from kadry.leave.services import span
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.models import Department


def _schedule(request: MemberRequest, year: int) -> VacationSchedule:
    if not 2020 <= year <= timezone.localdate().year + 1:
        raise Http404
    return schedules.schedule_for(request.membership.organisation_id, year)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule(request: MemberRequest, year: int) -> HttpResponse:
    """The schedule of a year: departments with their planned parts, the approval and its deadline."""
    plan = _schedule(request, year)
    organisation_id = request.membership.organisation_id
    departments = list(Department.objects.filter(organisation_id=organisation_id).order_by("order", "name"))
    counts: dict[int, int] = {}
    for department_id in PlannedLeave.objects.filter(schedule=plan).values_list("department_id", flat=True):
        counts[department_id] = counts.get(department_id, 0) + 1
    role = request.membership.role
    return render(
        request,
        "leave/schedule.html",
        {
            "plan": plan,
            "year": year,
            "departments": [(d, counts.get(d.pk, 0)) for d in departments],
            "approval_due": rules.approval_due(year),
            "can_edit": role_can(role, Capability.DRAFT_ORDERS),
            "can_approve": role_can(role, Capability.SIGN_ORDERS),
        },
    )


@capability_required(Capability.SIGN_ORDERS)
@require_POST
def approve(request: MemberRequest, year: int) -> HttpResponse:
    plan = _schedule(request, year)
    try:
        schedules.approve_schedule(
            actor=request.user, schedule=plan, version=int(request.POST.get("version", "-1")), on=timezone.localdate()
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"График отпусков на {year} год утверждён.")
    return redirect("leave:schedule", year)


T7_HEADERS = ("Структурное подразделение", "Должность", "Фамилия, имя, отчество", "Табельный номер",
              "Календарных дней", "Дата запланированная", "Дата фактическая", "Перенос: основание",
              "Перенос: дата", "Примечание")  # fmt: skip
T7_ACCESS = "График отпусков Т-7"  # what the access log says was opened


def _t7_rows(plan: VacationSchedule) -> list[tuple[Any, ...]]:
    """Return the rows of Т-7 (columns 1–10), by department and employee; two queries."""
    parts = (
        PlannedLeave.objects.filter(schedule=plan)
        .select_related("department", "employee")
        .prefetch_related("employee__assignments__staffing_unit__position")
        .order_by("department__order", "department__name", "employee__last_name", "start")
    )
    rows = []
    for part in parts:
        positions = sorted({a.staffing_unit.position.name for a in part.employee.assignments.all()})
        rows.append((part.department.name, ", ".join(positions), part.employee.full_name, part.employee.personnel_number,
                     part.days, part.start, "", part.move_reason, part.moved_start or "",
                     f"уведомлен {part.notice_handed_on:%d.%m.%Y}" if part.notice_handed_on else ""))  # fmt: skip
    return rows


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule_xlsx(request: MemberRequest, year: int) -> HttpResponse:
    """Т-7 (Постановление Госкомстата № 1 от 05.01.2004) as a table, through the one safe XLSX writer."""
    plan = _schedule(request, year)
    content = table_to_xlsx(f"График отпусков {year}", T7_HEADERS, _t7_rows(plan))
    record_access(membership=request.membership, subject=plan, what=f"{T7_ACCESS} (XLSX)", request=request)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"Т-7 график отпусков {year}.xlsx")
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule_pdf(request: MemberRequest, year: int) -> HttpResponse:
    """Т-7 on its unified form (Постановление Госкомстата России от 05.01.2004 № 1, ОКУД 0301020) as PDF."""
    plan = _schedule(request, year)
    approver = plan.approved_by.get_full_name() if plan.approved_by else ""
    html = render_to_string(
        "leave/print/t7.html",
        {"plan": plan, "organisation": request.membership.organisation, "rows": _t7_rows(plan),
         "approver": approver, "today": timezone.localdate()},
    )  # fmt: skip
    try:
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect("leave:schedule", year)
    record_access(membership=request.membership, subject=plan, what=f"{T7_ACCESS} (PDF)", request=request)
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"Т-7 график отпусков {year}.pdf")
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def notices(request: MemberRequest) -> HttpResponse:
    """The notices of leave due in the next four weeks (ТК РФ ст. 123 ч. 3: two weeks before the start)."""
    today = timezone.localdate()
    due = schedules.notices_due(request.membership.organisation_id, today)
    rows = [(part, rules.notice_due(part.effective_start)) for part in due]
    can_mark = role_can(request.membership.role, Capability.DRAFT_ORDERS)
    return render(request, "leave/notices.html", {"rows": rows, "today": today, "can_mark": can_mark})


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def notice_handed(request: MemberRequest, pk: int) -> HttpResponse:
    part = get_object_or_404(PlannedLeave, organisation_id=request.membership.organisation_id, pk=pk)
    schedules.mark_notice_handed(actor=request.user, part=part, on=timezone.localdate())
    messages.success(request, f"Уведомление {part.employee.short_name} отмечено как вручённое.")
    return redirect("leave:notices")


@capability_required(Capability.VIEW_PERSONAL_DATA)
def notice_print(request: MemberRequest, pk: int) -> HttpResponse:
    """A printable notice with a signature line."""
    part = get_object_or_404(
        PlannedLeave.objects.select_related("employee", "schedule__organisation"),
        organisation_id=request.membership.organisation_id,
        pk=pk,
    )
    end = span("annual", part.effective_start, part.days)[0]
    return render(request, "leave/notice_print.html", {"part": part, "end": end, "today": timezone.localdate()})
