"""API of the class's plan of educational work: read it with its items and state, write a draft, decide (§7.1).

Thin like the UI: ``get_class_for`` (404 outside the role's classes) → the page's form → the service.
The class teacher (``CLASS_WORK``) replaces the items of a draft or a returned plan and sends it; the
deputy director (``APPROVE_EDUCATION_PLANS``) approves it or returns it with a comment; an approved
plan answers 422 to any change until a correction (§6.4) starts a new revision. Refusals answer 422
keyed by field (``items.<n>.<field>`` for an item, ``__all__`` for the plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status

from kadry.api.enums import choices_enum
from kadry.api.errors import InvalidInput
from kadry.core.access import require
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school.access import get_class_for
from kadry.school.api.life import _refusal
from kadry.school.forms_education_plan import PlanItemForm
from kadry.school.models import EducationPlan, EducationPlanItem, SchoolClass
from kadry.school.models.education_plan import sorted_items
from kadry.school.services import education_plan as services

router = Router()
PlanStatus = choices_enum(EducationPlan, EducationPlan.Status)
PlanDirection = choices_enum(EducationPlanItem, EducationPlanItem.Direction)
NO_PLAN = "План воспитательной работы класса ещё не составлен."


class PlanItemIn(Schema):
    direction: PlanDirection  # type: ignore[valid-type]
    month: int = Field(description="месяц учебного года: 9–12 (первое полугодие), 1–6 (второе)")
    title: str = Field(description="мероприятие")
    form: str = Field("", description="форма проведения, содержание")
    responsible: str = Field("", description="ответственные")
    date: dt.date | None = Field(None, description="дата, если назначена: в выбранном месяце учебного года")


class PlanItemOut(Schema):
    id: int
    direction: PlanDirection  # type: ignore[valid-type]
    month: int
    title: str
    form: str
    responsible: str
    date: dt.date | None


class PlanItemsIn(Schema):
    goals: str | None = Field(None, description="цели и задачи; не указано — без изменений")
    directions: str | None = Field(None, description="пояснения к плану; не указано — без изменений")
    items: list[PlanItemIn] = Field(description="все мероприятия плана: заменяют прежние")


class PlanReturnIn(Schema):
    comment: str = Field(description="что исправить в плане: классный руководитель видит это замечание")


class PlanOut(Schema):
    id: int
    school_class: int = Field(alias="school_class_id")
    version: int = Field(description="редакция: 1, корректировка на второе полугодие — 2 и далее")
    half_year: int = Field(description="1 — с первого полугодия, 2 — корректировка на второе полугодие")
    status: PlanStatus  # type: ignore[valid-type]
    goals: str
    directions: str
    analysis: str = Field(description="анализ воспитательной работы за год (п. 7.3), не входит в утверждение")
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None = Field(description="когда утверждён или возвращён")
    decided_by: str = Field(description="кто утвердил или вернул")
    return_comment: str
    versions: list[int] = Field(description="все редакции плана класса")
    items: list[PlanItemOut]


def _out(plan: EducationPlan, versions: list[int]) -> dict:
    user = plan.decided_by
    return {
        "id": plan.pk,
        "school_class_id": plan.school_class_id,
        "version": plan.version,
        "half_year": plan.half_year,
        "status": plan.status,
        "goals": plan.goals,
        "directions": plan.directions,
        "analysis": plan.analysis,
        "submitted_at": plan.submitted_at,
        "decided_at": plan.decided_at,
        "decided_by": (user.get_full_name() or user.username) if user else "",
        "return_comment": plan.return_comment,
        "versions": versions,
        "items": sorted_items(list(plan.items.all())),
    }


def _answer(school_class: SchoolClass, version: int | None = None) -> dict:
    plans = list(services.revisions(school_class).select_related("decided_by"))
    chosen = next((p for p in plans if p.version == version), None) if version is not None else None
    plan = chosen or (plans[-1] if plans and version is None else None)
    if plan is None:
        raise Http404(NO_PLAN)
    return _out(plan, [p.version for p in plans])


def _latest(school_class: SchoolClass) -> EducationPlan:
    plan = services.current_plan(school_class)
    if plan is None:
        raise Http404(NO_PLAN)
    return plan


@router.get("/classes/{class_id}/plan", response=PlanOut, summary="План воспитательной работы класса")
def get_plan(request: MemberRequest, class_id: int, version: int | None = None) -> dict:
    """Return the class's plan (the latest revision, or ``version``) with its items by month and its state."""
    school_class = get_class_for(request.membership, class_id)
    return _answer(school_class, version)


@router.put("/classes/{class_id}/plan/items", response=PlanOut, summary="Записать мероприятия плана")
def put_items(request: MemberRequest, class_id: int, payload: PlanItemsIn) -> dict:
    """Replace the items (and, if given, the goals) of a draft or a returned plan; all or nothing."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    plan = services.current_plan(school_class) or services.first_revision(school_class)
    errors: dict[str, list[str]] = {}
    items = []
    for index, item in enumerate(payload.items):
        form = PlanItemForm(item.model_dump(), plan=plan, checks_half_year=False)
        if form.is_valid():
            items.append(form.cleaned_data)
        for name, messages in form.errors.items():
            errors[f"items.{index}.{name}"] = [str(message) for message in messages]
    if errors:
        raise InvalidInput(errors)
    header = {
        name: value
        for name, value in (("goals", payload.goals), ("directions", payload.directions))
        if value is not None
    }
    try:
        services.write_plan(actor=request.user, school_class=school_class, header=header, items=items)
    except ValidationError as error:
        raise _refusal(error) from error
    return _answer(school_class)


def _step(
    request: MemberRequest, class_id: int, capability: Capability, step: Callable[[EducationPlan], object]
) -> dict:
    """Take one step of the latest revision for a member with ``capability``; a refused step answers 422."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, capability)
    try:
        step(_latest(school_class))
    except ValidationError as error:
        raise _refusal(error) from error
    return _answer(school_class)


@router.post("/classes/{class_id}/plan/submit", response=PlanOut, summary="Отправить план на утверждение")
def submit(request: MemberRequest, class_id: int) -> dict:
    """Send the plan to the deputy director (§7.1); without goals or items, or not a draft, answers 422."""
    return _step(
        request, class_id, Capability.CLASS_WORK, lambda plan: services.submit_plan(actor=request.user, plan=plan)
    )


@router.post("/classes/{class_id}/plan/approve", response=PlanOut, summary="Утвердить план")
def approve(request: MemberRequest, class_id: int) -> dict:
    """Approve the plan sent for approval (the deputy director, the director); otherwise 422."""
    return _step(
        request,
        class_id,
        Capability.APPROVE_EDUCATION_PLANS,
        lambda plan: services.approve_plan(actor=request.user, plan=plan),
    )


@router.post("/classes/{class_id}/plan/return", response=PlanOut, summary="Вернуть план на доработку")
def return_plan(request: MemberRequest, class_id: int, payload: PlanReturnIn) -> dict:
    """Return the plan sent for approval with a comment (required) the class teacher reads."""
    return _step(
        request,
        class_id,
        Capability.APPROVE_EDUCATION_PLANS,
        lambda plan: services.return_plan(actor=request.user, plan=plan, comment=payload.comment),
    )


@router.post("/classes/{class_id}/plan/correction", response={201: PlanOut}, summary="Начать корректировку плана")
def start_correction(request: MemberRequest, class_id: int) -> Status:
    """Start the correction of the approved plan for the new half-year (§6.4): a new draft revision."""
    answer = _step(
        request, class_id, Capability.CLASS_WORK, lambda plan: services.start_correction(actor=request.user, plan=plan)
    )
    return Status(201, answer)
