"""Pages of prevention cases: the school's register, a case with its plan, the plan printed.

Restricted as the individual work log is (``kadry.prevention.access``): 404 for the roles that do not
read it and for cases of students out of reach; every page that shows a case writes the access log.
Writes (measures, results, reviews) are for the roles that keep that log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.lib.documents import DOCX_CONTENT_TYPE
from kadry.prevention import printing, queries
from kadry.prevention.access import cases_for, get_case_for, keeper, reader, sees_whole_school
from kadry.prevention.forms import MeasureForm, ResultForm, ReviewForm
from kadry.prevention.models import Measure, PreventionCase
from kadry.prevention.services import add_measure, record_result, record_review
from kadry.school import access_log
from kadry.school.access import classes_for, keeps_prevention
from kadry.school.views.life import pdf_or_html, refused

REGISTER = "Профилактический учёт"
CASE = "Профилактический учёт: случай"
PLAN = "План индивидуальной профилактической работы"


def log_case(request: MemberRequest, case: PreventionCase, what: str = CASE) -> None:
    record_access(
        membership=request.membership,
        subject=case.student,
        what=f"{what} ({case.get_register_display()})"[:100],
        request=request,
    )


@membership_required
@require_GET
def register(request: MemberRequest) -> HttpResponse:
    """The school's register of cases: ``?kind=``, ``?status=`` (open by default), ``?class=``; overdue highlighted."""
    membership = reader(request.membership)
    today = timezone.localdate()
    cases = cases_for(membership)
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", PreventionCase.Status.OPEN)
    if kind in PreventionCase.Register.values:
        cases = cases.filter(register=kind)
    if status in PreventionCase.Status.values:
        cases = cases.filter(status=status)
    try:
        classes = list(classes_for(membership).select_related("academic_year").order_by("grade", "letter"))
    except Http404:  # a class teacher without a card reaches no class: no filter then
        classes = []
    student = request.GET.get("student", "")
    if student.isdigit():  # the student's page links here: their cases only
        cases = cases.filter(student_id=int(student))
    chosen = next((c for c in classes if str(c.pk) == request.GET.get("class", "")), None)
    if chosen is not None:
        cases = queries.in_class(cases, chosen, today)
    found = queries.rows(cases, today)
    subject: Model = chosen or membership.organisation
    access_log.record_list_access(request, subject, REGISTER, len({row.case.student_id for row in found}))
    data = {
        "rows": found,
        "kinds": PreventionCase.Register.choices,
        "statuses": PreventionCase.Status.choices,
        "kind": kind,
        "status": status,
        "classes": classes,
        "chosen": chosen,
        "limit": queries.REGISTER_LIMIT,
        "whole_school": sees_whole_school(membership),
        "keeps": keeps_prevention(membership),
    }
    return render(request, "prevention/register.html", data)


def _case_page(request: MemberRequest, case: PreventionCase, status: int = 200, **forms: BaseForm) -> HttpResponse:
    today = timezone.localdate()
    plan = queries.plan_of(case, today)
    keeps = keeps_prevention(request.membership) and case.is_open
    log_case(request, case)
    data: dict[str, Any] = {
        "case": case,
        "plan": plan,
        "measures": [(m, plan.overdue(m)) for m in plan.measures],
        "keeps": keeps,
        "whole_school": sees_whole_school(request.membership),
        "measure_form": forms.get("measure_form") or (MeasureForm() if keeps else None),
        "review_form": forms.get("review_form") or (ReviewForm(initial={"date": today}) if keeps else None),
    }
    return render(request, "prevention/case.html", data, status=status)


@membership_required
@require_GET
def case_detail(request: MemberRequest, case_pk: int) -> HttpResponse:
    """One case: the student, the basis, the plan's measures and reviews, the Council's decisions."""
    return _case_page(request, get_case_for(request.membership, case_pk))


def _writable_case(request: MemberRequest, case_pk: int) -> PreventionCase:
    case = get_case_for(request.membership, case_pk)
    keeper(request.membership)
    return case


def _add_to_plan(
    request: MemberRequest, case_pk: int, form_class: type[BaseForm], form_name: str, add: Any, done: str
) -> HttpResponse:
    """Write what ``form_class`` posted through ``add(actor=, case=, data=)`` (access checked first, POST
    only); a refused one re-shows the case page with the message on its field."""
    case = _writable_case(request, case_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST)
    if form.is_valid():
        try:
            add(actor=request.user, case=case, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, done)
            return redirect("prevention:case", case_pk=case.pk)
    return _case_page(request, case, status=400, **{form_name: form})


@membership_required
def measure_add(request: MemberRequest, case_pk: int) -> HttpResponse:
    """Add a measure to the plan."""
    return _add_to_plan(request, case_pk, MeasureForm, "measure_form", add_measure, "Мероприятие добавлено в план.")


@membership_required
def review_add(request: MemberRequest, case_pk: int) -> HttpResponse:
    """Record a review of the plan; the next one is due ``rules.REVIEW_MONTHS`` after it."""
    return _add_to_plan(request, case_pk, ReviewForm, "review_form", record_review, "Пересмотр плана записан.")


@membership_required
def measure_result(request: MemberRequest, case_pk: int, measure_pk: int) -> HttpResponse:
    """Record (or correct) the result of a measure."""
    case = _writable_case(request, case_pk)
    measure = get_object_or_404(Measure.objects.filter(organisation_id=case.organisation_id, case=case), pk=measure_pk)
    form = ResultForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            record_result(actor=request.user, measure=measure, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, "Результат мероприятия записан.")
            return redirect("prevention:case", case_pk=case.pk)
    log_case(request, case)
    data = {"case": case, "measure": measure, "form": form}
    return render(request, "prevention/result_form.html", data, status=400 if form.errors else 200)


@membership_required
@require_GET
def plan_pdf(request: MemberRequest, case_pk: int) -> HttpResponse:
    """The individual prevention plan, to print and sign."""
    case = get_case_for(request.membership, case_pk)
    log_case(request, case, PLAN)
    data = printing.plan_context(case, request.membership.organisation, timezone.localdate())
    return pdf_or_html(request, "prevention/print/plan.html", data, f"plan-{case.pk}")


@membership_required
@require_GET
def plan_docx(request: MemberRequest, case_pk: int) -> HttpResponse:
    """The same plan as DOCX, to complete before signing."""
    case = get_case_for(request.membership, case_pk)
    log_case(request, case, PLAN)
    data = printing.plan_context(case, request.membership.organisation, timezone.localdate())
    response = HttpResponse(printing.plan_docx(data), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="prevention-plan-{case.pk}.docx"'
    return response
