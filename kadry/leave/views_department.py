"""The vacation schedule of one department: HR plans every employee's parts on one page; once the
schedule is approved, a part is moved with its reason (Т-7 columns 8–9).

The table's cells are built here, not by template tags: a department of 50 people is 150 cells with two
inputs each, and the template engine spent two thirds of the page's time on them (issue 12's bench).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.leave import schedule as schedules
from kadry.leave.models import PlannedLeave, VacationSchedule
from kadry.leave.services import span
from kadry.leave.views import _schedule
from kadry.staff.models import Department, Employee

PARTS_PER_EMPLOYEE = 3  # the form's rows per employee; a leave split more finely is rare (ст. 125)
NOT_A_DATE = "укажите дату начала в виде ГГГГ-ММ-ДД."
NOT_DAYS = "укажите число календарных дней."
WARNING = "Предупреждение"  # the checks that do not block the plan begin so (schedule.department_plan)


def _rows_from_post(request: MemberRequest, plan_rows: list[Any]) -> tuple[list[schedules.PlanRow], dict[str, str]]:
    """Read the parts typed on the page; ``errors`` maps ``"<employee>-<part>"`` to the cell's message."""
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
                errors[key] = f"{employee.short_name}: {NOT_A_DATE}"
                continue
            if not days_text.isdigit() or int(days_text) < 1:
                errors[key] = f"{employee.short_name}: {NOT_DAYS}"
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
        return _department_page(request, plan, unit, result, errors=errors, posted=request.POST)
    return _department_page(request, plan, unit, result)


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


def _department_page(
    request: MemberRequest,
    plan: VacationSchedule,
    unit: Department,
    result: schedules.DepartmentPlan,
    *,
    errors: dict[str, str] | None = None,
    posted: QueryDict | None = None,
    moving: tuple[int, MoveForm] | None = None,
) -> HttpResponse:
    role = request.membership.role
    cells = _Cells(
        plan,
        can_edit=role_can(role, Capability.DRAFT_ORDERS) and plan.status == plan.Status.DRAFT,
        can_move=role_can(role, Capability.DRAFT_ORDERS) and plan.status == plan.Status.APPROVED,
        errors=errors or {},
        posted=posted,
        moving=moving,
    )
    lines = [cells.row(employee, parts, days, problems) for employee, parts, days, problems in result.rows]
    return render(
        request,
        "leave/department.html",
        {"plan": plan, "year": plan.year, "department": unit, "lines": lines, "warnings": result.warnings,
         "can_edit": cells.can_edit, "plan_error": cells.errors.get("__all__", ""),
         "cell_errors": len(cells.errors.keys() - {"__all__"}), "move_forms": cells.move_form_ids,
         # Parts are moved only once the schedule is approved: a draft has no moves to read.
         "moves": schedules.moves_of(plan, unit) if cells.approved else []},
    )  # fmt: skip


class _Cells:
    """The three part cells of each employee's row, as HTML built with format_html (escaped)."""

    def __init__(
        self,
        plan: VacationSchedule,
        *,
        can_edit: bool,
        can_move: bool,
        errors: dict[str, str],
        posted: QueryDict | None,
        moving: tuple[int, MoveForm] | None,
    ) -> None:
        self.plan, self.can_edit, self.can_move = plan, can_edit, can_move
        self.errors, self.posted, self.moving = errors, posted, moving
        self.approved = plan.status == plan.Status.APPROVED
        self.move_form_ids: list[int] = []
        # One reverse for the page: the notice links differ only by the part's id.
        self.notice_url = reverse("leave:notice_print", args=[0])[: -len("0/")]

    def row(self, employee: Employee, parts: list[PlannedLeave], days: int, problems: list[str]) -> SafeString:
        """Return the employee's whole row: the name, the entitlement, three parts, the checks."""
        name = employee.short_name
        first, second, third = (
            self._cell(employee, name, n, parts[n] if n < len(parts) else None) for n in range(PARTS_PER_EMPLOYEE)
        )
        checks = format_html_join(
            "", '<div class="{}">{}</div>',
            (("warning" if problem.startswith(WARNING) else "error", problem) for problem in problems),
        ) or "✓"  # fmt: skip
        return format_html(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            employee.full_name, days, first, second, third, checks,
        )  # fmt: skip

    def _cell(self, employee: Employee, name: str, n: int, part: PlannedLeave | None) -> SafeString:
        if self.can_edit and part is None:
            return self._inputs(employee, name, n, part)  # most cells of a draft: the empty inputs alone
        pieces: list[SafeString] = []
        if self.can_edit:
            pieces.append(self._inputs(employee, name, n, part))
        elif part:
            moved = format_html(" (перенесено: {})", part.move_reason) if part.moved_start else ""
            pieces.append(format_html("{}, {} дн.{}", f"{part.effective_start:%d.%m.%Y}", part.days, moved))
        if part:
            end = span("annual", part.effective_start, part.days)[0]
            pieces.append(format_html("<small>по {}</small>", f"{end:%d.%m.%Y}"))
            if self.approved:
                handed = f" (вручено {part.notice_handed_on:%d.%m.%Y})" if part.notice_handed_on else ""
                pieces.append(
                    format_html('<small><a href="{}{}/">уведомление</a>{}</small>', self.notice_url, part.pk, handed)
                )
            if self.can_move and not part.order_item_id:
                pieces.append(self._move(name, n, part))
        return format_html_join("\n", "{}", ((piece,) for piece in pieces))

    def _inputs(self, employee: Employee, name: str, n: int, part: PlannedLeave | None) -> SafeString:
        start_name, days_name = f"start-{employee.pk}-{n}", f"days-{employee.pk}-{n}"
        if self.posted is not None:  # what was typed stays on the page with its error
            start, days = self.posted.get(start_name, ""), self.posted.get(days_name, "")
        else:
            start, days = (f"{part.start:%Y-%m-%d}", str(part.days)) if part else ("", "")
        error = self.errors.get(f"{employee.pk}-{n}", "")
        invalid = "true" if error else "false"
        html = format_html(
            '<input type="date" name="{}" value="{}" aria-label="{}: начало части {}" aria-invalid="{}">\n'
            '<input type="number" min="1" name="{}" value="{}" aria-label="{}: дней части {}" aria-invalid="{}">',
            start_name, start, name, n + 1, invalid,
            days_name, days, name, n + 1, invalid,
        )  # fmt: skip
        if error:
            html = format_html('{}<p class="error" role="alert">{}</p>', html, error)
        return html

    def _move(self, name: str, n: int, part: PlannedLeave) -> SafeString:
        """The move of one part: its own form (form= attributes), so the plan's form is not sent with it."""
        self.move_form_ids.append(part.pk)
        form_id = f"move-{part.pk}"
        bound = self.moving[1] if self.moving is not None and self.moving[0] == part.pk else None
        new_start = bound["new_start"].value() if bound else None
        reason = bound["reason"].value() if bound else None
        version = bound["version"].value() if bound else self.plan.version
        errors = []
        if bound:
            errors += [(error, "form") for error in bound.non_field_errors()]
            errors += [(error, "new_start") for error in bound["new_start"].errors]
            errors += [(error, "reason") for error in bound["reason"].errors]
        error_html = format_html_join("", '<p class="error" role="alert">{}</p>', ((e,) for e, _field in errors))
        opening = format_html('<details class="move"{}>', " open" if bound else "")
        return format_html(
            '{}<summary>Перенести</summary><div>{}'
            '<input type="hidden" name="{}-version" value="{}" form="{}">'
            '<label>Новая дата начала <input type="date" name="{}-new_start" value="{}" form="{}" required'
            ' aria-label="{}: новая дата начала части {}"></label>'
            '<label>Основание переноса <input type="text" name="{}-reason" value="{}" maxlength="300" form="{}"'
            ' required placeholder="заявление работника от …" aria-label="{}: основание переноса части {}"></label>'
            '<button type="submit" class="small" form="{}">Перенести</button></div></details>',
            opening, error_html,
            form_id, version if version is not None else "", form_id,
            form_id, new_start or "", form_id, name, n + 1,
            form_id, reason or "", form_id, name, n + 1,
            form_id,
        )  # fmt: skip
