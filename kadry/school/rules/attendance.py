"""Rules of attendance: what a mark may say, how many lessons it costs, when a student is flagged. Pure values.

Sources:
- Положение о классном руководителе, §6.1 (daily: find out who is absent or late and why), §6.2 (weekly:
  check and record the reasons of absences), §4.3 (detect deviant behaviour early and tell the administration).
- Федеральный закон от 24.06.1999 № 120-ФЗ «Об основах системы профилактики безнадзорности и правонарушений
  несовершеннолетних», ст. 14 п. 2: the school identifies minors who do not attend or systematically skip
  classes without good reason and takes measures for their education. The thresholds of "systematically"
  are the school's own (``AttendanceThresholds``), 3 school days in a row or 30 % of a month's lessons by default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kadry.lib.calendar import is_working_day

ABSENT = "absent"
LATE = "late"
MAX_MINUTES_LATE = 240
# Reasons that excuse an absence (mirrors ``AttendanceMark.EXCUSED``; kept here so the rules stay pure).
ILLNESS = "illness"
EXCUSED_REASONS = frozenset({"illness", "note", "family", "representing"})
UNKNOWN = "unknown"
UNEXCUSED = "unexcused"


@dataclass(frozen=True)
class MarkFact:
    """One mark as the rules see it."""

    date: dt.date
    kind: str
    whole_day: bool
    lessons: int
    reason: str


def mark_errors(
    *, kind: str, whole_day: bool, lessons: int | None, minutes_late: int | None, lessons_per_day: int
) -> dict[str, str]:
    """Return the problems of one row of the grid, keyed by field; empty when the row is valid."""
    errors: dict[str, str] = {}
    if kind == LATE:
        if minutes_late is None or not 1 <= minutes_late <= MAX_MINUTES_LATE:
            errors["minutes_late"] = f"Укажите опоздание в минутах: от 1 до {MAX_MINUTES_LATE}."
    elif kind == ABSENT and not whole_day:
        if lessons is None or lessons < 1:
            errors["lessons"] = "Укажите, сколько уроков пропущено, или отметьте «весь день»."
        elif lessons > lessons_per_day:
            errors["lessons"] = f"Пропущено уроков больше, чем уроков в день ({lessons_per_day})."
    return errors


def lessons_missed(*, kind: str, whole_day: bool, lessons: int, lessons_per_day: int) -> int:
    """Return the lessons a mark costs: a whole-day absence costs the day's lessons, lateness none."""
    if kind != ABSENT:
        return 0
    return lessons_per_day if whole_day else min(lessons, lessons_per_day)


def is_excused(reason: str) -> bool:
    return reason in EXCUSED_REASONS


def school_days(start: dt.date, end: dt.date, holidays: Iterable[tuple[dt.date, dt.date]] = ()) -> list[dt.date]:
    """Return the school days of [start, end]: working days of the production calendar outside the holidays."""
    breaks = list(holidays)
    days = []
    day = start
    while day <= end:
        if is_working_day(day) and not any(first <= day <= last for first, last in breaks):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def unexcused_days_in_row(marks: Iterable[MarkFact], school_days: Sequence[dt.date]) -> int:
    """Return the longest run of consecutive school days the student missed whole without a good reason.

    Consecutive means consecutive in ``school_days`` (Friday and Monday are in a row); a reason still
    unknown counts as no good reason until it is resolved (120-ФЗ ст. 14: "без уважительных причин").
    """
    missed = {m.date for m in marks if m.kind == ABSENT and m.whole_day and not is_excused(m.reason)}
    longest = current = 0
    for day in school_days:
        current = current + 1 if day in missed else 0
        longest = max(longest, current)
    return longest


def unexcused_share(unexcused_lessons: int, total_lessons: int) -> Decimal:
    """Return the share of lessons missed without a good reason, in percent to one decimal (0 for no lessons)."""
    if total_lessons <= 0:
        return Decimal(0)
    return percent(unexcused_lessons, total_lessons)


def percent(part: int, whole: int) -> Decimal:
    """Return ``part / whole × 100`` rounded half up to one decimal; 0 when ``whole`` is 0."""
    if whole <= 0:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def flag_reasons(
    marks: Sequence[MarkFact],
    *,
    school_days: Sequence[dt.date],
    month_days: Sequence[dt.date],
    lessons_per_day: int,
    days_in_row: int,
    monthly_share: int,
) -> list[str]:
    """Return why the student is flagged for the social pedagogue and the deputy director (empty: not flagged).

    ``school_days`` is the window searched for a run of days, ``month_days`` the school days of the month
    whose lessons the share is taken of.
    """
    reasons = []
    run = unexcused_days_in_row(marks, school_days)
    if run >= days_in_row:
        reasons.append(f"{run} дн. подряд без уважительной причины (порог — {days_in_row})")
    in_month = set(month_days)
    unexcused = sum(
        lessons_missed(kind=m.kind, whole_day=m.whole_day, lessons=m.lessons, lessons_per_day=lessons_per_day)
        for m in marks
        if m.date in in_month and not is_excused(m.reason)
    )
    total = len(month_days) * lessons_per_day
    share = unexcused_share(unexcused, total)
    if total and share >= monthly_share:
        reasons.append(
            f"{share} % уроков месяца без уважительной причины ({unexcused} из {total}; порог — {monthly_share} %)"
        )
    return reasons


def attendance_percentage(*, planned_lessons: int, missed_lessons: int) -> Decimal:
    """Return the attendance percentage.

    attendance % = attended lessons / planned lessons × 100, where
    planned lessons = school days × lessons_per_day (school days: working days of the production calendar,
    kadry.lib.calendar, minus the school holidays, within the student's enrolment), and
    attended lessons = planned lessons − lessons missed for any reason (illness included).
    """
    attended = max(planned_lessons - missed_lessons, 0)
    return percent(attended, planned_lessons)
