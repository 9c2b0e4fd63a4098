"""The appointment's paperwork: the teacher's written consent and the additional agreement (regulation §1.6,
§1.7, §11.1). The appointment itself is the director's signed order; this page records what goes with it.

The director and the deputy (who distribute class leadership, §1.7) open it; it shows the teacher's
name and allowance, so every showing writes the access log with the teacher as the subject.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from kadry.core.access import denied_as, membership_required
from kadry.core.audit import record_access
from kadry.core.forms import DateInput
from kadry.core.http import MemberRequest
from kadry.school.access import classes_for
from kadry.school.home import GLANCE_WATCHERS
from kadry.school.models import ClassTeacherAssignment
from kadry.school.services import appointment as services
from kadry.school.views.life import docx_download, pdf_or_html, refused

AGREEMENT = "Дополнительное соглашение о классном руководстве"


class ConsentForm(forms.ModelForm):
    class Meta:
        model = ClassTeacherAssignment
        fields = ["consent_on", "agreement", "agreement_on"]
        widgets = {"consent_on": DateInput(), "agreement_on": DateInput()}
        labels = {"agreement": "Номер дополнительного соглашения"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["consent_on"].required = True


def _assignment(request: MemberRequest, pk: int) -> ClassTeacherAssignment:
    if request.membership.role not in GLANCE_WATCHERS:
        raise Http404
    with denied_as(ClassTeacherAssignment, pk):
        return get_object_or_404(
            ClassTeacherAssignment.objects.filter(
                organisation_id=request.membership.organisation_id,
                school_class__in=classes_for(request.membership),
            ).select_related("teacher", "school_class__academic_year"),
            pk=pk,
        )


@membership_required
def appointment(request: MemberRequest, pk: int) -> HttpResponse:
    """Record the teacher's written consent and the agreement's number and date."""
    assignment = _assignment(request, pk)
    form = ConsentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Согласие и дополнительное соглашение записаны.")
            return redirect("school:appointment", pk=assignment.pk)
    record_access(membership=request.membership, subject=assignment.teacher, what=AGREEMENT, request=request)
    data = {"form": form, "assignment": assignment, "school_class": assignment.school_class}
    return render(request, "school/classes/appointment.html", data, status=400 if form.errors else 200)


@membership_required
@require_GET
def appointment_agreement(request: MemberRequest, pk: int) -> HttpResponse:
    """The additional agreement to the labour contract with the allowance (§1.6), to print and sign (PDF)."""
    assignment = _assignment(request, pk)
    record_access(membership=request.membership, subject=assignment.teacher, what=AGREEMENT, request=request)
    data = services.agreement_context(assignment, organisation=request.membership.organisation)
    return pdf_or_html(request, "school/print/class_teacher_agreement.html", data, f"agreement-{assignment.pk}")


@membership_required
@require_GET
def appointment_agreement_docx(request: MemberRequest, pk: int) -> HttpResponse:
    """The same additional agreement as DOCX, for the office to complete and print."""
    assignment = _assignment(request, pk)
    record_access(membership=request.membership, subject=assignment.teacher, what=AGREEMENT, request=request)
    data = services.agreement_context(assignment, organisation=request.membership.organisation)
    return docx_download("class_teacher_agreement", data, f"Доп_соглашение_{assignment.school_class}")
