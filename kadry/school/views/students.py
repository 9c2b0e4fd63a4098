"""A student's file: reading (access-logged), creating and editing with guardians and categories, moves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access, snapshot
from kadry.core.http import KadryRequest, MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.school.access import get_student_for, sees_prevention, sees_social_data
from kadry.school.forms_classes import (
    CategoryFormSet,
    EnrolForm,
    GuardianFormSet,
    StudentForm,
    TransferForm,
    WithdrawForm,
)
from kadry.school.models import Student
from kadry.school.services import classes as services

STUDENT_FILE = "Личное дело обучающегося"


def _student(membership: Membership, pk: int) -> Student:
    """The school's management reaches every student's file (also of those who left); others, their classes'."""
    if role_can(membership.role, Capability.MANAGE_SCHOOL):
        with denied_as(Student, pk):
            return get_object_or_404(Student, organisation_id=membership.organisation_id, pk=pk)
    return get_student_for(membership, pk)


@login_required
def student_detail(request: KadryRequest, pk: int) -> HttpResponse:
    membership = request.membership
    if membership is None:
        return render(request, "404.html", status=404)
    student = _student(membership, pk)
    record_access(membership=membership, subject=student, what=STUDENT_FILE, request=request)
    social = sees_social_data(membership)
    return render(
        request,
        "school/classes/student_detail.html",
        {
            "student": student,
            "guardians": student.guardians.all(),
            "enrolments": student.enrollments.select_related("school_class__academic_year").order_by("start"),
            "categories": student.categories.all() if social else None,
            "manages": role_can(membership.role, Capability.MANAGE_SCHOOL),
            "sees_prevention": sees_prevention(membership),
            "today": timezone.localdate(),
        },
    )


def _formsets(request: HttpRequest, student: Student, social: bool) -> dict[str, Any]:
    data = request.POST or None
    sets: dict[str, Any] = {"guardians": GuardianFormSet(data, instance=student, prefix="guardians")}
    if social:
        sets["categories"] = CategoryFormSet(data, instance=student, prefix="categories")
    return sets


def _save_formsets(actor: Any, student: Student, sets: dict[str, Any]) -> None:
    guardians = sets["guardians"]
    services.save_guardians(
        actor=actor, student=student, guardians=guardians.save(commit=False), removed=guardians.deleted_objects
    )
    if "categories" in sets:
        categories = sets["categories"]
        services.save_categories(
            actor=actor, student=student, categories=categories.save(commit=False), removed=categories.deleted_objects
        )


@capability_required(Capability.MANAGE_SCHOOL)
def student_create(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    organisation_id = membership.organisation_id
    initial = {"school_class": request.GET.get("class"), "enrolled_on": timezone.localdate()}
    form = StudentForm(request.POST or None, organisation_id=organisation_id)
    enrol = EnrolForm(request.POST or None, organisation_id=organisation_id, initial=initial)
    social = sees_social_data(membership)
    sets = _formsets(request, form.instance, social)
    if request.method == "POST" and form.is_valid() and enrol.is_valid() and all(s.is_valid() for s in sets.values()):
        with transaction.atomic():
            student = services.create_student(
                actor=request.user,
                student=form.save(commit=False),
                school_class=enrol.cleaned_data["school_class"],
                enrolled_on=enrol.cleaned_data["enrolled_on"],
                guardians=(),
            )
            for formset in sets.values():
                formset.instance = student
            _save_formsets(request.user, student, sets)
        messages.success(request, f"Личное дело {student} создано.")
        return redirect("school:student_detail", pk=student.pk)
    context = {"form": form, "enrol": enrol, "sets": sets, "title": "Новый обучающийся"}
    return render(request, "school/classes/student_form.html", context, status=400 if request.method == "POST" else 200)


@capability_required(Capability.MANAGE_SCHOOL)
def student_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    student = _student(membership, pk)
    before = snapshot(student)
    form = StudentForm(request.POST or None, instance=student, organisation_id=membership.organisation_id)
    sets = _formsets(request, student, sees_social_data(membership))
    if request.method == "POST" and form.is_valid() and all(s.is_valid() for s in sets.values()):
        try:
            with transaction.atomic():
                services.update_student(
                    actor=request.user, student=form.save(commit=False), before=before, fields=form.changed_data
                )
                _save_formsets(request.user, student, sets)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Личное дело сохранено.")
            return redirect("school:student_detail", pk=student.pk)
    # The form shows the whole file with its guardians (and categories): logged like the file itself.
    record_access(membership=membership, subject=student, what=f"{STUDENT_FILE}: форма изменения", request=request)
    context = {"form": form, "sets": sets, "student": student, "title": f"{student}: личное дело"}
    return render(request, "school/classes/student_form.html", context, status=400 if request.method == "POST" else 200)


@capability_required(Capability.MANAGE_SCHOOL)
def student_transfer(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    student = _student(membership, pk)
    form = TransferForm(request.POST or None, organisation_id=membership.organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.transfer_student(
                actor=request.user, student=student, to_class=data["to_class"], on=data["on"], basis=data["basis"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{student} переведён(а) в {enrolment.school_class} класс.")
            return redirect("school:student_detail", pk=student.pk)
    context = {"form": form, "student": student, "title": f"{student}: перевод в другой класс"}
    return render(request, "school/classes/form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.MANAGE_SCHOOL)
def student_withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    student = _student(membership, pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_student(actor=request.user, student=student, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{student}: выбытие оформлено.")
            return redirect("school:student_detail", pk=student.pk)
    context = {"form": form, "student": student, "title": f"{student}: выбытие"}
    return render(request, "school/classes/form.html", context, status=400 if form.errors else 200)
