"""State changes of prevention cases: the Council's sittings and decisions, the plan's measures and reviews.

Every function is atomic, takes ``actor=`` and writes the case's change history. A case is opened and
closed only by a decision of the Council of prevention, taken at a sitting: the sitting, its decisions
and the changes they make to the cases are one transaction, all or nothing. The free texts (reasons,
measures, results, conclusions, the decisions' wording) are restricted data: the history names the
fields and the dates, never the texts (152-ФЗ ст. 10). A refusal is a ``ValidationError`` keyed by the
field to change; a decision's refusal also says which decision (``DecisionRefused.index``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.prevention import rules
from kadry.prevention.models import ONE_OPEN_CASE, CouncilDecision, CouncilSitting, Measure, PreventionCase, Review

Action = ChangeRecord.Action
Kind = CouncilDecision.Kind
SECTION = "Профилактический учёт"
PRIVATE_TEXTS = frozenset({"reason", "closing_reason", "what", "result", "conclusion", "text", "attendees", "agenda"})
CASE_FIELDS = ("student", "register", "reason", "basis_document", "responsible")


class DecisionRefused(ValidationError):
    """A decision of a sitting that cannot be taken: ``index`` says which (0-based), the dict which field."""

    def __init__(self, index: int, problems: dict[str, Any]) -> None:
        super().__init__(problems)
        self.index = index


def _history(actor: Any, case: PreventionCase, action: str, obj: Any, **kw: Any) -> None:
    record_change(
        actor=actor, organisation_id=case.organisation_id, subject=case, section=SECTION, action=action, obj=obj, **kw
    )


def _snapshot(row: Any) -> dict[str, str]:
    return snapshot(row, exclude=PRIVATE_TEXTS)


# --- the Council ----------------------------------------------------------------------------------


def _sitting_problems(organisation_id: int, data: dict[str, Any], today: dt.date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if data["date"] > today:
        problems["date"] = "Заседание не может быть позже сегодняшнего дня: запишите его после того, как оно прошло."
    elif CouncilSitting.objects.filter(
        organisation_id=organisation_id, number=data["number"].strip(), date__year=data["date"].year
    ).exists():
        problems["number"] = f"Протокол № {data['number']} за {data['date'].year} год уже записан."
    return problems


@transaction.atomic
def hold_sitting(
    *,
    actor: Any,
    organisation_id: int,
    data: dict[str, Any],
    decisions: list[dict[str, Any]],
    today: dt.date | None = None,
) -> CouncilSitting:
    """Record a sitting with its decisions and apply them to the cases, all in one transaction."""
    today = today or timezone.localdate()
    problems = _sitting_problems(organisation_id, data, today)
    if not decisions:
        problems.setdefault("__all__", "Запишите хотя бы одно решение Совета.")
    if problems:
        raise ValidationError(problems)
    sitting = CouncilSitting.objects.create(
        organisation_id=organisation_id,
        date=data["date"],
        number=data["number"].strip(),
        attendees=data["attendees"],
        agenda=data.get("agenda", ""),
        created_by=actor,
    )
    _decide(actor, sitting, decisions)
    return sitting


@transaction.atomic
def add_decisions(*, actor: Any, sitting: CouncilSitting, decisions: list[dict[str, Any]]) -> list[CouncilDecision]:
    """Add decisions to a recorded sitting (one forgotten at first), applied to their cases in one transaction."""
    return _decide(actor, sitting, decisions)


def _decide(actor: Any, sitting: CouncilSitting, decisions: list[dict[str, Any]]) -> list[CouncilDecision]:
    cases: list[PreventionCase] = [d["case"] for d in decisions if d.get("case") is not None]
    locked = {
        case.pk: case
        for case in PreventionCase.objects.select_for_update().filter(
            organisation_id=sitting.organisation_id, pk__in=[c.pk for c in cases]
        )
    }
    last = dict(
        CouncilDecision.objects.filter(organisation_id=sitting.organisation_id, case__in=list(locked))
        .values_list("case")
        .annotate(last=Max("sitting__date"))
    )
    decided = set(
        CouncilDecision.objects.filter(sitting=sitting, case__in=list(locked)).values_list("case_id", flat=True)
    )
    opened: set[tuple[int, str]] = set()
    made = []
    for index, data in enumerate(decisions):
        case = locked.get(data["case"].pk) if data.get("case") is not None else None
        if data.get("case") is not None and case is None:
            raise DecisionRefused(index, {"case": "Нет такого случая учёта в вашей организации."})
        if case is not None and case.pk in decided:
            raise DecisionRefused(index, {"case": "По этому случаю на заседании уже принято решение."})
        state = None if case is None else rules.CaseState(case.is_open, case.opened_on, last.get(case.pk))
        problems = rules.decision_problems(data["kind"], state, sitting.date)
        if not data.get("text", "").strip():
            problems.setdefault("text", "Запишите формулировку решения.")
        if problems:
            raise DecisionRefused(index, problems)
        if data["kind"] == Kind.OPEN:
            case = _open_case(actor, sitting, data, index, opened)
        if case is None:  # a decision other than opening names its case (the rules said so above)
            raise DecisionRefused(index, {"case": "Выберите случай учёта, по которому принято решение."})
        decided.add(case.pk)
        made.append(_apply(actor, sitting, case, data))
    return made


def _open_case(
    actor: Any, sitting: CouncilSitting, data: dict[str, Any], index: int, opened: set[tuple[int, str]]
) -> PreventionCase:
    problems = {
        name: message
        for name, message in (
            ("student", "Выберите обучающегося."),
            ("register", "Выберите вид учёта."),
            ("reason", "Опишите основание и причину постановки на учёт."),
            ("responsible", "Выберите ответственного."),
        )
        if not data.get(name) or (isinstance(data[name], str) and not data[name].strip())
    }
    if problems:
        raise DecisionRefused(index, problems)
    student = data["student"]
    if (
        student.organisation_id != sitting.organisation_id
        or data["responsible"].organisation_id != sitting.organisation_id
    ):
        raise DecisionRefused(index, {"student": "Нет такого обучающегося в вашей организации."})
    key = (student.pk, data["register"])
    exists = PreventionCase.objects.filter(
        organisation_id=sitting.organisation_id,
        student=student,
        register=data["register"],
        status=PreventionCase.Status.OPEN,
    ).exists()
    if key in opened or exists:
        raise DecisionRefused(index, {"register": str(ONE_OPEN_CASE)})
    try:
        with transaction.atomic():  # a savepoint: a concurrent opening refuses on the field, not with a 500
            case = PreventionCase.objects.create(
                organisation_id=sitting.organisation_id,
                opened_on=sitting.date,
                **{name: data[name] for name in CASE_FIELDS if name in data},
            )
    except IntegrityError as error:
        raise DecisionRefused(index, {"register": str(ONE_OPEN_CASE)}) from error
    opened.add(key)
    _history(actor, case, Action.CREATE, case, after=_snapshot(case))
    return case


def _apply(actor: Any, sitting: CouncilSitting, case: PreventionCase, data: dict[str, Any]) -> CouncilDecision:
    decision = CouncilDecision.objects.create(
        organisation_id=sitting.organisation_id, sitting=sitting, case=case, kind=data["kind"], text=data["text"]
    )
    _history(actor, case, Action.CREATE, decision, after=_snapshot(decision) | {"Заседание": str(sitting)})
    if data["kind"] in (Kind.CONTINUE, Kind.CHANGE_PLAN):
        review = Review.objects.create(
            organisation_id=case.organisation_id,
            case=case,
            date=sitting.date,
            conclusion=data["text"],
            decision=decision,
            recorded_by=actor,
        )
        _history(actor, case, Action.CREATE, review, after=_snapshot(review))
    elif data["kind"] == Kind.CLOSE:
        before = _snapshot(case)
        case.status = PreventionCase.Status.CLOSED
        case.closed_on = sitting.date
        case.closing_reason = data["text"]
        case.save(update_fields=["status", "closed_on", "closing_reason"])
        _history(actor, case, Action.UPDATE, case, before=before, after=_snapshot(case))
    return decision


# --- the plan -------------------------------------------------------------------------------------


def _require_open(case: PreventionCase, field: str) -> None:
    if not case.is_open:
        raise ValidationError({field: "Случай закрыт решением Совета профилактики: план больше не ведётся."})


@transaction.atomic
def add_measure(*, actor: Any, case: PreventionCase, data: dict[str, Any]) -> Measure:
    """Add a measure to the case's individual prevention plan."""
    _require_open(case, "what")
    problems = rules.measure_problems(data["due_on"], opened_on=case.opened_on)
    if problems:
        raise ValidationError(problems)
    measure = Measure.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        what=data["what"],
        responsible=data["responsible"],
        due_on=data["due_on"],
        created_by=actor,
    )
    _history(actor, case, Action.CREATE, measure, after=_snapshot(measure))
    return measure


@transaction.atomic
def record_result(*, actor: Any, measure: Measure, data: dict[str, Any], today: dt.date | None = None) -> Measure:
    """Record (or correct) what a measure achieved and when; the history keeps the earlier date."""
    today = today or timezone.localdate()
    case = measure.case
    _require_open(case, "result")
    problems = rules.result_problems(
        data.get("result", ""), data.get("result_on"), opened_on=case.opened_on, today=today
    )
    if problems:
        raise ValidationError(problems)
    # The row as stored: a model form has already put the new values on ``measure``.
    before = _snapshot(Measure.objects.get(pk=measure.pk))
    measure.result = data["result"]
    measure.result_on = data["result_on"]
    measure.result_by = actor
    measure.save(update_fields=["result", "result_on", "result_by"])
    _history(actor, case, Action.UPDATE, measure, before=before, after=_snapshot(measure))
    return measure


@transaction.atomic
def record_review(*, actor: Any, case: PreventionCase, data: dict[str, Any], today: dt.date | None = None) -> Review:
    """Record a review of the plan outside a sitting (a working meeting of the service); it moves the next one."""
    today = today or timezone.localdate()
    _require_open(case, "date")
    problems = rules.review_problems(data["date"], opened_on=case.opened_on, today=today)
    if problems:
        raise ValidationError(problems)
    review = Review.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        date=data["date"],
        conclusion=data["conclusion"],
        recorded_by=actor,
    )
    _history(actor, case, Action.CREATE, review, after=_snapshot(review))
    return review
