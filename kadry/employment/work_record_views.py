"""Work records and ЕФС-1: reporting deadlines, the XML export, one employee's work record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.forms import DateInput
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.employment import efs
from kadry.employment.models import WorkRecordEntry, WorkRecordEvent
from kadry.employment.services import mark_events_reported
from kadry.lib.calendar import is_working_day
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.access import get_employee_for

ACCESS_WHAT = "Сведения о трудовой деятельности"
WEEK = dt.timedelta(days=7)


# --- Deadlines -------------------------------------------------------------------------------------


@dataclass
class DeadlineRow:
    event: WorkRecordEvent
    order: Any  # the order that caused the event: for a cancellation, the cancelling order
    working_days: int  # working days left until the deadline; negative when overdue
    overdue: bool

    @property
    def note(self) -> str:
        if self.overdue:
            return f"просрочено на {-self.working_days} раб. дн." if self.working_days else "просрочено"
        return f"осталось {self.working_days} раб. дн." if self.working_days else "последний день"


def _events(organisation_id: int) -> QuerySet[WorkRecordEvent]:
    """Return the organisation's ЕФС-1 events with the employee and the order(s) behind each (one query)."""
    # Through the order item's foreign keys by name: employment never imports the orders app.
    return WorkRecordEvent.objects.filter(organisation_id=organisation_id).select_related(
        "employee", "order_item__order__journal", "order_item__order__cancelled_by__journal"
    )


def _order_of(event: WorkRecordEvent) -> Any:
    """Return the order to show for ``event``: a cancellation is made by the order that cancelled the original."""
    order = event.order_item.order
    if event.cancels_id is not None:
        # The reverse one-to-one was loaded by select_related; a missing one raises, hence getattr.
        return getattr(order, "cancelled_by", None) or order
    return order


def working_days_left(today: dt.date, deadline: dt.date) -> int:
    """Return the working days after ``today`` up to ``deadline``, or minus those after ``deadline`` up to today."""
    first, last, sign = (today, deadline, 1) if deadline >= today else (deadline, today, -1)
    days = (last - first).days
    return sign * sum(is_working_day(first + dt.timedelta(days=n)) for n in range(1, days + 1))


def deadline_groups(events: list[WorkRecordEvent], today: dt.date) -> list[tuple[str, str, list[DeadlineRow]]]:
    """Split unreported events into «Просрочено», «Сегодня», «Ближайшие 7 дней», «Позже» by deadline."""
    groups: dict[str, list[DeadlineRow]] = {"overdue": [], "today": [], "week": [], "later": []}
    left: dict[dt.date, int] = {}
    for event in events:
        if event.deadline not in left:
            left[event.deadline] = working_days_left(today, event.deadline)
        row = DeadlineRow(event, _order_of(event), left[event.deadline], overdue=event.deadline < today)
        if event.deadline < today:
            groups["overdue"].append(row)
        elif event.deadline == today:
            groups["today"].append(row)
        elif event.deadline <= today + WEEK:
            groups["week"].append(row)
        else:
            groups["later"].append(row)
    titles = {"overdue": "Просрочено", "today": "Сегодня", "week": "Ближайшие 7 дней", "later": "Позже"}
    return [(slug, titles[slug], rows) for slug, rows in groups.items()]


@capability_required(Capability.VIEW_ORDERS)
def deadlines(request: MemberRequest) -> HttpResponse:
    """List the ЕФС-1 events not yet reported, grouped by how soon they are due."""
    membership = request.membership
    today = timezone.localdate()
    events = list(
        _events(membership.organisation_id)
        .filter(reported_on__isnull=True)
        .order_by("deadline", "employee__last_name", "employee__first_name", "id")
    )
    return render(
        request,
        "employment/deadlines.html",
        {
            "groups": deadline_groups(events, today),
            "total": len(events),
            "today": today,
            "can_mark": role_can(membership.role, Capability.DRAFT_ORDERS),
        },
    )


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def mark_reported(request: MemberRequest) -> HttpResponse:
    """Mark the ticked events as reported today."""
    ids = [int(value) for value in request.POST.getlist("event") if value.isdigit()]
    events = list(
        WorkRecordEvent.objects.filter(
            organisation_id=request.membership.organisation_id, pk__in=ids, reported_on__isnull=True
        )
    )
    if not events:
        messages.error(request, "Отметьте мероприятия, которые представлены в СФР.")
        return redirect("efs_deadlines")
    marked = mark_events_reported(actor=request.user, events=events, on=timezone.localdate())
    messages.success(request, f"Отмечено как представленные в СФР: {marked}.")
    return redirect("efs_deadlines")


# --- ЕФС-1 export ----------------------------------------------------------------------------------


class PeriodForm(forms.Form):
    start = forms.DateField(label="С", widget=DateInput())
    end = forms.DateField(label="По", widget=DateInput())
    unreported = forms.BooleanField(label="Только не представленные", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "Дата окончания раньше даты начала.")
        return cleaned


def period_events(organisation_id: int, start: dt.date, end: dt.date, *, unreported: bool = False) -> list[Any]:
    """Return the events of ``[start, end]``: by event date, a cancellation by the date of the cancelling order.

    A cancellation repeats the date of the event it cancels (the row is repeated with «Признак отмены»),
    so it belongs to the period in which it was made, not to the one of the original event.
    """
    in_period = Q(cancels__isnull=True, date__range=(start, end)) | Q(
        cancels__isnull=False, order_item__order__cancelled_by__date__range=(start, end)
    )
    events = _events(organisation_id).filter(in_period)
    if unreported:
        events = events.filter(reported_on__isnull=True)
    return list(events.order_by("employee__last_name", "employee__first_name", "date", "id"))


def _export_page(request: MemberRequest, form: PeriodForm, status: int = 200) -> HttpResponse:
    organisation = request.membership.organisation
    context: dict[str, Any] = {"form": form, "warnings": efs.warnings_of(organisation)}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        events = period_events(organisation.pk, data["start"], data["end"], unreported=data["unreported"])
        rows = [(event, _order_of(event)) for event in events]
        # The events name the employees and what happened to them: one log row for the list shown.
        what = f"ЕФС-1: события за {data['start']:%d.%m.%Y}–{data['end']:%d.%m.%Y}, {len(rows)}"
        record_access(membership=request.membership, subject=organisation, what=what, request=request)
        context.update(rows=rows, problems=efs.problems_of(organisation, events), query=request.GET.urlencode())
    return render(request, "employment/efs1_export.html", context, status=status)


@capability_required(Capability.DRAFT_ORDERS)
def efs1_export(request: MemberRequest) -> HttpResponse:
    """Show the events of a period and what prevents the file; offer the file only when nothing does."""
    today = timezone.localdate()
    if not request.GET:
        form = PeriodForm(initial={"start": today.replace(day=1), "end": today, "unreported": True})
        return _export_page(request, form)
    form = PeriodForm(request.GET)
    return _export_page(request, form, status=200 if form.is_valid() else 400)


@capability_required(Capability.DRAFT_ORDERS)
def efs1_xml(request: MemberRequest) -> HttpResponse:
    """Return the ЕФС-1 file of the period, or the export page with the problems (400) instead of an invalid file."""
    membership = request.membership
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _export_page(request, form, status=400)
    data = form.cleaned_data
    events = period_events(membership.organisation_id, data["start"], data["end"], unreported=data["unreported"])
    if not events or efs.problems_of(membership.organisation, events):
        return _export_page(request, form, status=400)
    now = timezone.localtime()
    content = efs.build_efs1(organisation=membership.organisation, events=events, filled_on=now.date(), now=now)
    # The file carries СНИЛС and dates of birth: log whose data left the system (152-ФЗ ст. 19).
    for employee in {event.employee_id: event.employee for event in events}.values():
        record_access(membership=membership, subject=employee, what="ЕФС-1: выгрузка XML", request=request)
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=efs.file_name(membership.organisation, now.date())
    )
    return response


# --- One employee's work record --------------------------------------------------------------------


def _entries(employee: Any) -> list[WorkRecordEntry]:
    return list(employee.work_record_entries.select_related("invalidated_by").order_by("number"))


@capability_required(Capability.VIEW_PERSONAL_DATA)
def work_record(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the entries of the employee's work record and the ЕФС-1 events made for them."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    entries = _entries(employee)
    events = list(employee.work_record_events.order_by("date", "id"))
    record_access(membership=membership, subject=employee, what=ACCESS_WHAT, request=request)
    return render(request, "employment/work_record.html", {"employee": employee, "entries": entries, "events": events})


def entry_mark(entry: WorkRecordEntry) -> str:
    """Return the note beside an entry: which entry declared it invalid (Приказ Минтруда № 320н, п. 30)."""
    invalidating = getattr(entry, "invalidated_by", None)
    return f"Недействительна (запись № {invalidating.number})" if invalidating else ""


@capability_required(Capability.VIEW_PERSONAL_DATA)
def work_record_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    """Return the work-record entries as an XLSX table in the columns of the work book."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    entries = _entries(employee)
    record_access(membership=membership, subject=employee, what=f"{ACCESS_WHAT} (XLSX)", request=request)
    content = table_to_xlsx(
        "Сведения о работе",
        ["№ записи", "Дата", "Сведения о работе", "Наименование, дата и номер документа", "Отметка"],
        ((e.number, e.date.strftime("%d.%m.%Y"), e.wording, e.document, entry_mark(e)) for e in entries),
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"Трудовая деятельность — {employee.short_name}.xlsx"
    )
    return response
