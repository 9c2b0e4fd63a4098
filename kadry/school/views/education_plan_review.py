"""The deputy director's «Планы воспитательной работы»: every class's plan with its state, approve or return (§7.1).

The deputy director for educational work (and the director) sees the plans of all the school's
classes of a school year, opens one on the class's plan page and approves it or returns it with a
comment the class teacher reads. Other roles get 404, as for everything they may not do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kadry.core.access import capability_required, membership_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school.access import classes_for, get_class_for
from kadry.school.forms_education_plan import ReturnForm
from kadry.school.models import AcademicYear, ClassTeacherAssignment, EducationPlan, SchoolClass
from kadry.school.services import education_plan as services
from kadry.school.views.education_plan import approves, latest_or_404

NO_PLAN = "none"


@dataclass(frozen=True)
class PlanRow:
    school_class: SchoolClass
    teachers: list[ClassTeacherAssignment]
    plan: EducationPlan | None  # the latest revision
    approved_before: EducationPlan | None  # the latest approved revision, when the latest is a correction
    items: int

    @property
    def status(self) -> str:
        return self.plan.status if self.plan else NO_PLAN


def plan_rows(classes: Sequence[SchoolClass]) -> list[PlanRow]:
    """Return each class with its latest revision and the approved one before it (one query for all)."""
    if not classes:
        return []
    plans: dict[int, list[EducationPlan]] = {}
    for plan in (
        EducationPlan.objects.filter(organisation_id=classes[0].organisation_id, school_class__in=classes)
        .select_related("decided_by", "submitted_by")
        .annotate(item_count=Count("items"))
        .order_by("school_class_id", "version")
    ):
        plans.setdefault(plan.school_class_id, []).append(plan)
    rows = []
    for school_class in classes:
        revisions = plans.get(school_class.pk, [])
        latest = revisions[-1] if revisions else None
        earlier = [p for p in revisions[:-1] if p.approved]
        rows.append(
            PlanRow(
                school_class=school_class,
                teachers=getattr(school_class, "teachers", []),
                plan=latest,
                approved_before=earlier[-1] if earlier and latest and not latest.approved else None,
                items=getattr(latest, "item_count", 0),
            )
        )
    return rows


def _chosen_year(request: MemberRequest, years: list[AcademicYear]) -> AcademicYear | None:
    wanted = request.GET.get("year", "")
    today = timezone.localdate()
    return (
        next((y for y in years if str(y.pk) == wanted), None)
        or next((y for y in years if y.start <= today <= y.end), None)
        or (years[0] if years else None)
    )


@capability_required(Capability.APPROVE_EDUCATION_PLANS)
@require_GET
def education_plans(request: MemberRequest) -> HttpResponse:
    """Every class's plan of the school year with its state; ``?status=`` narrows the list (fixed queries)."""
    membership = request.membership
    today = timezone.localdate()
    years = list(AcademicYear.objects.filter(organisation_id=membership.organisation_id).order_by("-start"))
    year = _chosen_year(request, years)
    classes = list(
        classes_for(membership)
        .filter(academic_year=year)
        .select_related("academic_year")
        .prefetch_related(
            Prefetch(
                "class_teacher_assignments",
                queryset=ClassTeacherAssignment.objects.active(on=today).select_related("teacher"),
                to_attr="teachers",
            )
        )
        .order_by("grade", "letter")
    )
    rows = plan_rows(classes)
    counts = {value: sum(1 for row in rows if row.status == value) for value in [*EducationPlan.Status.values, NO_PLAN]}
    status = request.GET.get("status", "")
    shown = [row for row in rows if row.status == status] if status in counts else rows
    data = {
        "rows": shown,
        "years": years,
        "year": year,
        "status": status,
        "statuses": [*EducationPlan.Status.choices, (NO_PLAN, "не составлен")],
        "counts": counts,
        "total": len(rows),
    }
    return render(request, "school/education_plan/list.html", data)


def _deciding(request: MemberRequest, pk: int) -> tuple[SchoolClass, EducationPlan] | HttpResponse:
    school_class = get_class_for(request.membership, pk)
    if not approves(request):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return school_class, latest_or_404(school_class)


@membership_required
def education_plan_approve(request: MemberRequest, pk: int) -> HttpResponse:
    """Approve the class's plan sent for approval; back to the list of plans (POST; access checked first)."""
    found = _deciding(request, pk)
    if isinstance(found, HttpResponse):
        return found
    school_class, plan = found
    try:
        services.approve_plan(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school:education_plan", pk=school_class.pk)
    messages.success(request, f"План воспитательной работы {school_class} класса утверждён.")
    return redirect(reverse("school:education_plans") + "?status=submitted")


@membership_required
def education_plan_return(request: MemberRequest, pk: int) -> HttpResponse:
    """Return the class's plan to its class teacher with what to change (POST; the comment is required)."""
    found = _deciding(request, pk)
    if isinstance(found, HttpResponse):
        return found
    school_class, plan = found
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(list(form.errors["comment"]))
        services.return_plan(actor=request.user, plan=plan, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("school:education_plan", pk=school_class.pk)
    messages.success(request, f"План {school_class} класса возвращён классному руководителю с замечаниями.")
    return redirect(reverse("school:education_plans") + "?status=submitted")
