"""Headcount and average headcount: Росстат's arithmetic as pure functions of plain periods. No database.

Source (checked in December 2026): «Указания по заполнению формы федерального статистического
наблюдения № П-4 "Сведения о численности и заработной плате работников"», утверждены Приказом
Росстата от 16.12.2024 № 647 (ред. от 30.01.2025), in force from 01.02.2025 for the form of
Приказ Росстата от 31.07.2024 № 338. They replaced the Указания of Приказ Росстата от 22.12.2023
№ 678, which had replaced those of Приказ № 711 of 2022; the method below is the same in all three.
The points used (their wording, not their numbers, was checked; «Указания» below):

- the list (списочная численность) on a day counts every employee under an employment contract, at
  work or absent for any reason, in whole units, each person once (an internal part-timer is one
  person); external part-timers are not in the list and are counted apart;
- the average for a month is the sum of the list's headcount of every calendar day of the month,
  holidays and days off included, divided by the calendar days of the month; the headcount of a day
  off or a public holiday is that of the working day before it;
- not counted in the average though in the list: women on maternity leave, persons on leave for
  adopting a newborn, and persons on the additional childcare leave;
- the average for a quarter is the sum of the averages of its three months divided by 3; for a year,
  the sum of the twelve months divided by 12, whatever the number of months the organisation worked;
- the average is reported in whole units; here also with two decimals, both rounded half up (a
  fraction of 0.5 or more makes a unit). The months are added unrounded, so a year is not the
  average of rounded months.

Not applied, because the records do not hold what they need (say so in the report): part-time work
by agreement (ТК РФ ст. 93) counted in proportion to the time worked — a rate is a staffing figure,
not a working time; those on childcare leave who work part-time while keeping the allowance (they
are counted in the average). External part-timers are counted here by persons with the same daily
method, not in proportion to time worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ONE_DAY = dt.timedelta(days=1)
TWO_PLACES = Decimal("0.01")
# The longest run of days off before a working day (the New Year holidays: up to 10 days, then the
# 31st of December before them might be a day off as well); the days before a month that may lend it
# their headcount are looked at within this many days.
LOOK_BACK_DAYS = 21

# The kinds of assignment (``employment.Assignment.Kind``) that put a person on the list; an external
# part-timer is counted apart (Указания: «внешние совместители … не включаются в списочную численность»).
LIST_KINDS = frozenset({"1_main", "2_internal"})
EXTERNAL_KIND = "3_external"

Span = tuple[dt.date, dt.date | None]  # first and last day, both included; None: still going on


@dataclass(frozen=True)
class Job:
    """One assignment as plain values."""

    start: dt.date
    end: dt.date | None
    kind: str
    category: str = ""
    department_id: int | None = None
    pedagogical_service: bool = False
    position_name: str = ""


@dataclass(frozen=True)
class Person:
    """An employee's assignments and the maternity or childcare leave that keeps them out of the average."""

    employee_id: int
    jobs: tuple[Job, ...]
    leave_out_of_average: tuple[Span, ...] = ()
    organisation_id: int = 0  # the school whose list it is (a centralised service counts several)
    list_spans: tuple[Span, ...] = field(init=False)
    external_spans: tuple[Span, ...] = field(init=False)

    def __post_init__(self) -> None:
        # Computed once: a report asks every person about every day.
        spans = merge_spans((job.start, job.end) for job in self.jobs if job.kind in LIST_KINDS)
        object.__setattr__(self, "list_spans", tuple(spans))
        external = merge_spans((job.start, job.end) for job in self.jobs if job.kind == EXTERNAL_KIND)
        object.__setattr__(self, "external_spans", tuple(external))

    def on_list(self, day: dt.date) -> bool:
        return covers(self.list_spans, day)

    def external_on(self, day: dt.date) -> bool:
        """Return whether the person is an external part-timer only on ``day`` (not also on the list)."""
        return covers(self.external_spans, day) and not self.on_list(day)

    def in_average(self, day: dt.date) -> bool:
        return self.on_list(day) and not covers(self.leave_out_of_average, day)

    def main_job(self, day: dt.date) -> Job | None:
        """Return the job that places the person on ``day``: the first current one by kind and start."""
        current = [job for job in self.jobs if job.start <= day and (job.end is None or job.end >= day)]
        return min(current, key=lambda job: (job.kind, job.start), default=None)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Return the spans sorted, with overlapping and touching ones joined (a transfer is no break)."""
    result: list[Span] = []
    for start, end in sorted(spans, key=lambda span: span[0]):
        if result:
            last_start, last_end = result[-1]
            if last_end is None or start <= last_end + ONE_DAY:
                result[-1] = (last_start, None if last_end is None or end is None else max(last_end, end))
                continue
        result.append((start, end))
    return result


def covers(spans: Iterable[Span], day: dt.date) -> bool:
    return any(start <= day and (end is None or end >= day) for start, end in spans)


def _daily(spans_of_people: Iterable[Iterable[Span]], first: dt.date, last: dt.date) -> list[int]:
    """Return, for each day from ``first`` to ``last``, how many of the people's spans cover it.

    A difference array: each span adds one on its first day in the range and takes it back after its
    last, so the cost is the number of spans plus the number of days, not their product.
    """
    days = (last - first).days + 1
    steps = [0] * (days + 1)
    for spans in spans_of_people:
        for start, end in spans:
            if start > last or (end is not None and end < first):
                continue
            steps[max((start - first).days, 0)] += 1
            steps[min((end - first).days, days - 1) + 1 if end is not None else days] -= 1
    counts, running = [], 0
    for step in steps[:days]:
        running += step
        counts.append(running)
    return counts


def subtract(spans: Sequence[Span], holes: Iterable[Span]) -> list[Span]:
    """Return the days of ``spans`` (merged, sorted) not in ``holes``."""
    result: list[Span] = []
    merged_holes = merge_spans(holes)
    for start, end in spans:
        cursor: dt.date | None = start
        for hole_start, hole_end in merged_holes:
            if cursor is None or (end is not None and hole_start > end):
                break
            if hole_end is not None and hole_end < cursor:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start - ONE_DAY))
            cursor = None if hole_end is None else hole_end + ONE_DAY
        if cursor is not None and (end is None or cursor <= end):
            result.append((cursor, end))
    return result


def _average_spans(person: Person) -> list[Span]:
    """Return the person's days in the average: on the list and not on maternity or childcare leave."""
    if not person.leave_out_of_average:
        return list(person.list_spans)
    return subtract(person.list_spans, person.leave_out_of_average)


def _external_only(person: Person) -> list[Span]:
    """Return the days the person is an external part-timer and not on the list (counted once, there)."""
    if not person.list_spans:
        return list(person.external_spans)
    return subtract(person.external_spans, person.list_spans)


@dataclass(frozen=True)
class MonthAverage:
    year: int
    month: int
    days: int
    day_counts: tuple[int, ...]  # the headcount counted for each calendar day (days off already carried)
    average: Fraction
    external_average: Fraction

    @property
    def total(self) -> int:
        return sum(self.day_counts)


def month_days(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, after - ONE_DAY


def _carried(counts: list[int], first: dt.date, is_working_day: Callable[[dt.date], bool]) -> list[int]:
    """Return the counts with each day off taking the count of the working day before it (Указания)."""
    result = list(counts)
    for index in range(len(result)):
        day = first + dt.timedelta(days=index)
        if index and not is_working_day(day):
            result[index] = result[index - 1]
    return result


def _counts(
    people: Sequence[Person], first: dt.date, last: dt.date, is_working_day: Callable[[dt.date], bool]
) -> tuple[list[int], list[int]]:
    """Return the daily headcount in the average and of external part-timers, days off carried.

    The days before ``first`` are counted too, so that a period starting on days off takes the
    headcount of the last working day before it.
    """
    lead = first - dt.timedelta(days=LOOK_BACK_DAYS)
    while not is_working_day(lead):
        lead -= ONE_DAY
    skip = (first - lead).days
    counts = _carried(_daily((_average_spans(p) for p in people), lead, last), lead, is_working_day)[skip:]
    external = _carried(_daily((_external_only(p) for p in people), lead, last), lead, is_working_day)[skip:]
    return counts, external


def month_average(
    people: Sequence[Person], year: int, month: int, is_working_day: Callable[[dt.date], bool]
) -> MonthAverage:
    """Return the average headcount of a month: Σ daily headcount ÷ calendar days, days off carried (Указания)."""
    first, last = month_days(year, month)
    counts, external = _counts(people, first, last, is_working_day)
    days = len(counts)
    return MonthAverage(year, month, days, tuple(counts), Fraction(sum(counts), days), Fraction(sum(external), days))


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Return (year, month) of every month from the month of ``first`` to that of ``last``."""
    result, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def average_between(
    people: Sequence[Person], first: dt.date, last: dt.date, is_working_day: Callable[[dt.date], bool]
) -> Fraction:
    """Return the average headcount from ``first`` to ``last``.

    Whole months: Σ monthly averages ÷ number of months, as a quarter and a year are (Указания). Any
    other period: Σ daily headcount ÷ calendar days of the period, the month's own method.
    """
    months = months_between(first, last)
    if first.day == 1 and last == month_days(last.year, last.month)[1]:
        return period_average([month_average(people, y, m, is_working_day) for y, m in months], len(months))
    counts, _external = _counts(people, first, last, is_working_day)
    return Fraction(sum(counts), len(counts))


def period_average(months: Sequence[MonthAverage], divisor: int) -> Fraction:
    """Return the average of a quarter (divisor 3) or a year (12): Σ monthly averages ÷ divisor (Указания)."""
    return sum((m.average for m in months), Fraction(0)) / divisor


def quarter_months(quarter: int) -> range:
    return range(3 * quarter - 2, 3 * quarter + 1)


def two_decimals(value: Fraction) -> Decimal:
    """Return the value with two decimals, rounded half up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def whole_units(value: Fraction) -> int:
    """Return the value in whole units, half up (Указания: the average headcount is shown in whole units)."""
    return int((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def headcount_on(people: Iterable[Person], day: dt.date) -> int:
    """Return the list's headcount on ``day``: each person on it once, those on any leave included."""
    return sum(1 for person in people if person.on_list(day))


def external_on(people: Iterable[Person], day: dt.date) -> int:
    return sum(1 for person in people if person.external_on(day))


def by_category_on(people: Iterable[Person], day: dt.date) -> dict[str, int]:
    """Return the list's headcount on ``day`` by the category of each person's main position."""
    result: dict[str, int] = {}
    for person in people:
        if person.on_list(day):
            job = person.main_job(day)
            key = job.category if job else ""
            result[key] = result.get(key, 0) + 1
    return result
