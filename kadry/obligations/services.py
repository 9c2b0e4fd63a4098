"""Recording a training, an examination or a document, and the kinds a school adds.

Atomic, ``actor=`` keyword, the employee's change history written (``core.audit.record_change``).
Further education may equally be entered in the card's «Повышение квалификации» section: ``queries``
reads both, so either way the register sees it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.obligations import queries, rules
from kadry.obligations.models import SECTION, Applies, ObligationRecord, SchoolKind
from kadry.staff.models import Employee

KINDS_SECTION = "Виды обязательного обучения и документов школы"


def kind_choices(organisation_id: int) -> list[tuple[str, str]]:
    """Return (key, name) of every kind a record may be of in the organisation."""
    return [(kind.key, kind.name) for kind in queries.kinds_of(organisation_id)]


def _snapshot(record: ObligationRecord, name: str) -> dict[str, str]:
    values = {"Вид": name, "Дата прохождения": f"{record.completed_on:%d.%m.%Y}"}
    if record.valid_until:
        values["Действителен до"] = f"{record.valid_until:%d.%m.%Y}"
    if record.document:
        values["Документ"] = record.document
    if record.note:
        values["Примечание"] = record.note
    return values


@transaction.atomic
def record_obligation(
    *,
    actor: Any,
    organisation_id: int,
    employee: Employee,
    kind: str,
    completed_on: dt.date,
    valid_until: dt.date | None = None,
    document: str = "",
    note: str = "",
    today: dt.date,
) -> ObligationRecord:
    """Record that ``employee`` completed ``kind`` on ``completed_on`` (not in the future)."""
    errors: dict[str, str] = {}
    names = dict(kind_choices(organisation_id))
    if employee.organisation_id != organisation_id:
        errors["employee"] = "Сотрудник другой организации."
    if kind not in names:
        errors["kind"] = "Выберите вид обучения или документа."
    if completed_on > today:
        errors["completed_on"] = "Дата прохождения ещё не наступила."
    if valid_until is not None and valid_until < completed_on:
        errors["valid_until"] = "Срок действия истекает раньше даты прохождения."
    if errors:
        raise ValidationError(errors)
    school_kind_id = int(kind.removeprefix("school-")) if kind.startswith("school-") else None
    record = ObligationRecord.objects.create(
        organisation_id=organisation_id,
        employee=employee,
        kind="" if school_kind_id else kind,
        school_kind_id=school_kind_id,
        completed_on=completed_on,
        valid_until=valid_until,
        document=document.strip(),
        note=note.strip(),
        created_by=actor,
    )
    record_change(
        actor=actor, organisation_id=organisation_id, subject=employee, section=SECTION,
        action=ChangeRecord.Action.CREATE, obj=record, before={}, after=_snapshot(record, names[kind]),
    )  # fmt: skip
    return record


@transaction.atomic
def add_school_kind(
    *,
    actor: Any,
    organisation_id: int,
    builtin: str = "",
    name: str = "",
    period_months: int | None,
    applies_to: str = "",
    basis: str,
) -> SchoolKind:
    """Add a school's own kind, or its own period for a kind of the law (never longer than the law's)."""
    errors: dict[str, str] = {}
    if builtin:
        law = rules.BUILTIN_BY_KEY.get(builtin)
        if law is None:
            errors["builtin"] = "Такого вида нет."
        elif message := rules.override_error(law, period_months):
            errors["period_months"] = message
        elif SchoolKind.objects.filter(organisation_id=organisation_id, builtin=builtin).exists():
            errors["builtin"] = "Для этого вида школа уже установила свой срок."
        name = ""
    elif not name.strip():
        errors["name"] = "Укажите наименование."
    if period_months is not None and period_months < 1:
        errors["period_months"] = "Не меньше одного месяца."
    if applies_to not in Applies.values:
        errors["applies_to"] = "Выберите, кому он обязателен."
    if not basis.strip():
        errors["basis"] = "Укажите основание: локальный акт школы."
    if errors:
        raise ValidationError(errors)
    kind = SchoolKind.objects.create(
        organisation_id=organisation_id, builtin=builtin, name=name.strip(), period_months=period_months,
        applies_to=applies_to, basis=basis.strip(), created_by=actor,
    )  # fmt: skip
    # In the history, and so on the change chain: the register and the terms kept in memory follow it.
    record_change(
        actor=actor, organisation_id=organisation_id, subject=kind, section=KINDS_SECTION,
        action=ChangeRecord.Action.CREATE, obj=kind, after=snapshot(kind),
    )  # fmt: skip
    return kind
