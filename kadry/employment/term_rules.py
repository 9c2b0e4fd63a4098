"""The terms of a labour contract the office watches: probation, a fixed term, a temporary transfer.

Pure functions of dates, no database; ``kadry.employment.deadlines`` reads the data and puts them on the
deadlines registry. Days are calendar days (ТК РФ ст. 14 ч. 3: «В сроки, исчисляемые в календарных
неделях или днях, включаются и нерабочие дни»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kadry.employment.rules import ONE_DAY, add_months

PROBATION_SOURCE = "ТК РФ ст. 70, 71"
# ТК РФ ст. 70 ч. 7: «В срок испытания не засчитываются период временной нетрудоспособности работника
# и другие периоды, когда он фактически отсутствовал на работе» — the days away move the end.
# ТК РФ ст. 71 ч. 1: an employee who failed the probation is warned in writing «не позднее чем за три
# дня» before the dismissal, which must fall within the probation.
PROBATION_WARNING_DAYS = 3
FIXED_TERM_SOURCE = "ТК РФ ст. 79 ч. 1"
# ТК РФ ст. 79 ч. 1: the employee is warned of the end of a fixed-term contract in writing «не менее чем
# за три календарных дня до увольнения». A contract for the time of an absent employee's duties is the
# exception; in Kadry it has no end date (it ends on the return), so it gives no term at all.
FIXED_TERM_NOTICE_DAYS = 3
TEMPORARY_TRANSFER_SOURCE = "ТК РФ ст. 72.2 ч. 1"
# ТК РФ ст. 72.2 ч. 1: a temporary transfer lasts up to one year (or until the absent employee returns);
# when it ends and the former work is not given back while the employee neither demands it nor stops
# working, the transfer becomes permanent. So its end asks for a return order or a permanent transfer.
TEMPORARY_TRANSFER_MAX_MONTHS = 12


def days_within(periods: Iterable[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> int:
    """Return the number of calendar days from ``start`` to ``end`` (both included) covered by ``periods``.

    Overlapping periods (a sick leave during an unpaid leave) count their common days once.
    """
    days: set[dt.date] = set()
    for first, last in periods:
        day, last = max(first, start), min(last, end)
        while day <= last:
            days.add(day)
            day += ONE_DAY
    return len(days)


def probation_end(start: dt.date, months: int, away: Iterable[tuple[dt.date, dt.date]] = ()) -> dt.date:
    """Return the last day of a probation of ``months`` begun on ``start``, moved by the days away (ст. 70 ч. 7).

    The term runs from the first working day (ТК РФ ст. 14 ч. 1) and a term of months ends on the
    corresponding day of its last month (ст. 14 ч. 3), read as in the length of service: three months
    from 01.09 are 01.09–30.11, the last day 30.11. Each calendar day away inside the probation moves
    its end by a day; the days away inside the added days move it again, until no more fall inside.
    """
    base = add_months(start, months) - ONE_DAY
    periods = list(away)
    end = base
    while True:
        moved = base + dt.timedelta(days=days_within(periods, start, end))
        if moved == end:
            return end
        end = moved


def probation_warning_due(end: dt.date) -> dt.date:
    """Return the last day to warn of an unsatisfactory result so that the dismissal falls on ``end`` (ст. 71 ч. 1)."""
    return end - dt.timedelta(days=PROBATION_WARNING_DAYS)


def fixed_term_notice_due(end: dt.date) -> dt.date:
    """Return the last day to warn of the end of a fixed-term contract ending on ``end`` (ст. 79 ч. 1).

    «Не менее чем за три календарных дня до увольнения»: the term begins the day after the notice
    (ТК РФ ст. 14 ч. 2) and its three days end on the last working day, so a contract ending 31.12
    is noticed on 28.12 at the latest (the days 29, 30, 31).
    """
    return end - dt.timedelta(days=FIXED_TERM_NOTICE_DAYS)


def temporary_transfer_too_long(start: dt.date, end: dt.date) -> bool:
    """Return whether a temporary transfer from ``start`` to ``end`` exceeds one year (ст. 72.2 ч. 1)."""
    return end > add_months(start, TEMPORARY_TRANSFER_MAX_MONTHS) - ONE_DAY
