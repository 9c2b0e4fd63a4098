"""The social passport's arithmetic: hand-computed cases of the pure rule."""

from __future__ import annotations

import datetime as dt

from kadry.school.rules.passport import CategoryRow, StudentRow, social_passport

D = dt.date
ON = D(2026, 11, 20)
ANNA = StudentRow(1, "Антонова Анна", "F", "1")
BORIS = StudentRow(2, "Борисов Борис", "M", "2")
VERA = StudentRow(3, "Васильева Вера", "F", "2")
GLEB = StudentRow(4, "Глебов Глеб", "M", "")


def test_counts_students_boys_girls_and_health_groups() -> None:
    passport = social_passport([ANNA, BORIS, VERA, GLEB], [], on=ON)
    assert (passport.students, passport.boys, passport.girls) == (4, 2, 2)
    assert passport.health_groups == {"1": 1, "2": 2, "3": 0, "4": 0, "5": 0}
    assert passport.unknown_health_group == 1
    assert passport.with_any_category == 0
    assert all(line.count == 0 for line in passport.lines)


def test_counts_only_categories_valid_on_the_date_of_enrolled_students() -> None:
    categories = [
        CategoryRow(1, "large_family", D(2026, 9, 1)),  # open-ended: counts
        CategoryRow(2, "large_family", D(2026, 11, 20), D(2026, 11, 20)),  # the date itself: counts
        CategoryRow(3, "large_family", D(2026, 11, 21)),  # not yet: no
        CategoryRow(4, "large_family", D(2025, 9, 1), D(2026, 11, 19)),  # ended the day before: no
        CategoryRow(99, "large_family", D(2026, 9, 1)),  # not enrolled in the class on the date: no
        CategoryRow(1, "low_income", D(2026, 9, 1), evidence="справка УСЗН № 7"),
        CategoryRow(1, "low_income", D(2026, 10, 1)),  # a second record of the same category: once
        CategoryRow(3, "pdn", D(2026, 10, 1)),
    ]
    passport = social_passport([ANNA, BORIS, VERA, GLEB], categories, on=ON)
    assert passport.count("large_family") == 2
    assert passport.count("low_income") == 1
    assert passport.count("pdn") == 1
    assert passport.count("orphan") == 0
    # Anna (large family and low income), Boris, Vera: three students in at least one category.
    assert passport.with_any_category == 3
    large = next(line for line in passport.lines if line.category == "large_family")
    assert [s.name for s in large.students] == ["Антонова Анна", "Борисов Борис"]
    assert passport.evidence[(1, "low_income")] == "справка УСЗН № 7"


def test_every_category_has_a_line_in_the_order_of_the_choices() -> None:
    passport = social_passport([], [], on=ON)
    assert [line.category for line in passport.lines][:3] == ["large_family", "low_income", "single_parent"]
    assert {"orphan", "disabled", "special_needs", "internal_register", "pdn", "kdn"} <= {
        line.category for line in passport.lines
    }
    assert passport.students == 0 and passport.with_any_category == 0
