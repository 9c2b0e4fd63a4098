"""Production calendar, checked against the published calendars for 2025 and 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.lib.calendar import is_working_day, next_working_day, working_day_on_or_after


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2025, 1, 8), False),  # New Year holidays 1–8 January
        (dt.date(2025, 1, 9), True),
        (dt.date(2025, 5, 2), False),  # day off moved from 4 January (Постановление № 1335)
        (dt.date(2025, 11, 1), True),  # a Saturday made a working day
        (dt.date(2025, 11, 3), False),  # day off moved from 1 November
        (dt.date(2025, 12, 31), False),  # day off moved from 5 January
        (dt.date(2026, 1, 9), False),  # day off moved from 3 January 2026
        (dt.date(2026, 1, 12), True),
        (dt.date(2026, 3, 9), False),  # 8 March 2026 falls on a Sunday
        (dt.date(2026, 11, 21), False),  # an ordinary Saturday
        (dt.date(2026, 11, 23), True),  # an ordinary Monday
    ],
)
def test_working_days_follow_the_published_calendar(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_next_working_day_skips_weekends_and_holidays() -> None:
    assert next_working_day(dt.date(2025, 12, 30)) == dt.date(2026, 1, 12)  # 31.12 and 1–11.01 are off
    assert next_working_day(dt.date(2026, 11, 20)) == dt.date(2026, 11, 23)  # Friday → Monday
    assert next_working_day(dt.date(2025, 10, 31)) == dt.date(2025, 11, 1)  # the working Saturday


def test_a_term_ending_on_a_day_off_moves_to_the_next_working_day() -> None:
    assert working_day_on_or_after(dt.date(2026, 1, 25)) == dt.date(2026, 1, 26)  # Sunday → Monday
    assert working_day_on_or_after(dt.date(2026, 2, 25)) == dt.date(2026, 2, 25)
