"""The register of incidents with students (regulation §1.8, §4.17) and the accident act (Приказ № 602).

Health data: the register opens only for the roles that see prevention cases (the class teacher for
their classes, the administration and the social-psychological service for all), 404 for the others;
every page that names students writes the access log. The class teacher reports and corrects their own
report; the director and the deputy receive reports and fill the commission's act.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.core.models import ChangeRecord
from kadry.school import access_log
from kadry.school.access import get_incident_for, incident_classes, incidents_for
from kadry.school.forms_incidents import IncidentActForm, IncidentForm
from kadry.school.home import GLANCE_WATCHERS
from kadry.school.models import Incident
from kadry.school.services import incidents as services
from kadry.school.views.life import docx_download, may_write, pdf_or_html, refused, writable_class

INCIDENTS = "Журнал происшествий с обучающимися"
INCIDENT = "Происшествие"
ACT = "Акт о расследовании несчастного случая"
REGISTER_LIMIT = 200  # the newest reports; older ones by the class filter


def administers(request: MemberRequest) -> bool:
    """Whether the role receives the reports and keeps the act: the director and the deputy (§4.17)."""
    return request.membership.role in GLANCE_WATCHERS


@membership_required
@require_GET
def incidents(request: MemberRequest) -> HttpResponse:
    """The register: newest first, with what each report still misses; ``?class=<id>`` narrows it to a class."""
    rows = incidents_for(request.membership).select_related("school_class").prefetch_related("students")
    classes = list(incident_classes(request.membership).select_related("academic_year").order_by("grade", "letter"))
    chosen = next((c for c in classes if str(c.pk) == request.GET.get("class", "")), None)
    if chosen is not None:
        rows = rows.filter(school_class=chosen)
    shown = list(rows.order_by("-occurred_at", "-pk")[:REGISTER_LIMIT])
    named = {student.pk for incident in shown for student in incident.students.all()}
    access_log.record_list_access(request, chosen or request.membership.organisation, INCIDENTS, len(named))
    data = {
        "incidents": [(incident, services.reminders_of(incident)) for incident in shown],
        "classes": classes,
        "chosen": chosen,
        "may_write": may_write(request),
        "limit": REGISTER_LIMIT,
    }
    return render(request, "school/incidents/list.html", data)


@membership_required
def incident_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Report an incident with students of the class."""
    school_class = writable_class(request, pk)
    incidents_for(request.membership)  # 404 for a role that does not keep the register
    form = IncidentForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.record_incident(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Происшествие записано; администрация увидит его на главной странице.")
            return redirect("school:incident_detail", incident_pk=incident.pk)
    data = {"form": form, "school_class": school_class, "incident": None}
    return render(request, "school/incidents/form.html", data, status=400 if form.errors else 200)


def _authored(request: MemberRequest, incident_pk: int) -> Incident:
    incident = get_incident_for(request.membership, incident_pk)
    if incident.reported_by_id != request.user.pk or not may_write(request):
        raise Http404
    return incident


@membership_required
def incident_edit(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """Correct one's own report; the incident's history keeps what it said before."""
    incident = _authored(request, incident_pk)
    form = IncidentForm(request.POST or None, instance=incident, school_class=incident.school_class)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_incident(actor=request.user, incident=incident, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Запись исправлена; прежние значения сохранены в истории.")
            return redirect("school:incident_detail", incident_pk=incident.pk)
    else:
        access_log.record_list_access(request, incident.school_class, INCIDENT, incident.students.count())
    data = {"form": form, "school_class": incident.school_class, "incident": incident}
    return render(request, "school/incidents/form.html", data, status=400 if form.errors else 200)


@membership_required
@require_GET
def incident_detail(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """One incident: the facts, what is still missing, the act, and the history of corrections."""
    incident = get_incident_for(request.membership, incident_pk)
    students = list(incident.students.order_by("last_name", "first_name", "pk"))
    what = f"{INCIDENT} {incident.occurred_at:%d.%m.%Y}"
    access_log.record_list_access(request, incident.school_class, what, len(students))
    history = ChangeRecord.objects.filter(
        organisation_id=incident.organisation_id, subject_type="school.incident", subject_id=incident.pk
    ).select_related("actor")
    data = {
        "incident": incident,
        "school_class": incident.school_class,
        "students": students,
        "reminders": services.reminders_of(incident),
        "needs_act": services.rules.needs_investigation(incident.kind, incident.days_off),
        "history": history.order_by("at", "pk"),
        "administers": administers(request),
        "authored": incident.reported_by_id == request.user.pk and may_write(request),
    }
    return render(request, "school/incidents/detail.html", data)


@membership_required
def incident_acknowledge(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """The director or the deputy receives the report: it leaves their home page (POST; access checked first)."""
    incident = get_incident_for(request.membership, incident_pk)
    if not administers(request):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.acknowledge_incident(actor=request.user, incident=incident)
    messages.success(request, "Сообщение о происшествии принято.")
    return redirect("school:incident_detail", incident_pk=incident.pk)


def _accident(request: MemberRequest, incident_pk: int) -> Incident:
    incident = get_incident_for(request.membership, incident_pk)
    if incident.kind != Incident.Kind.ACCIDENT:
        raise Http404
    return incident


@membership_required
def incident_act(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """The commission's part of the accident act: the director or the deputy fills it."""
    incident = _accident(request, incident_pk)
    if not administers(request):
        raise Http404
    form = IncidentActForm(request.POST or None, instance=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_act(actor=request.user, incident=incident, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Сведения акта сохранены.")
            return redirect("school:incident_detail", incident_pk=incident.pk)
    data = {"form": form, "incident": incident, "school_class": incident.school_class}
    return render(request, "school/incidents/act_form.html", data, status=400 if form.errors else 200)


@membership_required
@require_GET
def incident_act_pdf(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """The act on the investigation of an accident with a student (Приказ Минобрнауки № 602), to print."""
    incident = _accident(request, incident_pk)
    students = list(incident.students.order_by("last_name", "first_name", "pk"))
    what = f"{ACT} {incident.occurred_at:%d.%m.%Y}"
    access_log.record_list_access(request, incident.school_class, what, len(students))
    data = services.act_context(incident, organisation=request.membership.organisation, students=students)
    return pdf_or_html(request, "school/print/incident_act.html", data, f"act-{incident.pk}")


@membership_required
@require_GET
def incident_act_docx(request: MemberRequest, incident_pk: int) -> HttpResponse:
    """The same act as DOCX, for the commission to complete before signing."""
    incident = _accident(request, incident_pk)
    students = list(incident.students.order_by("last_name", "first_name", "pk"))
    access_log.record_list_access(
        request, incident.school_class, f"{ACT} {incident.occurred_at:%d.%m.%Y}", len(students)
    )
    data = services.act_context(incident, organisation=request.membership.organisation, students=students)
    return docx_download("incident_act", services.act_docx_context(data), f"Акт_{incident.occurred_at:%Y-%m-%d}")
