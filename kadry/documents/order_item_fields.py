"""Each item's fields of a printed order: the person in the cases the forms need and the fields of its kind.

Strings only, from the ``PrintData`` loaded once per order (``kadry.documents.order_print_data``); the unified
forms' sources are named in ``kadry.documents.order_contexts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from kadry.discipline.models import LiftInitiative
from kadry.documents.contexts import format_rate, format_rubles
from kadry.documents.order_print_data import PrintData, contract_of, placement
from kadry.employment.grounds import GROUNDS
from kadry.leave.models import LedgerEntry
from kadry.leave.rules import LEAVE_WORDING
from kadry.leave.services import compensation_on, span
from kadry.lib.dates import long_date, short_date
from kadry.lib.declension import Case, decline_name, gendered
from kadry.lib.duration import plural
from kadry.orders.models import Order, OrderItem
from kadry.staff.declension import employee_name, position_name
from kadry.staff.models import Employee, StaffingUnit

Kind = Order.Kind

ONE_DAY = dt.timedelta(days=1)
EMPLOYMENT_WORDING: dict[str, str] = {
    OrderItem.EmploymentKind.MAIN: "основное место работы",
    OrderItem.EmploymentKind.INTERNAL_PART_TIME: "внутреннее совместительство",
    OrderItem.EmploymentKind.EXTERNAL_PART_TIME: "внешнее совместительство",
}


# --- Building ---


def _day(value: dt.date | None) -> str:
    return long_date(value) if value else ""


def _name(employee: Employee, case: Case) -> str:
    try:
        return employee_name(employee, case)
    except ValueError:  # no sex on the card: the name as written
        return employee.full_name


def person_fields(employee: Employee, *, last_name: str | None = None) -> dict[str, str]:
    """Return the employee's name in the cases orders use; ``last_name`` overrides the current surname."""
    fields = {
        "name": employee.full_name,
        "short_name": employee.short_name,
        "personnel_number": employee.personnel_number,
        "name_accusative": _name(employee, Case.ACCUSATIVE),
        "name_genitive": _name(employee, Case.GENITIVE),
        "name_dative": _name(employee, Case.DATIVE),
        "acquainted": gendered(employee.sex, "ознакомлен", "ознакомлена") if employee.sex else "ознакомлен(а)",
    }
    if last_name and last_name != employee.last_name:
        # The order was signed under the previous surname (a surname change): it names the person as then.
        for key, case in (
            ("name_accusative", Case.ACCUSATIVE),
            ("name_genitive", Case.GENITIVE),
            ("name_dative", Case.DATIVE),
        ):
            try:
                fields[key] = decline_name(
                    last_name, employee.first_name, employee.middle_name, sex=employee.sex, case=case
                )
            except ValueError:
                fields[key] = " ".join(p for p in (last_name, employee.first_name, employee.middle_name) if p)
        fields["name"] = " ".join(p for p in (last_name, employee.first_name, employee.middle_name) if p)
    return fields


def _unit(unit: StaffingUnit | None, prefix: str = "") -> dict[str, str]:
    """Return the department and the position (nominative and the cases orders use) of a staffing unit."""
    cases = (("", None), ("_genitive", Case.GENITIVE), ("_dative", Case.DATIVE), ("_accusative", Case.ACCUSATIVE))
    fields = {f"{prefix}department": unit.department.name if unit else ""}
    for suffix, case in cases:
        value = "" if unit is None else position_name(unit.position, case or Case.NOMINATIVE)
        fields[f"{prefix}position{suffix}"] = value
    return fields


def _contract_ref(number: str, date: dt.date | None) -> str:
    parts = [f"от {short_date(date)}" if date else "", f"№ {number}" if number else ""]
    return " ".join(p for p in parts if p)


def _with_basis(text: str, basis: str) -> str:
    text = text.removesuffix(".")
    return f"{text}. Основание: {basis.strip().removesuffix('.')}." if basis.strip() else f"{text}."


def _months(count: int | None) -> str:
    return f"{count} {plural(count, 'месяц', 'месяца', 'месяцев')}" if count else ""


def _hire(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    fields = _unit(item.staffing_unit)
    rate = item.rate or 0
    fields |= {
        "start_long": _day(item.date),
        "end_long": _day(item.end_date) if item.contract_term == OrderItem.ContractTerm.FIXED else "",
        "end": short_date(item.end_date)
        if item.end_date and item.contract_term == OrderItem.ContractTerm.FIXED
        else "",
        "rate": format_rate(item.rate) if item.rate else "",
        "employment_kind": EMPLOYMENT_WORDING.get(item.employment_kind, ""),
        "contract_term": str(OrderItem.ContractTerm(item.contract_term).label) if item.contract_term else "",
        "fixed_term_reason": item.fixed_term_reason,
        "salary": format_rubles(item.staffing_unit.salary * rate) if item.staffing_unit and rate else "",
        "probation": _months(item.probation_months),
        "contract": _contract_ref(item.contract_number, item.contract_date),
    }
    conditions = ", ".join(
        p for p in (fields["employment_kind"], f"ставка {fields['rate']}" if fields["rate"] else "") if p
    )
    fields["conditions"] = conditions
    return fields


def _transfer(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    previous = placement(item, data, item.date - ONE_DAY)
    fields = _unit(item.staffing_unit) | _unit(previous.staffing_unit if previous else None, "previous_")
    rate = item.rate or 0
    fields |= {
        "start_long": _day(item.date),
        "end_long": _day(item.end_date),
        "end": short_date(item.end_date) if item.end_date else "",
        "transfer_kind": f"временно, по {long_date(item.end_date)}" if item.end_date else "постоянно",
        "rate": format_rate(item.rate) if item.rate else "",
        "salary": format_rubles(item.staffing_unit.salary * rate) if item.staffing_unit and rate else "",
        "employment_kind": EMPLOYMENT_WORDING.get(item.employment_kind, ""),
        "contract": _contract_ref(item.contract_number, item.contract_date),
    }
    # Т-5 «Основание: изменение к трудовому договору от … № …» and whatever else the inspector named.
    agreement = f"изменение к трудовому договору {fields['contract']}" if fields["contract"] else ""
    fields["grounds"] = "; ".join(p for p in (agreement, item.basis.strip()) if p)
    return fields


def _dismissal(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    contract = contract_of(item, data, current.kind if current else None)
    ground = GROUNDS.get(item.dismissal_ground)
    return _unit(current.staffing_unit if current else None) | {
        "date_long": _day(item.date),
        "contract": _contract_ref(contract.number, contract.date) if contract else "",
        "ground": ground.wording if ground else "",
        "leave_compensation": _compensation(item, data),
    }


def _compensation(item: OrderItem, data: PrintData) -> str:
    """Return «компенсация за неиспользованный отпуск — 2,33 календарных дня» (ТК РФ ст. 127) or the withholding."""
    signed = [e for e in data.leave_entries if e.order_item_id == item.pk and e.kind == LedgerEntry.Kind.COMPENSATED]
    if signed:
        days = signed[0].charged
    else:  # a draft: the balance as it stands on the last day
        result = compensation_on(item.employee, item.date)
        days = Decimal(0) if result is None else (result[1] if result[0] == "compensate" else -result[1])
    if days == 0:
        return ""
    figure = format(abs(days), "f").replace(".", ",")
    if days > 0:
        return f"компенсация за неиспользованный отпуск — {figure} календарных дн. (ТК РФ ст. 127)"
    return f"удержание за дни отпуска, предоставленного авансом, — {figure} календарных дн. (ТК РФ ст. 137)"


def _leave(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    """Т-6: the working year, part А (the kind granted), part Б (additional) and the total."""
    current = placement(item, data, item.date)
    entries = [e for e in data.leave_entries if e.order_item_id == item.pk and e.kind == LedgerEntry.Kind.USED]
    parts: list[tuple[str, int, dt.date | None, dt.date | None]] = []
    if entries:
        parts = [(e.leave_kind, e.calendar_days, e.start, e.end) for e in entries]
    elif item.leave_days:
        end, _inside = span(item.leave_kind, item.date, item.leave_days)
        parts.append((item.leave_kind, item.leave_days, item.date, end))
        if item.leave_additional_days:
            extra_end, _inside = span("additional", end + ONE_DAY, item.leave_additional_days)
            parts.append(("additional", item.leave_additional_days, end + ONE_DAY, extra_end))
    fields = _unit(current.staffing_unit if current else None)
    year = entries[0] if entries else None
    fields["year_start"] = short_date(year.working_year_start) if year and year.working_year_start else ""
    fields["year_end"] = short_date(year.working_year_end) if year and year.working_year_end else ""
    for letter, index in (("a", 0), ("b", 1)):
        kind, days, start, last_day = parts[index] if len(parts) > index else ("", 0, None, None)
        fields[f"{letter}_kind"] = LEAVE_WORDING.get(kind, "")
        fields[f"{letter}_days"] = str(days) if days else ""
        fields[f"{letter}_start"] = short_date(start) if start else ""
        fields[f"{letter}_end"] = short_date(last_day) if last_day else ""
    total = sum(p[1] for p in parts)
    fields["total_days"] = str(total) if total else ""
    fields["start"] = short_date(parts[0][2]) if parts else ""
    fields["end"] = short_date(parts[-1][3]) if parts else ""
    return fields


def _leave_recall(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    whom = " ".join(p for p in (fields["position_accusative"], person["name_accusative"]) if p)
    text = (
        f"Отозвать {whom} из ежегодного оплачиваемого отпуска с {_day(item.date)} с его согласия (ТК РФ ст. 125); "
        "неиспользованную часть отпуска предоставить в удобное для работника время в текущем рабочем году "
        "или присоединить к отпуску за следующий рабочий год"
    )
    return fields | {"date_long": _day(item.date), "text": text}


def _business_trip(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    """Т-9: where, for how many calendar days from when to when, what for."""
    current = placement(item, data, item.date)
    end = item.end_date
    days = (end - item.date).days + 1 if end and end >= item.date else None
    return _unit(current.staffing_unit if current else None) | {
        "destination": item.destination.strip(),
        "purpose": item.purpose.strip(),
        "days": str(days) if days else "",
        "start": short_date(item.date),
        "end": short_date(end) if end else "",
        "start_long": _day(item.date),
        "end_long": _day(end),
    }


def _award(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    return _unit(current.staffing_unit if current else None) | {"date_long": _day(item.date), "award": item.award}


def _sanction(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    kind = str(OrderItem.SanctionKind(item.sanction_kind).label) if item.sanction_kind else "взыскание"
    whom = " ".join(p for p in (fields["position_dative"], person["name_dative"]) if p)
    misconduct = item.misconduct.strip().removesuffix(".")
    if misconduct[1:2].islower():
        # «Опоздание на урок» continues the sentence in lower case; «ДТП …» stays as written.
        misconduct = misconduct[:1].lower() + misconduct[1:]
    text = f"Объявить {kind} {whom} за {misconduct}" if misconduct else f"Объявить {kind} {whom}"
    details = "; ".join(
        p
        for p in (
            f"дата совершения проступка — {long_date(item.misconduct_date)}" if item.misconduct_date else "",
            f"дата обнаружения — {long_date(item.misconduct_discovered_on)}" if item.misconduct_discovered_on else "",
        )
        if p
    )
    if details:
        text += f" ({details})"
    # A long date ends with «г.»: the sentence needs no other full stop.
    explanation = (
        f"Письменное объяснение затребовано {long_date(item.explanation_requested_on)}"
        if item.explanation_requested_on
        else ""
    )
    return fields | {
        "sanction": kind,
        "date_long": _day(item.date),
        "misconduct": item.misconduct.strip(),
        "misconduct_date_long": _day(item.misconduct_date),
        "explanation": explanation,
        "text": text,
    }


_SANCTION_GENITIVE: dict[str, str] = {
    OrderItem.SanctionKind.REMARK: "замечания",
    OrderItem.SanctionKind.REPRIMAND: "выговора",
}


def _sanction_lift(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    """ТК РФ ст. 194 ч. 2: the sanction named by its order, lifted from the item's date on someone's initiative."""
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    lifted = item.lifted_sanction
    kind = str(OrderItem.SanctionKind(lifted.sanction_kind).label) if lifted and lifted.sanction_kind else "взыскание"
    sanction_order = ""
    if lifted is not None:
        sanction_order = f"приказом от {long_date(lifted.order.date)} № {lifted.order.display_number}"
    initiative = str(LiftInitiative(item.lift_initiative).label) if item.lift_initiative else ""
    whom = " ".join(p for p in (fields["position_genitive"], person["name_genitive"]) if p)
    what = "дисциплинарное взыскание"
    if lifted is not None and lifted.sanction_kind in _SANCTION_GENITIVE:
        what += f" в виде {_SANCTION_GENITIVE[lifted.sanction_kind]}"
    text = " ".join(
        p for p in (f"Снять с {whom} {what},", f"объявленное {sanction_order}," if sanction_order else "",
                    f"досрочно с {_day(item.date)}", initiative) if p
    )  # fmt: skip
    return fields | {
        "sanction": kind,
        "sanction_order": sanction_order,
        "sanction_date_long": _day(lifted.date) if lifted else "",
        "initiative": initiative,
        "date_long": _day(item.date),
        "text": text,
    }


def _surname_change(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    new = item.new_last_name.strip()
    whose = " ".join(p for p in (fields["position_genitive"], person["name_genitive"]) if p)
    return fields | {
        "new_last_name": new,
        "date_long": _day(item.date),
        "text": f"Изменить фамилию {whose} на «{new}» с {_day(item.date)}",
    }


def _school_class(item: OrderItem) -> str:
    school_class = item.school_class
    if school_class is None:
        return ""
    return f"{school_class} класса ({school_class.academic_year} учебный год)"


def _class_teacher_appointment(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    allowance = format_rubles(item.monthly_allowance) if item.monthly_allowance is not None else ""
    whom = " ".join(p for p in (fields["position_accusative"], person["name_accusative"]) if p)
    text = f"Назначить {whom} классным руководителем {_school_class(item)} с {_day(item.date)}"
    if allowance:
        text += f" с ежемесячным вознаграждением за классное руководство в размере {allowance}"
    if item.agreement:
        text += f" (дополнительное соглашение {item.agreement})"
    return fields | {
        "school_class": str(item.school_class or ""),
        "date_long": _day(item.date),
        "allowance": allowance,
        "text": text,
    }


def _class_teacher_release(item: OrderItem, data: PrintData, person: dict[str, str]) -> dict[str, str]:
    current = placement(item, data, item.date)
    fields = _unit(current.staffing_unit if current else None)
    whom = " ".join(p for p in (fields["position_accusative"], person["name_accusative"]) if p)
    text = (
        f"Освободить {whom} от классного руководства {_school_class(item)}; последний день классного руководства — "
        f"{_day(item.date)}, выплату вознаграждения за классное руководство прекратить с {_day(item.date + ONE_DAY)}"
    )
    return fields | {"school_class": str(item.school_class or ""), "date_long": _day(item.date), "text": text}


_ITEM_FIELDS: dict[str, Callable[[OrderItem, PrintData, dict[str, str]], dict[str, str]]] = {
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


def item_fields(order: Order, item: OrderItem, data: PrintData, number: int) -> dict[str, str]:
    """Return one item's fields: the person, the kind's own fields and, for free-form orders, its numbered sentence."""
    last_name = item.previous_last_name if order.kind == Kind.SURNAME_CHANGE else None
    person = person_fields(item.employee, last_name=last_name)
    if order.kind == Kind.HIRE and item.personnel_number:
        # A draft hire prints the number the employee is to get; signing gives it to them.
        person["personnel_number"] = item.personnel_number
    fields = person | _ITEM_FIELDS[order.kind](item, data, person)
    fields["number"] = str(number)
    fields["date"] = short_date(item.date)
    fields["basis"] = item.basis.strip()
    if "text" in fields:
        # A free-form order: the item is one numbered paragraph ending with its basis.
        text = f"{number}. {_with_basis(fields['text'], fields['basis'])}"
        fields["text"] = " ".join(p for p in (text, fields.get("explanation", "")) if p)
    return fields
