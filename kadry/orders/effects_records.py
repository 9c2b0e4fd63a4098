"""The effects of the order items that do not change employment itself: awards, sanctions and their lifting,
a surname, class leadership, leave and its recall, business trips (``effects`` holds the registry)."""

from __future__ import annotations

from typing import Any

from kadry.absences import services as absences
from kadry.discipline import sanctions as discipline_sanctions
from kadry.discipline import services as discipline
from kadry.employment import services as employment
from kadry.employment.models import Assignment, WorkRecordEntry
from kadry.employment.work_record_rules import award_wording, surname_change_wording
from kadry.leave import services as leave
from kadry.leave.models import LeaveKind
from kadry.leave.rules import leave_kind_errors
from kadry.lib.declension import Case, decline_phrase
from kadry.orders.effects_common import Errors, NoWarnings, document_of, filled, undo_employment
from kadry.orders.models import Order, OrderItem
from kadry.school.rules.appointment import MAX_CLASSES_PER_TEACHER
from kadry.school.services import appointment as school
from kadry.staff import services as staff


class Award(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        return {}

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        employee, document = item.employee, document_of(order)
        staff.add_award_from_order(
            employee=employee, name=item.award, date=item.date, document=document, order_item=item
        )
        employment.add_work_record_entry(
            employee=employee,
            date=item.date,
            kind=WorkRecordEntry.Kind.AWARD,
            document=document,
            order_item=item,
            wording=award_wording(sex=employee.sex, award_instrumental=decline_phrase(item.award, Case.INSTRUMENTAL)),
        )

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        staff.remove_awards_of(item)
        undo_employment(item, cancellation)


class Sanction(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        # ТК РФ ст. 193: the month from the discovery does not count the illness and leave in the registers.
        return discipline.sanction_errors(
            employee=item.employee,
            order_date=order.date,
            committed_on=filled(item.misconduct_date),
            discovered_on=filled(item.misconduct_discovered_on),
            requested_on=filled(item.explanation_requested_on),
        )

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        # A sanction is not entered in the work book (ТК РФ ст. 66 ч. 4: only dismissal for it is).
        employment.add_sanction(
            employee=item.employee, order_item=item, kind=item.sanction_kind, date=item.date, misconduct=item.misconduct
        )
        discipline.link_sanction(
            actor=actor, employee=item.employee, committed_on=filled(item.misconduct_date), order_item=item
        )

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        discipline.unlink_sanction(actor=actor, order_item=item)
        undo_employment(item, cancellation)


class SurnameChange(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        if item.new_last_name.strip() == item.employee.last_name:
            return {"new_last_name": "Новая фамилия совпадает с нынешней."}
        return {}

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        employee, document = item.employee, document_of(order)
        previous = employee.last_name
        item.previous_last_name = previous
        item.save(update_fields=["previous_last_name"])
        staff.change_surname(
            actor=actor,
            employee=employee,
            new_last_name=item.new_last_name.strip(),
            date=item.date,
            basis=item.basis,
            order_item=item,
        )
        employment.add_work_record_entry(
            employee=employee,
            date=item.date,
            kind=WorkRecordEntry.Kind.NAME_CHANGE,
            document=document,
            order_item=item,
            wording=surname_change_wording(previous=previous, new=item.new_last_name.strip(), basis=item.basis),
        )

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        staff.undo_surname_change(actor=actor, employee=item.employee, order_item=item)
        undo_employment(item, cancellation)


class ClassTeacherAppointment(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        if not Assignment.objects.filter(employee=item.employee).active(on=item.date).exists():
            return {"employee": "Классным руководителем назначают работающего педагога."}
        return {}

    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        earlier = items[: items.index(item)]
        led = school.classes_led(item.employee, item.date) + sum(
            other.employee_id == item.employee_id and other.date <= item.date for other in earlier
        )
        if led < MAX_CLASSES_PER_TEACHER:
            return []
        return [
            f"Это {led + 1}-й класс учителя: федеральное вознаграждение за классное руководство выплачивается "
            f"не более чем за {MAX_CLASSES_PER_TEACHER} класса (Постановление Правительства РФ № 448 от 04.04.2020); "
            "за этот класс платит школа."
        ]

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        school.appoint_class_teacher(
            teacher=item.employee,
            school_class=filled(item.school_class),
            start=item.date,
            monthly_allowance=filled(item.monthly_allowance),
            agreement=item.agreement,
            order_item=item,
        )

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        school.undo_class_teacher_item(item)


class ClassTeacherRelease(ClassTeacherAppointment):
    def check(self, item: OrderItem, order: Order) -> Errors:
        return {}

    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        return []

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        school.release_class_teacher(
            teacher=item.employee, school_class=filled(item.school_class), last_day=item.date, order_item=item
        )


class Leave(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        if not Assignment.objects.filter(employee=item.employee).active(on=item.date).exists():
            return {"employee": "Сотрудник не работает на дату начала отпуска."}
        return leave_kind_errors(
            kind=item.leave_kind, days=item.leave_days or 0, additional_days=item.leave_additional_days or 0
        )

    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        return []

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        entries = leave.grant_leave(
            actor=actor,
            employee=item.employee,
            order_item=item,
            leave_kind=item.leave_kind or LeaveKind.ANNUAL,
            start=item.date,
            days=filled(item.leave_days),
            additional_days=item.leave_additional_days or 0,
            document=document_of(order),
        )
        item.end_date = entries[-1].end
        item.save(update_fields=["end_date"])

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        leave.undo_order_item(actor=actor, order_item=item, document=document_of(cancellation))


class LeaveRecall(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        return leave.recall_errors(item.employee, item.date)

    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        return []

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        leave.recall_from_leave(
            actor=actor, employee=item.employee, order_item=item, back_on=item.date, document=document_of(order)
        )

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        leave.undo_order_item(actor=actor, order_item=item, document=document_of(cancellation))


class BusinessTrip(NoWarnings):
    def check(self, item: OrderItem, order: Order) -> Errors:
        end = item.end_date
        if end is None:
            return {}
        # The absences' own rules: end not before start, working on both days, no other absence then.
        errors = absences.trip_errors(item.employee, start=item.date, end=end, exclude_order_item=item)
        return {"end_date" if field == "end" else "date" if field == "start" else field: message
                for field, message in errors.items()}  # fmt: skip

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        absences.record_trip_of_order(
            actor=actor, order_item=item, employee=item.employee, start=item.date, end=filled(item.end_date),
            destination=item.destination, purpose=item.purpose, note=document_of(order),
        )  # fmt: skip

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        absences.undo_trip_of_order(actor=actor, order_item=item)


class SanctionLift(NoWarnings):
    """ТК РФ ст. 194 ч. 2: the employer may lift a sanction before its year runs out."""

    def check(self, item: OrderItem, order: Order) -> Errors:
        return discipline_sanctions.lift_errors(
            employee=item.employee, sanction_item=filled(item.lifted_sanction), lifted_on=item.date,
            order_date=order.date, exclude_order_item=item,
        )  # fmt: skip

    def apply(self, item: OrderItem, order: Order, actor: Any) -> None:
        discipline_sanctions.record_lift(
            actor=actor, employee=item.employee, sanction_item=filled(item.lifted_sanction), lifted_on=item.date,
            initiative=item.lift_initiative, order_item=item,
        )  # fmt: skip

    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None:
        discipline_sanctions.undo_lift(actor=actor, order_item=item)
