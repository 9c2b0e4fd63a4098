"""The office's own entitlements (LeaveRule): adding, changing and removing them, audited.

A rule gives a position or a person basic leave (instead of the position's by law) or additional
leave (ТК РФ ст. 116, 117, 119); ``services.entitlement_of`` reads them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.leave import rules
from kadry.leave.models import LeaveRule
from kadry.staff.models import Employee, Position

SECTION = "Права на отпуск"


def _snapshot(rule: LeaveRule | None) -> dict[str, str]:
    if rule is None:
        return {}
    subject = _subject(rule)
    whom = subject.full_name if isinstance(subject, Employee) else f"должность «{subject.name}»"
    return {"Кому": whom, "Вид": str(rule.get_kind_display()), "Дней": str(rule.days), "Основание": rule.basis}


def _subject(rule: LeaveRule) -> Employee | Position:
    # The model's check constraint makes exactly one of the two set.
    subject = rule.employee if rule.employee_id else rule.position
    assert subject is not None  # nosec B101 — narrows the type; the constraint guarantees it
    return subject


@transaction.atomic
def save_leave_rule(
    *,
    actor: Any,
    organisation_id: int,
    rule: LeaveRule | None,
    position: Position | None,
    employee: Employee | None,
    kind: str,
    days: int,
    basis: str,
) -> LeaveRule:
    """Add a rule (``rule`` None) or change one; refuse what the law does not allow, on its field."""
    errors: dict[str, str] = {}
    if (position is None) == (employee is None):
        errors["position"] = "Укажите либо должность, либо сотрудника."
    for target in (position, employee):
        if target is not None and target.organisation_id != organisation_id:
            errors["position" if target is position else "employee"] = "Другая организация."
    if kind not in LeaveRule.Kind.values:
        errors["kind"] = "Выберите вид отпуска."
    if not basis.strip():
        errors["basis"] = "Укажите основание: статью ТК РФ, пункт коллективного договора или локального акта."
    errors = {
        **rules.leave_rule_errors(kind=kind, days=days, position_name=position.name if position else None),
        **errors,
    }
    if not errors:
        same = LeaveRule.objects.filter(
            organisation_id=organisation_id, kind=kind, position=position, employee=employee
        )
        if rule is not None:
            same = same.exclude(pk=rule.pk)
        if same.exists():
            errors["kind"] = "Такое право уже установлено: измените его, а не добавляйте второе."
    if errors:
        raise ValidationError(errors)
    before = _snapshot(rule)
    if rule is None:
        rule = LeaveRule(organisation_id=organisation_id)
    rule.position, rule.employee, rule.kind, rule.days, rule.basis = position, employee, kind, days, basis.strip()
    if rule.pk is None:
        rule.save()
    else:
        rule.save(update_fields=["position", "employee", "kind", "days", "basis"])
    record_change(
        actor=actor,
        organisation_id=organisation_id,
        subject=_subject(rule),
        section=SECTION,
        action=ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE,
        obj=rule,
        before=before,
        after=_snapshot(rule),
    )
    return rule


@transaction.atomic
def delete_leave_rule(*, actor: Any, rule: LeaveRule) -> None:
    record_change(
        actor=actor,
        organisation_id=rule.organisation_id,
        subject=_subject(rule),
        section=SECTION,
        action=ChangeRecord.Action.DELETE,
        obj=rule,
        before=_snapshot(rule),
    )
    rule.delete()
