"""The plan's months, half-years and transitions (regulation §6.4, §7.1): hand-written cases, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.school.rules import education_plan as rules

D = dt.date
START, END = D(2026, 9, 1), D(2027, 8, 31)


def test_the_school_year_runs_from_september_to_june_in_two_half_years() -> None:
    assert [rules.month_order(m) for m in (9, 12, 1, 6)] == [0, 3, 4, 9]
    assert [rules.half_year_of(m) for m in (9, 10, 11, 12)] == [1, 1, 1, 1]
    assert [rules.half_year_of(m) for m in (1, 2, 3, 4, 5, 6)] == [2, 2, 2, 2, 2, 2]


@pytest.mark.parametrize(
    ("status", "refused"),
    [("draft", False), ("returned", False), ("submitted", True), ("approved", True)],
)
def test_only_a_draft_or_a_returned_plan_is_edited(status: str, refused: bool) -> None:
    assert (rules.edit_refusal(status) is not None) is refused


def test_an_approved_plan_is_changed_only_by_a_correction() -> None:
    assert "корректировку на новое полугодие" in (rules.edit_refusal("approved") or "")


def test_a_plan_is_sent_with_goals_and_at_least_one_item() -> None:
    assert rules.submit_refusal("draft", goals="Сплочение", items=3) == {}
    assert rules.submit_refusal("returned", goals="Сплочение", items=1) == {}
    assert set(rules.submit_refusal("draft", goals="  ", items=0)) == {"goals", "__all__"}
    assert "ни одного мероприятия" in rules.submit_refusal("draft", goals="Сплочение", items=0)["__all__"]


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_sent_or_approved_plan_is_not_sent_again(status: str) -> None:
    assert set(rules.submit_refusal(status, goals="Сплочение", items=3)) == {"__all__"}


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("submitted", None),
        ("approved", "План уже утверждён."),
        ("draft", "Утвердить или вернуть можно только план, отправленный классным руководителем на утверждение."),
        ("returned", "Утвердить или вернуть можно только план, отправленный классным руководителем на утверждение."),
    ],
)
def test_the_deputy_decides_only_on_a_plan_sent_to_her(status: str, message: str | None) -> None:
    assert rules.decision_refusal(status) == message


def test_a_plan_is_returned_with_a_comment() -> None:
    assert rules.return_refusal("submitted", "Добавьте работу с родителями") == {}
    assert rules.return_refusal("submitted", "   ") == {
        "comment": "Напишите классному руководителю, что исправить в плане."
    }
    assert set(rules.return_refusal("draft", "Замечание")) == {"__all__"}


def test_a_correction_starts_from_the_latest_approved_revision_for_the_second_half_year() -> None:
    assert rules.correction_refusal("approved", latest=True) is None
    assert rules.correction_refusal("draft", latest=True) is not None
    assert rules.correction_refusal("submitted", latest=True) is not None
    assert "уже начата" in (rules.correction_refusal("approved", latest=False) or "")
    assert rules.correction_half_year(1) == 2
    assert rules.correction_half_year(2) == 2


def test_a_date_lies_in_its_month_inside_the_school_year() -> None:
    assert rules.item_refusals(month=10, date=D(2026, 10, 5), plan_half_year=1, year_start=START, year_end=END) == {}
    assert rules.item_refusals(month=10, date=None, plan_half_year=1, year_start=START, year_end=END) == {}
    assert rules.item_refusals(month=10, date=D(2026, 11, 5), plan_half_year=1, year_start=START, year_end=END) == {
        "date": "Дата не в выбранном месяце: октябрь."
    }
    # October of the next year is October too, but outside the class's school year.
    assert rules.item_refusals(month=10, date=D(2027, 10, 5), plan_half_year=1, year_start=START, year_end=END) == {
        "date": "Дата вне учебного года класса."
    }
    assert set(rules.item_refusals(month=8, date=None, plan_half_year=1, year_start=START, year_end=END)) == {"month"}


def test_a_correction_for_the_second_half_year_keeps_the_first_half_year_as_approved() -> None:
    assert rules.item_refusals(month=2, date=D(2027, 2, 10), plan_half_year=2, year_start=START, year_end=END) == {}
    assert set(rules.item_refusals(month=12, date=None, plan_half_year=2, year_start=START, year_end=END)) == {"month"}
    # Moving an item of December to February would remove it from the approved first half-year.
    assert set(
        rules.item_refusals(month=2, date=None, plan_half_year=2, old_month=12, year_start=START, year_end=END)
    ) == {"month"}
    # The first revision plans the whole year.
    assert rules.item_refusals(month=12, date=None, plan_half_year=1, old_month=3, year_start=START, year_end=END) == {}
