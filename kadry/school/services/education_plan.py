"""The class's plan of educational work: the class teacher writes it, the deputy director approves it.

Every change is atomic, takes ``actor=`` and writes the class's change history (section «План
воспитательной работы»). The state of the plan decides what may be done (``rules/education_plan.py``):
the class teacher edits a draft or a returned plan and sends it (§7.1); the deputy approves it or
returns it with her comment; an approved revision never changes again — a correction for the new
half-year (§6.4) is a new revision copied from it, so the approved text stays readable as approved.
A refusal is a ``ValidationError`` keyed by the field to change (``__all__`` for the whole plan).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import Snapshot, record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import EducationPlan, EducationPlanItem, SchoolClass
from kadry.school.rules import education_plan as rules

SECTION = "План воспитательной работы"
Action = ChangeRecord.Action
# What the class teacher writes in an item; the rest (plan, organisation) the service sets.
ITEM_FIELDS = ("direction", "month", "title", "form", "responsible", "date")
HEADER_FIELDS = ("goals", "directions")


def revisions(school_class: SchoolClass) -> QuerySet[EducationPlan]:
    """Return the class's plan revisions, the first one first."""
    return EducationPlan.objects.filter(
        organisation_id=school_class.organisation_id, school_class=school_class
    ).order_by("version")


def current_plan(school_class: SchoolClass) -> EducationPlan | None:
    """Return the class's latest revision: the plan in force or being corrected; None before the first one."""
    return revisions(school_class).select_related("decided_by", "submitted_by").last()


def first_revision(school_class: SchoolClass) -> EducationPlan:
    """Return the class's first revision as it will be created (unsaved): what an item is checked against before."""
    return EducationPlan(organisation_id=school_class.organisation_id, school_class=school_class)


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError({NON_FIELD_ERRORS if key == "__all__" else key: text for key, text in problems.items()})


def _locked(plan: EducationPlan) -> EducationPlan:
    """Return the plan read again under a lock: two clicks on «Утвердить» decide once."""
    # Only the plan's row: the class and its school year, read with it, are shared by other writers.
    locked = EducationPlan.objects.select_for_update(of=("self",)).select_related("school_class__academic_year")
    return locked.get(pk=plan.pk)


def _plan_snapshot(plan: EducationPlan) -> Snapshot:
    return snapshot(plan, frozenset({"school_class"}))


def _item_snapshot(item: EducationPlanItem) -> Snapshot:
    return {"Редакция плана": str(item.plan.version), **snapshot(item, frozenset({"plan"}))}


def _history(actor: Any, plan: EducationPlan, action: str, obj: Any, **kw: Any) -> None:
    record_change(
        actor=actor,
        organisation_id=plan.organisation_id,
        subject=plan.school_class,
        section=SECTION,
        action=action,
        obj=obj,
        **kw,
    )


def _refuse_edit(plan: EducationPlan) -> None:
    refusal = rules.edit_refusal(plan.status)
    if refusal:
        raise ValidationError({NON_FIELD_ERRORS: refusal})


# --- the class teacher's writing ------------------------------------------------------------------


@transaction.atomic
def start_plan(*, actor: Any, school_class: SchoolClass) -> EducationPlan:
    """Return the class's latest revision, creating the first one (a draft from the first half-year) if none."""
    # The class's row is locked first: two first saves at once start one plan, not a duplicate version.
    list(SchoolClass.objects.select_for_update().filter(pk=school_class.pk).values_list("pk", flat=True))
    plan = current_plan(school_class)
    if plan is not None:
        return plan
    plan = EducationPlan.objects.create(organisation_id=school_class.organisation_id, school_class=school_class)
    _history(actor, plan, Action.CREATE, plan, after=_plan_snapshot(plan))
    return plan


@transaction.atomic
def save_class_header(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> EducationPlan:
    """Save the goals of the class's latest revision, starting the plan if it has none: one transaction."""
    return save_header(actor=actor, plan=start_plan(actor=actor, school_class=school_class), data=data)


@transaction.atomic
def add_class_item(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> EducationPlanItem:
    """Add an activity to the class's latest revision, starting the plan if it has none: a refused
    activity leaves no empty plan behind."""
    return add_item(actor=actor, plan=start_plan(actor=actor, school_class=school_class), data=data)


@transaction.atomic
def save_header(*, actor: Any, plan: EducationPlan, data: dict[str, Any]) -> EducationPlan:
    """Save the goals and the notes of a draft or a returned plan."""
    plan = _locked(plan)
    _refuse_edit(plan)
    before = _plan_snapshot(plan)
    fields = [name for name in HEADER_FIELDS if name in data]
    for name in fields:
        setattr(plan, name, data[name])
    plan.save(update_fields=[*fields, "updated_at"])
    _history(actor, plan, Action.UPDATE, plan, before=before, after=_plan_snapshot(plan))
    return plan


def _check_item(plan: EducationPlan, data: dict[str, Any], *, old_month: int | None = None) -> None:
    year = plan.school_class.academic_year
    _raise(
        rules.item_refusals(
            month=data["month"],
            date=data.get("date"),
            plan_half_year=plan.half_year,
            year_start=year.start,
            year_end=year.end,
            old_month=old_month,
        )
    )


def _item_data(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data.get(name, "" if name not in ("date", "month") else None) for name in ITEM_FIELDS}


@transaction.atomic
def add_item(*, actor: Any, plan: EducationPlan, data: dict[str, Any]) -> EducationPlanItem:
    """Add an activity to a draft or a returned plan."""
    plan = _locked(plan)
    _refuse_edit(plan)
    values = _item_data(data)
    _check_item(plan, values)
    item = EducationPlanItem.objects.create(organisation_id=plan.organisation_id, plan=plan, **values)
    _history(actor, plan, Action.CREATE, item, after=_item_snapshot(item))
    return item


@transaction.atomic
def update_item(*, actor: Any, item: EducationPlanItem, data: dict[str, Any]) -> EducationPlanItem:
    """Change an activity of a draft or a returned plan; the history keeps what it said."""
    plan = _locked(item.plan)
    _refuse_edit(plan)
    # A model form has already put the new values on ``item``: the old ones are read back.
    stored = EducationPlanItem.objects.select_related("plan").get(pk=item.pk)
    values = _item_data(data)
    _check_item(plan, values, old_month=stored.month)
    before = _item_snapshot(stored)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.save(update_fields=list(values))
    _history(actor, plan, Action.UPDATE, stored, before=before, after=_item_snapshot(stored))
    return stored


@transaction.atomic
def delete_item(*, actor: Any, item: EducationPlanItem) -> None:
    """Remove an activity from a draft or a returned plan; the history keeps it."""
    plan = _locked(item.plan)
    _refuse_edit(plan)
    _check_item(plan, {"month": item.month, "date": None})
    before = _item_snapshot(item)
    _history(actor, plan, Action.DELETE, item, before=before)
    item.delete()


@transaction.atomic
def replace_items(*, actor: Any, plan: EducationPlan, items: list[dict[str, Any]]) -> EducationPlan:
    """Replace every activity of a draft or a returned plan at once (the API's PUT); all or nothing.

    In a correction for the second half-year the first half-year's items are kept as approved and
    must come back unchanged (compared by direction, month, title, form, responsible and date).
    """
    plan = _locked(plan)
    _refuse_edit(plan)
    existing = list(plan.items.all())
    # By the index the caller sent, so that an error names the item as it was sent.
    values = dict(enumerate(_item_data(data) for data in items))
    if plan.half_year == rules.SECOND_HALF:
        kept = sorted(_key(v) for v in values.values() if rules.half_year_of(v["month"]) == rules.FIRST_HALF)
        approved = sorted(
            _key(_item_data(vars(i))) for i in existing if rules.half_year_of(i.month) == rules.FIRST_HALF
        )
        if kept != approved:
            _raise({"items": "Мероприятия первого полугодия в корректировке не меняются: передайте их как были."})
        values = {i: v for i, v in values.items() if rules.half_year_of(v["month"]) == rules.SECOND_HALF}
        existing = [i for i in existing if rules.half_year_of(i.month) == rules.SECOND_HALF]
    errors: dict[str, list[str]] = {}
    for index, value in values.items():
        try:
            _check_item(plan, value)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"items.{index}.{field}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    for item in existing:
        _history(actor, plan, Action.DELETE, item, before=_item_snapshot(item))
        item.delete()
    for value in values.values():
        item = EducationPlanItem.objects.create(organisation_id=plan.organisation_id, plan=plan, **value)
        _history(actor, plan, Action.CREATE, item, after=_item_snapshot(item))
    return plan


@transaction.atomic
def write_plan(
    *, actor: Any, school_class: SchoolClass, header: dict[str, Any], items: list[dict[str, Any]]
) -> EducationPlan:
    """Write the goals (when given) and all the items of the class's plan at once, starting it if need be."""
    plan = start_plan(actor=actor, school_class=school_class)
    if header:
        plan = save_header(actor=actor, plan=plan, data=header)
    return replace_items(actor=actor, plan=plan, items=items)


def _key(values: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(values[name] or "") for name in ITEM_FIELDS)


@transaction.atomic
def submit_plan(*, actor: Any, plan: EducationPlan, now: dt.datetime | None = None) -> EducationPlan:
    """Send the plan to the deputy director for approval (§7.1): it must have goals and activities."""
    plan = _locked(plan)
    _raise(rules.submit_refusal(plan.status, goals=plan.goals, items=plan.items.count()))
    before = _plan_snapshot(plan)
    plan.status = EducationPlan.Status.SUBMITTED
    plan.submitted_at, plan.submitted_by = now or timezone.now(), actor
    plan.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _history(actor, plan, Action.UPDATE, plan, before=before, after=_plan_snapshot(plan))
    return plan


# --- the deputy director's decision ---------------------------------------------------------------


@transaction.atomic
def approve_plan(*, actor: Any, plan: EducationPlan, now: dt.datetime | None = None) -> EducationPlan:
    """Approve a plan sent for approval (§7.1): from now on it does not change."""
    plan = _locked(plan)
    refusal = rules.decision_refusal(plan.status)
    if refusal:
        raise ValidationError({NON_FIELD_ERRORS: refusal})
    before = _plan_snapshot(plan)
    plan.status = EducationPlan.Status.APPROVED
    plan.decided_at, plan.decided_by = now or timezone.now(), actor
    plan.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    _history(actor, plan, Action.UPDATE, plan, before=before, after=_plan_snapshot(plan))
    return plan


@transaction.atomic
def return_plan(*, actor: Any, plan: EducationPlan, comment: str, now: dt.datetime | None = None) -> EducationPlan:
    """Return a plan sent for approval to the class teacher with what to change; they see the comment."""
    plan = _locked(plan)
    comment = comment.strip()
    _raise(rules.return_refusal(plan.status, comment))
    before = _plan_snapshot(plan)
    plan.status = EducationPlan.Status.RETURNED
    plan.decided_at, plan.decided_by, plan.return_comment = now or timezone.now(), actor, comment
    plan.save(update_fields=["status", "decided_at", "decided_by", "return_comment", "updated_at"])
    _history(actor, plan, Action.UPDATE, plan, before=before, after=_plan_snapshot(plan))
    return plan


# --- the correction for the new half-year (§6.4) and the yearly analysis (§7.3) ----------------------


@transaction.atomic
def start_correction(*, actor: Any, plan: EducationPlan) -> EducationPlan:
    """Start the correction of the approved plan for the new half-year: a new draft revision copied from it.

    The approved revision is not touched: it stays approved, printable, and in the history.
    """
    plan = _locked(plan)
    latest = not EducationPlan.objects.filter(
        organisation_id=plan.organisation_id, school_class_id=plan.school_class_id, version__gt=plan.version
    ).exists()
    refusal = rules.correction_refusal(plan.status, latest=latest)
    if refusal:
        raise ValidationError({NON_FIELD_ERRORS: refusal})
    correction = EducationPlan.objects.create(
        organisation_id=plan.organisation_id,
        school_class=plan.school_class,
        version=plan.version + 1,
        half_year=rules.correction_half_year(plan.half_year),
        goals=plan.goals,
        directions=plan.directions,
        analysis=plan.analysis,
    )
    copied = EducationPlanItem.objects.bulk_create(
        EducationPlanItem(organisation_id=plan.organisation_id, plan=correction, **_item_data(vars(item)))
        for item in plan.items.all()
    )
    after = {**_plan_snapshot(correction), "Мероприятий из утверждённой редакции": str(len(copied))}
    _history(actor, correction, Action.CREATE, correction, after=after)
    return correction


@transaction.atomic
def save_analysis(*, actor: Any, school_class: SchoolClass, text: str) -> EducationPlan:
    """Save the yearly analysis (§7.3) on the class's latest revision, whatever its state.

    The analysis is written at the year's end about the work done; it is not what the deputy approved
    in the plan, so an approved revision keeps its goals and items and takes the analysis.
    """
    plan = start_plan(actor=actor, school_class=school_class)
    before = _plan_snapshot(plan)
    plan.analysis = text
    plan.save(update_fields=["analysis", "updated_at"])
    _history(actor, plan, Action.UPDATE, plan, before=before, after=_plan_snapshot(plan))
    return plan
