"""Length of service (стаж): the law and the arithmetic. Pure functions of periods and dates, no database.

Every kind of length of service (total, insurance, pedagogical, in this organisation) is counted the
same way, the way the law prescribes for the insurance length of service used for sick pay:

    Правила подсчёта и подтверждения страхового стажа для определения размеров пособий по временной
    нетрудоспособности, по беременности и родам (Приказ Минтруда России от 09.09.2020 № 585н; до него —
    Приказ Минздравсоцразвития России от 06.02.2007 № 91, с той же нумерацией пунктов):
    п. 20 — «в случае совпадения по времени периодов, засчитываемых в страховой стаж, учитывается
            один из таких периодов»;
    п. 21 — «исчисление периодов работы (службы, деятельности) производится в календарном порядке из
            расчёта полного года (12 месяцев). При этом каждые 30 дней указанных периодов переводятся
            в полные месяцы, а каждые 12 месяцев этих периодов переводятся в полные годы».

So the counting goes in four steps (``length_of_service``):

1. Cut the periods at the date ``on`` (``cut``): a period starting later is ignored, one still going on
   (or ending later) counts up to and including ``on``.
2. Merge the periods that overlap or touch (``merge``): coinciding days are counted once (п. 20), and a
   transfer from one position to the next on the following day is one uninterrupted period.
3. In each merged period count the whole calendar months and the days left over
   (``whole_months_and_days``).
4. Add up the months and the days of all periods; every 30 days make a month and every 12 months a
   year (п. 21; ``normalise``).

The Правила do not say where a whole calendar month of a period ends; step 3 uses the reading of
п. 21 «в календарном порядке» common in payroll and HR practice: a whole month runs from a day of one
month to the day before the same day of the next month (15.01–14.02, 10.03–09.04), so a period of a
calendar year (01.09.2020–31.08.2021) is exactly one year. When the next month has no such day (a
month begun on 29, 30 or 31 January), the month runs to the end of the shorter month: 31.01–28.02 is
one whole month, 31.01–27.02 is 28 days. Months are counted from the first day of the period, not
from the end of the previous month (31.01–30.03 is two months). Put as arithmetic on the day after the
period ends (x = end + 1 day):

    whole months = 12 × (x.year − start.year) + (x.month − start.month) − (1 if x.day < start.day else 0)

which is the month difference spreadsheets compute (DATEDIF with "m"); the days left over are the
days from the end of the last whole month to x (0 to 30).

Two consequences of п. 21 worth knowing. Thirty days left over in a 31-day month already make a month,
so from 01.09.2020 five years are reached on 30.08.2025, a day before the anniversary. And joining
periods re-counts their months from the new start: a period that closes the gap between two others can
lose a day or two (02.01–30.01.2020 and 01.02–29.02.2020 make 1 month 29 days; with 31.01.2020 worked
too, 02.01–29.02.2020 makes 1 month 28 days). Lengthening a single period never loses a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from kadry.lib.duration import Duration, Period

ONE_DAY = dt.timedelta(days=1)
MONTHS_IN_YEAR = 12  # Приказ № 585н, п. 21: «каждые 12 месяцев … переводятся в полные годы»
DAYS_IN_MONTH = 30  # Приказ № 585н, п. 21: «каждые 30 дней … переводятся в полные месяцы»

# Insurance length of service that changes the rate of sick pay (Федеральный закон от 29.12.2006
# № 255-ФЗ, ст. 7, ч. 1): 60 % below 5 years, 80 % from 5 to 8 years, 100 % from 8 years.
SICK_PAY_THRESHOLDS: tuple[int, ...] = (5, 8)


class Dated(Protocol):
    """A period by its first and last days (the last None while it goes on): a ``Period`` or a period of work."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date | None: ...


# A counted period in the arithmetic below: its first day and the day after its last (``x`` of the
# module docstring). Cut periods never run on, and with the end exclusive, periods touch when one
# starts on the other's ``after``, so merging and counting need no date arithmetic.
Span = tuple[dt.date, dt.date]

# Days in each month of a common year; February of a leap year is handled in ``_days_in_month_before``.
_MONTH_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def cut(periods: Iterable[Period], on: dt.date) -> list[Period]:
    """Return the periods as they stand on ``on``: later ones left out, running ones ended on ``on``.

    Length of service is counted «на дату»: the day ``on`` itself is included.
    """
    return [
        Period(period.start, on if period.end is None or period.end > on else period.end)
        for period in periods
        if period.start <= on
    ]


def merge(periods: Iterable[Period]) -> list[Period]:
    """Return the periods sorted, with overlapping and touching ones joined into one.

    Overlapping days are counted once (Приказ № 585н, п. 20: of coinciding periods one is counted).
    Touching periods (one ends the day before the next starts) are joined too: splitting a period in
    two would count its whole months differently, and a transfer is not a break in service.
    """
    merged: list[Period] = []
    for period in sorted(periods, key=lambda period: period.start):
        if merged and _joins(merged[-1], period):
            last = merged[-1]
            end = None if last.end is None or period.end is None else max(last.end, period.end)
            merged[-1] = Period(last.start, end)
        else:
            merged.append(period)
    return merged


def _joins(earlier: Period, later: Period) -> bool:
    """Return whether ``later`` (starting no earlier) overlaps ``earlier`` or starts the day after it ends."""
    return earlier.end is None or later.start <= earlier.end + ONE_DAY


def counted_spans(periods: Iterable[Dated], on: dt.date) -> list[Span]:
    """Return the periods that count on ``on`` as spans: ``cut`` at ``on``, then ``merge``d, sorted by start.

    The same periods as ``counted_periods``, for the arithmetic of many employees at once (the report).
    """
    after_on = on + ONE_DAY
    spans = []
    for period in periods:
        start = period.start
        if start <= on:
            end = period.end
            spans.append((start, after_on if end is None or end >= on else end + ONE_DAY))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged: list[Span] = []
    first, last = spans[0]  # the span being merged
    for start, after in spans:
        if start <= last:
            # Overlapping or touching it (п. 20): sorted by start, so only its end can grow.
            if after > last:
                last = after
        else:
            merged.append((first, last))
            first, last = start, after
    merged.append((first, last))
    return merged


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the day ``months`` later with the same day number, or the 1st of the month after if there is none.

    The end (exclusive) of the whole months of a period starting on ``day``: 31.01 + 1 month → 01.03,
    so that the month begun on 31 January runs to the end of February (see the module docstring).
    """
    index = day.year * MONTHS_IN_YEAR + day.month - 1 + months
    year, month = divmod(index, MONTHS_IN_YEAR)
    try:
        return dt.date(year, month + 1, day.day)
    except ValueError:
        year, month = divmod(index + 1, MONTHS_IN_YEAR)
        return dt.date(year, month + 1, 1)


def _days_in_month_before(day: dt.date) -> int:
    """Return the number of days in the month before the month of ``day``."""
    month = day.month - 1 or 12
    if month == 2 and day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0):
        return 29
    return _MONTH_LENGTHS[month - 1]


def span_months_and_days(start: dt.date, after: dt.date) -> tuple[int, int]:
    """Return the whole calendar months from ``start`` to ``after`` (exclusive) and the days left over (0–30).

    ``whole_months_and_days`` of the period ``start``–(``after`` − 1 day), without making dates: the
    last whole month ends (exclusive) on ``add_months(start, months)``, which lies in the month of
    ``after`` when ``after.day >= start.day`` and in the month before otherwise (or is the 1st of the
    month of ``after`` when that month before has no day ``start.day``).
    """
    start_day, after_day = start.day, after.day
    months = MONTHS_IN_YEAR * (after.year - start.year) + after.month - start.month
    if after_day >= start_day:
        return months, after_day - start_day
    length = _days_in_month_before(after)
    if start_day > length:
        return months - 1, after_day - 1
    return months - 1, length - start_day + after_day


def whole_months_and_days(period: Period) -> tuple[int, int]:
    """Return the whole calendar months of a closed period and the days left over (0–30).

    Приказ № 585н, п. 21 («в календарном порядке»); the rule for where a month ends is in the module
    docstring: 10.03.2015–09.05.2015 → (2, 0); 10.03.2015–20.05.2015 → (2, 11).
    """
    if period.end is None:
        raise ValueError("Сначала ограничьте период датой (cut).")
    return span_months_and_days(period.start, period.end + ONE_DAY)


def _months_and_days(spans: Iterable[Span]) -> tuple[int, int]:
    """Return the whole months and the days left over of the spans, added up (not yet normalised)."""
    months = days = 0
    for start, after in spans:
        span_months, span_days = span_months_and_days(start, after)
        months += span_months
        days += span_days
    return months, days


def normalise(months: int, days: int) -> Duration:
    """Return months and days as years, months and days: 30 days make a month, 12 months a year (п. 21)."""
    months += days // DAYS_IN_MONTH
    return Duration(months // MONTHS_IN_YEAR, months % MONTHS_IN_YEAR, days % DAYS_IN_MONTH)


def period_duration(period: Period) -> Duration:
    """Return one closed period's whole years and months and its days left over (not turned into a month)."""
    months, days = whole_months_and_days(period)
    return Duration(months // MONTHS_IN_YEAR, months % MONTHS_IN_YEAR, days)


def counted_periods(periods: Iterable[Period], on: dt.date) -> list[Period]:
    """Return the periods that count on ``on``: cut at ``on``, then merged."""
    return [Period(start, after - ONE_DAY) for start, after in counted_spans(periods, on)]


def spans_length(spans: Iterable[Span]) -> Duration:
    """Return the length of service of counted spans (``counted_spans``) by Приказ № 585н, п. 21."""
    return normalise(*_months_and_days(spans))


def length_of_service(periods: Iterable[Period], on: dt.date) -> Duration:
    """Return the length of service on ``on`` (the day included) by Приказ № 585н, п. 20–21."""
    return spans_length(counted_spans(periods, on))


def continuous_periods(periods: Iterable[Period], on: dt.date) -> list[Period]:
    """Return the last uninterrupted period on ``on``: the one running on ``on``, else the last one before.

    Continuous service in one organisation starts again after any break, even of one day; an employee
    who has left keeps the length of their last uninterrupted period.
    """
    counted = counted_periods(periods, on)
    return counted[-1:]


def employed_on(periods: Iterable[Period], on: dt.date) -> bool:
    """Return whether a period covers ``on``."""
    return any(period.start <= on and (period.end is None or period.end >= on) for period in periods)


def next_threshold(periods: Sequence[Period], on: dt.date, years: int) -> dt.date | None:
    """Return the first date on which the length of service reaches ``years`` if the work on ``on`` goes on.

    «Reaches on d» means the length of service on d (the day included, as in ``length_of_service``)
    is ``years`` or more: employed from 01.09.2020 with no earlier service, 5 years are reached on
    31.08.2025. None when the threshold is already reached on ``on`` or when no period covers ``on``
    (nothing to extend).
    """
    return spans_threshold(counted_spans(periods, on), on, years)


def spans_threshold(spans: Sequence[Span], on: dt.date, years: int) -> dt.date | None:
    """Return ``next_threshold`` of the periods whose ``counted_spans`` on ``on`` are ``spans``."""
    # Work runs on ``on`` when a period covers it, that is when the last merged span ends with it.
    if not spans or spans[-1][1] != on + ONE_DAY:
        return None
    target = MONTHS_IN_YEAR * years  # a length of ``years`` or more: its normalised months reach this (п. 21)
    months, days = _months_and_days(spans)
    if months + days // DAYS_IN_MONTH >= target:
        return None
    # The work running on ``on`` goes on indefinitely; later periods then lie inside it and add nothing.
    # Past ``on`` only the last span grows (it holds the running work and ends on ``on``); the spans
    # before it add ``fixed_months`` whole months and ``fixed_days`` days left over whatever the date.
    fixed_months, fixed_days = _months_and_days(spans[:-1])
    block_start = spans[-1][0]
    # In the block's whole month number m (from ``add_months(block_start, m)``, the end exclusive, to
    # ``add_months(block_start, m + 1)``) the block has m whole months and r days left over, r = 0, 1, …
    # So the length in normalised months, fixed_months + m + (fixed_days + r) // 30, is
    # fixed_months + m + fixed_days // 30 until r reaches 30 − fixed_days % 30, and one more from then
    # on (r < 31). It never decreases, and it reaches the target in the month m that starts one short
    # of it — when that month is long enough for those days — or else at the start of the next month.
    short = target - 1 - fixed_months - fixed_days // DAYS_IN_MONTH
    with_days = add_months(block_start, short) + dt.timedelta(days=DAYS_IN_MONTH - fixed_days % DAYS_IN_MONTH)
    after = min(with_days, add_months(block_start, short + 1))
    return after - ONE_DAY  # the day reaching it is the one before ``after``, the end exclusive


def sick_pay_percent(insurance: Duration) -> int:
    """Return the sick pay as a percentage of average earnings for an insurance length of service.

    Федеральный закон от 29.12.2006 № 255-ФЗ, ст. 7, ч. 1: 8 years and more — 100 %, from 5 to
    8 years — 80 %, up to 5 years — 60 %. (Below 6 months the benefit is further capped at the minimum
    wage, ст. 7, ч. 6 — a limit on the amount, not on the rate, left to payroll.)
    """
    five, eight = SICK_PAY_THRESHOLDS
    # ``insurance >= Duration(eight)``, compared field by field, is ``insurance.years >= eight``.
    if insurance.years >= eight:
        return 100
    if insurance.years >= five:
        return 80
    return 60
