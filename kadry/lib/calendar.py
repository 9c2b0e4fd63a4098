"""The Russian production calendar: working days, days off, public holidays, norms of working time.

Public holidays are set by ТК РФ ст. 112 (the list below); the yearly transfers of days off (and the
Saturdays made working days) by a decree of the Government for each year (e.g. Постановление
Правительства РФ от 04.10.2024 № 1335 for 2025, от 24.09.2025 № 1466 for 2026). The transfers come
from the `holidays` package, which tracks these decrees; upgrading it brings the next year's calendar.

What the package lacks — a decree not yet in it, a non-working day set by a decree of the President
(e.g. 24.06.2020 and 01.07.2020), a shortened day the rule below does not find — comes as plain
``Correction`` values (the leave app keeps them in an editable table and passes them in). The
functions here never touch the database.

A moved day off (11.05.2026 for 9 May) is a day off, **not** a public holiday: it extends no leave
(ТК РФ ст. 120 extends a leave only by the public holidays of ст. 112).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR = 2020  # the calendar is kept from 2020 on (the oldest working years in the records)

# ТК РФ ст. 112 ч. 1 (ред. Федерального закона от 23.04.2012 № 35-ФЗ): the non-working public holidays.
PUBLIC_HOLIDAYS: dict[tuple[int, int], str] = {
    (1, 1): "Новогодние каникулы",
    (1, 2): "Новогодние каникулы",
    (1, 3): "Новогодние каникулы",
    (1, 4): "Новогодние каникулы",
    (1, 5): "Новогодние каникулы",
    (1, 6): "Новогодние каникулы",
    (1, 7): "Рождество Христово",
    (1, 8): "Новогодние каникулы",
    (2, 23): "День защитника Отечества",
    (3, 8): "Международный женский день",
    (5, 1): "Праздник Весны и Труда",
    (5, 9): "День Победы",
    (6, 12): "День России",
    (11, 4): "День народного единства",
}

# The working week lengths whose norms the calendar gives, and the hours of a day of each on a
# five-day week (Порядок исчисления нормы рабочего времени, Приказ Минздравсоцразвития РФ
# от 13.08.2009 № 588н: the week's hours ÷ 5 × working days, minus an hour per shortened day).
WEEK_HOURS = (40, 36, 24)
SHORTENED_BY = Decimal("1")  # ТК РФ ст. 95 ч. 1: a day before a public holiday is one hour shorter


@dataclass(frozen=True)
class Correction:
    """One day the package gets wrong or does not know, as entered by the office."""

    class Kind:
        DAY_OFF = "day_off"  # a non-working day (a decree not in the package)
        WORKING_DAY = "working_day"  # a day off made a working day
        SHORTENED = "shortened"  # a shortened pre-holiday working day (ТК РФ ст. 95)
        NOT_SHORTENED = "not_shortened"  # a day the ст. 95 rule marks shortened that is not

    day: dt.date
    kind: str
    note: str = ""


@dataclass(frozen=True)
class YearCalendar:
    year: int
    public_holidays: dict[dt.date, str]
    days_off_moved: dict[dt.date, str]  # weekdays made days off: transfers, holidays on a weekend moved
    working_weekends: frozenset[dt.date]
    shortened: frozenset[dt.date]
    extra_days_off: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.working_weekends:
            return True
        return (
            day.weekday() < 5
            and day not in self.public_holidays
            and day not in self.days_off_moved
            and day not in self.extra_days_off
        )


@cache
def _package(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=year, language="ru")


def public_holidays(year: int) -> dict[dt.date, str]:
    """Return the public holidays of ТК РФ ст. 112 in ``year`` (on whatever weekday they fall)."""
    return {dt.date(year, month, day): name for (month, day), name in PUBLIC_HOLIDAYS.items()}


@cache
def _base_calendar(year: int) -> YearCalendar:
    package = _package(year)
    holidays_of_year = public_holidays(year)
    moved = {day: name for day, name in package.items() if day.year == year and day not in holidays_of_year}
    working_weekends = frozenset(day for day in package.weekend_workdays if day.year == year)
    return YearCalendar(year, holidays_of_year, moved, working_weekends, frozenset())


def year_calendar(year: int, corrections: Iterable[Correction] = ()) -> YearCalendar:
    """Return the calendar of ``year``: the package's transfers, the ст. 95 rule, then the corrections."""
    return _year_calendar(year, tuple(sorted((c for c in corrections if c.day.year == year), key=_key)))


def _key(correction: Correction) -> tuple[dt.date, str]:
    return correction.day, correction.kind


@cache
def _year_calendar(year: int, own: tuple[Correction, ...]) -> YearCalendar:
    base = _base_calendar(year)
    extra_off = frozenset(c.day for c in own if c.kind == Correction.Kind.DAY_OFF)
    made_working = {c.day for c in own if c.kind == Correction.Kind.WORKING_DAY}
    moved = {day: name for day, name in base.days_off_moved.items() if day not in made_working}
    working_weekends = frozenset({*base.working_weekends, *(d for d in made_working if d.weekday() >= 5)})
    calendar = YearCalendar(year, base.public_holidays, moved, working_weekends, frozenset(), extra_off)
    # ТК РФ ст. 95 ч. 1: the working day immediately before a non-working public holiday is an hour shorter.
    by_rule = {day - ONE_DAY for day in base.public_holidays if calendar.is_working_day(day - ONE_DAY)}
    # 31 December precedes next year's 1 January.
    if calendar.is_working_day(dt.date(year, 12, 31)):
        by_rule.add(dt.date(year, 12, 31))
    by_rule = {day for day in by_rule if day.year == year}
    by_rule |= {c.day for c in own if c.kind == Correction.Kind.SHORTENED}
    by_rule -= {c.day for c in own if c.kind == Correction.Kind.NOT_SHORTENED}
    return YearCalendar(
        year,
        base.public_holidays,
        moved,
        working_weekends,
        frozenset(day for day in by_rule if calendar.is_working_day(day)),
        extra_off,
    )


def is_working_day(day: dt.date, corrections: Iterable[Correction] = ()) -> bool:
    """Return whether ``day`` is a working day of the five-day week."""
    return year_calendar(day.year, corrections).is_working_day(day)


def public_holiday_name(day: dt.date, corrections: Iterable[Correction] = ()) -> str | None:
    """Return the name of the non-working public holiday (or moved day off) on ``day``, if any."""
    calendar = year_calendar(day.year, corrections)
    if day in calendar.working_weekends:
        return None
    return calendar.public_holidays.get(day) or calendar.days_off_moved.get(day)


def is_public_holiday(day: dt.date) -> bool:
    """Return whether ``day`` is a non-working public holiday of ТК РФ ст. 112 (not a moved day off)."""
    return (day.month, day.day) in PUBLIC_HOLIDAYS


def next_working_day(day: dt.date, corrections: Iterable[Correction] = ()) -> dt.date:
    """Return the first working day strictly after ``day``."""
    corrections = tuple(corrections)
    candidate = day + ONE_DAY
    while not is_working_day(candidate, corrections):
        candidate += ONE_DAY
    return candidate


def working_day_on_or_after(day: dt.date, corrections: Iterable[Correction] = ()) -> dt.date:
    """Return ``day`` if it is a working day, else the next one (ГК РФ ст. 193: a term ending on a day off moves)."""
    corrections = tuple(corrections)
    return day if is_working_day(day, corrections) else next_working_day(day, corrections)


@dataclass(frozen=True)
class Norm:
    """The working days and the norm of hours of a period for each week length."""

    calendar_days: int
    working_days: int
    days_off: int
    shortened_days: int
    hours: dict[int, Decimal]


def norm(start: dt.date, end: dt.date, corrections: Iterable[Correction] = ()) -> Norm:
    """Return the norm of working time from ``start`` to ``end`` inclusive (Приказ № 588н)."""
    corrections = tuple(corrections)
    calendars = {year: year_calendar(year, corrections) for year in range(start.year, end.year + 1)}
    working = shortened = total = 0
    day = start
    while day <= end:
        calendar = calendars[day.year]
        total += 1
        if calendar.is_working_day(day):
            working += 1
            shortened += day in calendar.shortened
        day += ONE_DAY
    hours = {week: Decimal(week) / 5 * working - SHORTENED_BY * shortened for week in WEEK_HOURS}
    return Norm(total, working, total - working, shortened, hours)


def month_norm(year: int, month: int, corrections: Iterable[Correction] = ()) -> Norm:
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY
    return norm(start, end, corrections)


def quarter_norm(year: int, quarter: int, corrections: Iterable[Correction] = ()) -> Norm:
    first = 3 * (quarter - 1) + 1
    end = dt.date(year + (first + 2) // 12, (first + 2) % 12 + 1, 1) - ONE_DAY
    return norm(dt.date(year, first, 1), end, corrections)


def year_norm(year: int, corrections: Iterable[Correction] = ()) -> Norm:
    return norm(dt.date(year, 1, 1), dt.date(year, 12, 31), corrections)


@dataclass(frozen=True)
class LeaveSpan:
    start: dt.date
    days: int
    end: dt.date
    holidays_inside: tuple[dt.date, ...]


@lru_cache(maxsize=8192)  # pure: the holidays of ст. 112 are fixed dates; a schedule asks for the same spans
def leave_end(start: dt.date, days: int) -> LeaveSpan:
    """Return the last day of a leave of ``days`` calendar days from ``start``.

    ТК РФ ст. 120 ч. 1: the non-working public holidays inside an annual leave are not counted in its
    calendar days, so each extends the leave by a day. Moved days off and weekends are counted.
    """
    if days < 1:
        raise ValueError("a leave lasts at least one day")
    counted, day, inside = 0, start - ONE_DAY, []
    while counted < days:
        day += ONE_DAY
        if is_public_holiday(day):
            inside.append(day)
        else:
            counted += 1
    return LeaveSpan(start, days, day, tuple(inside))


def holidays_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Return the public holidays from ``start`` to ``end`` inclusive."""
    days, day = [], start
    while day <= end:
        if is_public_holiday(day):
            days.append(day)
        day += ONE_DAY
    return days
