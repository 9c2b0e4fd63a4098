"""The review arithmetic and the checks of decisions and results: hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.prevention import rules

D = dt.date


@pytest.mark.parametrize(
    ("opened", "expected"),
    [
        (D(2026, 11, 30), D(2027, 2, 28)),  # February of a common year: clipped to the 28th
        (D(2027, 11, 30), D(2028, 2, 29)),  # of a leap year: the 29th
        (D(2026, 11, 29), D(2027, 2, 28)),
        (D(2026, 1, 31), D(2026, 4, 30)),  # April has 30 days
        (D(2026, 9, 15), D(2026, 12, 15)),
        (D(2026, 10, 31), D(2027, 1, 31)),  # across the year
    ],
)
def test_the_review_is_three_calendar_months_on_clipped_to_the_months_last_day(opened, expected) -> None:
    assert rules.next_review(opened, None) == expected


def test_first_review_is_three_months_after_the_opening() -> None:
    assert rules.REVIEW_MONTHS == 3
    assert rules.next_review(D(2026, 11, 30), None) == D(2027, 2, 28)


def test_next_review_counts_from_the_last_review() -> None:
    assert rules.next_review(D(2026, 9, 15), D(2026, 12, 1)) == D(2027, 3, 1)


def test_a_review_dated_before_the_opening_does_not_count() -> None:
    assert rules.next_review(D(2026, 9, 15), D(2026, 9, 1)) == D(2026, 12, 15)


def test_review_overdue_only_after_its_day() -> None:
    assert not rules.review_overdue(D(2026, 9, 15), None, D(2026, 12, 15))
    assert rules.review_overdue(D(2026, 9, 15), None, D(2026, 12, 16))


def test_a_measure_is_overdue_past_its_term_without_a_result() -> None:
    assert rules.measure_overdue(D(2026, 10, 1), None, D(2026, 10, 2))
    assert not rules.measure_overdue(D(2026, 10, 1), None, D(2026, 10, 1))
    assert not rules.measure_overdue(D(2026, 10, 1), D(2026, 10, 5), D(2026, 12, 1))


def test_decisions_on_a_closed_or_later_case_are_refused() -> None:
    opened = rules.CaseState(is_open=True, opened_on=D(2026, 9, 15), last_decision_on=D(2026, 10, 1))
    closed = rules.CaseState(is_open=False, opened_on=D(2026, 9, 15), last_decision_on=D(2026, 10, 1))
    assert rules.decision_problems("open", None, D(2026, 9, 1)) == {}
    assert rules.decision_problems("suspend", opened, D(2026, 10, 2)) == {"kind": "Выберите решение Совета."}
    assert rules.decision_problems("close", opened, D(2026, 10, 2)) == {}
    assert "закрыт" in rules.decision_problems("continue", closed, D(2026, 10, 2))["case"]
    assert "раньше постановки" in rules.decision_problems("close", opened, D(2026, 9, 1))["case"]
    assert "более позднего" in rules.decision_problems("change_plan", opened, D(2026, 9, 20))["case"]
    assert rules.decision_problems("close", None, D(2026, 9, 20)) == {
        "case": "Выберите случай учёта, по которому принято решение."
    }


def test_a_result_needs_text_and_a_date_not_in_the_future_nor_before_the_opening() -> None:
    opened, today = D(2026, 9, 15), D(2026, 12, 4)
    assert rules.result_problems("Беседа проведена", D(2026, 12, 4), opened_on=opened, today=today) == {}
    assert set(rules.result_problems(" ", None, opened_on=opened, today=today)) == {"result", "result_on"}
    assert "позже" in rules.result_problems("x", D(2026, 12, 5), opened_on=opened, today=today)["result_on"]
    assert "раньше" in rules.result_problems("x", D(2026, 9, 14), opened_on=opened, today=today)["result_on"]


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
def test_the_review_lands_three_months_on_never_later_in_the_month(day: dt.date) -> None:
    moved = rules.next_review(day, None)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == rules.REVIEW_MONTHS
    assert moved.day <= day.day


def test_the_decision_kinds_are_the_models() -> None:
    from kadry.prevention.models import CouncilDecision

    assert set(CouncilDecision.Kind.values) == rules.DECISION_KINDS
