"""Pages of leave: the vacation schedule of a year and of a department, Т-7 as XLSX and PDF, the notices due.

Thin: access (capability + organisation scope) → form → the schedule's services → redirect/render.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
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

PARTS_PER_EMPLOYEE = 3  # the form's rows per employee; a leave split more finely is rare (ст. 125)


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


def _rows_from_post(request: MemberRequest, plan_rows: list[Any]) -> tuple[list[schedules.PlanRow], dict[str, str]]:
    rows, errors = [], {}
    for employee, _parts, _days, _problems in plan_rows:
        for n in range(PARTS_PER_EMPLOYEE):
            start_text = request.POST.get(f"start-{employee.pk}-{n}", "").strip()
            days_text = request.POST.get(f"days-{employee.pk}-{n}", "").strip()
            if not start_text and not days_text:
                continue
            key = f"{employee.pk}-{n}"
            try:
                start = dt.date.fromisoformat(start_text)
            except ValueError:
                errors[key] = f"{employee.short_name}: укажите дату начала в виде ГГГГ-ММ-ДД."
                continue
            if not days_text.isdigit() or int(days_text) < 1:
                errors[key] = f"{employee.short_name}: укажите число календарных дней."
                continue
            rows.append(schedules.PlanRow(employee, start, int(days_text)))
    return rows, errors


class MoveForm(forms.Form):
    """Moving a planned part of an approved schedule (Т-7 columns 8–9)."""

    new_start = forms.DateField(label="Новая дата начала", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Основание переноса", max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_new_start(self) -> dt.date:
        value = self.cleaned_data["new_start"]
        # ТК РФ ст. 124 ч. 3: a leave may be carried over to the next working year, no further.
        if not self.year <= value.year <= self.year + 1:
            raise forms.ValidationError(f"Перенести можно на дату {self.year} или {self.year + 1} года.")
        return value


@capability_required(Capability.VIEW_PERSONAL_DATA)
def department(request: MemberRequest, year: int, pk: int) -> HttpResponse:
    """A department's plan with its checks; HR edits it here, all parts at once."""
    plan = _schedule(request, year)
    unit = get_object_or_404(Department, organisation_id=request.membership.organisation_id, pk=pk)
    can_edit = role_can(request.membership.role, Capability.DRAFT_ORDERS) and plan.status == plan.Status.DRAFT
    result = schedules.department_plan(plan, unit)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit:
            return redirect("leave:department", year, pk)
        rows, errors = _rows_from_post(request, result.rows)
        if not errors:
            try:
                version = int(request.POST.get("version", "-1"))
                schedules.save_department_plan(
                    actor=request.user, schedule=plan, department=unit, version=version, rows=rows
                )
            except (ValidationError, ValueError) as error:
                errors = {"__all__": " ".join(getattr(error, "messages", [str(error)]))}
            else:
                messages.success(request, "План подразделения сохранён.")
                return redirect("leave:department", year, pk)
    return _department_page(request, plan, unit, result, errors=errors)


def _department_page(
    request: MemberRequest,
    plan: VacationSchedule,
    unit: Department,
    result: schedules.DepartmentPlan,
    *,
    errors: dict[str, str] | None = None,
    moving: tuple[int, MoveForm] | None = None,
) -> HttpResponse:
    can_edit = role_can(request.membership.role, Capability.DRAFT_ORDERS) and plan.status == plan.Status.DRAFT
    can_move = role_can(request.membership.role, Capability.DRAFT_ORDERS) and plan.status == plan.Status.APPROVED
    lines = []
    for employee, parts, days, problems in result.rows:
        cells = []
        for n in range(PARTS_PER_EMPLOYEE):
            part = parts[n] if n < len(parts) else None
            end = span("annual", part.effective_start, part.days)[0] if part else None
            form = None
            if part and can_move and not part.order_item_id:
                form = moving[1] if moving is not None and moving[0] == part.pk else MoveForm(year=plan.year, initial={"version": plan.version},
                                                        prefix=f"move-{part.pk}")  # fmt: skip
            cells.append((n, part, end, form))
        lines.append((employee, cells, days, problems))
    return render(
        request,
        "leave/department.html",
        {"plan": plan, "year": plan.year, "department": unit, "lines": lines, "warnings": result.warnings,
         "can_edit": can_edit, "can_move": can_move, "errors": errors or {},
         "moves": schedules.moves_of(plan, unit)},
    )  # fmt: skip


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def part_move(request: MemberRequest, year: int, pk: int) -> HttpResponse:
    """Move one planned part of the approved schedule to a new date, with its reason."""
    plan = _schedule(request, year)
    part = get_object_or_404(
        PlannedLeave.objects.select_related("employee", "department"),
        organisation_id=request.membership.organisation_id, schedule=plan, pk=pk,
    )  # fmt: skip
    form = MoveForm(request.POST, year=year, prefix=f"move-{part.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            schedules.move_planned(
                actor=request.user, part=part, version=data["version"], new_start=data["new_start"],
                reason=data["reason"], on=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as error:
            for field, texts in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                target = {"moved_start": "new_start", "move_reason": "reason"}.get(field or "")
                form.add_error(target if target in form.fields else None, texts)
        else:
            messages.success(request, f"Отпуск {part.employee.short_name} перенесён на {data['new_start']:%d.%m.%Y}.")
            return redirect("leave:department", year, part.department_id)
    result = schedules.department_plan(plan, part.department)
    return _department_page(request, plan, part.department, result, moving=(part.pk, form))


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
