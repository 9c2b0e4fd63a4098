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

from kadry.lib.duration import Duration, Period

ONE_DAY = dt.timedelta(days=1)
MONTHS_IN_YEAR = 12  # Приказ № 585н, п. 21: «каждые 12 месяцев … переводятся в полные годы»
DAYS_IN_MONTH = 30  # Приказ № 585н, п. 21: «каждые 30 дней … переводятся в полные месяцы»

# Insurance length of service that changes the rate of sick pay (Федеральный закон от 29.12.2006
# № 255-ФЗ, ст. 7, ч. 1): 60 % below 5 years, 80 % from 5 to 8 years, 100 % from 8 years.
SICK_PAY_THRESHOLDS: tuple[int, ...] = (5, 8)


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


def whole_months_and_days(period: Period) -> tuple[int, int]:
    """Return the whole calendar months of a closed period and the days left over (0–30).

    Приказ № 585н, п. 21 («в календарном порядке»); the rule for where a month ends is in the module
    docstring: 10.03.2015–09.05.2015 → (2, 0); 10.03.2015–20.05.2015 → (2, 11).
    """
    if period.end is None:
        raise ValueError("Сначала ограничьте период датой (cut).")
    after = period.end + ONE_DAY
    start = period.start
    months = (
        MONTHS_IN_YEAR * (after.year - start.year) + (after.month - start.month) - (1 if after.day < start.day else 0)
    )
    return months, (after - add_months(start, months)).days


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
    return merge(cut(periods, on))


def length_of_service(periods: Iterable[Period], on: dt.date) -> Duration:
    """Return the length of service on ``on`` (the day included) by Приказ № 585н, п. 20–21."""
    months = days = 0
    for period in counted_periods(periods, on):
        period_months, period_days = whole_months_and_days(period)
        months += period_months
        days += period_days
    return normalise(months, days)


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
    if not employed_on(periods, on):
        return None
    target = Duration(years)
    if length_of_service(periods, on) >= target:
        return None
    # The work running on ``on`` goes on indefinitely; later periods then lie inside it and add nothing.
    running = next(period for period in periods if period.start <= on and (period.end is None or period.end >= on))
    *earlier, block = counted_periods([*periods, Period(running.start, None)], on)
    # Past ``on`` only the last merged block grows (it holds the running work and ends on ``on``);
    # the blocks before it are fixed, so they are counted once and each probe counts one period.
    fixed_months = fixed_days = 0
    for period in earlier:
        period_months, period_days = whole_months_and_days(period)
        fixed_months += period_months
        fixed_days += period_days

    def reached(day: dt.date) -> bool:
        block_months, block_days = whole_months_and_days(Period(block.start, day))
        return normalise(fixed_months + block_months, fixed_days + block_days) >= target

    # Extending the block by a day never shortens the length of service (a whole month is at most
    # 31 days and counts as 30), so the first date reaching the target can be found by bisection.
    low, high = on + ONE_DAY, on + dt.timedelta(days=366 * years + 31)
    while low < high:
        middle = low + (high - low) // 2
        if reached(middle):
            high = middle
        else:
            low = middle + ONE_DAY
    return low


def sick_pay_percent(insurance: Duration) -> int:
    """Return the sick pay as a percentage of average earnings for an insurance length of service.

    Федеральный закон от 29.12.2006 № 255-ФЗ, ст. 7, ч. 1: 8 years and more — 100 %, from 5 to
    8 years — 80 %, up to 5 years — 60 %. (Below 6 months the benefit is further capped at the minimum
    wage, ст. 7, ч. 6 — a limit on the amount, not on the rate, left to payroll.)
    """
    five, eight = SICK_PAY_THRESHOLDS
    if insurance >= Duration(eight):
        return 100
    if insurance >= Duration(five):
        return 80
    return 60
