"""Attestation of pedagogical workers: the categories' validity, the conformity attestation's terms. Pure functions.

Sources:
- 273-ФЗ ст. 49 ч. 1–2: attestation confirms the conformity with the position (compulsory, once every
  five years, by the commission the organisation forms itself) or establishes a qualification category
  (at the worker's request).
- Порядок проведения аттестации педагогических работников, утв. Приказом Минпросвещения России от
  24.03.2023 № 196 (in force 01.09.2023 – 31.08.2029): the categories «первая», «высшая» and, at the
  worker's request, «педагог-методист» and «педагог-наставник»; the latter two only for those who hold
  the highest category, whatever the position it was set for (п. 45). Categories it sets carry no term:
  the Порядок names none, so a category set from 01.09.2023 is kept without an end.
- Приказ № 196 п. 2: a category set before 01.09.2023 is kept for the term it was set for — five years
  under the previous Порядок (Приказ Минобрнауки России от 07.04.2014 № 276 п. 35), from the day of the
  commission's decision (п. 36): set on 15.03.2022, it holds through 14.03.2027.
- Порядок № 196, разд. II (conformity attestation): the employer's administrative act with the list and
  the schedule; the worker is acquainted with it against signature not less than 30 calendar days before
  the day of their attestation; the employer's representation, acquainted with likewise; the protocol
  signed by the commission; the extract from the protocol drawn up by the secretary not later than two
  working days after the attestation, and the worker acquainted with it within three working days after
  it is drawn up.
- Порядок № 196, разд. II (who is not attested for conformity, as п. 22 of Порядок № 276 had it): those
  with a qualification category; those who have worked in the position less than two years in the
  organisation; pregnant women; women on maternity leave; those on childcare leave until the child is
  three — these two not earlier than two years after they return; those absent from work more than four
  months running because of illness — not earlier than a year after they return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from kadry.lib.calendar import Correction, next_working_day

ONE_DAY = dt.timedelta(days=1)
SOURCE = "Приказ Минпросвещения России от 24.03.2023 № 196"
ORDER_196_FROM = dt.date(2023, 9, 1)  # Приказ № 196 п. 3: in force from 01.09.2023
OLD_CATEGORY_YEARS = 5  # Приказ № 276 п. 35, kept by Приказ № 196 п. 2
CONFORMITY_YEARS = 5  # 273-ФЗ ст. 49 ч. 2
MIN_YEARS_IN_POST = 2  # Порядок № 196, разд. II: less than two years in the position
AFTER_LEAVE_YEARS = 2  # maternity and childcare leave: not earlier than two years after the return
ILLNESS_MONTHS = 4  # absent more than four months running for illness
AFTER_ILLNESS_YEARS = 1  # … not earlier than a year after the return
ACQUAINTANCE_DAYS = 30  # the act and the schedule, and the representation: not less than 30 calendar days
EXTRACT_WORKING_DAYS = 2  # the extract drawn up not later than two working days after the attestation
EXTRACT_ACQUAINTANCE_WORKING_DAYS = 3  # the worker acquainted with the extract within three working days
WARNING_MONTHS = (6, 3, 1)  # the office's reminders before a category expires (issue 15)

CATEGORIES = ("first", "highest", "methodist", "mentor")  # staff.Employee.QualificationCategory values
NEEDS_HIGHEST = frozenset({"methodist", "mentor"})  # Порядок № 196 п. 45

Span = tuple[dt.date, dt.date]


def school_year_of(day: dt.date) -> int:
    """Return the first year of the school year of ``day`` (1 September – 31 August; 273-ФЗ ст. 28 and the calendar)."""
    return day.year if day.month >= 9 else day.year - 1


def category_valid_until(decided_on: dt.date) -> dt.date | None:
    """Return the last day of a category set on ``decided_on``; None when it has no term (set from 01.09.2023).

    15.03.2022 + 5 years = 15.03.2027, the term counted from the decision's day: the last day 14.03.2027.
    """
    if decided_on >= ORDER_196_FROM:
        return None
    return decided_on + relativedelta(years=OLD_CATEGORY_YEARS) - ONE_DAY


def warning_dates(valid_until: dt.date) -> list[tuple[int, dt.date]]:
    """Return (months, day) of each reminder before the category's last day, the earliest first."""
    return [(months, valid_until - relativedelta(months=months)) for months in WARNING_MONTHS]


def current_warning(valid_until: dt.date, today: dt.date, horizon: dt.timedelta) -> tuple[int, dt.date] | None:
    """Return the latest reminder reached by ``today + horizon``, or None (too early, or the category expired)."""
    if valid_until < today:
        return None
    reached = [(months, day) for months, day in warning_dates(valid_until) if day <= today + horizon]
    return reached[-1] if reached else None


def conformity_due(last_on: dt.date | None, in_post_since: dt.date) -> dt.date:
    """Return the day the next conformity attestation is due: five years after the last, or two years in the post."""
    if last_on is not None:
        return last_on + relativedelta(years=CONFORMITY_YEARS)
    return in_post_since + relativedelta(years=MIN_YEARS_IN_POST)


@dataclass(frozen=True)
class Exemption:
    """Why a worker is not attested for conformity on a day, and from when they may be (None: while it lasts)."""

    reason: str
    possible_from: dt.date | None = None


def _containing(spans: Iterable[Span], day: dt.date) -> Span | None:
    return next((span for span in spans if span[0] <= day <= span[1]), None)


def _last_ended_before(spans: Iterable[Span], day: dt.date) -> Span | None:
    ended = [span for span in spans if span[1] < day]
    return max(ended, key=lambda span: span[1]) if ended else None


def runs(spans: Iterable[Span]) -> list[Span]:
    """Return the spans joined where one starts the day after another ends (a sick leave and its continuation)."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1] + ONE_DAY:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def long_illnesses(spans: Iterable[Span]) -> list[Span]:
    """Return the runs of illness longer than four months (10.01–10.05 is four months and a day: longer)."""
    return [(start, end) for start, end in runs(spans) if end >= start + relativedelta(months=ILLNESS_MONTHS)]


def conformity_exemption(
    on: dt.date,
    *,
    has_category: bool,
    in_post_since: dt.date,
    pregnant: bool = False,
    maternity: Sequence[Span] = (),
    childcare: Sequence[Span] = (),
    illness: Sequence[Span] = (),
) -> Exemption | None:
    """Return why the worker is not attested for conformity on ``on`` (Порядок № 196, разд. II), or None."""
    if has_category:
        return Exemption("имеет квалификационную категорию")
    two_years = in_post_since + relativedelta(years=MIN_YEARS_IN_POST)
    if on < two_years:
        return Exemption("в занимаемой должности менее двух лет", two_years)
    if pregnant:
        return Exemption("беременность")
    for spans, now, after in (
        (maternity, "в отпуске по беременности и родам", "после отпуска по беременности и родам"),
        (childcare, "в отпуске по уходу за ребёнком", "после отпуска по уходу за ребёнком"),
    ):
        if (span := _containing(spans, on)) is not None:
            return Exemption(now, span[1] + ONE_DAY + relativedelta(years=AFTER_LEAVE_YEARS))
        if (span := _last_ended_before(spans, on)) is not None:
            possible = span[1] + ONE_DAY + relativedelta(years=AFTER_LEAVE_YEARS)
            if on < possible:
                return Exemption(f"менее двух лет {after}", possible)
    long = long_illnesses(illness)
    if (span := _containing(long, on)) is not None:
        return Exemption("отсутствует более четырёх месяцев подряд по болезни")
    if (span := _last_ended_before(long, on)) is not None:
        possible = span[1] + ONE_DAY + relativedelta(years=AFTER_ILLNESS_YEARS)
        if on < possible:
            return Exemption("менее года после выхода на работу после болезни более четырёх месяцев", possible)
    return None


def acquaintance_short(acquainted_on: dt.date, planned_on: dt.date) -> bool:
    """Return whether the worker was acquainted less than 30 calendar days before the attestation."""
    return (planned_on - acquainted_on).days < ACQUAINTANCE_DAYS


def acquaintance_due(planned_on: dt.date) -> dt.date:
    """Return the last day to acquaint the worker with the act and the schedule: 30 days before (01.10 → 01.09)."""
    return planned_on - dt.timedelta(days=ACQUAINTANCE_DAYS)


def _working_days_after(day: dt.date, count: int, corrections: Sequence[Correction]) -> dt.date:
    for _ in range(count):
        day = next_working_day(day, corrections)
    return day


def extract_due(attested_on: dt.date, corrections: Sequence[Correction] = ()) -> dt.date:
    """Return the last day to draw up the extract from the protocol: two working days after the attestation."""
    return _working_days_after(attested_on, EXTRACT_WORKING_DAYS, corrections)


def extract_acquaintance_due(drawn_up_on: dt.date, corrections: Sequence[Correction] = ()) -> dt.date:
    """Return the last day to acquaint the worker with the extract: three working days after it is drawn up."""
    return _working_days_after(drawn_up_on, EXTRACT_ACQUAINTANCE_WORKING_DAYS, corrections)
