"""«Мои классы», the class page, and the school's management: year calendar, classes, substitutions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kadry.core.access import capability_required, denied_as, membership_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.school.access import (
    classes_for,
    get_class_for,
    require_school_management,
    sees_incidents,
    sees_social_data,
)
from kadry.school.access_log import CLASS_LIST, record_list_access
from kadry.school.forms_classes import (
    HolidayFormSet,
    PeriodFormSet,
    SchoolClassForm,
    SubstitutionForm,
    YearForm,
)
from kadry.school.home import GLANCE_WATCHERS
from kadry.school.models import (
    AcademicYear,
    ClassTeacherAssignment,
    ClassTeacherSubstitution,
    Enrollment,
    Holiday,
    Period,
    SchoolClass,
    Student,
    StudentCategory,
)
from kadry.school.services import classes as services
from kadry.school.services.life import meeting_warnings


def _reaches_classes(membership: object) -> bool:
    role = getattr(membership, "role", "")
    return role_can(role, Capability.VIEW_ALL_CLASSES) or role_can(role, Capability.CLASS_WORK)


@membership_required
def home(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    if not _reaches_classes(membership):
        raise Http404
    today = timezone.localdate()
    # A class teacher without an employee record (or without an appointment) simply has no classes.
    if role_can(membership.role, Capability.VIEW_ALL_CLASSES) or membership.employee_id:
        reached = classes_for(membership, on=today)
    else:
        reached = SchoolClass.objects.none()
    classes = (
        reached.select_related("academic_year")
        .annotate(
            students=Count(
                "enrollments",
                filter=Q(enrollments__start__lte=today)
                & (Q(enrollments__end__isnull=True) | Q(enrollments__end__gte=today)),
            )
        )
        .prefetch_related(
            Prefetch(
                "class_teacher_assignments",
                queryset=ClassTeacherAssignment.objects.active(on=today).select_related("teacher"),
                to_attr="teachers",
            ),
            Prefetch(
                "substitutions",
                queryset=ClassTeacherSubstitution.objects.filter(start__lte=today, end__gte=today).select_related(
                    "substitute"
                ),
                to_attr="substitutes",
            ),
        )
    )
    manages = role_can(membership.role, Capability.MANAGE_SCHOOL)
    return render(request, "school/classes/home.html", {"classes": classes, "manages": manages, "today": today})


@membership_required
def class_detail(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    if not _reaches_classes(membership):
        raise Http404
    today = timezone.localdate()
    school_class = get_class_for(membership, pk, on=today)
    social = sees_social_data(membership)
    enrolled = Student.objects.filter(
        pk__in=Enrollment.objects.active(on=today).filter(school_class=school_class).values("student_id")
    )
    if social:
        current = Q(valid_from__lte=today) & (Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        enrolled = enrolled.prefetch_related(
            Prefetch("categories", queryset=StudentCategory.objects.filter(current), to_attr="current_categories")
        )
    students = list(enrolled)
    record_list_access(request, school_class, CLASS_LIST, len(students))
    teachers = (
        ClassTeacherAssignment.objects.active(on=today).filter(school_class=school_class).select_related("teacher")
    )
    return render(
        request,
        "school/classes/class_detail.html",
        {
            "school_class": school_class,
            "students": students,
            "social": social,
            "teachers": teachers,
            "manages": role_can(membership.role, Capability.MANAGE_SCHOOL),
            "meeting_warnings": meeting_warnings(school_class, today),
            "sees_incidents": sees_incidents(membership),
            "heads": membership.role in GLANCE_WATCHERS,
        },
    )


@capability_required(Capability.MANAGE_SCHOOL)
def class_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    membership = require_school_management(request.membership)
    school_class = None
    if pk is not None:
        with denied_as(SchoolClass, pk):
            school_class = get_object_or_404(SchoolClass, organisation_id=membership.organisation_id, pk=pk)
    form = SchoolClassForm(request.POST or None, instance=school_class, organisation_id=membership.organisation_id)
    if request.method == "POST" and form.is_valid():
        saved = services.save_class(actor=request.user, school_class=form.save(commit=False))
        messages.success(request, f"Класс {saved} сохранён.")
        return redirect("school:class_detail", pk=saved.pk)
    return render(
        request,
        "school/classes/form.html",
        {"form": form, "title": f"Класс {school_class}" if school_class else "Новый класс"},
        status=400 if form.errors else 200,
    )


@capability_required(Capability.MANAGE_SCHOOL)
def year_list(request: MemberRequest) -> HttpResponse:
    years = AcademicYear.objects.filter(organisation_id=request.membership.organisation_id)
    return render(request, "school/classes/year_list.html", {"years": years})


@capability_required(Capability.MANAGE_SCHOOL)
def year_create(request: MemberRequest) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    form = YearForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        year = services.create_year(
            actor=request.user,
            organisation_id=organisation_id,
            name=data["name"],
            start=data["start"],
            end=data["end"],
            kinds=form.kinds(),
        )
        messages.success(request, f"Учебный год {year} создан: проверьте даты периодов и каникул.")
        return redirect("school:year_edit", pk=year.pk)
    return render(
        request,
        "school/classes/form.html",
        {"form": form, "title": "Новый учебный год"},
        status=400 if form.errors else 200,
    )


@capability_required(Capability.MANAGE_SCHOOL)
def year_edit(request: MemberRequest, pk: int) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    year = get_object_or_404(AcademicYear, organisation_id=organisation_id, pk=pk)
    data = request.POST or None
    periods = PeriodFormSet(data, queryset=Period.objects.filter(academic_year=year), prefix="periods")
    holidays = HolidayFormSet(data, queryset=Holiday.objects.filter(academic_year=year), prefix="holidays")
    if request.method == "POST" and periods.is_valid() and holidays.is_valid():
        changed = [row for formset in (periods, holidays) for row in formset.save(commit=False)]
        deleted = [row for formset in (periods, holidays) for row in formset.deleted_objects]
        services.save_calendar(actor=request.user, year=year, saved=changed, deleted=deleted)
        messages.success(request, "Календарь учебного года сохранён.")
        return redirect("school:year_edit", pk=year.pk)
    invalid = request.method == "POST"
    return render(
        request,
        "school/classes/year_edit.html",
        {"year": year, "periods": periods, "holidays": holidays},
        status=400 if invalid else 200,
    )


@capability_required(Capability.MANAGE_SCHOOL)
def substitution_create(request: MemberRequest) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    form = SubstitutionForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            substitution = services.assign_substitute(actor=request.user, substitution=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Замена назначена: {substitution}.")
            return redirect("school:class_detail", pk=substitution.school_class_id)
    substitutions = ClassTeacherSubstitution.objects.filter(organisation_id=organisation_id).select_related(
        "school_class", "substitute"
    )[:50]
    return render(
        request,
        "school/classes/substitution.html",
        {"form": form, "substitutions": substitutions},
        status=400 if form.errors else 200,
    )
