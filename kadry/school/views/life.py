"""Class life: class hours (plan and log), parent meetings with the protocol, out-of-class events.

Thin views: ``get_class_for`` (404 outside the role's classes) → form → service → redirect. Everyone
who reaches the class reads; only the class teacher's role (``CLASS_WORK``) writes — a POST by any other
role answers 404, and the forms are not shown to it.
"""

from __future__ import annotations

from typing import Any

from csp.constants import UNSAFE_INLINE
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.school import access_log
from kadry.school.access import get_class_for
from kadry.school.forms_life import (
    ClassEventForm,
    ClassHourCancelForm,
    ClassHourHeldForm,
    ClassHourPlanForm,
    ParentMeetingForm,
)
from kadry.school.models import ClassEvent, ClassHour, Guardian, ParentMeeting, SchoolClass
from kadry.school.rules.life import escorts_needed, notice_deadline
from kadry.school.services import documents
from kadry.school.services import life as services


def may_write(request: MemberRequest) -> bool:
    """Whether the current role keeps the class's records (the class teacher, or a substitute)."""
    return role_can(request.membership.role, Capability.CLASS_WORK)


def class_for_request(request: MemberRequest, pk: int) -> SchoolClass:
    """Return the class ``pk`` the user reaches; a write by a read-only role is 404 like everything it may not do."""
    school_class = get_class_for(request.membership, pk)
    if request.method == "POST" and not may_write(request):
        raise Http404
    return school_class


def writable_class(request: MemberRequest, pk: int) -> SchoolClass:
    """Return the class ``pk`` for a page that only writes (a form of its own): 404 for read-only roles."""
    school_class = get_class_for(request.membership, pk)
    if not may_write(request):
        raise Http404
    return school_class


def refused(form: BaseForm, error: ValidationError) -> None:
    """Put the service's refusal on the form: on its field when the form has it, else on the whole form."""
    for name, field_messages in (
        error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    ):
        form.add_error(name if name in form.fields else None, field_messages)


def context(request: MemberRequest, school_class: SchoolClass, tab: str, **extra: Any) -> dict[str, Any]:
    return {"school_class": school_class, "tab": tab, "may_write": may_write(request), **extra}


def pdf_or_html(request: HttpRequest, template: str, data: dict[str, Any], filename: str) -> HttpResponse:
    """Return the printable document as PDF; where PDF cannot be made, the same page to print from the browser."""
    html = render_to_string(template, data, request=request)
    try:
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    except PdfUnavailableError as error:
        messages.warning(request, str(error))
        response = HttpResponse(html)
        # The print page carries its own <style> (the same HTML makes the PDF, which cannot fetch
        # app.css); styles only, scripts stay refused: the CSP allows inline styles on this page alone.
        response._csp_update = {"style-src": [UNSAFE_INLINE]}  # type: ignore[attr-defined]
        return response
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def docx_download(kind: str, context: dict[str, Any], stem: str) -> HttpResponse:
    """Return the school's DOCX ``kind`` filled with ``context`` (strings) as a download named ``stem``."""
    rendered = documents.docx(kind, context, stem)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=rendered.filename)
    return response


# --- class hours ----------------------------------------------------------------------------------


@membership_required
def class_hours(request: MemberRequest, pk: int) -> HttpResponse:
    """The plan of class hours by period and their log; the form adds a planned topic."""
    school_class = class_for_request(request, pk)
    form = ClassHourPlanForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_class_hour(actor=request.user, school_class=school_class, **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Классный час добавлен в план.")
            return redirect("school:class_hours", pk=school_class.pk)
    hours = list(ClassHour.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class))
    periods = list(services.class_periods(school_class))
    by_period: list[tuple[Any, list[ClassHour]]] = [
        (p, [h for h in hours if p.start <= h.date <= p.end]) for p in periods
    ]
    placed = {h.pk for _p, rows in by_period for h in rows}
    outside = [h for h in hours if h.pk not in placed]
    if outside:
        by_period.append((None, outside))
    data = context(request, school_class, "class_hours", form=form, by_period=by_period)
    return render(request, "school/life/class_hours.html", data, status=400 if form.errors else 200)


def _class_hour(school_class: SchoolClass, hour_pk: int) -> ClassHour:
    return get_object_or_404(
        ClassHour.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class), pk=hour_pk
    )


@membership_required
def class_hour_held(request: MemberRequest, pk: int, hour_pk: int) -> HttpResponse:
    """Record a class hour as held, with its notes."""
    school_class = writable_class(request, pk)
    hour = _class_hour(school_class, hour_pk)
    form = ClassHourHeldForm(request.POST or None, instance=hour)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_class_hour_held(actor=request.user, class_hour=hour, notes=form.cleaned_data["notes"])
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Классный час отмечен проведённым.")
            return redirect("school:class_hours", pk=school_class.pk)
    data = context(request, school_class, "class_hours", form=form, hour=hour, action="held")
    return render(request, "school/life/class_hour_form.html", data, status=400 if form.errors else 200)


@membership_required
def class_hour_cancel(request: MemberRequest, pk: int, hour_pk: int) -> HttpResponse:
    """Cancel a class hour with a reason; a notice later than a day before is refused (§6.6)."""
    school_class = writable_class(request, pk)
    hour = _class_hour(school_class, hour_pk)
    now = timezone.now()
    form = ClassHourCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_class_hour(
                actor=request.user, class_hour=hour, reason=form.cleaned_data["cancel_reason"], now=now
            )
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Классный час отменён, администрация уведомлена.")
            return redirect("school:class_hours", pk=school_class.pk)
    late = services.cancel_refusal(hour, now) if hour.status == ClassHour.Status.PLANNED else None
    data = context(request, school_class, "class_hours", form=form, hour=hour, action="cancel", late=late)
    return render(request, "school/life/class_hour_form.html", data, status=400 if form.errors else 200)


# --- parent meetings ------------------------------------------------------------------------------


@membership_required
def meetings(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's parent meetings, with the warning when a quarter ended or ends without one (§6.7)."""
    school_class = get_class_for(request.membership, pk)
    rows = ParentMeeting.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class)
    rows = rows.prefetch_related(Prefetch("attended", queryset=Guardian.objects.only("pk")))
    data = context(
        request,
        school_class,
        "meetings",
        meetings=rows,
        warnings=services.meeting_warnings(school_class),
        guardians_total=services.class_guardians(school_class).count(),
    )
    return render(request, "school/life/meetings.html", data)


@membership_required
def meeting_form(request: MemberRequest, pk: int, meeting_pk: int | None = None) -> HttpResponse:
    """Add a parent meeting, or edit one: agenda, guardians present, minutes and decisions."""
    school_class = writable_class(request, pk)
    meeting = _meeting(school_class, meeting_pk) if meeting_pk else None
    form = ParentMeetingForm(request.POST or None, instance=meeting, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                actor=request.user, school_class=school_class, data=form.cleaned_data, meeting=meeting
            )
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Родительское собрание сохранено.")
            return redirect("school:meetings", pk=school_class.pk)
    data = context(request, school_class, "meetings", form=form, meeting=meeting)
    return render(request, "school/life/meeting_form.html", data, status=400 if form.errors else 200)


def _meeting(school_class: SchoolClass, meeting_pk: int) -> ParentMeeting:
    return get_object_or_404(
        ParentMeeting.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class),
        pk=meeting_pk,
    )


@membership_required
@require_GET
def meeting_protocol(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """The protocol of a parent meeting, to print (PDF)."""
    school_class = get_class_for(request.membership, pk)
    meeting = _meeting(school_class, meeting_pk)
    attended = list(meeting.attended.select_related("student").order_by("full_name"))
    what = f"{access_log.MEETING_PROTOCOL} {meeting.date:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(attended), noun=access_log.GUARDIANS)
    data = documents.meeting_protocol_context(
        meeting,
        school_class=school_class,
        organisation=request.membership.organisation,
        attended=attended,
        guardians_total=services.class_guardians(school_class).count(),
    )
    return pdf_or_html(request, "school/life/meeting_protocol.html", data, f"protocol-{meeting.date:%Y-%m-%d}")


# --- events ---------------------------------------------------------------------------------------


def _events(school_class: SchoolClass) -> Any:
    return ClassEvent.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class)


@membership_required
def events(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's out-of-class events with their notice and escorts."""
    school_class = get_class_for(request.membership, pk)
    rows = _events(school_class).prefetch_related("participants", "escorts", "briefings")
    data = context(request, school_class, "events", events=rows)
    return render(request, "school/life/events.html", data)


@membership_required
def event_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Record an event: the form refuses a late notice (3 days) and too few adults (1 per 10) on their fields."""
    school_class = writable_class(request, pk)
    form = ClassEventForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Мероприятие записано. Проведите и отметьте инструктаж перед ним.")
            return redirect("school:event_detail", pk=school_class.pk, event_pk=event.pk)
    data = context(request, school_class, "events", form=form)
    return render(request, "school/life/event_form.html", data, status=400 if form.errors else 200)


def _event(school_class: SchoolClass, event_pk: int) -> ClassEvent:
    return get_object_or_404(_events(school_class).select_related("created_by"), pk=event_pk)


def _event_data(event: ClassEvent) -> dict[str, Any]:
    participants = list(event.participants.order_by("last_name", "first_name", "pk"))
    escorts = list(event.escorts.order_by("last_name", "first_name"))
    others = services.other_adults(event.other_escorts)
    return {
        "event": event,
        "participants": participants,
        "escorts": escorts,
        "other_escorts": others,
        "adults": len(escorts) + len(others),
        "needed": escorts_needed(len(participants)),
        "deadline": notice_deadline(event.date),
    }


@membership_required
@require_GET
def event_detail(request: MemberRequest, pk: int, event_pk: int) -> HttpResponse:
    """An event with its participants, escorts and the safety briefing recorded for it."""
    school_class = get_class_for(request.membership, pk)
    event = _event(school_class, event_pk)
    briefings = event.briefings.prefetch_related("present")
    event_data = _event_data(event)
    what = f"{access_log.EVENT_PARTICIPANTS} {event.date:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(event_data["participants"]))
    data = context(request, school_class, "events", briefings=briefings, **event_data)
    return render(request, "school/life/event_detail.html", data)


@membership_required
@require_GET
def event_notice(request: MemberRequest, pk: int, event_pk: int) -> HttpResponse:
    """The written notice of the event to the administration with the participant list (§6.9), to print."""
    school_class = get_class_for(request.membership, pk)
    event = _event(school_class, event_pk)
    event_data = _event_data(event)
    what = f"{access_log.EVENT_NOTICE} {event.date:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(event_data["participants"]))
    data = documents.event_notice_context(
        event, school_class=school_class, organisation=request.membership.organisation, data=event_data
    )
    return pdf_or_html(request, "school/life/event_notice.html", data, f"notice-{event.date:%Y-%m-%d}")
