"""The arithmetic of §6.6, §6.7 and §6.9, against hand-computed cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.school.rules.life import (
    Level,
    cancel_notice_deadline,
    cancel_notice_in_time,
    escorts_needed,
    notice_deadline,
    notice_in_time,
    quarters_without_meeting,
)

D = dt.date
MSK = ZoneInfo("Europe/Moscow")
UTC = dt.UTC


@pytest.mark.parametrize(
    ("participants", "adults"),
    [(0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (19, 2), (20, 2), (21, 3), (25, 3), (30, 3), (31, 4), (100, 10)],
)
def test_one_adult_for_every_started_ten_students(participants: int, adults: int) -> None:
    assert escorts_needed(participants) == adults


@given(st.integers(min_value=1, max_value=1000))
def test_escorts_cover_the_students_and_one_fewer_would_not(participants: int) -> None:
    adults = escorts_needed(participants)
    assert adults * 10 >= participants > (adults - 1) * 10


@pytest.mark.parametrize(
    ("event", "deadline"),
    [
        (D(2026, 12, 10), D(2026, 12, 7)),  # Thursday → the Monday before
        (D(2026, 12, 2), D(2026, 11, 29)),  # across a month: a Sunday counts, calendar days
        (D(2027, 1, 2), D(2026, 12, 30)),  # across the year
        (D(2028, 3, 1), D(2028, 2, 27)),  # a leap February
    ],
)
def test_the_notice_deadline_is_three_calendar_days_before(event: dt.date, deadline: dt.date) -> None:
    assert notice_deadline(event) == deadline


@pytest.mark.parametrize(
    ("given_on", "event", "in_time"),
    [
        (D(2026, 12, 7), D(2026, 12, 10), True),  # D for an event on D + 3
        (D(2026, 12, 1), D(2026, 12, 10), True),
        (D(2026, 12, 8), D(2026, 12, 10), False),  # two days
        (D(2026, 12, 10), D(2026, 12, 10), False),  # the same day
        (D(2026, 11, 29), D(2026, 12, 2), True),
        (D(2026, 11, 30), D(2026, 12, 2), False),
    ],
)
def test_notice_in_time(given_on: dt.date, event: dt.date, in_time: bool) -> None:
    assert notice_in_time(given_on, event) is in_time


def test_the_class_hour_deadline_is_local_midnight_of_the_day_before() -> None:
    assert cancel_notice_deadline(D(2026, 12, 10), MSK) == dt.datetime(2026, 12, 9, 0, 0, tzinfo=MSK)
    assert cancel_notice_deadline(D(2026, 12, 10), MSK) == dt.datetime(2026, 12, 8, 21, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("notified_at", "in_time"),
    [
        (dt.datetime(2026, 12, 8, 23, 59, tzinfo=MSK), True),
        (dt.datetime(2026, 12, 9, 0, 0, tzinfo=MSK), True),  # exactly 24 h before the day begins
        (dt.datetime(2026, 12, 9, 0, 1, tzinfo=MSK), False),
        (dt.datetime(2026, 12, 9, 15, 0, tzinfo=MSK), False),  # the afternoon before: less than a day
        (dt.datetime(2026, 12, 10, 8, 0, tzinfo=MSK), False),  # the morning of
        (dt.datetime(2026, 12, 8, 21, 0, tzinfo=UTC), True),  # the same instant in UTC
        (dt.datetime(2026, 12, 8, 21, 1, tzinfo=UTC), False),
    ],
)
def test_cancel_notice_for_a_class_hour_on_10_december(notified_at: dt.datetime, in_time: bool) -> None:
    assert cancel_notice_in_time(notified_at, D(2026, 12, 10), MSK) is in_time


@dataclass(frozen=True)
class Q:
    number: int
    start: dt.date
    end: dt.date


Q1, Q2 = Q(1, D(2026, 9, 1), D(2026, 10, 25)), Q(2, D(2026, 11, 5), D(2026, 12, 28))
Q3 = Q(3, D(2027, 1, 11), D(2027, 3, 21))
QUARTERS = [Q3, Q1, Q2]  # any order


@pytest.mark.parametrize(
    ("meetings", "today", "expected"),
    [
        ([], D(2026, 8, 31), []),  # nothing begun
        ([], D(2026, 10, 10), []),  # Q1 current, 15 days left
        ([], D(2026, 10, 11), [(1, Level.WARNING, 14)]),
        ([], D(2026, 10, 25), [(1, Level.WARNING, 0)]),  # the last day still warns
        ([], D(2026, 10, 26), [(1, Level.VIOLATION, -1)]),
        ([], D(2026, 11, 4), [(1, Level.VIOLATION, -10)]),  # holidays: Q2 not begun
        ([D(2026, 10, 25)], D(2026, 11, 21), []),  # a meeting on the last day counts
        ([D(2026, 10, 30)], D(2026, 11, 21), [(1, Level.VIOLATION, -27)]),  # in the holidays: no quarter's
        ([D(2026, 9, 15)], D(2026, 12, 13), []),  # Q2: 15 days left
        ([D(2026, 9, 15)], D(2026, 12, 14), [(2, Level.WARNING, 14)]),
        ([D(2026, 9, 15)], D(2026, 12, 29), [(2, Level.VIOLATION, -1)]),
        ([D(2026, 9, 15), D(2026, 12, 20)], D(2027, 3, 10), [(3, Level.WARNING, 11)]),
        ([], D(2027, 1, 20), [(1, Level.VIOLATION, -87), (2, Level.VIOLATION, -23)]),
    ],
)
def test_quarters_without_a_parent_meeting(meetings: list[dt.date], today: dt.date, expected: list) -> None:
    found = quarters_without_meeting(QUARTERS, meetings, today)
    assert [(cast(Q, m.period).number, m.level, m.days_left) for m in found] == expected  # the periods given
