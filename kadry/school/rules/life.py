"""The arithmetic of class life: notices to the administration, escorts, parent meetings per quarter.

Pure functions of plain values; each cites the lyceum's regulation on class teachers (§6.6, §6.7, §6.9).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

# §6.9: «обязан обеспечить сопровождение обучающихся в расчете 1 взрослый на 10 обучающихся».
STUDENTS_PER_ADULT = 10
# §6.9: «в письменном виде уведомляет администрацию школы не менее чем за 3 дня до мероприятия».
EVENT_NOTICE_DAYS = 3
# §6.6: «Администрация должна быть информирована не менее чем за сутки».
CANCEL_NOTICE_DAYS = 1
# §6.7 is checked before a quarter ends: the current quarter warns when this many days or fewer are left.
MEETING_WARNING_DAYS = 14


def escorts_needed(participants: int) -> int:
    """Return the adults an event of ``participants`` students needs: ⌈n / 10⌉ (§6.9).

    Every started ten needs its adult: 1–10 students — one, 11–20 — two, 21 — three. The class
    teacher counts only when listed among the escorts.
    """
    if participants < 0:
        raise ValueError("participants must not be negative")
    return math.ceil(participants / STUDENTS_PER_ADULT)


def notice_deadline(event_date: dt.date) -> dt.date:
    """Return the last day the written notice of an event on ``event_date`` may be given (§6.9).

    «Не менее чем за 3 дня» is read in calendar days (the regulation does not say working days, and an
    outing on a Monday is as dangerous as on a Thursday): a notice on day D is in time for an event on
    D + 3 or later, so the deadline is ``event_date − 3 days``.
    """
    return event_date - dt.timedelta(days=EVENT_NOTICE_DAYS)


def notice_in_time(notice_given_on: dt.date, event_date: dt.date) -> bool:
    """Return whether a notice given on ``notice_given_on`` is early enough for an event on ``event_date``."""
    return notice_given_on <= notice_deadline(event_date)


def cancel_notice_deadline(class_hour_date: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """Return the latest moment the administration may learn that a class hour will not take place (§6.6).

    «Не менее чем за сутки» before the class hour; a class hour has a date but no time in the plan, so
    it is taken to start at the beginning of its day: the deadline is 00:00 of the day before, local time.
    """
    # The local midnight of the day before (not "the instant minus 24 h"): the same wall-clock moment
    # even across a change of the clocks.
    return dt.datetime.combine(class_hour_date - dt.timedelta(days=CANCEL_NOTICE_DAYS), dt.time.min, tzinfo=tz)


def cancel_notice_in_time(notified_at: dt.datetime, class_hour_date: dt.date, tz: dt.tzinfo) -> bool:
    """Return whether a notice at ``notified_at`` (aware) is in time to cancel a class hour on ``class_hour_date``."""
    return notified_at <= cancel_notice_deadline(class_hour_date, tz)


class Span(Protocol):
    """A part of the school year: a quarter (or a trimester, a half-year)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


class Level(StrEnum):
    VIOLATION = "violation"  # the quarter has ended without a meeting
    WARNING = "warning"  # the current quarter ends soon and has no meeting yet


@dataclass(frozen=True)
class MissingMeeting:
    period: Span
    level: Level
    days_left: int  # 0 or less for an ended quarter


def quarters_without_meeting(
    periods: Sequence[Span], meetings: Iterable[dt.date], today: dt.date
) -> list[MissingMeeting]:
    """Return the periods lacking a parent meeting (§6.7: «не реже одного раза в четверть»).

    A period that ended before ``today`` without a meeting between its start and end (inclusive) is a
    violation; the current period without one is a warning once at most 14 days are left; periods not
    begun yet are not judged.
    """
    dates = sorted(meetings)
    found: list[MissingMeeting] = []
    for period in sorted(periods, key=lambda p: p.start):
        if period.start > today or any(period.start <= day <= period.end for day in dates):
            continue
        days_left = (period.end - today).days
        if days_left < 0:
            found.append(MissingMeeting(period, Level.VIOLATION, days_left))
        elif days_left <= MEETING_WARNING_DAYS:
            found.append(MissingMeeting(period, Level.WARNING, days_left))
    return found


# §6.3 «Посещает уроки в своем классе (согласно графику)»: a visit is planned ahead and marked done
# once it took place, so a done visit cannot be dated after today.
def visit_refusal(status: str, date: dt.date, today: dt.date) -> str | None:
    """Return why a visit with ``status`` on ``date`` cannot be recorded on ``today``, or None."""
    if status == "done" and date > today:
        return "Проведённое посещение не может быть позже сегодняшнего дня: запланируйте его по графику."
    return None
