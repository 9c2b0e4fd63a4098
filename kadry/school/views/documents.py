"""The class's generated documents: social passport, characteristics of students (the plan: education_plan.py)."""

from __future__ import annotations

import datetime as dt
import io

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.access import membership_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PdfUnavailableError
from kadry.school.access import get_class_for, get_student_for, sees_social_data
from kadry.school.models import Characteristic, Enrollment, SchoolClass, Student
from kadry.school.queries.passport import class_passport
from kadry.school.services import documents as services
from kadry.staff.declension import employee_initials

FORMATS = ("docx", "pdf")


def _download(rendered: services.Rendered) -> FileResponse:
    return FileResponse(
        io.BytesIO(rendered.content),
        as_attachment=True,
        filename=rendered.filename,
        content_type=rendered.content_type,
    )


def _unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    return render(request, "documents/unavailable.html", {"message": str(error)}, status=503)


def passport_date(value: str | None, today: dt.date) -> dt.date:
    """Return the passport's date from ``?on=YYYY-MM-DD``, today when absent or malformed."""
    try:
        return dt.date.fromisoformat(value) if value else today
    except ValueError:
        return today


def _writes(membership: Membership) -> bool:
    """Whether the membership writes the class's documents (the class teacher; the administration reads)."""
    return role_can(membership.role, Capability.CLASS_WORK)


# --- Social passport ---------------------------------------------------------------------------------


def _passport(request: MemberRequest, pk: int) -> tuple[SchoolClass, dict, bool]:
    membership = request.membership
    school_class = get_class_for(membership, pk)
    on = passport_date(request.GET.get("on"), timezone.localdate())
    passport = class_passport(school_class, on=on)
    named = sees_social_data(membership)
    if named:
        # Named lists of social categories are special personal data (152-ФЗ ст. 10): log the opening.
        record_access(membership=membership, subject=school_class, what=services.PASSPORT_ACCESS, request=request)
    context = services.passport_context(
        passport, school_class=school_class, organisation=membership.organisation, named=named
    )
    return school_class, {**context, "passport": passport, "class_obj": school_class, "on_iso": on.isoformat()}, named


@membership_required
def social_passport(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the social passport of a class on ``?on=`` (counts; the named lists for permitted roles)."""
    _, context, _named = _passport(request, pk)
    return render(request, "school/documents/social_passport.html", context)


@membership_required
def social_passport_download(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Download the social passport as DOCX or PDF."""
    if fmt not in FORMATS:
        raise Http404
    school_class, context, _named = _passport(request, pk)
    stem = f"Социальный_паспорт_{school_class}_{context['on_iso']}"
    try:
        if fmt == "docx":
            return _download(services.docx("social_passport", context, stem))
        return _download(services.pdf("school/documents/social_passport_pdf.html", context, stem))
    except PdfUnavailableError as error:
        return _unavailable(request, error)


# --- Characteristics ---------------------------------------------------------------------------------


class CharacteristicForm(forms.ModelForm):
    class Meta:
        model = Characteristic
        fields = ("requested_by", "requested_on", "purpose", "text")
        widgets = {
            "requested_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 18}),
        }


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("выдана"), widget=forms.DateInput(attrs={"type": "date"}))
    issued_to = forms.CharField(label=_("кому выдана"), max_length=300)


def _characteristic_for(request: MemberRequest, student_pk: int, pk: int) -> tuple[Student, Characteristic]:
    student = get_student_for(request.membership, student_pk)
    return student, get_object_or_404(Characteristic.objects.select_related("student"), student=student, pk=pk)


def _log_characteristic(request: MemberRequest, student: Student) -> None:
    record_access(membership=request.membership, subject=student, what=services.CHARACTERISTIC_ACCESS, request=request)


@membership_required
def characteristics(request: MemberRequest, pk: int) -> HttpResponse:
    """The register of a student's characteristics: who asked, when, for what, to whom given."""
    student = get_student_for(request.membership, pk)
    rows = list(Characteristic.objects.filter(student=student).select_related("author"))
    _log_characteristic(request, student)
    return render(
        request,
        "school/documents/characteristics.html",
        {"student": student, "rows": rows, "writes": _writes(request.membership), "issue_form": IssueForm()},
    )


@membership_required
def characteristic_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Register a request and write the characteristic, starting from a draft filled in from the data."""
    membership = request.membership
    student = get_student_for(membership, pk)
    if not _writes(membership):
        raise Http404
    today = timezone.localdate()
    if request.method == "POST":
        form = CharacteristicForm(request.POST)
        if form.is_valid():
            services.create_characteristic(actor=request.user, student=student, data=form.cleaned_data)
            messages.success(request, _("Характеристика зарегистрирована."))
            return redirect("school:characteristics", pk=student.pk)
    else:
        draft = services.characteristic_draft(student, today=today, with_family=sees_social_data(membership))
        form = CharacteristicForm(initial={"requested_on": today, "text": draft})
        _log_characteristic(request, student)
    return render(
        request,
        "school/documents/characteristic_form.html",
        {"student": student, "form": form, "new": True},
        status=400 if form.errors else 200,
    )


@membership_required
def characteristic_edit(request: MemberRequest, student_pk: int, pk: int) -> HttpResponse:
    membership = request.membership
    student, characteristic = _characteristic_for(request, student_pk, pk)
    if not _writes(membership):
        raise Http404
    form = CharacteristicForm(request.POST or None, instance=characteristic)
    if request.method == "POST" and form.is_valid():
        services.update_characteristic(actor=request.user, characteristic=characteristic, data=form.cleaned_data)
        messages.success(request, _("Характеристика сохранена."))
        return redirect("school:characteristics", pk=student.pk)
    if request.method != "POST":
        _log_characteristic(request, student)
    return render(
        request,
        "school/documents/characteristic_form.html",
        {"student": student, "form": form, "new": False, "characteristic": characteristic},
        status=400 if form.errors else 200,
    )


@membership_required
def characteristic_docx(request: MemberRequest, student_pk: int, pk: int) -> HttpResponse | FileResponse:
    membership = request.membership
    student, characteristic = _characteristic_for(request, student_pk, pk)
    enrolment = (
        Enrollment.objects.active(on=timezone.localdate())
        .filter(student=student)
        .select_related("school_class")
        .first()
    )
    context = services.characteristic_context(
        characteristic,
        organisation=membership.organisation,
        school_class=enrolment.school_class if enrolment else None,
        # A signature line names the signer by surname and initials: «Учителева Н. П.».
        teacher=employee_initials(membership.employee) if membership.employee else request.user.get_full_name(),
    )
    _log_characteristic(request, student)
    return _download(
        services.docx("characteristic", context, f"Характеристика_{student.last_name}_{characteristic.requested_on}")
    )


@membership_required
def characteristic_issue(request: MemberRequest, student_pk: int, pk: int) -> HttpResponse:
    """Record a copy issued: on which day and to whom (POST; access is checked before the method)."""
    student, characteristic = _characteristic_for(request, student_pk, pk)
    if not _writes(request.membership):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = IssueForm(request.POST)
    if form.is_valid():
        services.issue_copy(actor=request.user, characteristic=characteristic, **form.cleaned_data)
        messages.success(request, _("Выдача характеристики записана."))
    else:
        messages.error(request, _("Укажите дату выдачи и кому выдана характеристика."))
    return redirect("school:characteristics", pk=student.pk)
