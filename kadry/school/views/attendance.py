"""Attendance pages: the day's grid (saved in one request), the week's check, unresolved reasons,
the flags for the social pedagogue and deputy director, the thresholds and the period report.

Access is the school's helpers': a class teacher reaches the classes they lead on the day, the
administration and the social-psychological service every class; anything else answers 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme

from kadry.core.access import capability_required, membership_required
from kadry.core.http import KadryRequest, MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.numbers import decimal_comma
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.school import access_log
from kadry.school.access import classes_for, get_class_for
from kadry.school.forms_attendance import DayForm, ReasonForm, ReportForm, ThresholdsForm, parse_grid
from kadry.school.models import AttendanceMark, SchoolClass, Student
from kadry.school.queries import attendance as queries
from kadry.school.services import attendance as services


def require_class_side(membership: Membership | None) -> Membership:
    """Return the membership if it works with classes (its own or all), else 404."""
    if membership is None or not (
        role_can(membership.role, Capability.CLASS_WORK) or role_can(membership.role, Capability.VIEW_ALL_CLASSES)
    ):
        raise Http404
    return membership


def reachable_classes(membership: Membership | None) -> QuerySet[SchoolClass]:
    """Return the classes the membership reaches today; none (not 404) for a class teacher without a card."""
    require_class_side(membership)
    try:
        return classes_for(membership)
    except Http404:
        return SchoolClass.objects.none()


class GridRow(TypedDict):
    """A student's row of the grid, ready to print: the stored mark, or what was posted when the day was refused.

    Each of the ~30 cells of a row costs a lookup in the template, so the row is made cheap to read: a dict
    (a dataclass's attribute costs a caught exception per lookup) of strings already escaped (no localising
    of numbers, no escaping per cell).
    """

    name: str  # the prefix of the row's fields, ``s<student id>``
    number: str
    student: str
    kind: str
    whole_day: bool
    lessons: str
    minutes_late: str
    note: str
    reason_options: str  # the <option>s of the reason, this row's selected
    errors: dict[str, str]
    minutes_invalid: bool
    lessons_invalid: bool


# A row without a mark (or posted as present) shows its defaults: present, the whole day, reason not found out.
PRESENT = services.MarkInput(student_id=0)


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def grid_rows(
    students: list[tuple[Student, queries.DayMark | None]],
    posted: dict[int, services.MarkInput],
    errors: dict[int, dict[str, str]],
) -> list[GridRow]:
    """Return the grid's rows: what was posted when the day was refused, else the stored marks."""
    sources = []
    for student, mark in students:
        source = posted.get(student.pk) if posted else mark
        sources.append((student, source if source is not None and source.kind else PRESENT))
    # The reason's <option>s differ only in the one selected: render each list once, not once per row.
    template = get_template("school/attendance/_reason_options.html")
    choices = AttendanceMark.Reason.choices
    options = {
        reason: template.render({"reasons": choices, "selected": reason})
        for reason in {source.reason for _student, source in sources}
    }
    rows = []
    for number, (student, source) in enumerate(sources, start=1):
        row_errors = errors.get(student.pk, {})
        rows.append(
            GridRow(
                # Through escape() like the rest, though there is nothing to escape: no mark_safe to vouch for.
                name=escape(f"s{student.pk}"),
                number=escape(str(number)),
                student=escape(str(student)),
                kind=escape(source.kind or "present"),
                whole_day=source.whole_day,
                lessons=escape(_text(source.lessons or None)),
                minutes_late=escape(_text(source.minutes_late)),
                note=escape(source.note),
                reason_options=options[source.reason],
                errors=row_errors,
                minutes_invalid="minutes_late" in row_errors,
                lessons_invalid="lessons" in row_errors,
            )
        )
    return rows


def _grid_url(pk: int, day: dt.date) -> str:
    return f"{reverse('school:attendance_grid', args=[pk])}?date={day.isoformat()}"


@membership_required
def grid(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the class's day and save it whole in one POST (regulation §6.1)."""
    today = timezone.localdate()
    day = DayForm(request.GET).day(today)
    school_class = get_class_for(request.membership, pk, on=day)
    students = queries.grid_students(school_class, day)
    errors = services.AttendanceErrors()
    posted: dict[int, services.MarkInput] = {}
    status = 200
    if request.method == "POST":
        rows = parse_grid(request.POST, [student.pk for student, _mark in students])
        try:
            services.save_day(actor=request.user, school_class=school_class, date=day, marks=rows, today=today)
        except services.AttendanceErrors as refused:
            errors, status = refused, 422
            posted = {row.student_id: row for row in rows}
        else:
            absent = sum(1 for row in rows if row.kind == AttendanceMark.Kind.ABSENT)
            late = sum(1 for row in rows if row.kind == AttendanceMark.Kind.LATE)
            messages.success(
                request,
                f"Посещаемость {school_class} за {day:%d.%m.%Y} сохранена: отсутствуют — {absent}, "
                f"опоздали — {late}, присутствуют — {len(rows) - absent - late}.",
            )
            return redirect(_grid_url(pk, day))
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    what = f"{access_log.ATTENDANCE_DAY} {day:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(students))
    context = {
        "school_class": school_class,
        "day": day,
        "today": today,
        "previous_day": day - dt.timedelta(days=1),
        "next_day": day + dt.timedelta(days=1),
        "grid_url": reverse("school:attendance_grid", args=[school_class.pk]),
        "rows": grid_rows(students, posted, errors.rows),
        "general_errors": errors.day + errors.general,
        "refusal": services.day_refusal(school_class, day, today),
        "marked": school_class.attendance_days.filter(date=day).select_related("marked_by").first(),
    }
    return render(request, "school/attendance/grid.html", context, status=status)


@membership_required
def week(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the week's marks of the class and which still lack a reason (regulation §6.2)."""
    day = DayForm(request.GET).day(timezone.localdate())
    school_class = get_class_for(request.membership, pk, on=day)
    days = queries.week_of(day)
    rows = queries.week_rows(school_class, days)
    what = f"{access_log.ATTENDANCE_WEEK} с {days[0]:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(rows))
    context = {
        "school_class": school_class,
        "days": days,
        "rows": rows,
        "missing": sum(row.missing_reasons for row in rows),
        "previous_week": days[0] - dt.timedelta(days=7),
        "next_week": days[0] + dt.timedelta(days=7),
        "reasons": AttendanceMark.Reason.choices,
    }
    return render(request, "school/attendance/week.html", context)


@membership_required
def unresolved(request: MemberRequest) -> HttpResponse:
    """List the marks whose reason is still unknown, in the classes the user reaches."""
    marks = queries.unresolved_marks(reachable_classes(request.membership))
    page = Paginator(marks, 100).get_page(request.GET.get("page"))
    membership = request.membership
    shown = len({mark.student_id for mark in page.object_list})
    access_log.record_list_access(request, membership.organisation, access_log.ATTENDANCE_UNRESOLVED, shown)
    context = {"page": page, "marks": page.object_list, "reasons": AttendanceMark.Reason.choices}
    return render(request, "school/attendance/unresolved.html", context)


@login_required
def set_reason(request: KadryRequest, pk: int) -> HttpResponse:
    """Record the reason of one mark; htmx swaps the row, a plain form goes back where it came from."""
    membership = require_class_side(request.membership)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mark = get_object_or_404(
        AttendanceMark.objects.select_related("student", "school_class").filter(
            organisation_id=membership.organisation_id
        ),
        pk=pk,
    )
    # The class must be reachable on the day of the mark (a substitute resolves the days they led).
    get_class_for(membership, mark.school_class_id, on=mark.date)
    form = ReasonForm(request.POST)
    error = ""
    if form.is_valid():
        mark = services.set_reason(actor=request.user, mark=mark, reason=form.cleaned_data["reason"])
    else:
        error = "Выберите причину из списка."
    if request.htmx:
        html = render_to_string(
            "school/attendance/_reason_row.html",
            {"mark": mark, "reasons": AttendanceMark.Reason.choices, "error": error, "saved": not error},
            request=request,
        )
        return HttpResponse(html, status=422 if error else 200)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, f"{mark.student}: причина пропуска {mark.date:%d.%m.%Y} — «{mark.get_reason_display()}»."
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("school:attendance_unresolved")
    return redirect(back)


@capability_required(Capability.VIEW_ALL_CLASSES)
def thresholds(request: MemberRequest) -> HttpResponse:
    """Edit when unexcused absences flag a student."""
    organisation_id = request.membership.organisation_id
    current = services.thresholds_of(organisation_id)
    form = ThresholdsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_thresholds(actor=request.user, organisation_id=organisation_id, **form.cleaned_data)
        messages.success(request, "Пороги сохранены.")
        return redirect("school:attendance_flags")
    return render(request, "school/attendance/thresholds.html", {"form": form})


@capability_required(Capability.VIEW_ALL_CLASSES)
def flags(request: MemberRequest) -> HttpResponse:
    """List the students flagged by unexcused absences (120-ФЗ ст. 14), with why."""
    day = DayForm(request.GET).day(timezone.localdate())
    current = services.thresholds_of(request.membership.organisation_id)
    flagged = list(queries.flagged_students(classes_for(request.membership), current, day))
    what = f"{access_log.ATTENDANCE_FLAGS} на {day:%d.%m.%Y}"
    access_log.record_list_access(request, request.membership.organisation, what, len(flagged))
    context = {
        "flags": flagged,
        "thresholds": current,
        "day": day,
    }
    return render(request, "school/attendance/flags.html", context)


REPORT_HEADERS = [
    "Класс",
    "Обучающийся",
    "Дней по болезни",
    "Уроков по болезни",
    "Дней по уважительной",
    "Уроков по уважительной",
    "Дней без уважительной",
    "Уроков без уважительной",
    "Дней, причина не выяснена",
    "Уроков, причина не выяснена",
    "Опозданий",
    "Уроков по плану",
    "Посещаемость, %",
]


def report_table(reports: list[queries.ClassReport]) -> list[list[object]]:
    """Return the report as rows of REPORT_HEADERS: each class's students, then its total."""
    table: list[list[object]] = []
    for report in reports:
        for row in [*report.students, report.total]:
            values: list[object] = [str(report.school_class), row.label]
            for group in queries.GROUPS:
                values += [row.days[group], row.lessons[group]]
            values += [row.late, row.planned_lessons, row.percentage]
            table.append(values)
    return table


def printed_table(reports: list[queries.ClassReport]) -> list[list[object]]:
    """Return the report's rows as the PDF prints them: the percentage with a decimal comma («93,50»)."""
    return [[decimal_comma(v) if isinstance(v, Decimal) else v for v in row] for row in report_table(reports)]


@membership_required
def report(request: MemberRequest) -> HttpResponse:
    """Attendance for a period, per student and per class; ``format=xlsx|pdf`` downloads it."""
    today = timezone.localdate()
    classes = reachable_classes(request.membership)
    data = request.GET if "start" in request.GET else {"start": today.replace(day=1), "end": today}
    form = ReportForm(data, classes=classes)
    reports: list[queries.ClassReport] = []
    if form.is_valid():
        chosen = form.cleaned_data["class"]
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        reports = queries.period_report(classes.filter(pk=chosen.pk) if chosen else classes, start, end)
        title = f"Посещаемость {chosen or 'по классам'} за {start:%d.%m.%Y}–{end:%d.%m.%Y}"
        filename = f"attendance_{start:%Y%m%d}_{end:%Y%m%d}"
        output = request.GET.get("format")
        shown = sum(len(report.students) for report in reports)
        what = f"{access_log.ATTENDANCE_REPORT} {start:%d.%m.%Y}–{end:%d.%m.%Y}"
        if output in ("xlsx", "pdf"):
            what += f" ({output.upper()})"
        access_log.record_list_access(request, chosen or request.membership.organisation, what, shown)
        if output == "xlsx":
            content = table_to_xlsx("Посещаемость", REPORT_HEADERS, report_table(reports))
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
        if output == "pdf":
            html = render_to_string(
                "school/attendance/report_pdf.html",
                {"title": title, "headers": REPORT_HEADERS, "table": printed_table(reports), "reports": reports},
            )
            try:
                content = render_pdf(html)
            except PdfUnavailableError as error:
                messages.error(request, str(error))
            else:
                response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
                response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
                return response
    query = request.GET.copy()
    query.pop("format", None)
    context = {"form": form, "reports": reports, "groups": queries.GROUPS, "query": query.urlencode()}
    return render(request, "school/attendance/report.html", context)
