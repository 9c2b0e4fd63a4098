"""Absences: recording, correcting and deleting them, what they imply (the import of sick leaves is
``services_import``).

Every change is atomic, names its ``actor`` and writes the employee's change history. The checks are
the pure ones of ``rules.absence_errors``, fed with the employee's other absences and assignments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.absences import rules
from kadry.absences.models import Absence
from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.employment.models import Assignment
from kadry.employment.seniority import Source, length_of_service_on, sources_for_employee
from kadry.leave.models import CHARGED_KINDS, LedgerEntry
from kadry.lib.duration import Period
from kadry.staff.models import Employee

SECTION = "Неявки"
NOT_TRACKED = frozenset({"created_by", "employee", "order_item"})
FIELDS = ("kind", "start", "end", "sick_leave_number", "sick_reason", "continues", "care_child_age",
          "care_outpatient", "destination", "purpose", "minutes_late", "note")  # fmt: skip
# What belongs to one kind only: cleared for the others, so a trip keeps no certificate number.
KIND_FIELDS = {
    rules.SICK: {"sick_leave_number", "sick_reason", "continues", "care_child_age", "care_outpatient"},
    rules.BUSINESS_TRIP: {"destination", "purpose"},
    rules.LATENESS: {"minutes_late"},
}
BLANK: dict[str, Any] = {"sick_leave_number": "", "sick_reason": "", "continues": None, "care_child_age": None,
                         "care_outpatient": True, "destination": "", "purpose": "", "minutes_late": None}  # fmt: skip


def _other(absence: Absence) -> rules.Other:
    return rules.Other(absence.pk, absence.kind, absence.start, absence.end, absence.sick_leave_number)


def employment_of(employee: Employee) -> list[Period]:
    """Return the periods of the employee's assignments in its organisation (one query)."""
    rows = Assignment.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    return [Period(start, end) for start, end in rows.values_list("start", "end")]


def cleaned_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name, BLANK.get(name, "")) for name in FIELDS}
    own = KIND_FIELDS.get(values["kind"], set())
    for name, blank in BLANK.items():
        if name not in own:
            values[name] = blank
    if values["sick_reason"] != rules.FAMILY_CARE:
        values["care_child_age"], values["care_outpatient"] = None, True
    values["note"] = values["note"] or ""
    return values


def errors_of(
    employee: Employee,
    values: dict[str, Any],
    *,
    current: Absence | None = None,
    others: Sequence[Absence] | None = None,
    employment: Sequence[Period] | None = None,
) -> dict[str, str]:
    """Return the messages by field for an absence of ``employee`` with ``values`` (``current`` being corrected)."""
    if others is None:
        others = list(Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee))
    if employment is None:
        employment = employment_of(employee)
    continues = values.get("continues")
    if continues is not None and continues.employee_id != employee.pk:
        return {"continues": "Продолжать можно только листок этого же сотрудника."}
    return rules.absence_errors(
        kind=values["kind"],
        start=values["start"],
        end=values["end"],
        number=values.get("sick_leave_number", ""),
        reason=values.get("sick_reason", ""),
        minutes_late=values.get("minutes_late"),
        continues=_other(continues) if continues is not None else None,
        others=[_other(o) for o in others if current is None or o.pk != current.pk],
        employment=employment,
    )


def write_history(actor: Any, absence: Absence, action: str, before: dict[str, str] | None) -> None:
    after = None if action == ChangeRecord.Action.DELETE else snapshot(absence, NOT_TRACKED)
    record_change(
        actor=actor, organisation_id=absence.organisation_id, subject=absence.employee, section=SECTION,
        action=action, obj=absence, before=before, after=after,
    )  # fmt: skip


@transaction.atomic
def record_absence(*, actor: Any, employee: Employee, data: dict[str, Any]) -> Absence:
    """Record an absence of ``employee``; raise ValidationError by field when a check fails."""
    values = cleaned_values(data)
    # The employee's row is locked so that two clerks cannot enter overlapping absences at once.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = errors_of(employee, values)
    if errors:
        raise ValidationError(errors)
    absence = Absence.objects.create(
        organisation_id=employee.organisation_id, employee=employee, created_by=actor, **values
    )
    write_history(actor, absence, ChangeRecord.Action.CREATE, None)
    return absence


@transaction.atomic
def correct_absence(*, actor: Any, absence: Absence, data: dict[str, Any]) -> Absence:
    """Correct an absence: the same checks as a new one, the others of the employee compared."""
    if absence.order_item_id is not None:
        # The trip is what a signed order says: the register changing it would leave the order saying otherwise.
        raise ValidationError({"order_item": "Командировка внесена приказом: изменить её можно только приказом."})
    values = cleaned_values({"kind": absence.kind, **data})
    Employee.objects.select_for_update().filter(pk=absence.employee_id).first()
    errors = errors_of(absence.employee, values, current=absence)
    if values["continues"] is not None and values["continues"].pk == absence.pk:
        errors["continues"] = "Листок не может продолжать сам себя."
    if errors:
        raise ValidationError(errors)
    before = snapshot(absence, NOT_TRACKED)
    for name, value in values.items():
        setattr(absence, name, value)
    absence.save(update_fields=list(values))
    write_history(actor, absence, ChangeRecord.Action.UPDATE, before)
    return absence


@transaction.atomic
def delete_absence(*, actor: Any, absence: Absence) -> None:
    """Delete an absence entered by mistake; a sheet that has a continuation is kept until it is deleted first."""
    if absence.continuations.exists():
        raise ValidationError({"continues": "У листка есть продолжение: сначала удалите его."})
    if absence.order_item_id is not None:
        raise ValidationError({"order_item": "Командировка внесена приказом: её отменяет приказ."})
    before = snapshot(absence, NOT_TRACKED)
    write_history(actor, absence, ChangeRecord.Action.DELETE, before)
    absence.delete()


def trip_errors(employee: Employee, *, start: Any, end: Any, exclude_order_item: Any = None) -> dict[str, str]:
    """Return the messages by field of a business trip of ``employee`` an order is to send it on.

    The same checks as an absence entered in the register: the end not before the start, the employee
    working on both days, no overlap with another absence (``exclude_order_item``'s own trip left out).
    """
    others = Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    if exclude_order_item is not None:
        others = others.exclude(order_item=exclude_order_item)
    return errors_of(employee, {"kind": rules.BUSINESS_TRIP, "start": start, "end": end}, others=list(others))


@transaction.atomic
def record_trip_of_order(
    *,
    actor: Any,
    order_item: Any,
    employee: Employee,
    start: Any,
    end: Any,
    destination: str,
    purpose: str,
    note: str = "",
) -> Absence:
    """Record the business trip a signed order sends ``employee`` on, tied to its ``order_item``."""
    values = cleaned_values({"kind": rules.BUSINESS_TRIP, "start": start, "end": end, "destination": destination,
                       "purpose": purpose, "note": note})  # fmt: skip
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = trip_errors(employee, start=start, end=end, exclude_order_item=order_item)
    if errors:
        raise ValidationError(errors)
    absence = Absence.objects.create(
        organisation_id=employee.organisation_id, employee=employee, created_by=actor, order_item=order_item, **values
    )
    write_history(actor, absence, ChangeRecord.Action.CREATE, None)
    return absence


@transaction.atomic
def undo_trip_of_order(*, actor: Any, order_item: Any) -> int:
    """Remove the business trips recorded by ``order_item``: its order is cancelled (the register cannot delete them)."""
    trips = list(Absence.objects.select_related("employee").filter(order_item=order_item))
    for absence in trips:
        write_history(actor, absence, ChangeRecord.Action.DELETE, snapshot(absence, NOT_TRACKED))
        absence.delete()
    return len(trips)


@dataclass(frozen=True)
class LeaveNotice:
    """An illness inside an annual leave (ТК РФ ст. 124 ч. 1): the leave is extended or moved by ``days``."""

    leave: LedgerEntry
    days: int

    def __str__(self) -> str:
        return (
            f"Болезнь пришлась на ежегодный отпуск {self.leave.start:%d.%m.%Y}–{self.leave.end:%d.%m.%Y}: "
            f"он продлевается или переносится на {self.days} дн. (ТК РФ ст. 124 ч. 1) — оформите приказ."
        )


def _annual_leaves(organisation_id: int, employee_id: int) -> Any:
    return LedgerEntry.objects.filter(
        organisation_id=organisation_id,
        employee_id=employee_id,
        kind=LedgerEntry.Kind.USED,
        leave_kind__in=CHARGED_KINDS,
        reversed_by__isnull=True,
    ).order_by("start")


def _notices(absence: Absence, leaves: Sequence[LedgerEntry]) -> list[LeaveNotice]:
    if absence.kind != Absence.Kind.SICK:
        return []
    periods = {leave.pk: Period(leave.start, leave.end) for leave in leaves}
    inside = set(rules.overlapping_leaves(absence.start, absence.end, periods.values()))
    return [
        LeaveNotice(leave, rules.days_inside(absence.start, absence.end, periods[leave.pk]))
        for leave in leaves
        if periods[leave.pk] in inside
    ]


def leave_notices(absence: Absence) -> list[LeaveNotice]:
    """Return the annual leaves of the ledger a sick leave falls into; the ledger itself is not changed."""
    if absence.kind != Absence.Kind.SICK:
        return []
    leaves = _annual_leaves(absence.organisation_id, absence.employee_id).filter(
        start__lte=absence.end, end__gte=absence.start
    )
    return _notices(absence, list(leaves))


def leave_notices_of(employee: Employee, absences: Sequence[Absence]) -> dict[int, list[LeaveNotice]]:
    """Return the notices of each of ``absences`` of ``employee`` by its id: one query for all."""
    if not any(absence.kind == Absence.Kind.SICK for absence in absences):
        return {}
    leaves = list(_annual_leaves(employee.organisation_id, employee.pk))
    return {absence.pk: _notices(absence, leaves) for absence in absences}


def sick_pay_of(absence: Absence, sources: Sequence[Source] | None = None) -> rules.SickPay | None:
    """Return the sick-pay rate of a sick leave from the insurance length of service on its first day.

    ``sources``: the employee's periods of work, when the caller has read them once for many sheets.
    """
    if absence.kind != Absence.Kind.SICK or not absence.sick_reason:
        return None
    if sources is None:
        sources = sources_for_employee(absence.employee)
    insurance = length_of_service_on(sources, absence.start).insurance.duration
    return rules.sick_pay(
        absence.sick_reason, insurance, child_age=absence.care_child_age, outpatient=absence.care_outpatient
    )
