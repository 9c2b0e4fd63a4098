"""The quarter's analysis: categories, quality and success percentages, subjects, the previous term."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.grades.models import Mark, Term
from kadry.grades.rules import (
    Category,
    analyse,
    combine,
    compare,
    previous_term,
    student_result,
    subject_figures,
    term_of_period,
)

SUBJECTS = ("Алгебра", "Русский язык", "История", "Физика")


def marks(*values: str) -> dict[str, str]:
    return dict(zip(SUBJECTS, values, strict=False))


def class_of_ten() -> dict[int, dict[str, str]]:
    """2 отличника, 4 хорошиста, 1 with one «3», 2 троечника, 1 failing two subjects."""
    return {
        1: marks("5", "5", "5", "5"),
        2: marks("5", "5", "5", "5"),
        3: marks("4", "5", "5", "5"),
        4: marks("4", "4", "4", "4"),
        5: marks("5", "4", "5", "4"),
        6: marks("4", "4", "5", "5"),
        7: marks("3", "4", "5", "5"),
        8: marks("3", "3", "4", "4"),
        9: marks("3", "3", "3", "3"),
        10: marks("2", "3", Mark.NOT_ATTESTED, "4"),
    }


def test_a_class_of_ten_has_quality_60_and_success_90() -> None:
    analysis = analyse(list(range(1, 11)), class_of_ten())

    assert analysis.counts[Category.EXCELLENT] == 2
    assert analysis.counts[Category.GOOD] == 4
    assert analysis.counts[Category.ONE_THREE] == 1
    assert analysis.counts[Category.SATISFACTORY] == 2
    assert analysis.counts[Category.FAILING] == 1
    assert analysis.attested == 10
    # Quality: (2 + 4) / 10 × 100 = 60.0; success: (10 − 1) / 10 × 100 = 90.0.
    assert analysis.quality == Decimal("60.0")
    assert analysis.success == Decimal("90.0")


def test_a_student_failing_two_subjects_is_listed_with_both() -> None:
    result = analyse(list(range(1, 11)), class_of_ten()).of(Category.FAILING)

    assert [r.student_id for r in result] == [10]
    assert result[0].debts == (("Алгебра", "2"), ("История", "н/а"))


def test_the_one_three_names_its_subject() -> None:
    assert student_result(7, marks("3", "4", "5", "5")).threes == ("Алгебра",)


@pytest.mark.parametrize(
    ("values", "category"),
    [
        ({"Алгебра": "5", "Физкультура": "pass"}, Category.EXCELLENT),  # «зачёт» keeps the category
        ({"Алгебра": "5", "Физкультура": "exempt"}, Category.EXCELLENT),  # «осв.» is left out
        ({"Алгебра": "4", "Физкультура": "fail"}, Category.FAILING),  # «незачёт» is a debt
        ({"Алгебра": "na", "Физика": "na"}, Category.NOT_ATTESTED),  # nothing but «н/а»
        ({"Физкультура": "exempt"}, Category.NOT_ATTESTED),
        ({}, Category.NOT_ATTESTED),
        ({"ОРКСЭ": "pass"}, Category.NO_MARKS),
    ],
)
def test_categories_follow_the_documented_conventions(values: dict[str, str], category: Category) -> None:
    assert student_result(1, values).category == category


def test_not_attested_students_are_outside_the_percentages() -> None:
    # 3 listed: an отличник, a хорошист, one with «н/а» only → attested 2; quality 2/2 = 100.0.
    analysis = analyse([1, 2, 3], {1: marks("5"), 2: marks("4"), 3: marks("na")})

    assert analysis.attested == 2
    assert analysis.counts[Category.NOT_ATTESTED] == 1
    assert analysis.quality == Decimal("100.0")
    assert analysis.success == Decimal("100.0")


def test_percentages_round_half_up_to_one_decimal() -> None:
    # An отличник, a хорошист, one failing: quality 2/3 = 66.66… → 66.7, success 2/3 → 66.7; then an
    # отличник and two троечники: quality 1/3 = 33.33… → 33.3.
    analysis = analyse([1, 2, 3], {1: marks("5"), 2: marks("4"), 3: marks("2")})

    assert analysis.quality == Decimal("66.7")
    assert analysis.success == Decimal("66.7")
    analysis = analyse([1, 2, 3], {1: marks("5"), 2: marks("3", "3"), 3: marks("3", "3")})
    assert analysis.quality == Decimal("33.3")


def test_nobody_attested_gives_no_percentage() -> None:
    analysis = analyse([1], {})

    assert analysis.quality is None
    assert analysis.success is None


def test_subject_figures_average_quality_success() -> None:
    # Marks 5, 4, 3, 2, «осв.»: graded 4, average (5+4+3+2)/4 = 3.50, quality 2/4 = 50.0, success 3/4 = 75.0.
    figures = subject_figures("Алгебра", ["5", "4", "3", "2", "exempt"])

    assert figures.graded == 4
    assert figures.average == Decimal("3.50")
    assert figures.quality == Decimal("50.0")
    assert figures.success == Decimal("75.0")


def test_by_subject_of_the_class_of_ten() -> None:
    subjects = {s.subject: s for s in analyse(list(range(1, 11)), class_of_ten()).subjects}

    # Алгебра: 5,5,4,4,5,4,3,3,3,2 → sum 38 / 10 = 3.80; quality 6/10; success 9/10.
    assert subjects["Алгебра"].average == Decimal("3.80")
    assert subjects["Алгебра"].quality == Decimal("60.0")
    assert subjects["Алгебра"].success == Decimal("90.0")
    # История: nine marks 5,5,5,4,5,5,5,4,3 and one «н/а» → average 41/9 = 4.555… → 4.56; success 9/10.
    assert subjects["История"].average == Decimal("4.56")
    assert subjects["История"].success == Decimal("90.0")


def test_comparison_with_the_previous_term() -> None:
    before = analyse([1, 2], {1: marks("5"), 2: marks("3", "3")})  # quality 50.0
    now = analyse([1, 2], {1: marks("5"), 2: marks("4")})  # quality 100.0

    change = compare(now, before)

    assert change.quality.difference == Decimal("50.0")
    assert change.quality.arrow == "↑"
    assert compare(now, None).quality.arrow == ""


def test_the_school_line_combines_the_students_of_every_class() -> None:
    first = analyse(list(range(1, 11)), class_of_ten())
    second = analyse([11, 12], {11: marks("5"), 12: marks("2")})

    total = combine([first, second])

    # (2 + 4 + 1) / 12 = 58.33… → 58.3; (12 − 2) / 12 = 83.33… → 83.3.
    assert total.quality == Decimal("58.3")
    assert total.success == Decimal("83.3")


@pytest.mark.parametrize(
    ("term", "previous"),
    [
        (Term.Q1, None),
        (Term.Q2, Term.Q1),
        (Term.Q4, Term.Q3),
        (Term.H2, Term.H1),
        (Term.T3, Term.T2),
        (Term.YEAR, None),
    ],
)
def test_previous_term(term: Term, previous: Term | None) -> None:
    assert previous_term(term) == previous


def test_school_periods_map_to_terms() -> None:
    assert term_of_period("quarter", 3) == Term.Q3
    assert term_of_period("half_year", 2) == Term.H2
    assert term_of_period("quarter", 5) is None


def _category_as_the_module_says(marks: dict[str, str]) -> Category:
    """The categories read off the module's docstring, one condition at a time (the reference)."""
    graded = [mark for mark in marks.values() if mark != Mark.EXEMPT]
    if all(mark in (Mark.NOT_ATTESTED, Mark.EXEMPT) for mark in graded):
        return Category.NOT_ATTESTED
    if any(mark in (Mark.TWO, Mark.FAIL, Mark.NOT_ATTESTED) for mark in graded):
        return Category.FAILING
    five_point = [int(mark) for mark in graded if mark in ("5", "4", "3", "2")]
    if not five_point:
        return Category.NO_MARKS
    if all(value == 5 for value in five_point):
        return Category.EXCELLENT
    threes = five_point.count(3)
    return Category.GOOD if threes == 0 else Category.ONE_THREE if threes == 1 else Category.SATISFACTORY


@given(st.dictionaries(st.sampled_from((*SUBJECTS, "Химия", "Физкультура")), st.sampled_from(Mark.values), max_size=6))
def test_every_set_of_marks_gets_the_category_the_conventions_give(marks: dict[str, str]) -> None:
    result = student_result(7, marks)
    assert result.category == _category_as_the_module_says(marks)
    assert [subject for subject, _label in result.debts] == sorted(
        subject for subject, mark in marks.items() if mark in ("2", "fail", "na")
    )
    assert list(result.threes) == sorted(subject for subject, mark in marks.items() if mark == "3")
