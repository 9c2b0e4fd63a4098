"""API of prevention cases: the register, one case with its plan, a measure's result recorded.

Thin like the pages: the access helpers (404 for the roles that do not read individual work and for
cases out of reach) → the page's form → the service. Every answer that carries a case writes the
access log; refusals answer 422 keyed by field, in Russian.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from kadry.api.enums import choices_enum
from kadry.api.errors import InvalidInput, validated
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.prevention import queries
from kadry.prevention.access import cases_for, get_case_for, keeper
from kadry.prevention.forms import ResultForm
from kadry.prevention.models import CouncilDecision, Measure, PreventionCase
from kadry.prevention.services import record_result
from kadry.prevention.views import CASE, REGISTER
from kadry.school import access_log
from kadry.school.access import get_class_for

router = Router()
RegisterEnum = choices_enum(PreventionCase, PreventionCase.Register, "PreventionRegister")
StatusEnum = choices_enum(PreventionCase, PreventionCase.Status, "PreventionStatus")
DecisionKindEnum = choices_enum(CouncilDecision, CouncilDecision.Kind, "PreventionDecisionKind")


class CaseOut(Schema):
    id: int
    student: int = Field(alias="student_id")
    student_name: str = Field(description="фамилия, имя, отчество")
    school_class: int | None = Field(None, description="id класса, в котором обучающийся учится сегодня")
    kind: RegisterEnum = Field(description="вид учёта")  # type: ignore[valid-type]
    reason: str
    basis_document: str
    opened_on: dt.date
    responsible: int = Field(alias="responsible_id", description="id сотрудника")
    status: StatusEnum  # type: ignore[valid-type]
    closed_on: dt.date | None
    closing_reason: str
    next_review: dt.date | None = Field(None, description="когда пересмотреть план (для открытого случая)")
    review_overdue: bool = False
    overdue_measures: int = 0


class MeasureOut(Schema):
    id: int
    what: str
    responsible: str
    due_on: dt.date
    result: str
    result_on: dt.date | None
    overdue: bool = False


class ReviewOut(Schema):
    date: dt.date
    conclusion: str
    sitting: str = Field("", description="протокол Совета профилактики, если пересмотр — его решение")


class DecisionOut(Schema):
    sitting_date: dt.date
    sitting_number: str
    kind: DecisionKindEnum  # type: ignore[valid-type]
    text: str


class CaseDetailOut(CaseOut):
    measures: list[MeasureOut]
    reviews: list[ReviewOut]
    decisions: list[DecisionOut]


class ResultIn(Schema):
    result: str
    result_on: dt.date


def _case_out(case: PreventionCase, *, school_class: int | None, next_review: dt.date | None, today: dt.date) -> dict:
    return {
        "kind": case.register,
        **{name: getattr(case, name) for name in ("id", "student_id", "reason", "basis_document",
                                                  "opened_on", "responsible_id", "status", "closed_on", "closing_reason")},
        "student_name": str(case.student),
        "school_class": school_class,
        "next_review": next_review,
        "review_overdue": next_review is not None and next_review < today,
    }  # fmt: skip


@router.get("/prevention/cases", response=list[CaseOut], summary="Профилактический учёт: случаи")
def list_cases(request: MemberRequest, kind: str = "", status: str = "open", class_id: int | None = None) -> list[dict]:
    """Return the cases the caller reads (``kind`` of register, ``status`` — open by default, ``all``; ``class_id``); logged."""
    today = timezone.localdate()
    cases = cases_for(request.membership)
    problems = {}
    if kind and kind not in PreventionCase.Register.values:
        problems["kind"] = ["Нет такого вида учёта: " + ", ".join(PreventionCase.Register.values) + "."]
    if status not in (*PreventionCase.Status.values, "all"):
        problems["status"] = ["Состояние: open, closed или all."]
    if problems:
        raise InvalidInput(problems)
    if kind:
        cases = cases.filter(register=kind)
    if status != "all":
        cases = cases.filter(status=status)
    subject: Model = request.membership.organisation
    if class_id is not None:
        school_class = get_class_for(request.membership, class_id)
        cases = queries.in_class(cases, school_class, today)
        subject = school_class
    found = queries.rows(cases, today)
    access_log.record_list_access(request, subject, REGISTER, len({r.case.student_id for r in found}), channel="api")
    return [
        _case_out(
            r.case, school_class=r.school_class.pk if r.school_class else None, next_review=r.next_review, today=today
        )
        | {"overdue_measures": r.overdue_measures}
        for r in found
    ]


def _detail(case: PreventionCase, today: dt.date) -> dict:
    plan = queries.plan_of(case, today)
    return _case_out(
        case, school_class=plan.school_class.pk if plan.school_class else None, next_review=plan.next_review, today=today
    ) | {
        "overdue_measures": sum(plan.overdue(m) for m in plan.measures),
        "measures": [
            {"id": m.pk, "what": m.what, "responsible": m.responsible, "due_on": m.due_on, "result": m.result,
             "result_on": m.result_on, "overdue": plan.overdue(m)}
            for m in plan.measures
        ],
        "reviews": [
            {"date": r.date, "conclusion": r.conclusion, "sitting": str(r.decision.sitting) if r.decision else ""}
            for r in plan.reviews
        ],
        "decisions": [
            {"sitting_date": d.sitting.date, "sitting_number": d.sitting.number, "kind": d.kind, "text": d.text}
            for d in plan.decisions
        ],
    }  # fmt: skip


@router.get("/prevention/cases/{case_id}", response=CaseDetailOut, summary="Случай профилактического учёта")
def get_case(request: MemberRequest, case_id: int) -> dict:
    """Return one case with its plan: measures (overdue marked), reviews, the Council's decisions; logged."""
    case = get_case_for(request.membership, case_id)
    record_access(membership=request.membership, subject=case.student, what=CASE, request=request, channel="api")
    return _detail(case, timezone.localdate())


@router.post(
    "/prevention/cases/{case_id}/measures/{measure_id}/result",
    response=MeasureOut,
    summary="Записать результат мероприятия плана",
)
def post_result(request: MemberRequest, case_id: int, measure_id: int, payload: ResultIn) -> dict:
    """Record a measure's result; a date in the future or before the opening, or a closed case, answers 422."""
    case = get_case_for(request.membership, case_id)
    keeper(request.membership)
    measure = get_object_or_404(Measure.objects.filter(organisation_id=case.organisation_id, case=case), pk=measure_id)
    cleaned = validated(ResultForm(payload.model_dump(), instance=measure))
    try:
        record_result(actor=request.user, measure=measure, data=cleaned)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise InvalidInput({k: list(v) for k, v in error.message_dict.items()}) from error
        raise InvalidInput({NON_FIELD_ERRORS: list(error.messages)}) from error
    # The answer carries the plan's text: logged as a reading of the case.
    record_access(membership=request.membership, subject=case.student, what=CASE, request=request, channel="api")
    today = timezone.localdate()
    return {
        "id": measure.pk, "what": measure.what, "responsible": measure.responsible, "due_on": measure.due_on,
        "result": measure.result, "result_on": measure.result_on,
        "overdue": case.is_open and measure.result_on is None and measure.due_on < today,
    }  # fmt: skip
