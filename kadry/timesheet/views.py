"""Pages of the timesheet: the month's departments, a department's month (Т-13), corrections, close,
the corrective timesheet, Т-13 as XLSX and PDF.

Thin: access (capability + organisation scope) → form → the services → redirect/render. The pages
with names and absences write the access log.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.models import BackgroundJob
from kadry.core.permissions import Capability, role_can
from kadry.employment.models import Assignment
from kadry.lib import calendar
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.widgets import PlainSelect
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.models import Department
from kadry.timesheet import month_grid, rules, services, tasks
from kadry.timesheet.models import MONTHS, Timesheet

ACCESS_WHAT = services.ACCESS_WHAT
# The printed forms: the unified Т-13 and ф. 0504421 of state and municipal institutions (Приказ Минфина № 52н).
PRINT_FORMS = {"t13": "Т-13", "0504421": "ф. 0504421"}


def _month(year: int, month: int) -> None:
    if not (calendar.FIRST_YEAR <= year <= timezone.localdate().year + 1 and 1 <= month <= 12):
        raise Http404


def _department(request: MemberRequest, pk: int) -> Department:
    # A department of another organisation: 404, and the attempt goes to the access log.
    with denied_as(Department, pk):
        return get_object_or_404(Department, organisation_id=request.membership.organisation_id, pk=pk)


def _sheets(request: MemberRequest, year: int, month: int, pk: int) -> tuple[Department, list[Timesheet]]:
    """Return the department and its month's chain of timesheets (the primary made when first opened)."""
    _month(year, month)
    department = _department(request, pk)
    chain = month_grid.month_chain(request.membership.organisation_id, department, year, month)
    for sheet in chain:
        sheet.department = department
    return department, chain


def _adjacent(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    after = (year, month + 1) if month < 12 else (year + 1, 1)
    return before, after


@capability_required(Capability.VIEW_PERSONAL_DATA)
def index(request: MemberRequest, year: int, month: int) -> HttpResponse:
    """The month's departments with the state of their timesheets (no one's data: no access log)."""
    _month(year, month)
    organisation_id = request.membership.organisation_id
    departments = list(Department.objects.filter(organisation_id=organisation_id).order_by("order", "name"))
    latest: dict[int, Timesheet] = {}
    for sheet in Timesheet.objects.filter(organisation_id=organisation_id, year=year, month=month).order_by("number"):
        latest[sheet.department_id] = sheet
    before, after = _adjacent(year, month)
    last_year = timezone.localdate().year + 1
    return render(
        request,
        "timesheet/index.html",
        {"year": year, "month": month, "month_name": MONTHS[month - 1],
         "rows": [(d, latest.get(d.pk)) for d in departments],
         "can_fill": role_can(request.membership.role, Capability.DRAFT_ORDERS),
         "before": before if before[0] >= calendar.FIRST_YEAR else None,
         "after": after if after[0] <= last_year else None},
    )  # fmt: skip


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def fill(request: MemberRequest, year: int, month: int) -> HttpResponse:
    """Queue the filling of the month's timesheets of every department (of every school of an HR service)."""
    _month(year, month)
    job = tasks.start_fill(membership=request.membership, year=year, month=month)
    return redirect("timesheet:job", job.pk)


@capability_required(Capability.DRAFT_ORDERS)
def job(request: MemberRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        BackgroundJob.objects.select_related("created_by"),
        pk=pk,
        organisation_id=request.membership.organisation_id,
        kind=BackgroundJob.Kind.TIMESHEET_FILL,
    )
    fail_if_abandoned(found)  # A job whose worker died is shown failed, not running for ever.
    template = "timesheet/_job_status.html" if request.htmx else "timesheet/job.html"
    return render(request, template, {"job": found})


class CorrectionForm(forms.Form):
    """A correction of one row over a run of days, with one reason."""

    assignment = forms.TypedChoiceField(label="Сотрудник", coerce=int, widget=PlainSelect)
    start = forms.DateField(label="С", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="По", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    code = forms.ChoiceField(
        label="Код", choices=[(c, f"{c} ({n}) — {m}") for c, (n, m) in rules.CODES.items()], widget=PlainSelect
    )
    hours = forms.DecimalField(label="Часов в день", required=False, min_value=Decimal(0), max_value=Decimal(24),
                               decimal_places=2)  # fmt: skip
    reason = forms.CharField(label="Основание", max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, grid: month_grid.Grid, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.fields["assignment"].choices = [  # type: ignore[attr-defined]
            (row.assignment_id, f"{row.name} — {row.position}, {row.kind}") for row in grid.rows
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end") or data.get("start")
        if start and end:
            if end < start:
                self.add_error("end", "Последний день раньше первого.")
            elif (start.year, start.month) != (self.grid.year, self.grid.month) or (end.year, end.month) != (
                self.grid.year, self.grid.month):  # fmt: skip
                self.add_error(
                    "start", f"Дни должны быть в месяце табеля: {MONTHS[self.grid.month - 1]} {self.grid.year}."
                )
            data["end"] = end
        return data


def _page(
    request: MemberRequest, department: Department, chain: list[Timesheet], sheet: Timesheet,
    form: CorrectionForm | None = None,
) -> HttpResponse:  # fmt: skip
    grid = month_grid.filling(sheet)
    can_edit = role_can(request.membership.role, Capability.DRAFT_ORDERS)
    changed: set[tuple[int, int]] = set()
    if sheet.corrects_id:
        previous = next(s for s in chain if s.pk == sheet.corrects_id)
        changed = services.differences(grid, month_grid.filling(previous))
    lazy_form = False
    if form is None and can_edit and not sheet.is_closed:
        if request.GET.get("correct"):
            form = CorrectionForm(grid=grid, initial={"version": sheet.version})
        else:
            lazy_form = True
    latest = chain[-1]
    seen: dict[tuple[Any, ...], SafeString] = {}
    lines = [_row_html(row, grid.day_kinds, changed, seen) for row in grid.rows]
    header = format_html_join(
        "", '<th class="{}">{}</th>', ((kind, day.day) for day, kind in zip(grid.days, grid.day_kinds, strict=True))
    )
    record_access(membership=request.membership, subject=sheet, what=ACCESS_WHAT, request=request)
    return render(
        request,
        "timesheet/sheet.html",
        {"department": department, "sheet": sheet, "chain": chain, "grid": grid, "lines": lines,
         "month_name": MONTHS[grid.month - 1], "form": form, "lazy_form": lazy_form,
         "header": header, "can_edit": can_edit,
         "can_close": can_edit and not sheet.is_closed,
         "can_correct": can_edit and sheet.pk == latest.pk and sheet.is_closed,
         "codes": _codes_legend()},
    )  # fmt: skip


@cache
def _codes_legend() -> SafeString:
    """The legend of the Т-13 codes: the same for every page, built once per process."""
    return format_html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((c, n, m) for c, (n, m) in rules.CODES.items())
    )


def _row_html(
    row: month_grid.Row, day_kinds: list[str], changed: set[tuple[int, int]], seen: dict[tuple[Any, ...], SafeString]
) -> SafeString:
    """Return one employee's row: the name, the day cells, the totals (50 rows × 31 days: built here, once)."""
    totals = row.totals
    number = format_html(" ({})", row.personnel_number) if row.personnel_number else ""
    absences = format_html_join(
        "<br>", "{}: {}", ((code, days) for code, days in totals.absences.items())
    ) or "—"  # fmt: skip
    return format_html(
        '<tr><td class="name">{}{}<small>{}, {}, {} ст., {} ч/нед.</small></td>{}'
        '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>',
        row.name, number, row.position, row.kind, row.rate, row.week,
        _cells_html(row, day_kinds, changed, seen),
        totals.days, rules.hours_text(totals.hours), rules.hours_text(row.norm_hours), absences,
    )  # fmt: skip


def _cells_html(
    row: month_grid.Row, day_kinds: list[str], changed: set[tuple[int, int]], seen: dict[tuple[Any, ...], SafeString]
) -> SafeString:
    """Return the day cells of a row as HTML: a month of 30 rows is 900 cells, too many for template tags.

    Most cells repeat (Я 7,2 on a working day, В on a day off): each different cell is formatted once per
    page and kept in ``seen``, so a row costs one format_html call, not one per day.
    """
    parts = []
    for index, cell in enumerate(row.cells):
        key = (day_kinds[index], index in row.corrected, (row.assignment_id, index) in changed,
               None if cell is None else cell.code, None if cell is None else cell.hours)  # fmt: skip
        html = seen.get(key)
        if html is None:
            html = seen[key] = _cell_html(*key)
        parts.append(html)
    return format_html("{}" * len(parts), *parts)


def _cell_html(day_kind: str, corrected: bool, changed: bool, code: str | None, hours: Decimal | None) -> SafeString:
    classes = " ".join(c for c in (day_kind, "corrected" if corrected else "", "changed" if changed else "") if c)
    content = ""
    if code is not None:
        hours_text = rules.hours_text(hours)
        content = format_html("{}<small>{}</small>", code, hours_text) if hours_text else escape(code)
    if corrected:
        return format_html('<td class="{}" title="исправлено вручную">{}</td>', classes, content)
    return format_html('<td class="{}">{}</td>', classes, content)


def _chosen(request: MemberRequest, chain: list[Timesheet]) -> Timesheet:
    number = request.GET.get("n", "")
    if not number:
        return chain[-1]
    for sheet in chain:
        if str(sheet.number) == number:
            return sheet
    raise Http404


@capability_required(Capability.VIEW_PERSONAL_DATA)
def sheet(request: MemberRequest, year: int, month: int, pk: int) -> HttpResponse:
    """A department's month: employees × days with codes and hours, the totals, the month's norm."""
    department, chain = _sheets(request, year, month, pk)
    latest = chain[-1]
    editor = role_can(request.membership.role, Capability.DRAFT_ORDERS)
    if request.htmx and request.GET.get("correct") and editor and not latest.is_closed:
        return _correction_form(request, department, latest)
    return _page(request, department, chain, _chosen(request, chain))


def _correction_form(request: MemberRequest, department: Department, latest: Timesheet) -> HttpResponse:
    """The correction form alone, asked for when the inspector opens «Исправить табель» (htmx)."""
    grid = month_grid.filling(latest)
    record_access(membership=request.membership, subject=latest, what=ACCESS_WHAT, request=request)
    form = CorrectionForm(grid=grid, initial={"version": latest.version})
    return render(
        request, "timesheet/_correct.html", {"form": form, "grid": grid, "department": department, "fragment": True}
    )


def _errors_into(form: forms.Form, error: ValidationError) -> None:
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, texts in pairs:
        # The version is a hidden field: its error (a stale form) is the form's.
        form.add_error(field if field in form.fields and field != "version" else None, texts)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def correct(request: MemberRequest, year: int, month: int, pk: int) -> HttpResponse:
    """Change the days of one row by hand, with the reason; the open (latest) timesheet of the month only."""
    department, chain = _sheets(request, year, month, pk)
    latest = chain[-1]
    form = CorrectionForm(request.POST, grid=month_grid.filling(latest))
    if form.is_valid():
        data = form.cleaned_data
        assignment = get_object_or_404(
            Assignment.objects.select_related("staffing_unit", "employee"),
            organisation_id=request.membership.organisation_id, pk=data["assignment"],
        )  # fmt: skip
        changes = []
        day = data["start"]
        while day <= data["end"]:
            changes.append(services.CellChange(assignment, day, data["code"], data["hours"]))
            day += dt.timedelta(days=1)
        try:
            services.correct(actor=request.user, timesheet=latest, version=data["version"], changes=changes,
                             reason=data["reason"])  # fmt: skip
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, f"Табель исправлен: {assignment.employee.short_name}.")
            return redirect("timesheet:sheet", year, month, pk)
    return _page(request, department, chain, latest, form)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def close(request: MemberRequest, year: int, month: int, pk: int) -> HttpResponse:
    """Close the month's open timesheet: its filling is kept as it is now."""
    _department, chain = _sheets(request, year, month, pk)
    try:
        services.close(actor=request.user, timesheet=chain[-1], version=int(request.POST.get("version", "-1")))
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Табель закрыт. Исправления теперь вносятся корректирующим табелем.")
    return redirect("timesheet:sheet", year, month, pk)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def corrective(request: MemberRequest, year: int, month: int, pk: int) -> HttpResponse:
    """Start a corrective timesheet beside the closed one."""
    _department, chain = _sheets(request, year, month, pk)
    try:
        made = services.open_corrective(
            actor=request.user, timesheet=chain[-1], version=int(request.POST.get("version", "-1"))
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"Создан корректирующий табель № {made.number}.")
    return redirect("timesheet:sheet", year, month, pk)


def t13_rows(grid: month_grid.Grid) -> list[list[Any]]:
    """Return the rows of Т-13 as a table: the employee, a code and hours per day, the totals."""
    result = []
    for n, row in enumerate(grid.rows, start=1):
        totals = row.totals
        days = [f"{c.code} {rules.hours_text(c.hours)}".strip() if c else "" for c in row.cells]
        absences = "; ".join(f"{code} ({rules.CODES[code][0]}): {count}" for code, count in totals.absences.items())
        result.append([n, row.name, row.personnel_number, row.position, row.kind, row.rate, *days,
                       totals.first_half_days, float(totals.first_half_hours), totals.second_half_days,
                       float(totals.second_half_hours), totals.days, float(totals.hours), float(row.norm_hours),
                       absences])  # fmt: skip
    return result


def _file_name(sheet: Timesheet, extension: str, form: str = "Т-13") -> str:
    suffix = f" корр. {sheet.number}" if sheet.number else ""
    return f"{form} {sheet.department.name} {sheet.year}-{sheet.month:02}{suffix}.{extension}"


@capability_required(Capability.VIEW_PERSONAL_DATA)
def sheet_xlsx(request: MemberRequest, year: int, month: int, pk: int) -> HttpResponse:
    """Т-13 as a table, through the one formula-safe XLSX writer."""
    _department, chain = _sheets(request, year, month, pk)
    chosen = _chosen(request, chain)
    grid = month_grid.filling(chosen)
    headers = ["№", "Фамилия, имя, отчество", "Табельный номер", "Должность", "Вид работы", "Ставка",
               *(str(d.day) for d in grid.days), "Дней (1–15)", "Часов (1–15)", "Дней (16–)", "Часов (16–)",
               "Отработано дней", "Отработано часов", "Норма часов", "Неявки: код (номер): дней"]  # fmt: skip
    content = table_to_xlsx(f"Т-13 {year}-{month:02}", headers, t13_rows(grid))
    record_access(membership=request.membership, subject=chosen, what=f"{ACCESS_WHAT} (XLSX)", request=request)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _file_name(chosen, "xlsx"))
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def sheet_pdf(request: MemberRequest, year: int, month: int, pk: int, form: str) -> HttpResponse:
    """The timesheet as PDF on Т-13 (Постановление Госкомстата России от 05.01.2004 № 1, ОКУД 0301008)
    or on ф. 0504421 (Приказ Минфина России от 30.03.2015 № 52н), the form of municipal schools."""
    if form not in PRINT_FORMS:
        raise Http404
    department, chain = _sheets(request, year, month, pk)
    chosen = _chosen(request, chain)
    grid = month_grid.filling(chosen)
    halves = []
    for row in grid.rows:
        first = [c for d, c in zip(grid.days, row.cells, strict=True) if d.day <= rules.FIRST_HALF_LAST_DAY]
        second = [c for d, c in zip(grid.days, row.cells, strict=True) if d.day > rules.FIRST_HALF_LAST_DAY]
        halves.append((row, first + [None] * (15 - len(first)), second + [None] * (16 - len(second)), row.totals))
    html = render_to_string(
        f"timesheet/print/{form}.html",
        {"sheet": chosen, "department": department, "organisation": request.membership.organisation,
         "grid": grid, "rows": halves, "month_name": MONTHS[month - 1],
         "start": grid.days[0], "end": grid.days[-1], "today": timezone.localdate(),
         "first_days": range(1, 16), "second_days": range(16, 32)},
    )  # fmt: skip
    try:
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect("timesheet:sheet", year, month, pk)
    record_access(
        membership=request.membership, subject=chosen, what=f"{ACCESS_WHAT} ({PRINT_FORMS[form]}, PDF)", request=request
    )
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, _file_name(chosen, "pdf", PRINT_FORMS[form]))
    return response
