"""What an order item must hold to be signed. Pure functions of plain values."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from kadry.employment.hiring_rules import resignation_errors

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
    "business_trip": {
        "end_date": "Укажите последний день командировки.",
        "destination": "Укажите место назначения (страна, город, организация).",
        "purpose": "Укажите цель командировки.",
        "basis": "Укажите основание (служебное задание, приглашение и т. п.).",
    },
    # ТК РФ ст. 194 ч. 2: by the employer's own initiative, the employee's request, the petition of the
    # immediate manager or of the employees' representative body.
    "sanction_lift": {
        "lifted_sanction": "Выберите снимаемое взыскание (пункт подписанного приказа о взыскании).",
        "lift_initiative": "Укажите, по чьей инициативе снимается взыскание (ТК РФ ст. 194 ч. 2).",
        "basis": "Укажите основание (заявление работника, ходатайство, служебная записка).",
    },
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
