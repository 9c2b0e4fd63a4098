"""The student's personal file (§6.5, §8.2): the page, the print (PDF) and the register of copies issued.

Every opening and every print is written to the access log like the student's page; an issue is a
change of the student's history and an access-log row naming to whom the file went.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from kadry.core.access import denied_as
from kadry.core.audit import record_access
from kadry.core.http import KadryRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.school.access import get_student_for
from kadry.school.forms_student_file import StudentFileIssueForm
from kadry.school.models import Student
from kadry.school.services import student_file as services
from kadry.school.views.life import pdf_or_html

STUDENT_FILE = "Личное дело обучающегося"


def file_student(membership: Membership | None, pk: int) -> Student:
    """The school's management reaches every student's file (also of those who left); others, their classes'."""
    if membership is None:
        raise Http404
    if role_can(membership.role, Capability.MANAGE_SCHOOL):
        with denied_as(Student, pk):
            return get_object_or_404(Student, organisation_id=membership.organisation_id, pk=pk)
    return get_student_for(membership, pk)


def issues_files(membership: Membership) -> bool:
    """Whether the role issues personal files: the school's management and the class teacher who keeps them."""
    return role_can(membership.role, Capability.MANAGE_SCHOOL) or role_can(membership.role, Capability.CLASS_WORK)


@login_required
def student_file(request: KadryRequest, pk: int) -> HttpResponse:
    """The personal file as a page, with the register of copies issued and the form to record one."""
    membership = request.membership
    student = file_student(membership, pk)
    assert membership is not None
    record_access(membership=membership, subject=student, what=f"{STUDENT_FILE}: просмотр", request=request)
    may_issue = issues_files(membership)
    data = {
        "file": services.student_file(student),
        "student": student,
        "form": StudentFileIssueForm() if may_issue else None,
    }
    return render(request, "school/documents/student_file.html", data)


@login_required
def student_file_print(request: KadryRequest, pk: int) -> HttpResponse:
    """The personal file to print (PDF; the same page to print from the browser where PDF cannot be made)."""
    membership = request.membership
    student = file_student(membership, pk)
    assert membership is not None
    record_access(membership=membership, subject=student, what=f"{STUDENT_FILE}: печать", request=request)
    data = {
        "file": services.student_file(student),
        "organisation_name": membership.organisation.name or membership.organisation.short_name,
    }
    return pdf_or_html(request, "school/print/student_file.html", data, f"student-file-{student.file_number}")


@login_required
def student_file_issue(request: KadryRequest, pk: int) -> HttpResponse:
    """Record an issue of the personal file in the register (POST)."""
    membership = request.membership
    student = file_student(membership, pk)
    assert membership is not None
    if not issues_files(membership):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StudentFileIssueForm(request.POST)
    if form.is_valid():
        issue = services.issue_file(actor=request.user, student=student, data=form.cleaned_data)
        what = f"{STUDENT_FILE}: выдано — {issue.issued_to}"[:100]
        record_access(membership=membership, subject=student, what=what, request=request)
        messages.success(request, f"Выдача личного дела записана в журнал: {issue.issued_to}.")
        return redirect("school:student_file", pk=student.pk)
    record_access(membership=membership, subject=student, what=f"{STUDENT_FILE}: просмотр", request=request)
    data = {"file": services.student_file(student), "student": student, "form": form}
    return render(request, "school/documents/student_file.html", data, status=400)
