"""The quarter's analysis of a class and of a student, the deputy's report, the school's summary, the load."""

from __future__ import annotations

import datetime as dt
import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kadry.core import uploads
from kadry.core.access import capability_required, membership_required
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.models import BackgroundJob, Membership
from kadry.core.permissions import Capability, role_can
from kadry.grades import report, services_import, tasks
from kadry.grades.forms import GradeImportForm
from kadry.grades.models import Mark, Term
from kadry.grades.queries import (
    class_terms,
    current_term,
    school_summary,
    student_grades,
    students_named,
    terms_with_grades,
    year_periods,
)
from kadry.grades.rules import CATEGORY_LABELS, student_result
from kadry.grades.rules_import import COLUMNS
from kadry.lib.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, PdfUnavailableError
from kadry.lib.tables import TableError
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, sections_to_xlsx
from kadry.school import access_log
from kadry.school.access import classes_for, get_class_for, get_student_for
from kadry.school.models import AcademicYear, ClassTeacherAssignment, Enrollment, SchoolClass
from kadry.staff.declension import employee_initials

ANALYSIS_ACCESS = "Анализ успеваемости класса"
STUDENT_ACCESS = "Успеваемость обучающегося"
FORMATS = {"xlsx": XLSX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE}


def _loads(membership: Membership) -> bool:
    """Whether the membership loads a class's grades: its class teacher, and the school's management."""
    return role_can(membership.role, Capability.CLASS_WORK) or role_can(membership.role, Capability.MANAGE_SCHOOL)


def _term(request: HttpRequest, school_class: SchoolClass, today: dt.date) -> tuple[Term, list[Term]]:
    """Return the term asked for (``?term=q2``), else the latest with grades, else the one running now."""
    graded = terms_with_grades(school_class)
    wanted = request.GET.get("term", "")
    if wanted in Term.values:
        return Term(wanted), graded
    if graded:
        return graded[-1], graded
    return current_term(school_class, year_periods([school_class]), today), graded


def _class_context(request: MemberRequest, pk: int) -> dict:
    membership = request.membership
    today = timezone.localdate()
    school_class = get_class_for(membership, pk)
    term, graded = _term(request, school_class, today)
    one = class_terms([school_class], term, today=today)[school_class.pk]
    names = students_named([r.student_id for r in one.analysis.results])
    context = report.class_report(one, names)
    access_log.record_list_access(request, school_class, f"{ANALYSIS_ACCESS}, {term.label}", len(names))
    return {**context, "terms": list(Term), "graded_terms": graded, "loads": _loads(membership)}


@membership_required
def class_analysis(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's term: the students by category, quality and success, the subjects, the previous term."""
    return render(request, "grades/class_analysis.html", _class_context(request, pk))


def _teacher(school_class: SchoolClass) -> str:
    assignment = (
        ClassTeacherAssignment.objects.active(on=timezone.localdate())
        .filter(school_class=school_class)
        .select_related("teacher")
        .first()
    )
    return employee_initials(assignment.teacher) if assignment else ""


@membership_required
def class_report(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """The report the deputy director receives (§6.4): XLSX, PDF or DOCX."""
    if fmt not in FORMATS:
        raise Http404
    context = _class_context(request, pk)
    school_class = context["school_class"]
    try:
        if fmt == "xlsx":
            content = report.class_xlsx(context)
        elif fmt == "pdf":
            content = report.class_pdf({**context, "organisation": request.membership.organisation})
        else:
            content = report.class_docx(
                context, organisation=request.membership.organisation.name, teacher=_teacher(school_class)
            )
    except PdfUnavailableError as error:
        return render(request, "documents/unavailable.html", {"message": str(error)}, status=503)
    stem = f"Успеваемость_{school_class}_{context['term'].value}"
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=f"{stem}.{fmt}", content_type=FORMATS[fmt])


@membership_required
def student_analysis(request: MemberRequest, pk: int) -> HttpResponse:
    """A student's grades of the year by term and subject, with the category of each term."""
    student = get_student_for(request.membership, pk)
    today = timezone.localdate()
    enrolment = (
        Enrollment.objects.active(on=today)
        .filter(organisation_id=student.organisation_id, student=student)
        .select_related("school_class__academic_year")
        .first()
    )
    grades = student_grades(student, enrolment.school_class.academic_year_id) if enrolment else {}
    terms = [term for term in Term if term.value in grades]
    subjects = sorted({subject for marks in grades.values() for subject in marks})
    rows = [(subject, [grades[t.value].get(subject, "") for t in terms]) for subject in subjects]
    results = [(t, CATEGORY_LABELS[student_result(student.pk, grades[t.value]).category]) for t in terms]
    labels = {str(value): str(label) for value, label in Mark.choices}
    rows = [(subject, [labels.get(mark, "") for mark in marks]) for subject, marks in rows]
    access_log.record_list_access(request, student, STUDENT_ACCESS, 1)
    return render(
        request,
        "grades/student_analysis.html",
        {"student": student, "enrolment": enrolment, "terms": terms, "rows": rows, "results": results},
    )


def _summary_context(request: MemberRequest) -> dict:
    membership = request.membership
    today = timezone.localdate()
    years = list(AcademicYear.objects.filter(organisation_id=membership.organisation_id).order_by("-start"))
    chosen = request.GET.get("year", "")
    year = next((y for y in years if str(y.pk) == chosen), None) or next(
        (y for y in years if y.start <= today <= y.end), years[0] if years else None
    )
    term = Term(request.GET["term"]) if request.GET.get("term") in Term.values else None
    classes: list[SchoolClass] = []
    if year is not None:
        classes = list(
            classes_for(membership, on=today)
            .filter(academic_year=year)
            .select_related("academic_year")
            .order_by("grade", "letter")
        )
    if term is None:
        term = current_term(classes[0], year_periods(classes[:1]), today) if classes else Term.Q1
    rows, totals = school_summary(classes, term, today=today)
    return {"years": years, "year": year, "term": term, "terms": list(Term), "rows": rows, "totals": totals}


@capability_required(Capability.VIEW_ALL_CLASSES)
def summary(request: MemberRequest) -> HttpResponse:
    """Every class of the school in one table for a term: the deputy director's and the director's summary."""
    return render(request, "grades/summary.html", _summary_context(request))


@capability_required(Capability.VIEW_ALL_CLASSES)
def summary_xlsx(request: MemberRequest) -> HttpResponse:
    context = _summary_context(request)
    title = f"Успеваемость по классам, {context['term'].label}"
    content = sections_to_xlsx(title, report.summary_tables(context["rows"], context["totals"]))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="grades-summary-{context["term"].value}.xlsx"'
    return response


# --- The load --------------------------------------------------------------------------------------


@membership_required
def import_grades(request: MemberRequest, pk: int) -> HttpResponse:
    """Load a class's grades from the journal's export: check (errors by row and column), then load as a job."""
    membership = request.membership
    school_class = get_class_for(membership, pk)
    if not _loads(membership):
        raise Http404
    form = GradeImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content, filename, kept_id = uploads.sent_or_kept_upload(membership=membership, data=data)
        try:
            header, rows = uploads.read_uploaded_table(content, filename)
        except TableError as error:
            form.add_error("file", str(error))
        else:
            plan = services_import.plan_for(school_class, header, rows)
            if "commit" in request.POST and not plan.errors:
                job = tasks.start_import(
                    membership=membership, school_class=school_class, content=content, filename=filename
                )
                if kept_id:
                    uploads.discard_kept_upload(membership=membership, kept_id=kept_id)
                return redirect("grades:import_job", pk=job.pk)
            if not plan.errors and not kept_id:
                kept_id = uploads.keep_upload(membership=membership, content=content, filename=filename)
            form = GradeImportForm(initial={"upload": kept_id, "filename": filename})
    context = {"form": form, "plan": plan, "columns": COLUMNS, "school_class": school_class}
    status = 400 if form.errors or (plan and plan.errors) else 200
    return render(request, "grades/import.html", context, status=status)


@membership_required
def import_template(request: MemberRequest, pk: int) -> HttpResponse:
    """The template of the load: the columns, and a row for each student of the class to fill in."""
    school_class = get_class_for(request.membership, pk)
    if not _loads(request.membership):
        raise Http404
    response = HttpResponse(services_import.template_xlsx(school_class), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-grades.xlsx"'
    return response


@membership_required
def import_job(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    if not _loads(membership):
        raise Http404
    job = get_object_or_404(
        BackgroundJob.objects.select_related("created_by"),
        pk=pk,
        organisation_id=membership.organisation_id,
        kind=BackgroundJob.Kind.GRADE_IMPORT,
    )
    school_class = get_class_for(membership, int(job.params.get("class_id", 0)))
    fail_if_abandoned(job)  # A job whose worker died is shown failed, not running for ever.
    template = "grades/_import_job_status.html" if request.htmx else "grades/import_job.html"
    return render(request, template, {"job": job, "school_class": school_class})
