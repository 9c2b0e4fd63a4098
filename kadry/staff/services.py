"""State changes of the staff registry. Each is atomic and writes the history of the record."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from django.db import models, transaction

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.staff.models import Award, Employee, MilitaryRecord, NameChange, Position
from kadry.staff.sections import Section

MAIN_SECTION = "Личные данные"
MILITARY_SECTION = "Воинский учёт"
STRUCTURE_SECTION = "Структура и штатное расписание"
# Kept out of the history: derived, technical, or the owner itself.
_NOT_TRACKED = frozenset({"search_key", "employee"})

Row = TypeVar("Row", bound=models.Model)


class _OfOrganisation(Protocol):
    organisation_id: int


def _organisation_id(row: models.Model) -> int:
    """Return the organisation of a staff row: every staff table has an ``organisation`` key."""
    return cast(_OfOrganisation, row).organisation_id


def _create(*, actor: Any, subject: models.Model, section: str, obj: Row) -> Row:
    obj.save()
    record_change(
        actor=actor,
        organisation_id=_organisation_id(obj),
        subject=subject,
        section=section,
        action=ChangeRecord.Action.CREATE,
        obj=obj,
        after=snapshot(obj, _NOT_TRACKED),
    )
    return obj


def _update(*, actor: Any, subject: models.Model, section: str, obj: Row, data: dict[str, Any]) -> Row:
    """Apply ``data`` to the stored row of ``obj``, save only the changed fields and record old → new.

    The row is read again, locked: a validated ModelForm has already written the new values onto
    its instance, so the instance in hand cannot tell what was stored; the lock also keeps two
    simultaneous edits from recording the same "old" value.
    """
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    before = snapshot(current, _NOT_TRACKED)
    changed = [name for name, value in data.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, data[name])
    current.save(update_fields=changed)
    record_change(
        actor=actor,
        organisation_id=_organisation_id(current),
        subject=subject,
        section=section,
        action=ChangeRecord.Action.UPDATE,
        obj=current,
        before=before,
        after=snapshot(current, _NOT_TRACKED),
    )
    return current


@transaction.atomic
def create_employee(*, actor: Any, organisation_id: int, data: dict[str, Any]) -> Employee:
    """Create an employee's card from validated ``data`` and record its creation."""
    employee = Employee(organisation_id=organisation_id, **data)
    _create(actor=actor, subject=employee, section=MAIN_SECTION, obj=employee)
    return employee


@transaction.atomic
def update_employee(*, actor: Any, employee: Employee, data: dict[str, Any]) -> Employee:
    """Apply validated ``data`` to the card; write one history row with the old and new values."""
    return _update(actor=actor, subject=employee, section=MAIN_SECTION, obj=employee, data=data)


@transaction.atomic
def add_section_row(*, actor: Any, employee: Employee, section: Section, data: dict[str, Any]) -> models.Model:
    row = section.model(organisation_id=employee.organisation_id, employee=employee, **data)
    return _create(actor=actor, subject=employee, section=section.title, obj=row)


@transaction.atomic
def update_section_row(
    *, actor: Any, employee: Employee, section: Section, row: models.Model, data: dict[str, Any]
) -> models.Model:
    return _update(actor=actor, subject=employee, section=section.title, obj=row, data=data)


@transaction.atomic
def delete_section_row(*, actor: Any, employee: Employee, section: Section, row: models.Model) -> None:
    record_change(
        actor=actor,
        organisation_id=employee.organisation_id,
        subject=employee,
        section=section.title,
        action=ChangeRecord.Action.DELETE,
        obj=row,
        before=snapshot(row, _NOT_TRACKED),
    )
    row.delete()


@transaction.atomic
def save_military_record(*, actor: Any, employee: Employee, data: dict[str, Any]) -> MilitaryRecord:
    """Create or update the employee's military-registration data."""
    record = MilitaryRecord.objects.filter(employee=employee).first()
    if record is None:
        record = MilitaryRecord(organisation_id=employee.organisation_id, employee=employee, **data)
        _create(actor=actor, subject=employee, section=MILITARY_SECTION, obj=record)
    else:
        record = _update(actor=actor, subject=employee, section=MILITARY_SECTION, obj=record, data=data)
    return record


@transaction.atomic
def save_structure_object(*, actor: Any, instance: models.Model, data: dict[str, Any]) -> models.Model:
    """Create or update a department, position or staffing unit from validated ``data``."""
    if instance.pk is None:
        for name, value in data.items():
            setattr(instance, name, value)
        return _create(actor=actor, subject=instance, section=STRUCTURE_SECTION, obj=instance)
    return _update(actor=actor, subject=instance, section=STRUCTURE_SECTION, obj=instance, data=data)


def change_surname(
    *, actor: Any, employee: Employee, new_last_name: str, date: Any, basis: str, order_item: Any
) -> NameChange:
    """Change the surname by an order, keeping the previous one in the card (Т-2, «прежние ФИО»)."""
    previous = NameChange.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        previous_last_name=employee.last_name,
        previous_first_name=employee.first_name,
        previous_middle_name=employee.middle_name,
        changed_on=date,
        reason=basis,
        order_item=order_item,
    )
    update_employee(actor=actor, employee=employee, data={"last_name": new_last_name})
    return previous


def undo_surname_change(*, actor: Any, employee: Employee, order_item: Any) -> None:
    previous = NameChange.objects.get(order_item=order_item)
    update_employee(actor=actor, employee=employee, data={"last_name": previous.previous_last_name})
    previous.delete()


def add_award_from_order(*, employee: Employee, name: str, date: Any, document: str, order_item: Any) -> Award:
    return Award.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        name=name,
        awarded_on=date,
        document=document,
        order_item=order_item,
    )


def remove_awards_of(order_item: Any) -> None:
    Award.objects.filter(order_item=order_item).delete()


@transaction.atomic
def save_name_forms(
    *, actor: Any, obj: Employee | Position, subject: models.Model, forms: dict[str, str]
) -> models.Model:
    """Keep the corrected declined forms of an employee's name or a position title."""
    section = MAIN_SECTION if isinstance(obj, Employee) else STRUCTURE_SECTION
    return _update(actor=actor, subject=subject, section=section, obj=obj, data={"name_forms": forms})
