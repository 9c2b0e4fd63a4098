"""The Russian production calendar: which days are working days.

Public holidays are set by ТК РФ ст. 112; the yearly transfers of days off (and the Saturdays made
working days) by a decree of the Government for each year (e.g. Постановление Правительства РФ
от 04.10.2024 № 1335 for 2025). Both come from the `holidays` package, which tracks these decrees;
upgrading it brings the next year's calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays


@cache
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year, language="ru")


def is_working_day(day: dt.date) -> bool:
    """Return whether ``day`` is a working day of the five-day week."""
    calendar = _calendar(day.year)
    if day in calendar.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in calendar


def public_holiday_name(day: dt.date) -> str | None:
    """Return the name of the non-working public holiday (or transferred day off) on ``day``, if any."""
    calendar = _calendar(day.year)
    if day in calendar.weekend_workdays:
        return None
    return calendar.get(day)


def next_working_day(day: dt.date) -> dt.date:
    """Return the first working day strictly after ``day``."""
    candidate = day + dt.timedelta(days=1)
    while not is_working_day(candidate):
        candidate += dt.timedelta(days=1)
    return candidate


def working_day_on_or_after(day: dt.date) -> dt.date:
    """Return ``day`` if it is a working day, else the next one (ГК РФ ст. 193: a term ending on a day off moves)."""
    return day if is_working_day(day) else next_working_day(day)
