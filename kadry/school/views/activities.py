"""The students' activities of a class: clubs, the class's актив, competitions; the rating and the import.

Read by whoever reaches the class (access-logged: the page names students); written only by the class
teacher's role (``CLASS_WORK``) — a POST by any other role answers 404, as in class life.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kadry.core import uploads
from kadry.core.access import capability_required, membership_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.tables import TableError
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.school import access_log
from kadry.school.access import classes_for, get_class_for
from kadry.school.forms_activities import ActivityForm, ActivityImportForm
from kadry.school.models import AcademicYear, Activity, SchoolClass
from kadry.school.queries.activities import class_activities, school_summary
from kadry.school.rules.activities import RATING_EXPLAINED
from kadry.school.services import activities as services
from kadry.school.views.life import class_for_request, context, may_write, refused, writable_class

ACTIVITIES = "Занятость и достижения обучающихся"


def _activity(school_class: SchoolClass, activity_pk: int) -> Activity:
    """Return an activity of a student of the class's year, else 404."""
    roll = [s.pk for s in services.class_roll(school_class)]
    return get_object_or_404(
        Activity.objects.filter(organisation_id=school_class.organisation_id, student_id__in=roll), pk=activity_pk
    )


@membership_required
def activities(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's clubs, актив and competition results, the employment in clubs and the activity rating."""
    school_class = class_for_request(request, pk)
    form = ActivityForm(request.POST or None, school_class=school_class) if may_write(request) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.add_activity(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Запись добавлена.")
            return redirect("school:activities", pk=school_class.pk)
    data = class_activities(school_class, on=timezone.localdate())
    access_log.record_list_access(request, school_class, ACTIVITIES, len({a.student_id for a in data.activities}))
    names = {s.pk: str(s) for s in data.students}
    top = sorted(data.rating.by_student.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    page = context(
        request,
        school_class,
        "activities",
        data=data,
        clubs=data.of_kind(Activity.Kind.CLUB),
        roles=data.of_kind(Activity.Kind.SELF_GOVERNMENT),
        competitions=data.of_kind(Activity.Kind.COMPETITION),
        leaders=[(names.get(student_id, ""), score) for student_id, score in top if score],
        explained=RATING_EXPLAINED,
        form=form,
    )
    return render(request, "school/activities/list.html", page, status=400 if form is not None and form.errors else 200)


@membership_required
def activity_edit(request: MemberRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Correct an activity of a student of the class."""
    school_class = writable_class(request, pk)
    activity = _activity(school_class, activity_pk)
    form = ActivityForm(request.POST or None, instance=activity, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                actor=request.user, school_class=school_class, activity=activity, data=form.cleaned_data
            )
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Запись исправлена.")
            return redirect("school:activities", pk=school_class.pk)
    page = context(request, school_class, "activities", form=form, activity=activity)
    return render(request, "school/activities/form.html", page, status=400 if form.errors else 200)


@membership_required
def activity_delete(request: MemberRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Remove an activity entered by mistake (POST)."""
    school_class = writable_class(request, pk)
    activity = _activity(school_class, activity_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.remove_activity(actor=request.user, school_class=school_class, activity=activity)
    messages.success(request, "Запись удалена.")
    return redirect("school:activities", pk=school_class.pk)


@membership_required
def activity_import(request: MemberRequest, pk: int) -> HttpResponse:
    """Import the class's activities: a dry run with errors by row and column, then all or nothing."""
    school_class = writable_class(request, pk)
    membership = request.membership
    form = ActivityImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        content, filename, kept_id = uploads.sent_or_kept_upload(membership=membership, data=form.cleaned_data)
        try:
            header, rows = uploads.read_uploaded_table(content, filename)
        except TableError as error:
            form.add_error("file", str(error))
        else:
            plan = services.plan_for(school_class, header, rows)
            if "commit" in request.POST and not plan.errors:
                created = services.commit_import(actor=request.user, school_class=school_class, plan=plan)
                if kept_id:
                    uploads.discard_kept_upload(membership=membership, kept_id=kept_id)
                messages.success(request, f"Загружено записей: {created}.")
                return redirect("school:activities", pk=school_class.pk)
            if not plan.errors and not kept_id:
                kept_id = uploads.keep_upload(membership=membership, content=content, filename=filename)
            form = ActivityImportForm(initial={"upload": kept_id, "filename": filename})
    page = context(request, school_class, "activities", form=form, plan=plan, columns=services.columns())
    status = 400 if form.errors or (plan and plan.errors) else 200
    return render(request, "school/activities/import.html", page, status=status)


@membership_required
def activity_import_template(request: MemberRequest, pk: int) -> HttpResponse:
    get_class_for(request.membership, pk)
    response = HttpResponse(services.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-activities.xlsx"'
    return response


def current_year(organisation_id: int, today: dt.date) -> AcademicYear | None:
    """Return the school year running on ``today``, else the latest one."""
    years = AcademicYear.objects.filter(organisation_id=organisation_id)
    return years.filter(start__lte=today, end__gte=today).first() or years.order_by("-start").first()


@capability_required(Capability.VIEW_ALL_CLASSES)
def activities_summary(request: MemberRequest) -> HttpResponse:
    """Employment in clubs and the activity rating of every class and of the school: figures, no names."""
    today = timezone.localdate()
    year = current_year(request.membership.organisation_id, today)
    classes = (
        list(classes_for(request.membership).filter(academic_year=year).select_related("academic_year"))
        if year is not None
        else []
    )
    on = min(max(today, year.start), year.end) if year is not None else today
    rows, total = school_summary(classes, on=on)
    page = {"year": year, "on": on, "rows": rows, "total": total, "explained": RATING_EXPLAINED}
    return render(request, "school/activities/summary.html", page)
