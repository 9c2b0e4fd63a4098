"""The text of an order as it will read: one sentence per item, in Russian, with names and positions declined.

The preview shows the inspector and the director what signing will do before anything changes. It reads
the items as they are, so an incomplete draft still reads (with «…» where a value is missing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from kadry.discipline.models import LiftInitiative
from kadry.employment.grounds import GROUNDS
from kadry.leave.rules import LEAVE_WORDING
from kadry.leave.services import span
from kadry.lib.dates import long_date
from kadry.lib.declension import Case, decline_name, decline_position
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Employee

Kind = Order.Kind
MISSING = "…"
# The work an item is: as the order names it (Т-1: «основное место работы» / «совместительство»).
EMPLOYMENT_WORDING: dict[str, str] = {
    OrderItem.EmploymentKind.MAIN: "основное место работы",
    OrderItem.EmploymentKind.INTERNAL_PART_TIME: "внутреннее совместительство",
    OrderItem.EmploymentKind.EXTERNAL_PART_TIME: "внешнее совместительство",
}


def person(employee: Employee, case: Case) -> str:
    """Return the employee's full name in ``case``; as written when the sex is unknown."""
    try:
        return decline_name(employee.last_name, employee.first_name, employee.middle_name, sex=employee.sex, case=case)
    except ValueError:
        return employee.full_name


def day(value: object) -> str:
    return long_date(value) if value else MISSING  # type: ignore[arg-type]


def rate(value: Decimal | None) -> str:
    """Return a rate as a document writes it: 1, 0,5, 1,25."""
    if value is None:
        return MISSING
    return format(value.normalize(), "f").replace(".", ",")


def money(value: Decimal | None) -> str:
    """Return «5 000» or «5 000,50» (roubles; thousands separated by a space)."""
    if value is None:
        return MISSING
    whole, _dot, kopecks = f"{value:,.2f}".partition(".")
    whole = whole.replace(",", "\u00a0")
    return whole if kopecks == "00" else f"{whole},{kopecks}"


def kind_title(kind: str) -> str:
    """Return the order's title without the form codes: «О приёме на работу»."""
    return re.sub(r"\s*\(Т-[^)]*\)$", "", str(Order.Kind(kind).label))


def _position(item: OrderItem) -> str:
    unit = item.staffing_unit
    if unit is None:
        return f"на должность {MISSING}"
    return f"на должность {decline_position(unit.position.name, Case.GENITIVE)} ({unit.department.name})"


def _with_basis(text: str, item: OrderItem) -> str:
    """End the sentence (once: a date already ends in «г.») and add the basis, if any."""
    text = text.removesuffix(".")
    return f"{text}. Основание: {item.basis.removesuffix('.')}." if item.basis else f"{text}."


def _hire(item: OrderItem) -> str:
    parts = [
        f"Принять {person(item.employee, Case.ACCUSATIVE)} {_position(item)} с {day(item.date)}",
        f"ставка {rate(item.rate)}",
        EMPLOYMENT_WORDING.get(item.employment_kind, MISSING),
    ]
    term = OrderItem.ContractTerm(item.contract_term).label if item.contract_term else MISSING
    contract = f"{term} трудовой договор № {item.contract_number or MISSING} от {day(item.contract_date)}"
    if item.contract_term == OrderItem.ContractTerm.FIXED:
        contract += f" по {day(item.end_date)}"
        if item.fixed_term_reason:
            contract += f" ({item.fixed_term_reason})"
    parts.append(contract)
    if item.probation_months:
        parts.append(f"испытательный срок {item.probation_months} мес.")
    return _with_basis(", ".join(parts), item)


def _transfer(item: OrderItem) -> str:
    text = f"Перевести {person(item.employee, Case.ACCUSATIVE)} {_position(item)} с {day(item.date)}, ставка {rate(item.rate)}"
    if item.employment_kind:
        text += f", {EMPLOYMENT_WORDING[item.employment_kind]}"
    if item.end_date:
        text += f", временно — по {day(item.end_date)}"
    return _with_basis(text, item)


def _dismissal(item: OrderItem) -> str:
    text = f"Уволить {person(item.employee, Case.ACCUSATIVE)} {day(item.date)}"
    ground = GROUNDS.get(item.dismissal_ground)
    wording = ground.wording if ground else f"основание {MISSING}"
    return _with_basis(f"{text}: {wording[0].lower()}{wording[1:]}", item)


def _award(item: OrderItem) -> str:
    return _with_basis(
        f"Поощрить {person(item.employee, Case.ACCUSATIVE)} {day(item.date)}: {item.award or MISSING}", item
    )


def _sanction(item: OrderItem) -> str:
    sanction = OrderItem.SanctionKind(item.sanction_kind).label if item.sanction_kind else f"взыскание {MISSING}"
    text = (
        f"Объявить {sanction} {person(item.employee, Case.DATIVE)} {day(item.date)} "
        f"за проступок: {item.misconduct.strip().rstrip('.') or MISSING} "
        f"(совершён {day(item.misconduct_date)}, обнаружен {day(item.misconduct_discovered_on)}; "
        f"письменное объяснение затребовано {day(item.explanation_requested_on)})"
    )
    return _with_basis(text, item)


def _surname_change(item: OrderItem) -> str:
    new = item.new_last_name.strip() or MISSING
    return _with_basis(f"Изменить фамилию {person(item.employee, Case.GENITIVE)} на «{new}» с {day(item.date)}", item)


def _class_teacher_appointment(item: OrderItem) -> str:
    text = (
        f"Назначить {person(item.employee, Case.ACCUSATIVE)} классным руководителем "
        f"{item.school_class or MISSING} класса с {day(item.date)}, "
        f"ежемесячное вознаграждение {money(item.monthly_allowance)} руб."
    )
    if item.agreement:
        text += f", дополнительное соглашение {item.agreement}"
    return _with_basis(text, item)


def _class_teacher_release(item: OrderItem) -> str:
    return _with_basis(
        f"Освободить {person(item.employee, Case.ACCUSATIVE)} от классного руководства "
        f"в {item.school_class or MISSING} классе; последний день руководства — {day(item.date)}",
        item,
    )


def _leave(item: OrderItem) -> str:
    kind = LEAVE_WORDING.get(item.leave_kind, f"отпуск {MISSING}")
    if item.leave_days and item.date:
        end, inside = span(item.leave_kind, item.date, item.leave_days)
        text = f"Предоставить {person(item.employee, Case.DATIVE)} {kind} на {item.leave_days} календарных дн. с {day(item.date)} по {day(end)}"
        if item.leave_additional_days:
            extra_end, extra_inside = span("additional", end + dt.timedelta(days=1), item.leave_additional_days)
            text += f" и ежегодный дополнительный оплачиваемый отпуск на {item.leave_additional_days} календарных дн. по {day(extra_end)}"
            inside = (*inside, *extra_inside)
        if inside:
            text += f" (нерабочие праздничные дни {', '.join(f'{d:%d.%m}' for d in inside)} в число дней отпуска не включены)"
    else:
        text = f"Предоставить {person(item.employee, Case.DATIVE)} {kind} на {item.leave_days or MISSING} календарных дн. с {day(item.date)}"
    return _with_basis(text, item)


def _leave_recall(item: OrderItem) -> str:
    return _with_basis(
        f"Отозвать {person(item.employee, Case.ACCUSATIVE)} из ежегодного отпуска с {day(item.date)}; "
        "неиспользованные дни предоставить позднее",
        item,
    )


def _business_trip(item: OrderItem) -> str:
    return _with_basis(
        f"Направить {person(item.employee, Case.ACCUSATIVE)} в командировку в {item.destination or MISSING} "
        f"с {day(item.date)} по {day(item.end_date)} с целью: {item.purpose or MISSING}",
        item,
    )


def _sanction_lift(item: OrderItem) -> str:
    lifted = item.lifted_sanction
    if lifted is None:
        what = f"дисциплинарное взыскание {MISSING}"
    else:
        kind = OrderItem.SanctionKind(lifted.sanction_kind).label if lifted.sanction_kind else "взыскание"
        what = (
            f"дисциплинарное взыскание — {kind}, объявленное приказом от {day(lifted.order.date)} "
            f"№ {lifted.order.display_number}"
        )
    initiative = LiftInitiative(item.lift_initiative).label if item.lift_initiative else f"инициатива {MISSING}"
    return _with_basis(
        f"Снять с {person(item.employee, Case.GENITIVE)} {what} досрочно с {day(item.date)} {initiative} "
        "(ТК РФ ст. 194 ч. 2)",
        item,
    )


ITEM_TEXT: dict[str, Callable[[OrderItem], str]] = {
    Kind.HIRE: _hire,
    Kind.TRANSFER: _transfer,
    Kind.DISMISSAL: _dismissal,
    Kind.AWARD: _award,
    Kind.SANCTION: _sanction,
    Kind.SURNAME_CHANGE: _surname_change,
    Kind.CLASS_TEACHER_APPOINTMENT: _class_teacher_appointment,
    Kind.CLASS_TEACHER_RELEASE: _class_teacher_release,
    Kind.LEAVE: _leave,
    Kind.LEAVE_RECALL: _leave_recall,
    Kind.BUSINESS_TRIP: _business_trip,
    Kind.SANCTION_LIFT: _sanction_lift,
}


def item_text(order: Order, item: OrderItem) -> str:
    """Return the sentence of ``order`` about ``item``."""
    return ITEM_TEXT[order.kind](item)


def cancellation_text(order: Order) -> str:
    """Return what a cancellation says; its target's items should be prefetched (their names are read)."""
    target = order.cancels
    if target is None:
        return f"Отменить приказ {MISSING}."
    names = ", ".join(item.employee.short_name for item in target.items.all())
    about = f" ({names})" if names else ""
    return (
        f"Отменить приказ от {day(target.date)} № {target.display_number} «{kind_title(target.kind)}»{about}; "
        "всё, что он изменил, будет возвращено."
    )


def order_texts(order: Order) -> list[tuple[OrderItem | None, str]]:
    """Return each item of ``order`` (prefetched) with its sentence; a cancellation is one sentence."""
    if order.kind == Kind.CANCELLATION:
        return [(None, cancellation_text(order))]
    return [(item, item_text(order, item)) for item in order.items.all()]
