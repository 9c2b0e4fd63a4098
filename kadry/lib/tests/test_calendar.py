"""Production calendar, checked against the published calendars for 2025 and 2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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


# --- 2026, counted by hand from Постановление Правительства РФ от 24.09.2025 № 1466 -----------------
# Days off: 1–11.01 (1–8 holidays, 9.01 moved from 3.01, 10–11 weekend), 21–23.02, 7–9.03, 1–3.05,
# 9–11.05, 12–14.06, 4.11, 31.12 (moved from 4.01). Shortened (ТК РФ ст. 95): 30.04, 08.05, 11.06, 03.11.
WORKING_DAYS_2026 = [15, 19, 21, 22, 19, 21, 23, 21, 22, 22, 20, 22]


def test_2026_has_247_working_days_and_its_monthly_norms() -> None:
    from kadry.lib.calendar import month_norm, year_norm

    assert [month_norm(2026, m).working_days for m in range(1, 13)] == WORKING_DAYS_2026
    year = year_norm(2026)
    assert (year.working_days, year.days_off, year.shortened_days) == (247, 118, 4)
    # 40 h: 247 × 8 − 4; 36 h: 247 × 7.2 − 4; 24 h: 247 × 4.8 − 4 (Приказ № 588н).
    assert year.hours == {40: 1972, 36: Decimal("1774.4"), 24: Decimal("1181.6")}
    assert month_norm(2026, 4).hours[40] == 22 * 8 - 1  # 30 April is shortened


def test_quarters_add_up_to_the_year() -> None:
    from kadry.lib.calendar import quarter_norm

    assert [quarter_norm(2026, q).working_days for q in range(1, 5)] == [55, 62, 66, 64]


def test_a_moved_day_off_is_a_day_off_and_not_a_public_holiday() -> None:
    from kadry.lib.calendar import is_public_holiday, year_calendar

    calendar = year_calendar(2026)
    assert dt.date(2026, 5, 11) in calendar.days_off_moved
    assert not is_public_holiday(dt.date(2026, 5, 11))
    assert not is_working_day(dt.date(2026, 5, 11))
    assert is_public_holiday(dt.date(2026, 1, 3))  # a holiday on a Saturday is still a holiday (ст. 120)
    assert sorted(calendar.shortened) == [
        dt.date(2026, 4, 30),
        dt.date(2026, 5, 8),
        dt.date(2026, 6, 11),
        dt.date(2026, 11, 3),
    ]


def test_2020_matches_the_published_248_days_and_1979_hours() -> None:
    from kadry.lib.calendar import year_norm

    year = year_norm(2020)
    assert (year.working_days, year.hours[40]) == (248, 1979)


def test_corrections_add_days_off_and_shortened_days() -> None:
    from kadry.lib.calendar import Correction, year_norm

    # Указ Президента РФ от 01.06.2020 № 354: 1 July 2020 (the vote) was a non-working day.
    vote = Correction(dt.date(2020, 7, 1), Correction.Kind.DAY_OFF, "Указ № 354")
    saturday = Correction(dt.date(2021, 2, 20), Correction.Kind.SHORTENED, "предпраздничная рабочая суббота")
    assert not is_working_day(dt.date(2020, 7, 1), [vote])
    assert year_norm(2020, [vote]).working_days == 247
    assert year_norm(2021).hours[40] - year_norm(2021, [saturday]).hours[40] == 1


@pytest.mark.parametrize(
    ("start", "days", "end", "inside"),
    [
        # 27.04–12.05.2026: 16 calendar days, 1 and 9 May not counted; 11 May (moved day off) counted.
        (dt.date(2026, 4, 27), 14, dt.date(2026, 5, 12), [dt.date(2026, 5, 1), dt.date(2026, 5, 9)]),
        (dt.date(2026, 6, 1), 28, dt.date(2026, 6, 29), [dt.date(2026, 6, 12)]),
        (dt.date(2026, 7, 1), 28, dt.date(2026, 7, 28), []),
        # 28.12.2026 + 14 days: 1–8 January 2027 are holidays (Christmas among them).
        (dt.date(2026, 12, 28), 14, dt.date(2027, 1, 18), [dt.date(2027, 1, d) for d in range(1, 9)]),
    ],
)
def test_public_holidays_inside_a_leave_extend_it(start, days, end, inside) -> None:
    from kadry.lib.calendar import leave_end

    span = leave_end(start, days)
    assert (span.end, list(span.holidays_inside)) == (end, inside)
