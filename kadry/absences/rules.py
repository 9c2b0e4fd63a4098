"""What an absence means, as data with its source, and the checks of a new absence. No database.

Each kind of absence (``Absence.Kind``) has an effect on four things the other sections compute:
the working year that earns annual leave, the insurance and the pedagogical length of service, the
code of the timesheet Т-13, and the month of ТК РФ ст. 193 within which a sanction may be applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kadry.employment.rules import sick_pay_percent
from kadry.lib.duration import Duration, Period

ONE_DAY = dt.timedelta(days=1)

# The values are those of ``Absence.Kind`` and ``Absence.SickReason``: rules never import models.
SICK, BUSINESS_TRIP, UNEXCUSED, UNKNOWN, LATENESS = "sick", "business_trip", "unexcused", "unknown", "lateness"
OWN_ILLNESS, FAMILY_CARE, WORK_INJURY, PREGNANCY = "own_illness", "family_care", "work_injury", "pregnancy"


class Counts(StrEnum):
    YES = "yes"
    NO = "no"
    # A no-show whose reason is not known yet: it counts or not once the reason is found out.
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"yes": "засчитывается", "no": "не засчитывается", "pending": "решается, когда выяснится причина"}[self]


@dataclass(frozen=True)
class Code:
    """A code of the timesheet: the letter and the number of the unified form Т-13."""

    letter: str
    number: str

    def __str__(self) -> str:
        return f"{self.letter}/{self.number}"


# Постановление Госкомстата России от 05.01.2004 № 1, форма Т-13, «Условные обозначения».
WORKED = Code("Я", "01")  # продолжительность работы в дневное время
TRIP = Code("К", "06")  # служебная командировка
MATERNITY = Code("Р", "14")  # отпуск по беременности и родам
SICK_PAID = Code("Б", "19")  # временная нетрудоспособность с назначением пособия
SICK_UNPAID = Code("Т", "20")  # временная нетрудоспособность без назначения пособия
TRUANCY = Code("ПР", "24")  # прогулы
NO_SHOW = Code("НН", "30")  # неявки по невыясненным причинам (до выяснения обстоятельств)


# The leaves of the ledger (``kadry.leave.models.LeaveKind``) as the periods they cover, in the codes of Т-13.
LEAVE_CODES: dict[str, Code] = {
    "annual": Code("ОТ", "09"),  # ежегодный основной оплачиваемый отпуск
    "additional": Code("ОД", "10"),  # ежегодный дополнительный оплачиваемый отпуск
    "study": Code("У", "11"),  # учебный с сохранением среднего заработка (ТК РФ ст. 173–176); без него — УД/13
    "maternity": MATERNITY,
    "childcare": Code("ОЖ", "15"),  # по уходу за ребёнком до трёх лет
    "unpaid": Code("ДО", "16"),  # без сохранения заработной платы по разрешению работодателя (ТК РФ ст. 128 ч. 1)
    # До одного года (ТК РФ ст. 335): без сохранения заработной платы в случаях, предусмотренных законодательством.
    "long": Code("ОЗ", "17"),
}


@dataclass(frozen=True)
class Effect:
    """What one kind of absence does to the working year, the lengths of service, the timesheet, the discipline terms."""

    working_year: Counts
    working_year_source: str
    insurance_service: Counts
    insurance_service_source: str
    pedagogical_service: Counts
    pedagogical_service_source: str
    code: Code
    code_source: str
    # ТК РФ ст. 193 ч. 3: the month from the discovery of a misconduct does not run during the
    # employee's illness or leave.
    suspends_discipline_month: bool
    opens_discipline_case: bool
    discipline_source: str


T13 = "Постановление Госкомстата России от 05.01.2004 № 1, форма Т-13"
ART_121_KEPT = "ТК РФ ст. 121 ч. 1: время, когда работник не работал, но за ним сохранялось место работы"
ART_121_TRUANCY = "ТК РФ ст. 121 ч. 2: время отсутствия на работе без уважительных причин не включается"
ART_121_PENDING = "ТК РФ ст. 121 ч. 2: исключается, только если причина окажется неуважительной"
INSURANCE = (
    "Приказ Минтруда России от 09.09.2020 № 585н, п. 2: период работы по трудовому договору засчитывается "
    "целиком, от приёма до увольнения"
)
PEDAGOGICAL_SICK = (
    "Правила, утв. Постановлением Правительства РФ от 11.07.2002 № 516, п. 5: включаются периоды "
    "получения пособия по государственному социальному страхованию в период временной нетрудоспособности"
)
PEDAGOGICAL_KEPT = "Правила № 516 п. 4, ТК РФ ст. 167: за командированным сохраняются место работы и средний заработок"
PEDAGOGICAL_TRUANCY = "Правила № 516 п. 4: засчитывается только работа, выполнявшаяся в течение рабочего дня"
DISCIPLINE_ILLNESS = "ТК РФ ст. 193 ч. 3: месяц не считая времени болезни работника"
DISCIPLINE_NOT = "ТК РФ ст. 193 ч. 3 называет только болезнь и отпуск: командировка срок не прерывает"
DISCIPLINE_CASE = "ТК РФ ст. 192, 193; ст. 81 ч. 1 п. 6 «а»: прогул — дисциплинарный проступок"

EFFECTS: dict[str, Effect] = {
    SICK: Effect(
        Counts.YES, ART_121_KEPT, Counts.YES, INSURANCE, Counts.YES, PEDAGOGICAL_SICK,
        SICK_PAID, f"{T13}: Б/19 с назначением пособия, Т/20 без него", True, False, DISCIPLINE_ILLNESS,
    ),
    BUSINESS_TRIP: Effect(
        Counts.YES, ART_121_KEPT, Counts.YES, INSURANCE, Counts.YES, PEDAGOGICAL_KEPT,
        TRIP, T13, False, False, DISCIPLINE_NOT,
    ),
    UNEXCUSED: Effect(
        Counts.NO, ART_121_TRUANCY, Counts.YES, INSURANCE, Counts.NO, PEDAGOGICAL_TRUANCY,
        TRUANCY, T13, False, True, DISCIPLINE_CASE,
    ),
    UNKNOWN: Effect(
        Counts.PENDING, ART_121_PENDING, Counts.YES, INSURANCE, Counts.PENDING, PEDAGOGICAL_TRUANCY,
        NO_SHOW, T13, False, False, "ТК РФ ст. 193 ч. 1: сначала — письменное объяснение причины неявки",
    ),
    LATENESS: Effect(
        Counts.YES, "ТК РФ ст. 121 ч. 1: день отработан", Counts.YES, INSURANCE, Counts.YES,
        "Правила № 516 п. 4: день отработан", WORKED, f"{T13}: Я/01 с отработанными часами", False, True,
        "ТК РФ ст. 189, 192: опоздание — нарушение правил внутреннего трудового распорядка",
    ),
}  # fmt: skip


def effect_of(kind: str) -> Effect:
    return EFFECTS[kind]


def timesheet_code(kind: str, sick_reason: str = "", *, with_benefit: bool = True) -> Code:
    """Return the Т-13 code of a day of an absence.

    A sick leave for pregnancy and birth is a maternity leave (ТК РФ ст. 255): Р/14. A sick leave for
    which no benefit is due (255-ФЗ ст. 9: e.g. during an unpaid leave, beyond the paid days of care) is Т/20.
    """
    if kind == SICK:
        if sick_reason == PREGNANCY:
            return MATERNITY
        return SICK_PAID if with_benefit else SICK_UNPAID
    return EFFECTS[kind].code


@dataclass(frozen=True)
class SickPay:
    """The sick-pay rate of a sick leave: ``percent`` of average earnings, ``later_percent`` from day ``later_from``."""

    percent: int
    source: str
    later_percent: int | None = None
    later_from: int | None = None  # the calendar day of the leave from which ``later_percent`` applies
    # 255-ФЗ ст. 7 ч. 6: with less than six months of insurance length, the benefit of a full month is
    # at most the minimum wage (a limit on the amount, left to payroll).
    capped_at_minimum_wage: bool = False

    def __str__(self) -> str:
        text = f"{self.percent} %"
        if self.later_percent is not None:
            text += f" за первые {(self.later_from or 1) - 1} дней, далее {self.later_percent} %"
        return text


CHILD_AGE_FULL_PAY = 8  # 255-ФЗ ст. 7 ч. 3 п. 1 (Федеральный закон от 26.05.2021 № 151-ФЗ, с 01.09.2021)
CHILD_CARE_SCALE_DAYS = 10  # 255-ФЗ ст. 7 ч. 3 п. 2


def sick_pay(reason: str, insurance: Duration, *, child_age: int | None = None, outpatient: bool = True) -> SickPay:
    """Return the sick-pay rate for ``reason`` and the insurance length of service.

    - own illness: 255-ФЗ ст. 7 ч. 1 — 60 % under 5 years, 80 % from 5 to 8, 100 % from 8 years;
    - care of a child under 8: 100 % whatever the length (ст. 7 ч. 3 п. 1); of an older child treated
      at home: the scale for the first 10 days, 50 % from the 11th (ст. 7 ч. 3 п. 2); in hospital, the
      scale (ст. 7 ч. 3 п. 3); of another member of the family: the scale (ст. 7 ч. 4);
    - injury at work: 100 % (Федеральный закон от 24.07.1998 № 125-ФЗ, ст. 9 ч. 1);
    - pregnancy and birth: 100 % (255-ФЗ ст. 11 ч. 1).
    """
    capped = insurance < Duration(0, 6)
    scale = sick_pay_percent(insurance)
    if reason == WORK_INJURY:
        return SickPay(100, "125-ФЗ ст. 9 ч. 1")
    if reason == PREGNANCY:
        return SickPay(100, "255-ФЗ ст. 11 ч. 1", capped_at_minimum_wage=capped)
    if reason == FAMILY_CARE and child_age is not None:
        if child_age < CHILD_AGE_FULL_PAY:
            return SickPay(100, "255-ФЗ ст. 7 ч. 3 п. 1")
        if outpatient:
            return SickPay(scale, "255-ФЗ ст. 7 ч. 3 п. 2", 50, CHILD_CARE_SCALE_DAYS + 1, capped)
        return SickPay(scale, "255-ФЗ ст. 7 ч. 3 п. 3", capped_at_minimum_wage=capped)
    if reason == FAMILY_CARE:
        return SickPay(scale, "255-ФЗ ст. 7 ч. 4", capped_at_minimum_wage=capped)
    return SickPay(scale, "255-ФЗ ст. 7 ч. 1", capped_at_minimum_wage=capped)


# The number of an electronic sick-leave certificate: 12 digits (Приказ Минздрава России от
# 23.11.2021 № 1089н, п. 8: the certificate is identified by its unique number).
SICK_LEAVE_NUMBER = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class Other:
    """Another absence of the same employee, as the checks need it."""

    pk: int
    kind: str
    start: dt.date
    end: dt.date
    number: str = ""


def _overlaps(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> bool:
    return a_start <= b_end and b_start <= a_end


def _employed(periods: Iterable[Period], day: dt.date) -> bool:
    return any(p.start <= day and (p.end is None or day <= p.end) for p in periods)


def absence_errors(
    *,
    kind: str,
    start: dt.date,
    end: dt.date,
    number: str = "",
    reason: str = "",
    minutes_late: int | None = None,
    continues: Other | None = None,
    others: Sequence[Other] = (),
    employment: Sequence[Period] = (),
) -> dict[str, str]:
    """Return the Russian messages by field of what is wrong with an absence; empty when it is right.

    ``others`` are the employee's other absences (the one being corrected left out), ``employment``
    the periods of the employee's assignments in the organisation.
    """
    errors: dict[str, str] = {}
    if end < start:
        errors["end"] = "Дата окончания раньше даты начала."
        return errors
    if kind == LATENESS:
        if end != start:
            errors["end"] = "Опоздание отмечается одним днём."
        if not minutes_late:
            errors["minutes_late"] = "Укажите, на сколько минут опоздал сотрудник."
    if kind == SICK:
        if not SICK_LEAVE_NUMBER.match(number):
            errors["sick_leave_number"] = "Номер электронного листка нетрудоспособности — 12 цифр."
        elif any(other.number == number for other in others if other.kind == SICK):
            errors["sick_leave_number"] = "Листок с этим номером уже внесён."
        if not reason:
            errors["sick_reason"] = "Укажите причину нетрудоспособности."
        if continues is not None and continues.end + ONE_DAY != start:
            # A continuation sheet opens the day after the sheet it continues closes (Приказ № 1089н, п. 27).
            errors["start"] = (
                f"Продолжение начинается на следующий день после окончания листка: {continues.end + ONE_DAY:%d.%m.%Y}."
            )
    elif continues is not None:
        errors["continues"] = "Продолжением может быть только листок нетрудоспособности."
    clash = next((o for o in others if _overlaps(start, end, o.start, o.end)), None)
    if clash is not None and "start" not in errors:
        errors["start"] = f"Пересекается с другой неявкой сотрудника: {clash.start:%d.%m.%Y}–{clash.end:%d.%m.%Y}."
    for field, day in (("start", start), ("end", end)):
        if field in errors or _employed(employment, day):
            continue
        left = max((p.end for p in employment if p.end is not None and p.end < day), default=None)
        left_text = (
            f"Сотрудник уволен {left:%d.%m.%Y}" if left else "Сотрудник ещё не работал в организации в этот день"
        )
        if kind == SICK and left is not None:
            # 255-ФЗ ст. 7 ч. 2: the benefit for 30 days after dismissal is paid, but it is no absence from work.
            errors[field] = f"{left_text}: листок на дни после увольнения в неявки не вносится."
        else:
            errors[field] = f"{left_text}: неявка вносится только на дни работы."
        break
    return errors


def overlapping_leaves(start: dt.date, end: dt.date, leaves: Iterable[Period]) -> list[Period]:
    """Return the annual leaves an illness from ``start`` to ``end`` falls into (ТК РФ ст. 124 ч. 1)."""
    return [leave for leave in leaves if leave.end is not None and _overlaps(start, end, leave.start, leave.end)]


def days_inside(start: dt.date, end: dt.date, leave: Period) -> int:
    """Return how many days of an illness lie inside a leave: the days by which the leave is extended or moved."""
    assert leave.end is not None
    first, last = max(start, leave.start), min(end, leave.end)
    return max(0, (last - first).days + 1)
