"""Escalation and percentage rules, with hand-computed tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.school.rules.attendance import (
    MarkFact,
    attendance_percentage,
    flag_reasons,
    lessons_missed,
    mark_errors,
    school_days,
    unexcused_days_in_row,
    unexcused_share,
)

D = dt.date
# Mon 16 – Fri 20 and Mon 23 November 2026: six school days in a row (the weekend does not break a run).
DAYS = [D(2026, 11, 16), D(2026, 11, 17), D(2026, 11, 18), D(2026, 11, 19), D(2026, 11, 20), D(2026, 11, 23)]


def absent(day: dt.date, reason: str = "unexcused", *, whole_day: bool = True, lessons: int = 0) -> MarkFact:
    return MarkFact(day, "absent", whole_day, lessons, reason)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], 0),
        ([absent(D(2026, 11, 19)), absent(D(2026, 11, 20), "unknown"), absent(D(2026, 11, 23))], 3),  # Thu, Fri, Mon
        ([absent(D(2026, 11, 19)), absent(D(2026, 11, 20), "illness"), absent(D(2026, 11, 23))], 1),
        ([absent(D(2026, 11, 19)), absent(D(2026, 11, 20), whole_day=False, lessons=3), absent(D(2026, 11, 23))], 1),
        (
            [
                absent(D(2026, 11, 16)),
                absent(D(2026, 11, 17)),
                MarkFact(D(2026, 11, 18), "late", False, 0, "unexcused"),
            ],
            2,
        ),
        ([absent(day) for day in DAYS], 6),
        ([absent(D(2026, 11, 16)), absent(D(2026, 11, 18)), absent(D(2026, 11, 20))], 1),
    ],
)
def test_unexcused_days_in_row(marks, expected) -> None:
    assert unexcused_days_in_row(marks, DAYS) == expected


@pytest.mark.parametrize(
    ("unexcused", "total", "expected"),
    [
        (0, 0, "0"),
        (0, 120, "0.0"),
        (36, 120, "30.0"),
        (35, 120, "29.2"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (120, 120, "100.0"),
    ],
)
def test_unexcused_share(unexcused, total, expected) -> None:
    assert unexcused_share(unexcused, total) == Decimal(expected)


def test_share_flag_at_exactly_the_threshold() -> None:
    # 20 school days × 6 lessons = 120; six whole unexcused days = 36 lessons = 30.0 % ≥ 30 %.
    month = [
        D(2026, 11, 2) + dt.timedelta(days=n)
        for n in range(28)
        if (D(2026, 11, 2) + dt.timedelta(days=n)).weekday() < 5
    ][:20]
    six_scattered = [absent(month[n]) for n in (0, 2, 4, 6, 8, 10)]
    reasons = flag_reasons(
        six_scattered, school_days=month, month_days=month, lessons_per_day=6, days_in_row=3, monthly_share=30
    )
    assert reasons == ["30.0 % уроков месяца без уважительной причины (36 из 120; порог — 30 %)"]
    five = [*six_scattered[:5], absent(month[10], whole_day=False, lessons=5)]  # 35 of 120 = 29.2 %
    assert (
        flag_reasons(five, school_days=month, month_days=month, lessons_per_day=6, days_in_row=3, monthly_share=30)
        == []
    )


def test_run_flag_names_the_run_and_the_threshold() -> None:
    marks = [absent(D(2026, 11, 19)), absent(D(2026, 11, 20)), absent(D(2026, 11, 23))]
    reasons = flag_reasons(marks, school_days=DAYS, month_days=DAYS, lessons_per_day=6, days_in_row=3, monthly_share=90)
    assert reasons == ["3 дн. подряд без уважительной причины (порог — 3)"]


@pytest.mark.parametrize(
    ("planned", "missed", "expected"),
    [(30, 8, "73.3"), (18, 12, "33.3"), (30, 0, "100.0"), (78, 20, "74.4"), (0, 0, "0"), (6, 9, "0.0")],
)
def test_attendance_percentage(planned, missed, expected) -> None:
    assert attendance_percentage(planned_lessons=planned, missed_lessons=missed) == Decimal(expected)


def test_school_days_skip_weekends_public_holidays_and_school_holidays() -> None:
    # 2–8 November 2026: 4 November is Unity Day (ТК РФ ст. 112), 7–8 a weekend; school holidays 2–3 November.
    assert school_days(D(2026, 11, 2), D(2026, 11, 8)) == [
        D(2026, 11, 2),
        D(2026, 11, 3),
        D(2026, 11, 5),
        D(2026, 11, 6),
    ]
    assert school_days(D(2026, 11, 2), D(2026, 11, 8), [(D(2026, 10, 26), D(2026, 11, 3))]) == [
        D(2026, 11, 5),
        D(2026, 11, 6),
    ]


@pytest.mark.parametrize(
    ("kind", "whole_day", "lessons", "expected"),
    [("absent", True, 0, 6), ("absent", False, 2, 2), ("late", False, 0, 0)],
)
def test_lessons_missed(kind, whole_day, lessons, expected) -> None:
    assert lessons_missed(kind=kind, whole_day=whole_day, lessons=lessons, lessons_per_day=6) == expected


def test_mark_errors() -> None:
    assert mark_errors(kind="late", whole_day=False, lessons=None, minutes_late=None, lessons_per_day=6)
    assert mark_errors(kind="absent", whole_day=False, lessons=0, minutes_late=None, lessons_per_day=6)
    assert mark_errors(kind="absent", whole_day=False, lessons=7, minutes_late=None, lessons_per_day=6)
    assert not mark_errors(kind="absent", whole_day=False, lessons=6, minutes_late=None, lessons_per_day=6)
    assert not mark_errors(kind="", whole_day=True, lessons=None, minutes_late=None, lessons_per_day=6)


@given(st.integers(0, 500), st.integers(0, 500))
def test_percentage_is_between_0_and_100(planned, missed) -> None:
    assert Decimal(0) <= attendance_percentage(planned_lessons=planned, missed_lessons=missed) <= Decimal(100)


@given(st.lists(st.sampled_from(DAYS), unique=True))
def test_run_never_exceeds_the_marks(days) -> None:
    run = unexcused_days_in_row([absent(day) for day in days], DAYS)
    assert 0 <= run <= len(days)
