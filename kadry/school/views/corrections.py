"""Correcting and cancelling the class's journal records (regulation §6.4), and marking a planned visit done.

Only a writer of the class (its class teacher) and only the record's author: anyone else gets 404.
The page shows the record's history, so a correction never hides what the journal said before.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.school.forms_life import (
    CancelRecordForm,
    ClassEventForm,
    ClassVisitForm,
    DutyRosterForm,
    SafetyBriefingForm,
    VisitDoneForm,
)
from kadry.school.models import ClassVisit, SchoolClass
from kadry.school.services import corrections as services
from kadry.school.views.life import context, refused, writable_class

FORMS: dict[str, Any] = {
    "events": ClassEventForm,
    "briefings": SafetyBriefingForm,
    "duty": DutyRosterForm,
    "visits": ClassVisitForm,
}


def _record(request: MemberRequest, pk: int, slug: str, row_pk: int) -> tuple[SchoolClass, services.Journal, Any]:
    school_class = writable_class(request, pk)
    journal = services.JOURNALS.get(slug)
    if journal is None:
        raise Http404
    row = get_object_or_404(
        journal.model._default_manager.filter(organisation_id=school_class.organisation_id, school_class=school_class),
        pk=row_pk,
    )
    if not services.authored_by(journal, row, request.user):
        raise Http404
    return school_class, journal, row


def _form(slug: str, school_class: SchoolClass, row: Any, data: Any = None) -> BaseForm:
    form_class = FORMS[slug]
    if slug == "visits":
        return form_class(data, instance=row)
    return form_class(data, instance=row, school_class=school_class)


@membership_required
def correct(request: MemberRequest, pk: int, slug: str, row_pk: int) -> HttpResponse:
    """Correct a record of a journal; the page shows the cancel form and the record's history."""
    school_class, journal, row = _record(request, pk, slug, row_pk)
    form = _form(slug, school_class, row, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_record(actor=request.user, journal=journal, row=row, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Запись исправлена; прежние значения сохранены в истории.")
            return redirect(journal.list_url, pk=school_class.pk)
    data = context(
        request,
        school_class,
        slug,
        form=form,
        cancel_form=CancelRecordForm(),
        journal=journal,
        row=row,
        history=services.history_of(journal, row),
    )
    return render(request, "school/life/correct.html", data, status=400 if form.errors else 200)


@membership_required
def cancel(request: MemberRequest, pk: int, slug: str, row_pk: int) -> HttpResponse:
    """Cancel a record with a reason (POST; access is checked before the method)."""
    school_class, journal, row = _record(request, pk, slug, row_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CancelRecordForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"cancel_reason": "Укажите причину отмены."})
        services.cancel_record(actor=request.user, journal=journal, row=row, reason=form.cleaned_data["cancel_reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school:life_correct", pk=school_class.pk, slug=slug, row_pk=row.pk)
    messages.success(request, "Запись отменена; она осталась в журнале с причиной отмены.")
    return redirect(journal.list_url, pk=school_class.pk)


@membership_required
def visit_done(request: MemberRequest, pk: int, row_pk: int) -> HttpResponse:
    """Mark a visit planned by the schedule done (§6.3)."""
    school_class, _journal, visit = _record(request, pk, "visits", row_pk)
    if visit.status != ClassVisit.Status.PLANNED:
        raise Http404
    form = VisitDoneForm(request.POST or None, initial={"date": visit.date})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_visit_done(actor=request.user, visit=visit, **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Посещение отмечено проведённым.")
            return redirect("school:visits", pk=school_class.pk)
    data = context(request, school_class, "visits", form=form, visit=visit)
    return render(request, "school/life/visit_done.html", data, status=400 if form.errors else 200)
