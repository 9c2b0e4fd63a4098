"""What signing each kind of order item does, and how a cancellation undoes it.

Each kind has ``check`` (errors against the current state, ``{field: message}``), ``apply`` and
``undo``. They call the domain services; the domain apps never import orders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from kadry.discipline import services as discipline
from kadry.employment import hiring_rules
from kadry.employment import services as employment
from kadry.employment.grounds import GROUNDS
from kadry.employment.models import Assignment, WorkRecordEntry, WorkRecordEvent
from kadry.employment.work_record_rules import hire_wording, transfer_wording
from kadry.leave import services as leave
from kadry.lib.declension import Case
from kadry.orders.effects_common import Effect, Errors, NoWarnings, document_of, filled, undo_employment
from kadry.orders.effects_records import (
    Award,
    BusinessTrip,
    ClassTeacherAppointment,
    ClassTeacherRelease,
    Leave,
    LeaveRecall,
    Sanction,
    SanctionLift,
    SurnameChange,
)
from kadry.orders.models import Order, OrderItem
from kadry.orders.rules import dismissal_errors, fixed_term_errors
from kadry.staff import queries as staff_queries
from kadry.staff import services as staff
from kadry.staff.declension import position_name
from kadry.staff.models import Position
from kadry.staff.queries import next_free_personnel_number, personnel_number_holder

ONE_DAY = dt.timedelta(days=1)


def active_assignment(item: OrderItem, on: dt.date) -> Assignment | None:
    """Return the assignment the item ends: the one chosen, else the employee's main one on ``on``."""
    if item.closed_assignment_id:
        return item.closed_assignment
    return Assignment.objects.filter(employee=item.employee).active(on=on).order_by("kind", "start").first()


def _position_genitive(item_or_assignment: Any) -> str:
    """Return «учителя математики», with the office's correction of the title if there is one."""
    return position_name(item_or_assignment.staffing_unit.position, Case.GENITIVE)


def _close(item: OrderItem, *, last_day: dt.date) -> Assignment:
    """End the assignment the item ends on ``last_day`` and remember its previous end for a cancellation."""
    current = filled(active_assignment(item, item.date))
    item.closed_assignment = current
    item.closed_assignment_end = employment.close_assignment(current, last_day=last_day)
    item.save(update_fields=["closed_assignment", "closed_assignment_end"])
    return current


def _entry(item: OrderItem, order: Order, kind: str, wording: str, *, employment_kind: str = "") -> None:
    """Add the work-record entry of ``item``; an internal part-time job gets none (ТК РФ ст. 66 ч. 4)."""
    if employment_kind == OrderItem.EmploymentKind.INTERNAL_PART_TIME:
        return
    employment.add_work_record_entry(
        employee=item.employee, date=item.date, kind=kind, wording=wording, document=document_of(order), order_item=item
    )


class Hire:
    def check(self, item: OrderItem, order: Order) -> Errors:
        errors = fixed_term_errors(
            term=item.contract_term, start=item.date, end=item.end_date, reason=item.fixed_term_reason
        )
        too_early = hiring_rules.hire_start_error(order_date=order.date, start=item.date)
        if too_early:
            errors["date"] = too_early
        too_young = hiring_rules.hiring_age_error(birth_date=item.employee.birth_date, start=item.date)
        if too_young:
            errors["employee"] = too_young
        if item.employment_kind == OrderItem.EmploymentKind.MAIN:
            main = Assignment.objects.filter(employee=item.employee, kind=Assignment.Kind.MAIN).active(on=item.date)
            if main.exists():
                errors["employment_kind"] = "Сотрудник уже работает по основному месту работы — оформите перевод."
        if (
            item.staffing_unit_id
            and item.rate
            and item.rate > employment.free_rates(filled(item.staffing_unit), item.date)
        ):
            errors["rate"] = f"Штатная единица «{item.staffing_unit}» занята: свободной ставки {item.rate} нет."
        if item.personnel_number and personnel_number_holder(item.employee, item.personnel_number):
            # Given to someone else since the draft was written.
            errors["personnel_number"] = f"Табельный номер {item.personnel_number} уже присвоен другому сотруднику."
        return errors

    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        found = [hiring_rules.hiring_age_warning(birth_date=item.employee.birth_date, start=item.date)]
        unit = item.staffing_unit
        if unit is not None and unit.position.category == Position.Category.PEDAGOGICAL:
            has = staff_queries.has_vocational_or_higher_education(item.employee)
            found.append(hiring_rules.pedagogical_education_warning(has_required_education=has))
        return [message for message in found if message]

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        employee, document = item.employee, document_of(order)
        # Every hire gets a personnel number: the item's, else the employee's own, else the next free one
        # (taken now, after the order's earlier items got theirs).
        number = item.personnel_number or employee.personnel_number or next_free_personnel_number(order.organisation_id)
        if number != employee.personnel_number:
            employee = staff.update_employee(actor=actor, employee=employee, data={"personnel_number": number})
            item.employee = employee
        employment.create_contract(
            employee=employee,
            order_item=item,
            number=item.contract_number,
            date=item.contract_date,
            term=item.contract_term,
            kind=item.employment_kind,
            start=item.date,
            end=item.end_date,
            fixed_term_reason=item.fixed_term_reason,
            probation_months=item.probation_months,
        )
        employment.start_assignment(
            employee=employee,
            staffing_unit=filled(item.staffing_unit),
            rate=filled(item.rate),
            kind=item.employment_kind,
            start=item.date,
            end=item.end_date,
            basis=document,
            order_item=item,
        )
        _entry(
            item,
            order,
            WorkRecordEntry.Kind.HIRE,
            hire_wording(sex=employee.sex, position_genitive=_position_genitive(item)),
            employment_kind=item.employment_kind,
        )
        _event(item, order, WorkRecordEvent.Kind.HIRE)

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        undo_employment(item, cancellation)


class Transfer(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        current = active_assignment(item, item.date)
        if current is None:
            return {"employee": "Сотрудник не работает на дату перевода — переводить некого."}
        errors: Errors = {}
        if item.date <= current.start:
            errors["date"] = f"Перевод возможен только после начала работы ({current.start:%d.%m.%Y})."
        if item.end_date and item.end_date < item.date:
            errors["end_date"] = "Дата окончания временного перевода раньше его начала."
        if item.staffing_unit_id and item.rate:
            free = employment.free_rates(filled(item.staffing_unit), item.date, excluding=current)
            if item.rate > free:
                errors["rate"] = f"В штатной единице «{item.staffing_unit}» свободно {free} ст."
        return errors

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        employee, document = item.employee, document_of(order)
        current = _close(item, last_day=item.date - ONE_DAY)
        kind = item.employment_kind or current.kind
        employment.start_assignment(
            employee=employee,
            staffing_unit=filled(item.staffing_unit),
            rate=filled(item.rate),
            kind=kind,
            start=item.date,
            end=item.end_date,
            basis=document,
            order_item=item,
        )
        if item.end_date:
            # A temporary transfer (ТК РФ ст. 72.2): the previous position is kept and the employee returns to it.
            employment.start_assignment(
                employee=employee,
                staffing_unit=current.staffing_unit,
                rate=current.rate,
                kind=current.kind,
                start=item.end_date + ONE_DAY,
                end=item.closed_assignment_end,
                basis=document,
                order_item=item,
            )
        _entry(
            item,
            order,
            WorkRecordEntry.Kind.TRANSFER,
            transfer_wording(sex=employee.sex, position_genitive=_position_genitive(item)),
            employment_kind=kind,
        )
        _event(item, order, WorkRecordEvent.Kind.TRANSFER)

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        undo_employment(item, cancellation)


class Dismissal:
    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        return discipline.dismissal_warnings(
            employee=item.employee, order_date=order.date, ground=item.dismissal_ground
        )

    def check(self, item: OrderItem, order: Order) -> Errors:
        current = active_assignment(item, item.date)
        if current is None:
            return {"employee": "Сотрудник не работает на дату увольнения."}
        if item.date < current.start:
            return {"date": f"Дата увольнения раньше начала работы ({current.start:%d.%m.%Y})."}
        errors = dismissal_errors(
            ground=item.dismissal_ground,
            statement_date=item.statement_date,
            dismissal_date=item.date,
            by_agreement=item.by_agreement,
        )
        # A dismissal for misconduct is a disciplinary sanction (ТК РФ ст. 192 ч. 3): the terms of ст. 193.
        return {
            **discipline.dismissal_errors(employee=item.employee, order_date=order.date, ground=item.dismissal_ground),
            **errors,
        }

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        if item.dismissal_ground in discipline.DISCIPLINARY_GROUNDS:
            case = discipline.latest_open_case(item.employee)
            if case is not None:
                discipline.link_sanction(
                    actor=actor, employee=item.employee, committed_on=case.committed_on, order_item=item
                )
        # The balance is read while the assignment is still open, then compensated (ТК РФ ст. 127).
        leave.compensate_on_dismissal(
            actor=actor, employee=item.employee, order_item=item, last_day=item.date, document=document_of(order)
        )
        current = _close(item, last_day=item.date)
        ground = GROUNDS[item.dismissal_ground]
        _entry(item, order, WorkRecordEntry.Kind.DISMISSAL, ground.wording, employment_kind=current.kind)
        _event(item, order, WorkRecordEvent.Kind.DISMISSAL, assignment=current)

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        discipline.unlink_sanction(actor=actor, order_item=item)
        leave.undo_order_item(actor=actor, order_item=item, document=document_of(cancellation))
        undo_employment(item, cancellation)


def _event(item: OrderItem, order: Order, kind: str, *, assignment: Assignment | None = None) -> None:
    """Register the ЕФС-1 event of a hire, transfer or dismissal."""
    unit = assignment.staffing_unit if assignment else filled(item.staffing_unit)
    employment_kind = assignment.kind if assignment else (item.employment_kind or Assignment.Kind.MAIN)
    ground = GROUNDS.get(item.dismissal_ground) if kind == WorkRecordEvent.Kind.DISMISSAL else None
    employment.add_work_record_event(
        employee=item.employee,
        kind=kind,
        order_date=order.date,
        order_item=item,
        date=item.date,
        position=unit.position.name,
        department=unit.department.name,
        part_time=employment_kind != Assignment.Kind.MAIN,
        ground_wording=ground.wording if ground else "",
        ground_article=ground.article if ground else "",
        ground_part=str(ground.part or "") if ground else "",
        ground_item=(ground.item or "") if ground else "",
        document_number=order.display_number,
    )


EFFECTS: dict[str, Effect] = {
    Order.Kind.HIRE: Hire(),
    Order.Kind.TRANSFER: Transfer(),
    Order.Kind.DISMISSAL: Dismissal(),
    Order.Kind.AWARD: Award(),
    Order.Kind.SANCTION: Sanction(),
    Order.Kind.SURNAME_CHANGE: SurnameChange(),
    Order.Kind.CLASS_TEACHER_APPOINTMENT: ClassTeacherAppointment(),
    Order.Kind.CLASS_TEACHER_RELEASE: ClassTeacherRelease(),
    Order.Kind.LEAVE: Leave(),
    Order.Kind.LEAVE_RECALL: LeaveRecall(),
    Order.Kind.BUSINESS_TRIP: BusinessTrip(),
    Order.Kind.SANCTION_LIFT: SanctionLift(),
}


@dataclass
class ItemErrors:
    index: int
    item: OrderItem
    errors: Errors


def raise_if_any(problems: list[ItemErrors]) -> None:
    """Raise one ValidationError keyed ``items.<n>.<field>``, each message naming the employee."""
    if problems:
        raise ValidationError(
            {
                f"items.{problem.index}.{field}": f"{problem.item.employee.short_name}: {message}"
                for problem in problems
                for field, message in problem.errors.items()
            }
        )
