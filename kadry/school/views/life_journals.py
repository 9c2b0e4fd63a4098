"""The class's journals: safety briefings, duty roster, lesson visits and consultations; a student's individual work.

The individual work log holds prevention cases (ПДН, КДН): it opens only for the roles that see
them and only for a student the membership reaches; every opening is written to the access log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from kadry.core.access import membership_required
from kadry.core.audit import record_access
from kadry.core.http import KadryRequest, MemberRequest
from kadry.lib.text import quoted
from kadry.school import access_log
from kadry.school.access import get_class_for, get_student_for, keeps_prevention, sees_prevention
from kadry.school.forms_life import ClassVisitForm, DutyRosterForm, IndividualWorkForm, SafetyBriefingForm
from kadry.school.models import ClassEvent, ClassVisit, DutyRoster, IndividualWork, SafetyBriefing, SchoolClass
from kadry.school.services import life as services
from kadry.school.views.life import class_for_request, context, may_write, refused, writable_class

PREVENTION_LOG = "Индивидуальная работа, профилактика"


def _of_class(model: type[Any], school_class: SchoolClass) -> Any:
    return model.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class)


@membership_required
def briefings(request: MemberRequest, pk: int) -> HttpResponse:
    """The journal of safety briefings with the students present."""
    school_class = get_class_for(request.membership, pk)
    rows = list(
        _of_class(SafetyBriefing, school_class).select_related("event", "conducted_by").prefetch_related("present")
    )
    present = {student.pk for briefing in rows for student in briefing.present.all()}
    access_log.record_list_access(request, school_class, access_log.BRIEFINGS, len(present))
    data = context(request, school_class, "briefings", briefings=rows)
    return render(request, "school/life/briefings.html", data)


@membership_required
def briefing_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Record a briefing; ``?event=<id>`` prefills a briefing before that event."""
    school_class = writable_class(request, pk)
    initial = {}
    event_pk = request.GET.get("event", "")
    if event_pk.isdigit():
        event = _of_class(ClassEvent, school_class).filter(pk=event_pk).first()
        if event is not None:
            initial = {
                "kind": SafetyBriefing.Kind.EVENT,
                "event": event,
                "date": event.date,
                "topic": f"Инструктаж перед мероприятием {quoted(event.title)}",
                "present": list(event.participants.all()),
            }
    form = SafetyBriefingForm(request.POST or None, initial=initial, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.record_briefing(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Инструктаж записан в журнал.")
            if briefing.event_id:
                return redirect("school:event_detail", pk=school_class.pk, event_pk=briefing.event_id)
            return redirect("school:briefings", pk=school_class.pk)
    data = context(request, school_class, "briefings", form=form)
    return render(request, "school/life/briefing_form.html", data, status=400 if form.errors else 200)


@membership_required
def duty(request: MemberRequest, pk: int) -> HttpResponse:
    """The duty roster of the class; the form adds a day."""
    school_class = class_for_request(request, pk)
    form = DutyRosterForm(request.POST or None, school_class=school_class) if may_write(request) else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.add_duty_shift(actor=request.user, school_class=school_class, data=form.cleaned_data)
        messages.success(request, "Дежурство добавлено.")
        return redirect("school:duty", pk=school_class.pk)
    rows = list(_of_class(DutyRoster, school_class).prefetch_related("students"))
    named = {student.pk for shift in rows for student in shift.students.all()}
    access_log.record_list_access(request, school_class, access_log.DUTY, len(named))
    data = context(request, school_class, "duty", form=form, shifts=rows)
    return render(request, "school/life/duty.html", data, status=400 if form is not None and form.errors else 200)


@membership_required
def visits(request: MemberRequest, pk: int) -> HttpResponse:
    """The log of lessons visited and consultations received (§6.3); the form adds an entry."""
    school_class = class_for_request(request, pk)
    form = ClassVisitForm(request.POST or None) if may_write(request) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.add_visit(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Запись добавлена.")
            return redirect("school:visits", pk=school_class.pk)
    data = context(request, school_class, "visits", form=form, visits=_of_class(ClassVisit, school_class))
    return render(request, "school/life/visits.html", data, status=400 if form is not None and form.errors else 200)


@login_required
def individual_work(request: KadryRequest, pk: int) -> HttpResponse:
    """A student's individual work and prevention cases: restricted roles, reachable students, access-logged."""
    membership = request.membership
    if membership is None or not sees_prevention(membership):
        raise Http404
    student = get_student_for(membership, pk)
    # Who writes is its own capability: the social pedagogue and the psychologist keep this log
    # though they keep no class's records (CLASS_WORK).
    form = IndividualWorkForm(request.POST or None) if keeps_prevention(membership) else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            services.add_individual_work(actor=request.user, student=student, data=form.cleaned_data)
            messages.success(request, "Запись добавлена в журнал индивидуальной работы.")
            return redirect("school:individual_work", pk=student.pk)
    record_access(membership=membership, subject=student, what=PREVENTION_LOG, request=request)
    rows = IndividualWork.objects.filter(organisation_id=student.organisation_id, student=student).select_related(
        "author"
    )
    data = {"student": student, "entries": rows, "form": form}
    return render(
        request, "school/life/individual_work.html", data, status=400 if form is not None and form.errors else 200
    )
