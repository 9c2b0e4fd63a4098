"""The class teacher's plan of educational work (§4.11, §7.1, §6.4) and the yearly analysis (§7.3).

Thin views: ``get_class_for`` (404 outside the role's classes) → form → service → redirect. Whoever
reaches the class reads the plan; its class teacher (``CLASS_WORK``) writes a draft or a returned
plan, sends it, starts a correction; the deputy director decides (``views/education_plan_review.py``).
An earlier revision is read with ``?version=N``. The plan names no students: it is not access-logged.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.school.access import get_class_for
from kadry.school.forms_education_plan import AnalysisForm, PlanHeaderForm, PlanItemForm, ReturnForm
from kadry.school.models import EducationPlan, EducationPlanItem, SchoolClass
from kadry.school.models.education_plan import sorted_items
from kadry.school.queries.criteria import year_analysis
from kadry.school.rules import education_plan as rules
from kadry.school.services import documents
from kadry.school.services import education_plan as services
from kadry.school.services.education_plan_analysis import analysis_draft
from kadry.school.services.education_plan_print import plan_context
from kadry.school.views.life import pdf_or_html, refused

Direction = EducationPlanItem.Direction


def writes(request: MemberRequest) -> bool:
    """Whether the role writes the class's plan: its class teacher (or the substitute)."""
    return role_can(request.membership.role, Capability.CLASS_WORK)


def approves(request: MemberRequest) -> bool:
    """Whether the role approves or returns plans: the deputy director for educational work, the director (§7.1)."""
    return role_can(request.membership.role, Capability.APPROVE_EDUCATION_PLANS)


def _writable(request: MemberRequest, pk: int) -> SchoolClass:
    school_class = get_class_for(request.membership, pk)
    if not writes(request):
        raise Http404
    return school_class


def chosen_revision(
    request: MemberRequest, school_class: SchoolClass
) -> tuple[EducationPlan | None, list[EducationPlan]]:
    """Return the revision ``?version=`` names (the latest by default) and all the class's revisions (one query)."""
    plans = list(services.revisions(school_class).select_related("decided_by", "submitted_by"))
    wanted = request.GET.get("version", "")
    chosen = next((p for p in plans if str(p.version) == wanted), plans[-1] if plans else None)
    return chosen, plans


def _items(plan: EducationPlan | None) -> list[EducationPlanItem]:
    return sorted_items(list(plan.items.all())) if plan else []


def by_month(items: list[EducationPlanItem]) -> list[tuple[str, int, list[EducationPlanItem]]]:
    """Return (month's name, month, its items) for the months that have items, September first."""
    months: dict[int, list[EducationPlanItem]] = {}
    for item in items:
        months.setdefault(item.month, []).append(item)
    return [(rules.MONTH_NAMES[month], month, rows) for month, rows in months.items()]


def _done(request: MemberRequest, school_class: SchoolClass, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("school:education_plan", pk=school_class.pk)


def _refused(request: MemberRequest, school_class: SchoolClass, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("school:education_plan", pk=school_class.pk)


@membership_required
def education_plan(request: MemberRequest, pk: int) -> HttpResponse:
    """The class's plan: the state, the goals, the activities by month; a POST saves the goals of a draft."""
    school_class = get_class_for(request.membership, pk)
    if request.method == "POST" and not writes(request):
        raise Http404
    plan, plans = chosen_revision(request, school_class)
    latest = plans[-1] if plans else None
    header = PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST" and header.is_valid():
        try:
            if plan is None:
                services.save_class_header(actor=request.user, school_class=school_class, data=header.cleaned_data)
            else:
                services.save_header(actor=request.user, plan=plan, data=header.cleaned_data)
        except ValidationError as error:
            return _refused(request, school_class, error)
        return _done(request, school_class, "Цели и задачи плана сохранены.")
    items = _items(plan)
    direction = request.GET.get("direction", "")
    shown = [item for item in items if item.direction == direction] if direction in Direction.values else items
    is_latest = plan is not None and plan == latest
    editable = writes(request) and (plan is None or (is_latest and plan.editable))
    data: dict[str, Any] = {
        "class_obj": school_class,
        "plan": plan,
        "plans": plans,
        "is_latest": is_latest,
        "months": by_month(shown),
        "items_count": len(items),
        "directions": Direction.choices,
        "direction": direction,
        "header": header,
        "item_form": PlanItemForm(plan=plan or services.first_revision(school_class)) if editable else None,
        "editable": editable,
        "writes": writes(request),
        "approves": approves(request),
        "return_form": ReturnForm(),
        "may_correct": writes(request) and is_latest and plan is not None and plan.approved,
    }
    return render(request, "school/education_plan/plan.html", data, status=400 if header.errors else 200)


def _item_page(request: MemberRequest, school_class: SchoolClass, form: PlanItemForm, item: Any) -> HttpResponse:
    data = {"class_obj": school_class, "form": form, "item": item, "plan": form.plan}
    return render(request, "school/education_plan/item_form.html", data, status=400 if form.errors else 200)


@membership_required
def education_plan_item_new(request: MemberRequest, pk: int) -> HttpResponse:
    """Add an activity to the class's draft or returned plan (the first one starts the plan)."""
    school_class = _writable(request, pk)
    plan = services.current_plan(school_class)
    if plan is not None and not plan.editable:
        raise Http404
    # The first activity starts the plan, in the same transaction (a refused one leaves no empty plan).
    form = PlanItemForm(
        request.POST or None,
        plan=plan or services.first_revision(school_class),
        initial={"month": request.GET.get("month")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_class_item(actor=request.user, school_class=school_class, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            return _done(request, school_class, "Мероприятие добавлено в план.")
    return _item_page(request, school_class, form, None)


def _item_of(request: MemberRequest, pk: int, item_pk: int) -> tuple[SchoolClass, EducationPlanItem]:
    school_class = _writable(request, pk)
    item = get_object_or_404(
        EducationPlanItem.objects.select_related("plan__school_class__academic_year").filter(
            organisation_id=school_class.organisation_id, plan__school_class=school_class
        ),
        pk=item_pk,
    )
    return school_class, item


@membership_required
def education_plan_item(request: MemberRequest, pk: int, item_pk: int) -> HttpResponse:
    """Change an activity of a draft or returned plan; the history keeps what it said."""
    school_class, item = _item_of(request, pk, item_pk)
    if not item.plan.editable:
        raise Http404
    form = PlanItemForm(request.POST or None, instance=item, plan=item.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(actor=request.user, item=item, data=form.cleaned_data)
        except ValidationError as error:
            refused(form, error)
        else:
            return _done(request, school_class, "Мероприятие изменено.")
    return _item_page(request, school_class, form, item)


@membership_required
def education_plan_item_delete(request: MemberRequest, pk: int, item_pk: int) -> HttpResponse:
    """Remove an activity from a draft or returned plan (POST; access is checked before the method)."""
    school_class, item = _item_of(request, pk, item_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.delete_item(actor=request.user, item=item)
    except ValidationError as error:
        return _refused(request, school_class, error)
    return _done(request, school_class, "Мероприятие удалено из плана.")


def latest_or_404(school_class: SchoolClass) -> EducationPlan:
    plan = services.current_plan(school_class)
    if plan is None:
        raise Http404
    return plan


@membership_required
def education_plan_submit(request: MemberRequest, pk: int) -> HttpResponse:
    """Send the plan to the deputy director for approval (§7.1)."""
    school_class = _writable(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.submit_plan(actor=request.user, plan=latest_or_404(school_class))
    except ValidationError as error:
        return _refused(request, school_class, error)
    return _done(request, school_class, "План отправлен на утверждение заместителю директора.")


@membership_required
def education_plan_correct(request: MemberRequest, pk: int) -> HttpResponse:
    """Start the correction of the approved plan for the new half-year (§6.4): a new draft revision."""
    school_class = _writable(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        correction = services.start_correction(actor=request.user, plan=latest_or_404(school_class))
    except ValidationError as error:
        return _refused(request, school_class, error)
    return _done(
        request,
        school_class,
        f"Начата корректировка: редакция {correction.version}. Утверждённая редакция сохранена без изменений.",
    )


@membership_required
def education_plan_analysis(request: MemberRequest, pk: int) -> HttpResponse:
    """The yearly analysis (§7.3): the year's figures, and the text — filled in from them with ``?draft=1``."""
    school_class = get_class_for(request.membership, pk)
    if request.method == "POST" and not writes(request):
        raise Http404
    plan = services.current_plan(school_class)
    items = _items(plan)
    draft = analysis_draft(school_class, today=timezone.localdate(), plan=plan, items=items)
    filled = request.GET.get("draft") == "1" and writes(request)
    initial = {"analysis": draft.text if filled or plan is None or not plan.analysis else plan.analysis}
    form = AnalysisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_analysis(actor=request.user, school_class=school_class, text=form.cleaned_data["analysis"])
        return _done(request, school_class, "Анализ воспитательной работы за год сохранён.")
    data = {
        "class_obj": school_class,
        "plan": plan,
        "draft": draft,
        "form": form,
        "writes": writes(request),
        "filled": filled,
        "saved": bool(plan and plan.analysis),
    }
    return render(request, "school/education_plan/analysis.html", data, status=400 if form.errors else 200)


def _print_context(request: MemberRequest, school_class: SchoolClass) -> tuple[EducationPlan | None, dict[str, Any]]:
    plan, _plans = chosen_revision(request, school_class)
    analysis = year_analysis(school_class, today=timezone.localdate())
    context = plan_context(
        plan, _items(plan), analysis, school_class=school_class, organisation=request.membership.organisation
    )
    return plan, context


@membership_required
@require_GET
def education_plan_docx(request: MemberRequest, pk: int) -> FileResponse:
    """The plan as DOCX: approved with the approver and the date, or with its state (``?version=``)."""
    school_class = get_class_for(request.membership, pk)
    plan, context = _print_context(request, school_class)
    stem = f"План_воспитательной_работы_{school_class}" + (f"_редакция_{plan.version}" if plan else "")
    rendered = documents.docx("education_plan", context, stem)
    return FileResponse(
        io.BytesIO(rendered.content), as_attachment=True, filename=rendered.filename, content_type=rendered.content_type
    )


@membership_required
@require_GET
def education_plan_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The plan as PDF (the same content as the DOCX), or the page to print where PDF cannot be made."""
    school_class = get_class_for(request.membership, pk)
    plan, context = _print_context(request, school_class)
    return pdf_or_html(
        request,
        "school/print/education_plan.html",
        context,
        f"education-plan-{school_class.pk}-{plan.version if plan else 1}",
    )
