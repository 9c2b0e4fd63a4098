"""What each kind of order is for the people who draft it: its card in the wizard (title, unified form,
hint), whether it lists several employees, the fields of its item in order and what its dates mean."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from kadry.orders.models import Order

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Kind = Order.Kind


@dataclass(frozen=True)
class KindCard:
    """How the wizard presents a kind of order."""

    title: str
    form: str  # the unified form (Постановление Госкомстата № 1 от 05.01.2004), or «произвольная форма»
    hint: str


KIND_CARDS: dict[str, KindCard] = {
    Kind.HIRE: KindCard("Приём на работу", "Т-1, Т-1а", "Принять одного или нескольких сотрудников на штатные единицы"),
    Kind.TRANSFER: KindCard("Перевод", "Т-5, Т-5а", "Перевести на другую должность или ставку, в том числе временно"),
    Kind.DISMISSAL: KindCard("Увольнение", "Т-8, Т-8а", "Прекратить трудовой договор по основанию ТК РФ"),
    Kind.AWARD: KindCard("Поощрение", "Т-11, Т-11а", "Благодарность, грамота, премия"),
    Kind.SANCTION: KindCard(
        "Дисциплинарное взыскание", "произвольная форма", "Замечание или выговор (ТК РФ ст. 192–193)"
    ),
    Kind.SURNAME_CHANGE: KindCard("Изменение фамилии", "произвольная форма", "По свидетельству о браке и т. п."),
    Kind.CLASS_TEACHER_APPOINTMENT: KindCard(
        "Назначение классных руководителей", "произвольная форма", "Классное руководство и вознаграждение за него"
    ),
    Kind.CLASS_TEACHER_RELEASE: KindCard(
        "Освобождение от классного руководства", "произвольная форма", "Прекратить классное руководство"
    ),
    Kind.LEAVE: KindCard("Отпуск", "Т-6, Т-6а", "Ежегодный, дополнительный, без сохранения заработной платы и другие"),
    Kind.LEAVE_RECALL: KindCard("Отзыв из отпуска", "произвольная форма", "С согласия работника (ТК РФ ст. 125)"),
    Kind.BUSINESS_TRIP: KindCard("Командировка", "Т-9, Т-9а", "Направить одного или нескольких сотрудников в поездку"),
    Kind.SANCTION_LIFT: KindCard(
        "Снятие взыскания", "произвольная форма", "Снять дисциплинарное взыскание до истечения года (ТК РФ ст. 194)"
    ),
    Kind.CANCELLATION: KindCard(
        "Отмена приказа", "произвольная форма", "Отменить подписанный приказ и его последствия"
    ),
}

# Kinds with a list form (Т-1а, Т-5а, Т-8а, Т-11а) and the lists of class teachers; the others
# concern one employee each.
MULTIPLE_ITEMS = frozenset(
    {
        Kind.HIRE,
        Kind.TRANSFER,
        Kind.DISMISSAL,
        Kind.AWARD,
        Kind.CLASS_TEACHER_APPOINTMENT,
        Kind.CLASS_TEACHER_RELEASE,
        Kind.LEAVE,
        Kind.BUSINESS_TRIP,
        Kind.SANCTION_LIFT,
    }
)
ONE_ITEM_ONLY = _("В приказе этого вида — один сотрудник. Для другого сотрудника подготовьте отдельный приказ.")

# The fields of an item of each kind, in the order the form shows them.
ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.HIRE: (
        "employee",
        "personnel_number",
        "date",
        "staffing_unit",
        "rate",
        "employment_kind",
        "contract_term",
        "end_date",
        "fixed_term_reason",
        "contract_number",
        "contract_date",
        "probation_months",
        "basis",
    ),
    Kind.TRANSFER: ("employee", "date", "staffing_unit", "rate", "employment_kind", "end_date", "basis"),
    Kind.DISMISSAL: ("employee", "date", "dismissal_ground", "statement_date", "by_agreement", "basis"),
    Kind.AWARD: ("employee", "date", "award", "basis"),
    Kind.SANCTION: (
        "employee",
        "date",
        "sanction_kind",
        "misconduct",
        "misconduct_date",
        "misconduct_discovered_on",
        "explanation_requested_on",
        "basis",
    ),
    Kind.SURNAME_CHANGE: ("employee", "date", "new_last_name", "basis"),
    Kind.CLASS_TEACHER_APPOINTMENT: ("employee", "date", "school_class", "monthly_allowance", "agreement"),
    Kind.CLASS_TEACHER_RELEASE: ("employee", "date", "school_class"),
    Kind.LEAVE: ("employee", "date", "leave_kind", "leave_days", "leave_additional_days", "basis"),
    Kind.LEAVE_RECALL: ("employee", "date", "basis"),
    Kind.BUSINESS_TRIP: ("employee", "date", "end_date", "destination", "purpose", "basis"),
    Kind.SANCTION_LIFT: ("employee", "date", "lifted_sanction", "lift_initiative", "basis"),
}

# The item's date means something different in each kind.
DATE_LABELS: dict[str, StrOrPromise] = {
    Kind.HIRE: _("Дата начала работы"),
    Kind.TRANSFER: _("Дата перевода"),
    Kind.DISMISSAL: _("Дата увольнения"),
    Kind.AWARD: _("Дата поощрения"),
    Kind.SANCTION: _("Дата взыскания"),
    Kind.SURNAME_CHANGE: _("Дата изменения фамилии"),
    Kind.CLASS_TEACHER_APPOINTMENT: _("Классное руководство с"),
    Kind.CLASS_TEACHER_RELEASE: _("Последний день классного руководства"),
    Kind.LEAVE: _("Дата начала отпуска"),
    Kind.LEAVE_RECALL: _("Первый день работы после отзыва"),
    Kind.BUSINESS_TRIP: _("Первый день командировки"),
    Kind.SANCTION_LIFT: _("Взыскание снимается с"),
}
END_DATE_LABELS: dict[str, StrOrPromise] = {
    Kind.HIRE: _("Окончание срочного договора"),
    Kind.TRANSFER: _("Окончание временного перевода"),
    Kind.BUSINESS_TRIP: _("Последний день командировки"),
}
# Messages for the two fields every item needs.
ALWAYS_REQUIRED: dict[str, StrOrPromise] = {"employee": _("Выберите сотрудника."), "date": _("Укажите дату.")}
