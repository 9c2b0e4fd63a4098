"""Dates as Russian documents write them: «21 ноября 2026 г.», «"21" ноября 2026 г.», 21.11.2026; ages."""

from __future__ import annotations

import calendar
import datetime as dt

# Month names in the genitive: a date names the day «of» the month.
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Nominative month names, for periods («за ноябрь 2026 г.» is built by the caller).
MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def month_genitive(month: int) -> str:
    """Return the month's name in the genitive: 11 → «ноября»."""
    return MONTHS_GENITIVE[month - 1]


def long_date(day: dt.date) -> str:
    """Return «21 ноября 2026 г.» (the day without a leading zero)."""
    return f"{day.day} {month_genitive(day.month)} {day.year} г."


def quoted_date(day: dt.date) -> str:
    """Return «"21" ноября 2026 г.», the date line of the unified forms (the day in two digits)."""
    return f'"{day.day:02d}" {month_genitive(day.month)} {day.year} г.'


def short_date(day: dt.date | None) -> str:
    """Return «21.11.2026», or an empty string for no date."""
    return "" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Return the full years of a person born on ``birth_date`` on ``day``.

    Someone born on 29 February has the birthday on 28 February in other years (ГК РФ ст. 192 ч. 3:
    a term ends on the last day of a month without the date), as dateutil's relativedelta counts it.
    """
    anniversary = (birth_date.month, birth_date.day)
    if anniversary == (2, 29) and not calendar.isleap(day.year):
        anniversary = (2, 28)
    return day.year - birth_date.year - ((day.month, day.day) < anniversary)
