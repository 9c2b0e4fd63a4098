"""Attestation: recording a category decision, the commission, the schedule and each attestation's steps.

Every change is atomic, takes ``actor=`` and writes the employee's change history. The result goes on
the card through ``kadry.staff.services.update_employee`` (its own history row): the card's category
and date are what the rest of Kadry (reports, documents) reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.attestation import rules
from kadry.attestation.models import (
    SECTION,
    Attestation,
    Category,
    CategoryDecision,
    Commission,
    CommissionMember,
    Schedule,
)
from kadry.attestation.queries import standing_of
from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.staff import services as staff_services
from kadry.staff.models import Employee

CARD = Employee.QualificationCategory


def _record(actor: Any, row: CategoryDecision | Attestation, action: str, before: dict[str, str] | None) -> None:
    record_change(
        actor=actor, organisation_id=row.organisation_id, subject=row.employee, section=SECTION, action=action,
        obj=row, before=before or {}, after=snapshot(row, frozenset({"organisation", "schedule", "employee"})),
    )  # fmt: skip


@transaction.atomic
def record_category(
    *,
    actor: Any,
    employee: Employee,
    category: str,
    decided_on: dt.date,
    issued_by: str,
    decision_number: str,
    position: str = "",
    today: dt.date,
) -> CategoryDecision:
    """Record the decision that set ``employee``'s category and put the category on the card.

    «Педагог-методист» and «педагог-наставник» need the highest category held on the decision's day
    (Порядок № 196 п. 45), whatever the position it was set for.
    """
    if decided_on > today:
        raise ValidationError({"decided_on": "Дата решения не может быть в будущем."})
    decisions = list(CategoryDecision.objects.filter(organisation_id=employee.organisation_id, employee=employee))
    if category in rules.NEEDS_HIGHEST:
        held = [row for row in decisions if row.category == Category.HIGHEST and row.decided_on <= decided_on
                and (row.valid_until is None or row.valid_until >= decided_on)]  # fmt: skip
        on_card = standing_of(employee, [], [])
        if not held and not (on_card.category == Category.HIGHEST and on_card.has_category_on(decided_on)):
            raise ValidationError(
                {"category": f"Категория «{Category(category).label}» устанавливается работникам с высшей "
                             "квалификационной категорией (Порядок № 196 п. 45): высшая на дату решения не записана."}
            )  # fmt: skip
    decision = CategoryDecision.objects.create(
        organisation_id=employee.organisation_id, employee=employee, category=category, position=position,
        decided_on=decided_on, issued_by=issued_by, decision_number=decision_number,
        valid_until=rules.category_valid_until(decided_on), created_by=actor,
    )  # fmt: skip
    _record(actor, decision, ChangeRecord.Action.CREATE, None)
    if all(row.decided_on <= decided_on for row in decisions):
        staff_services.update_employee(
            actor=actor, employee=employee,
            data={"qualification_category": category, "qualification_category_date": decided_on},
        )  # fmt: skip
    return decision


@transaction.atomic
def create_commission(
    *, actor: Any, organisation_id: int, name: str, order_number: str, order_date: dt.date
) -> Commission:
    """Record the commission formed by the director's order (number and date as typed)."""
    return Commission.objects.create(
        organisation_id=organisation_id, name=name, order_number=order_number, order_date=order_date
    )


@transaction.atomic
def add_member(
    *, actor: Any, commission: Commission, full_name: str, position: str, role: str, union_representative: bool
) -> CommissionMember:
    """Add a member; a commission has one chair, one deputy and one secretary."""
    if role != CommissionMember.Role.MEMBER and commission.members.filter(role=role).exists():
        raise ValidationError({"role": f"В комиссии уже есть {CommissionMember.Role(role).label}."})
    return CommissionMember.objects.create(
        organisation_id=commission.organisation_id, commission=commission, full_name=full_name,
        position=position, role=role, union_representative=union_representative,
    )  # fmt: skip


@transaction.atomic
def create_schedule(
    *,
    actor: Any,
    organisation_id: int,
    commission: Commission,
    school_year: int,
    order_number: str,
    order_date: dt.date,
    entries: Sequence[tuple[Employee, str, dt.date]],
) -> Schedule:
    """Create the schedule of ``school_year`` with an attestation of each (employee, position, planned day).

    The planned days lie in the school year (1 September – 31 August) and not before the act; all or nothing.
    """
    if commission.organisation_id != organisation_id:
        raise ValidationError({"commission": "Комиссия другой организации."})
    if not entries:
        raise ValidationError({"employees": "Отметьте хотя бы одного работника."})
    first, last = dt.date(school_year, 9, 1), dt.date(school_year + 1, 8, 31)
    errors = []
    for employee, _position, planned_on in entries:
        if employee.organisation_id != organisation_id:
            raise ValidationError({"employees": "Работник другой организации."})
        if not first <= planned_on <= last:
            errors.append(
                f"{employee.short_name}: {planned_on:%d.%m.%Y} вне {school_year}/{school_year + 1} учебного года."
            )
        elif planned_on < order_date:
            errors.append(f"{employee.short_name}: аттестация {planned_on:%d.%m.%Y} раньше распорядительного акта.")
    if errors:
        raise ValidationError({"employees": errors})
    schedule = Schedule.objects.create(
        organisation_id=organisation_id, school_year=school_year, commission=commission,
        order_number=order_number, order_date=order_date, created_by=actor,
    )  # fmt: skip
    for employee, position, planned_on in entries:
        attestation = Attestation.objects.create(
            organisation_id=organisation_id, schedule=schedule, employee=employee, position=position,
            planned_on=planned_on,
        )  # fmt: skip
        _record(actor, attestation, ChangeRecord.Action.CREATE, None)
    return schedule


STEP_FIELDS = {
    "acquaintance": ("acquainted_on",),
    "representation": ("representation", "representation_acquainted_on"),
    "protocol": ("protocol_number", "protocol_date", "result", "recommendations"),
    "extract": ("extract_issued_on", "extract_acquainted_on"),
    "decision": ("employer_decision",),
}
DATES = frozenset({"acquainted_on", "representation_acquainted_on", "protocol_date", "extract_issued_on",
                   "extract_acquainted_on"})  # fmt: skip


def _check(attestation: Attestation, step: str, data: dict[str, Any], today: dt.date) -> None:
    errors: dict[str, str] = {}
    for name in STEP_FIELDS[step]:
        value = data.get(name)
        if isinstance(value, dt.date) and value > today:
            errors[name] = "Дата не может быть в будущем."
    if step == "acquaintance" and data["acquainted_on"] > attestation.planned_on:
        errors["acquainted_on"] = "Ознакомить с графиком нужно до дня аттестации."
    if (
        step == "representation"
        and data.get("representation_acquainted_on")
        and (data["representation_acquainted_on"] > attestation.planned_on)
    ):
        errors["representation_acquainted_on"] = "Ознакомить с представлением нужно до дня аттестации."
    if step == "protocol":
        if not attestation.representation:
            errors["protocol_date"] = "Сначала запишите представление работодателя."
        elif data["protocol_date"] < (attestation.acquainted_on or attestation.planned_on):
            errors["protocol_date"] = "Заседание не может быть раньше ознакомления с графиком."
    if step == "extract":
        if not attestation.protocol_date:
            errors["extract_issued_on"] = "Сначала запишите протокол."
        elif data["extract_issued_on"] < attestation.protocol_date:
            errors["extract_issued_on"] = "Выписка не может быть составлена раньше заседания."
        elif data.get("extract_acquainted_on") and data["extract_acquainted_on"] < data["extract_issued_on"]:
            errors["extract_acquainted_on"] = "Ознакомление не может быть раньше составления выписки."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_step(
    *, actor: Any, attestation: Attestation, step: str, data: dict[str, Any], today: dt.date
) -> Attestation:
    """Write one step of the attestation; the protocol's «соответствует» goes on the card with its date."""
    current = Attestation.objects.select_for_update().select_related("employee").get(pk=attestation.pk)
    _check(current, step, data, today)
    before = snapshot(current, frozenset({"organisation", "schedule", "employee"}))
    names = [name for name in STEP_FIELDS[step] if name in data]
    for name in names:
        value = data[name]
        if value is None and name not in DATES:
            value = ""  # a text left empty
        setattr(current, name, value)
    current.save(update_fields=names)
    _record(actor, current, ChangeRecord.Action.UPDATE, before)
    if step == "protocol" and current.result == Attestation.Result.CONFORMS:
        employee = current.employee
        if employee.qualification_category in ("", CARD.CONFORMITY) or not standing_of(
            employee, [], []
        ).has_category_on(
            current.protocol_date  # type: ignore[arg-type]
        ):
            if not current.card_written:  # a protocol recorded again keeps what the card held before the first
                current.card_written = True
                current.card_category_before = employee.qualification_category
                current.card_category_date_before = employee.qualification_category_date
                current.save(update_fields=["card_written", "card_category_before", "card_category_date_before"])
            staff_services.update_employee(
                actor=actor, employee=employee,
                data={"qualification_category": CARD.CONFORMITY, "qualification_category_date": current.protocol_date},
            )  # fmt: skip
    return current


# The steps in the order they are taken: only the last one recorded may be undone.
STEP_ORDER = ("acquaintance", "representation", "protocol", "extract", "decision")
STEP_TITLES = {
    "acquaintance": "ознакомление с графиком",
    "representation": "представление работодателя",
    "protocol": "протокол заседания",
    "extract": "выписка из протокола",
    "decision": "решение работодателя",
}


def last_step(attestation: Attestation) -> str | None:
    """Return the latest step recorded on ``attestation`` (the one HR may undo), or None."""
    for step in reversed(STEP_ORDER):
        if any(getattr(attestation, name) for name in STEP_FIELDS[step]):
            return step
    return None


def _put_card_back(actor: Any, attestation: Attestation) -> None:
    """Undo what the protocol wrote on the card, or refuse when the card no longer shows it."""
    employee = Employee.objects.select_for_update().get(pk=attestation.employee_id)
    shows_protocol = (employee.qualification_category, employee.qualification_category_date) == (
        CARD.CONFORMITY, attestation.protocol_date,
    )  # fmt: skip
    if attestation.card_written and shows_protocol:
        staff_services.update_employee(
            actor=actor, employee=employee,
            data={"qualification_category": attestation.card_category_before,
                  "qualification_category_date": attestation.card_category_date_before},
        )  # fmt: skip
    elif attestation.card_written:
        now = (
            f"«{employee.get_qualification_category_display()}» с {employee.qualification_category_date:%d.%m.%Y}"
            if employee.qualification_category and employee.qualification_category_date
            else "другое значение"
        )
        raise ValidationError(
            f"Протокол не отменён: после него категория в карточке изменилась (сейчас {now}). Исправьте "
            "карточку вручную или сначала отмените то, что её изменило."
        )
    elif shows_protocol:
        # Written before Kadry kept the card's former value: nothing safe to put back.
        raise ValidationError(
            "Протокол не отменён: его результат записан в карточку, а прежнее значение не сохранено. "
            "Исправьте категорию в карточке вручную, затем отмените протокол."
        )


@transaction.atomic
def undo_step(*, actor: Any, attestation: Attestation, step: str) -> Attestation:
    """Clear the last step recorded by mistake; the protocol's result leaves the card with it.

    Only the latest step: the earlier ones are what the later rest on (the protocol on the
    representation, the extract on the protocol). The history keeps the values cleared.
    """
    current = Attestation.objects.select_for_update().select_related("employee").get(pk=attestation.pk)
    latest = last_step(current)
    if latest is None:
        raise ValidationError("Отменять нечего: ни один шаг аттестации не записан.")
    if step != latest:
        raise ValidationError(
            f"Отменить можно только последний записанный шаг — «{STEP_TITLES[latest]}»"
            + (f", а не «{STEP_TITLES[step]}»." if step in STEP_TITLES else ".")
        )
    if step == "protocol" and (current.card_written or current.result == Attestation.Result.CONFORMS):
        _put_card_back(actor, current)
    before = snapshot(current, frozenset({"organisation", "schedule", "employee"}))
    names = list(STEP_FIELDS[step])
    for name in names:
        setattr(current, name, None if name in DATES else "")
    if step == "protocol":
        current.card_written, current.card_category_before, current.card_category_date_before = False, "", None
        names += ["card_written", "card_category_before", "card_category_date_before"]
    current.save(update_fields=names)
    _record(actor, current, ChangeRecord.Action.UPDATE, before)
    return current
