"""What an order item must hold to be signed. Pure functions of plain values."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from kadry.employment.hiring_rules import resignation_errors
from kadry.lib.calendar import is_working_day

# The dismissal ground «по инициативе работника» (ТК РФ ст. 77 ч. 1 п. 3, ст. 80).
AT_EMPLOYEES_REQUEST = "77-1-3"

# Fields each kind of item needs, with the message shown on the field when it is empty.
REQUIRED: dict[str, dict[str, str]] = {
    "hire": {
        "staffing_unit": "Выберите штатную единицу.",
        "rate": "Укажите ставку.",
        "employment_kind": "Укажите вид работы.",
        "contract_term": "Укажите, бессрочный или срочный договор.",
        "contract_number": "Укажите номер трудового договора.",
        "contract_date": "Укажите дату трудового договора.",
    },
    "transfer": {"staffing_unit": "Выберите новую штатную единицу.", "rate": "Укажите ставку."},
    "dismissal": {"dismissal_ground": "Выберите основание увольнения.", "basis": "Укажите основание (документ)."},
    "award": {"award": "Укажите вид поощрения."},
    "sanction": {
        "sanction_kind": "Выберите взыскание.",
        "misconduct": "Опишите проступок.",
        "misconduct_date": "Укажите дату проступка.",
        "misconduct_discovered_on": "Укажите дату обнаружения проступка.",
        "explanation_requested_on": "Укажите, когда затребовано письменное объяснение (ТК РФ ст. 193).",
    },
    "surname_change": {"new_last_name": "Укажите новую фамилию.", "basis": "Укажите документ-основание."},
    "class_teacher_appointment": {
        "school_class": "Выберите класс.",
        "monthly_allowance": "Укажите ежемесячное вознаграждение.",
    },
    "class_teacher_release": {"school_class": "Выберите класс."},
    "leave": {"leave_kind": "Выберите вид отпуска.", "leave_days": "Укажите число календарных дней."},
    "leave_recall": {"basis": "Укажите основание (согласие работника, ТК РФ ст. 125)."},
}


def missing_fields(kind: str, values: dict[str, object]) -> dict[str, str]:
    """Return ``{field: message}`` for the fields ``kind`` needs that are empty in ``values``."""
    return {name: message for name, message in REQUIRED.get(kind, {}).items() if values.get(name) in (None, "")}


def fixed_term_errors(*, term: str, start: dt.date, end: dt.date | None, reason: str) -> dict[str, str]:
    """ТК РФ ст. 58–59: a fixed-term contract states its end (at most five years on) and its ground."""
    if term != "fixed":
        return {}
    errors = {}
    if end is None:
        errors["end_date"] = "У срочного договора должна быть дата окончания."
    elif end < start:
        errors["end_date"] = "Дата окончания раньше даты начала работы."
    elif end > start + relativedelta(years=5):
        errors["end_date"] = "Срочный договор заключается не более чем на пять лет (ТК РФ ст. 58)."
    if not reason.strip():
        errors["fixed_term_reason"] = "Укажите основание срочного договора (ТК РФ ст. 59)."
    return errors


def dismissal_errors(
    *, ground: str, statement_date: dt.date | None, dismissal_date: dt.date, by_agreement: bool
) -> dict[str, str]:
    """Return ``{field: message}`` of a dismissal item; at the employee's request ТК РФ ст. 80 applies."""
    if ground != AT_EMPLOYEES_REQUEST:
        return {}
    return resignation_errors(statement_date=statement_date, dismissal_date=dismissal_date, by_agreement=by_agreement)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Return the working days after ``start`` up to and including ``end``."""
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        days += is_working_day(day)
    return days


def sanction_errors(
    *, order_date: dt.date, misconduct_date: dt.date, discovered_on: dt.date, explanation_requested_on: dt.date
) -> dict[str, str]:
    """ТК РФ ст. 193: the terms for applying a disciplinary sanction.

    - an explanation is requested first; the sanction may follow once two working days have passed;
    - not later than one month from the day the misconduct was discovered;
    - not later than six months from the day it was committed.
    (Periods of illness and leave extend the month; they are not tracked yet, so the month is checked
    as a calendar month and the HR inspector is told why when it is exceeded.)
    """
    errors = {}
    if discovered_on < misconduct_date:
        errors["misconduct_discovered_on"] = "Проступок не мог быть обнаружен раньше, чем совершён."
    if explanation_requested_on < misconduct_date:
        errors["explanation_requested_on"] = "Объяснение не могли затребовать до проступка."
    elif working_days_between(explanation_requested_on, order_date) < 2:
        errors["explanation_requested_on"] = (
            "Взыскание применяется не ранее чем через два рабочих дня после того, как затребовано объяснение (ТК РФ ст. 193)."
        )
    if order_date > discovered_on + relativedelta(months=1):
        errors["misconduct_discovered_on"] = (
            "Прошло больше месяца со дня обнаружения проступка (ТК РФ ст. 193; время болезни и отпуска не учтено)."
        )
    if order_date > misconduct_date + relativedelta(months=6):
        errors["misconduct_date"] = "Прошло больше шести месяцев со дня проступка (ТК РФ ст. 193)."
    return errors
