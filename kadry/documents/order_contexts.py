"""The field data of printed orders: the unified forms Т-1, Т-5, Т-8, Т-11 (and their «а» lists) and free-form orders.

The unified forms are those of Постановление Госкомстата России от 05.01.2004 № 1 «Об утверждении
унифицированных форм первичной учётной документации по учёту труда и его оплаты». Since 2013 they
are not obligatory (Федеральный закон от 06.12.2011 № 402-ФЗ, ст. 9), but schools keep them; the
orders the unified forms do not cover (a sanction, ТК РФ ст. 192–193; a surname change; a class
teacher's appointment or release; a cancellation) are printed as free-form orders.

Loading (``order_for_print``, ``load_print_data``) is kept apart from building (``order_context``):
a fixed number of queries whatever the number of items, and a context of strings only, so the DOCX
template and the HTML twin read it the same way (``{{ item.name_accusative }}``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kadry.core.access import denied_as
from kadry.core.models import Membership, Organisation
from kadry.discipline.models import LiftInitiative
from kadry.documents.contexts import format_rate, format_rubles, organisation_fields
from kadry.employment.grounds import GROUNDS
from kadry.employment.models import Assignment, Contract
from kadry.leave.models import LedgerEntry
from kadry.leave.rules import LEAVE_WORDING
from kadry.leave.services import compensation_on, span
from kadry.lib.dates import long_date, quoted_date, short_date
from kadry.lib.declension import Case, decline_initials, decline_name, gendered
from kadry.lib.duration import plural
from kadry.orders.models import Order, OrderItem
from kadry.staff.declension import employee_name, position_name
from kadry.staff.models import Employee, StaffingUnit

Kind = Order.Kind
BLANK = "__________________"
DRAFT_NUMBER = "ПРОЕКТ"
DIRECTOR_POSITION = "Директор"
ONE_DAY = dt.timedelta(days=1)
EMPLOYMENT_WORDING: dict[str, str] = {
    OrderItem.EmploymentKind.MAIN: "основное место работы",
    OrderItem.EmploymentKind.INTERNAL_PART_TIME: "внутреннее совместительство",
    OrderItem.EmploymentKind.EXTERNAL_PART_TIME: "внешнее совместительство",
}


@dataclass(frozen=True)
class PrintForm:
    """A printed form: the template kind, the unified form's code and ОКУД code, the heading under «ПРИКАЗ»."""

    kind: str
    title: str
    code: str = ""  # «Т-1»; empty for a free-form order
    okud: str = ""  # Общероссийский классификатор управленческой документации (ОК 011-93)

    @property
    def note(self) -> str:
        if not self.code:
            return ""
        return f"Унифицированная форма № {self.code}\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1"


# (order kind, several items?) → form. The ОКУД codes are those printed on the forms of Постановление № 1.
_FORMS: dict[tuple[str, bool], PrintForm] = {
    (Kind.HIRE, False): PrintForm("order_t1", "о приёме работника на работу", "Т-1", "0301001"),
    (Kind.HIRE, True): PrintForm("order_t1a", "о приёме работников на работу", "Т-1а", "0301015"),
    (Kind.TRANSFER, False): PrintForm("order_t5", "о переводе работника на другую работу", "Т-5", "0301004"),
    (Kind.TRANSFER, True): PrintForm("order_t5a", "о переводе работников на другую работу", "Т-5а", "0301018"),
    (Kind.DISMISSAL, False): PrintForm(
        "order_t8", "о прекращении (расторжении) трудового договора с работником (увольнении)", "Т-8", "0301006"
    ),
    (Kind.DISMISSAL, True): PrintForm(
        "order_t8a", "о прекращении (расторжении) трудового договора с работниками (увольнении)", "Т-8а", "0301021"
    ),
    (Kind.AWARD, False): PrintForm("order_t11", "о поощрении работника", "Т-11", "0301026"),
    (Kind.AWARD, True): PrintForm("order_t11a", "о поощрении работников", "Т-11а", "0301027"),
    (Kind.SANCTION, False): PrintForm("order_sanction", "о применении дисциплинарного взыскания"),
    (Kind.SANCTION, True): PrintForm("order_sanction", "о применении дисциплинарных взысканий"),
    (Kind.SURNAME_CHANGE, False): PrintForm("order_surname_change", "об изменении фамилии работника"),
    (Kind.SURNAME_CHANGE, True): PrintForm("order_surname_change", "об изменении фамилий работников"),
    (Kind.CLASS_TEACHER_APPOINTMENT, False): PrintForm("order_class_teacher", "о назначении классного руководителя"),
    (Kind.CLASS_TEACHER_APPOINTMENT, True): PrintForm("order_class_teacher", "о назначении классных руководителей"),
    (Kind.CLASS_TEACHER_RELEASE, False): PrintForm("order_class_teacher", "об освобождении от классного руководства"),
    (Kind.CLASS_TEACHER_RELEASE, True): PrintForm("order_class_teacher", "об освобождении от классного руководства"),
    (Kind.LEAVE, False): PrintForm("order_t6", "о предоставлении отпуска работнику", "Т-6", "0301005"),
    (Kind.LEAVE, True): PrintForm("order_t6a", "о предоставлении отпуска работникам", "Т-6а", "0301019"),
    (Kind.LEAVE_RECALL, False): PrintForm("order_leave_recall", "об отзыве работника из отпуска"),
    (Kind.LEAVE_RECALL, True): PrintForm("order_leave_recall", "об отзыве работников из отпуска"),
    (Kind.BUSINESS_TRIP, False): PrintForm("order_t9", "о направлении работника в командировку", "Т-9", "0301022"),
    (Kind.BUSINESS_TRIP, True): PrintForm("order_t9a", "о направлении работников в командировку", "Т-9а", "0301023"),
    (Kind.SANCTION_LIFT, False): PrintForm("order_sanction_lift", "о снятии дисциплинарного взыскания"),
    (Kind.SANCTION_LIFT, True): PrintForm("order_sanction_lift", "о снятии дисциплинарных взысканий"),
    (Kind.CANCELLATION, False): PrintForm("order_cancellation", "об отмене приказа"),
    (Kind.CANCELLATION, True): PrintForm("order_cancellation", "об отмене приказа"),
}
# Every template kind an order can print with (the shipped DOCX files and the HTML twins).
ORDER_TEMPLATE_KINDS: tuple[str, ...] = tuple(dict.fromkeys(form.kind for form in _FORMS.values()))


def print_form(order: Order, item_count: int) -> PrintForm:
    """Return the form ``order`` prints with: the «а» list form when it has several items."""
    return _FORMS[(order.kind, item_count > 1)]


# --- Loading: a fixed number of queries per order ---

_ITEM_RELATED = (
    "employee",
    "staffing_unit__position",
    "staffing_unit__department",
    "school_class__academic_year",
    "closed_assignment__staffing_unit__position",
    "closed_assignment__staffing_unit__department",
    "lifted_sanction__order__journal",
)


def order_for_print(orders: QuerySet[Order], pk: int) -> Order:
    """Return the order ``pk`` of ``orders`` (already scoped) with what printing reads, or 404."""
    queryset = orders.select_related("organisation", "journal", "signed_by", "cancels__journal").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.select_related(*_ITEM_RELATED).order_by("id")),
        Prefetch("cancels__items", queryset=OrderItem.objects.select_related("employee").order_by("id")),
    )
    with denied_as(Order, pk):
        return get_object_or_404(queryset, pk=pk)


@dataclass
class PrintData:
    """What an order's text needs beyond the order and its items, loaded once for all the items."""

    assignments: list[Assignment] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    leave_entries: list[LedgerEntry] = field(default_factory=list)
    director: str = BLANK


# The kinds whose items name the employee's position without holding a staffing unit of their own,
# and Т-5, which names the previous one.
_NEEDS_ASSIGNMENTS = frozenset(
    {
        Kind.TRANSFER,
        Kind.DISMISSAL,
        Kind.AWARD,
        Kind.SANCTION,
        Kind.SURNAME_CHANGE,
        Kind.CLASS_TEACHER_APPOINTMENT,
        Kind.CLASS_TEACHER_RELEASE,
        Kind.LEAVE,
        Kind.LEAVE_RECALL,
        Kind.BUSINESS_TRIP,
        Kind.SANCTION_LIFT,
    }
)


def order_items(order: Order) -> list[OrderItem]:
    """Return the items the order's text is about: a cancellation's are those of the order it cancels."""
    if order.kind == Kind.CANCELLATION:
        return list(order.cancels.items.all()) if order.cancels is not None else []
    return list(order.items.all())


def load_print_data(order: Order, items: Sequence[OrderItem]) -> PrintData:
    """Load the employees' assignments and contracts the items need, and who signs (at most three queries)."""
    data = PrintData()
    employee_ids = {item.employee_id for item in items}
    if order.kind in _NEEDS_ASSIGNMENTS and employee_ids:
        data.assignments = list(
            Assignment.objects.filter(organisation_id=order.organisation_id, employee_id__in=employee_ids)
            .select_related("staffing_unit__position", "staffing_unit__department")
            .order_by("start", "id")
        )
    if order.kind == Kind.DISMISSAL and employee_ids:
        data.contracts = list(
            Contract.objects.filter(organisation_id=order.organisation_id, employee_id__in=employee_ids).order_by(
                "start", "id"
            )
        )
    if order.kind in (Kind.LEAVE, Kind.DISMISSAL) and items:
        data.leave_entries = list(
            LedgerEntry.objects.filter(order_item__in=[item.pk for item in items]).order_by("start", "id")
        )
    data.director = signer_name(order)
    return data


def _initials_first(employee: Employee) -> str:
    try:
        return decline_initials(
            employee.last_name, employee.first_name, employee.middle_name, sex=employee.sex, initials_first=True
        )
    except ValueError:
        return employee.short_name


def signer_name(order: Order) -> str:
    """Return «М. П. Петрова», the head who signs the order, for the line «Руководитель организации».

    A signed order names who signed it: the employee linked to their membership here, else the name of
    their user account. A draft names the organisation's director (the director's membership linked to
    an employee). A blank line when none is known.
    """
    signer = order.signed_by
    wanted = Q(role=Membership.Role.DIRECTOR) if signer is None else Q(user=signer)
    membership = (
        Membership.objects.filter(wanted, organisation_id=order.organisation_id, is_active=True, employee__isnull=False)
        .select_related("employee")
        # The signer's director membership first, when they hold several here.
        .order_by(models.Case(models.When(role=Membership.Role.DIRECTOR, then=0), default=1), "id")
        .first()
    )
    if membership is not None and membership.employee is not None:  # the filter asked for one
        return _initials_first(membership.employee)
    if signer is not None and signer.last_name:
        initial = f"{signer.first_name.strip()[:1]}. " if signer.first_name.strip() else ""
        return f"{initial}{signer.last_name}"
    return BLANK


def _covering(rows: Iterable[Any], on: dt.date) -> list[Any]:
    return [row for row in rows if row.start <= on and (row.end is None or row.end >= on)]


def placement(item: OrderItem, data: PrintData, on: dt.date) -> Assignment | None:
    """Return the employee's position the item speaks of on ``on``: the one it ended, else the main one held.

    Falls back on the latest one begun before ``on`` (a draft about someone whose job has already ended).
    """
    if item.closed_assignment_id:
        return item.closed_assignment
    own = [a for a in data.assignments if a.employee_id == item.employee_id and a.order_item_id != item.pk]
    held = _covering(own, on)
    if held:
        return min(held, key=lambda a: (a.kind, a.start))
    earlier = [a for a in own if a.start <= on]
    return earlier[-1] if earlier else None


def contract_of(item: OrderItem, data: PrintData, kind: str | None) -> Contract | None:
    """Return the employment contract the dismissal ends: the one in force on its date, of the same kind of work."""
    own = [c for c in data.contracts if c.employee_id == item.employee_id]
    covering = _covering(own, item.date)
    same_kind = [c for c in covering if kind is None or c.kind == kind]
    chosen = same_kind or covering or [c for c in own if c.start <= item.date]
    return chosen[-1] if chosen else None


# --- Building ---


def _day(value: dt.date | None) -> str:
    return long_date(value) if value else ""


def _name(employee: Employee, case: Case) -> str:
    try:
        return employee_name(employee, case)
    except ValueError:  # no sex on the card: the name as written
        return employee.full_name


def _person(employee: Employee, *, last_name: str | None = None) -> dict[str, str]:
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
    person = _person(item.employee, last_name=last_name)
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


def _cancellation_paragraphs(order: Order, people: list[dict[str, str]]) -> list[str]:
    target = order.cancels
    if target is None:
        return ["1. Отменить приказ."]
    names = ", ".join(person["name_genitive"] for person in people)
    about = f" в отношении {names}" if names else ""
    title = _FORMS[(target.kind, len(people) > 1)].title
    text = f"1. Отменить приказ от {long_date(target.date)} № {target.display_number} «{title[:1].upper()}{title[1:]}»{about}."
    return [text, "2. Внести соответствующие изменения в кадровые документы работников."]


def order_context(
    order: Order, items: Sequence[OrderItem], data: PrintData, *, organisation: Organisation
) -> dict[str, Any]:
    """Return the data of the printed order: the header, the items (or the paragraphs of a free-form order), the signatures."""
    form = print_form(order, len(items))
    if order.kind == Kind.CANCELLATION:
        rows = [_person(item.employee) | {"number": str(n)} for n, item in enumerate(items, start=1)]
        paragraphs = _cancellation_paragraphs(order, rows)
        title = form.title
        if order.cancels is not None:
            title = f"об отмене приказа от {short_date(order.cancels.date)} № {order.cancels.display_number}"
    else:
        rows = [item_fields(order, item, data, n) for n, item in enumerate(items, start=1)]
        paragraphs = [row["text"] for row in rows if row.get("text")]
        title = form.title
    if order.kind == Kind.SURNAME_CHANGE and rows:
        paragraphs.append(
            f"{len(rows) + 1}. Внести изменения в личные карточки (форма Т-2) и сведения о трудовой деятельности "
            f"{'работников' if len(rows) > 1 else 'работника'}."
        )
    preamble = ""
    if order.kind == Kind.SANCTION:
        preamble = "В соответствии со статьями 192 и 193 Трудового кодекса Российской Федерации,"
    elif order.kind == Kind.SANCTION_LIFT:
        preamble = "В соответствии с частью второй статьи 194 Трудового кодекса Российской Федерации,"
    elif order.kind == Kind.CANCELLATION and order.note.strip():
        preamble = order.note.strip().removesuffix(".").removesuffix(",") + ","
    org = organisation_fields(organisation)
    # ОКПО where the organisation keeps it (the field is not in the organisation's card yet).
    org["okpo"] = str(getattr(organisation, "okpo", "") or "")
    first = rows[0] if rows else {}
    return {
        "organisation": org,
        "form": {"code": form.code, "okud": form.okud, "note": form.note, "title": title},
        "order": {
            "number": order.display_number if order.number is not None else DRAFT_NUMBER,
            "is_draft": "yes" if order.number is None else "",
            "date": short_date(order.date),
            "date_long": long_date(order.date),
            "date_quoted": quoted_date(order.date),
            "note": order.note,
        },
        "items": rows,
        "item": first,
        "acquainted": f"С приказом (распоряжением) работник {first.get('acquainted', 'ознакомлен(а)')}",
        "preamble": preamble,
        "paragraphs": paragraphs,
        "director": {"position": DIRECTOR_POSITION, "name": data.director},
    }
