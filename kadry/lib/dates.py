"""Dates as Russian documents write them: «21 ноября 2026 г.», «"21" ноября 2026 г.», 21.11.2026."""

from __future__ import annotations

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
