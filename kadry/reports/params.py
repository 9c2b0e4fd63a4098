"""The reports' input (a date, a month, quarter or year, a period): parsed once for the pages and the API.

Each parser returns the values and the errors keyed by the field, in Russian; the API answers them
with 422, a page shows them and falls back to the default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kadry.lib.calendar import FIRST_YEAR

Errors = dict[str, list[str]]
# A movement report by months over more years than this is not a page but a job.
MAX_PERIOD_YEARS = 10
DATE_FORMAT = "Укажите дату в виде ГГГГ-ММ-ДД, например 2026-09-01."


def _date(value: str | None, field: str, errors: Errors) -> dt.date | None:
    if not value:
        errors[field] = ["Обязательное поле: " + DATE_FORMAT[0].lower() + DATE_FORMAT[1:]]
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        errors[field] = [DATE_FORMAT]
        return None
    last_year = timezone.localdate().year + 1
    if not FIRST_YEAR <= day.year <= last_year:
        errors[field] = [f"Отчёты строятся за {FIRST_YEAR}–{last_year} годы."]
        return None
    return day


def on_date(value: str | None, default: dt.date) -> tuple[dt.date, Errors]:
    """Return the date of ``?on=`` (``default`` when absent), and its errors."""
    errors: Errors = {}
    if not value:
        return default, errors
    day = _date(value, "on", errors)
    return day or default, errors


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None
    quarter: int | None = None


def _int(value: str | None, field: str, low: int, high: int, message: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        errors[field] = [message]
        return None
    if not low <= number <= high:
        errors[field] = [message]
        return None
    return number


def period(year: str | None, month: str | None, quarter: str | None, today: dt.date) -> tuple[Period, Errors]:
    """Return the month, quarter or year asked for (this year when none is), and the errors."""
    errors: Errors = {}
    last_year = today.year + 1
    chosen_year = _int(year, "year", FIRST_YEAR, last_year, f"Год — число от {FIRST_YEAR} до {last_year}.", errors)
    chosen_month = _int(month, "month", 1, 12, "Месяц — число от 1 до 12.", errors)
    chosen_quarter = _int(quarter, "quarter", 1, 4, "Квартал — число от 1 до 4.", errors)
    if chosen_month and chosen_quarter:
        errors["quarter"] = ["Укажите либо месяц, либо квартал."]
        chosen_quarter = None
    return Period(chosen_year or today.year, chosen_month, chosen_quarter), errors


def date_range(first: str | None, last: str | None) -> tuple[tuple[dt.date, dt.date] | None, Errors]:
    """Return the period from ``first`` to ``last`` (both required, both included), and the errors."""
    errors: Errors = {}
    start, end = _date(first, "from", errors), _date(last, "to", errors)
    if start and end:
        if end < start:
            errors["to"] = ["Конец периода раньше его начала."]
        elif end.year - start.year > MAX_PERIOD_YEARS:
            errors["to"] = [f"Период — не длиннее {MAX_PERIOD_YEARS} лет."]
    if errors or start is None or end is None:
        return None, errors
    return (start, end), errors
