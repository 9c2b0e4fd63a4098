"""The effectiveness criteria of §9.5: hand-computed shares and trends."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kadry.school.rules.criteria import (
    ClassFigures,
    attendance_percent,
    criteria,
    percent,
    possible_lessons,
    trend,
    trends,
)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 3, Decimal("33.3")), (2, 3, Decimal("66.7")), (1, 8, Decimal("12.5")), (0, 25, Decimal("0.0")), (1, 0, None)],
)
def test_percent_rounds_half_up_to_one_decimal(part: int, whole: int, expected: Decimal | None) -> None:
    assert percent(part, whole) == expected


def test_attendance_is_the_share_of_lessons_attended() -> None:
    # 25 students × 20 days × 6 lessons = 3000 lessons; 150 missed → 95 %.
    assert possible_lessons(20, 25, 6) == 3000
    assert attendance_percent(3000, 150) == Decimal("95.0")
    assert attendance_percent(0, 0) is None
    assert attendance_percent(10, 12) == Decimal("0.0")


def test_criteria_of_a_class() -> None:
    figures = ClassFigures(
        students=28, possible_lessons=28 * 40 * 6, missed_lessons=336, in_clubs=12, in_events=21, in_self_government=4
    )
    result = criteria(figures)
    # 6720 lessons, 336 missed: 6384 / 6720 = 95 %; 12/28 = 42.86 → 42.9; 21/28 = 75; 4/28 = 14.29 → 14.3.
    assert result.attendance == Decimal("95.0")
    assert result.clubs == Decimal("42.9")
    assert result.events == Decimal("75.0")
    assert result.self_government == Decimal("14.3")


def test_trend_against_the_previous_period() -> None:
    assert trend(Decimal("95.0"), Decimal("93.5")).arrow == "↑"
    assert trend(Decimal("95.0"), Decimal("93.5")).difference == Decimal("1.5")
    assert trend(Decimal("40.0"), Decimal("42.9")).arrow == "↓"
    assert trend(Decimal("40.0"), Decimal("42.9")).difference == Decimal("-2.9")
    assert trend(Decimal("10.0"), Decimal("10.0")).arrow == "="
    assert trend(Decimal("10.0"), None).arrow == ""
    assert trend(None, Decimal("10.0")).difference is None


def test_trends_without_a_previous_period_have_no_arrows() -> None:
    current = criteria(ClassFigures(10, 600, 60, 5, 5, 1))
    result = trends(current, None)
    # Quality and success come from the grades (kadry.school.performance): none loaded, no value.
    assert set(result) == {"attendance", "clubs", "events", "self_government", "rating", "quality", "success"}
    assert result["quality"].value is None and result["success"].value is None
    assert all(t.arrow == "" for t in result.values())
    assert result["attendance"].value == Decimal("90.0")
