"""Hand-computed pension terms: Приложения 6 и 7 к 400-ФЗ, 350-ФЗ ст. 10 ч. 3, the pre-retirement age."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.retirement import rules

D = dt.date


@pytest.mark.parametrize(
    ("sex", "birth", "years", "months", "date"),
    [
        # Man born 10.05.1958: 60 in 2018, before the reform — 60 years, 10.05.2018.
        ("M", D(1958, 5, 10), 60, 0, D(2018, 5, 10)),
        # Man born 10.05.1959: 60 in 2019 → +12 months (Прил. 6) − 6 months (350-ФЗ ст. 10 ч. 3) = 60 y 6 m → 10.11.2019.
        ("M", D(1959, 5, 10), 60, 6, D(2019, 11, 10)),
        # Man born 10.05.1960: 60 in 2020 → +24 − 6 = 61 y 6 m → 10.11.2021.
        ("M", D(1960, 5, 10), 61, 6, D(2021, 11, 10)),
        # Man born 01.02.1961: 60 in 2021 → +36 = 63 → 01.02.2024.
        ("M", D(1961, 2, 1), 63, 0, D(2024, 2, 1)),
        # Man born 20.04.1962: 60 in 2022 → +48 = 64 → 20.04.2026.
        ("M", D(1962, 4, 20), 64, 0, D(2026, 4, 20)),
        # Man born 20.04.1963: 60 in 2023 → +60 = 65 → 20.04.2028 (the general age of ст. 8).
        ("M", D(1963, 4, 20), 65, 0, D(2028, 4, 20)),
        # Woman born 10.05.1964: 55 in 2019 → +12 − 6 = 55 y 6 m → 10.11.2019.
        ("F", D(1964, 5, 10), 55, 6, D(2019, 11, 10)),
        # Woman born 10.05.1965: 55 in 2020 → +24 − 6 = 56 y 6 m → 10.11.2021.
        ("F", D(1965, 5, 10), 56, 6, D(2021, 11, 10)),
        # Woman born 15.03.1966: 55 in 2021 → +36 = 58 → 15.03.2024 (not 60 in 2026: the general age of
        # 60 applies only from those who reach 55 in 2023, i.e. born 1968 and later).
        ("F", D(1966, 3, 15), 58, 0, D(2024, 3, 15)),
        # Woman born 15.03.1967: 55 in 2022 → +48 = 59 → 15.03.2026.
        ("F", D(1967, 3, 15), 59, 0, D(2026, 3, 15)),
        # Woman born 15.03.1968: 55 in 2023 → +60 = 60 → 15.03.2028.
        ("F", D(1968, 3, 15), 60, 0, D(2028, 3, 15)),
        # Woman born 29.02.1968: 60 years later is 29.02.2028 (a leap year).
        ("F", D(1968, 2, 29), 60, 0, D(2028, 2, 29)),
        # Man born 29.02.1964: 65 years later 2029 has no 29 February → 28.02.2029 (ГК РФ ст. 192 п. 3).
        ("M", D(1964, 2, 29), 65, 0, D(2029, 2, 28)),
    ],
)
def test_general_pension_age_follows_the_table_of_appendix_6(sex, birth, years, months, date) -> None:
    assert rules.general_pension(sex, birth) == rules.PensionAge(years, months, date)


@pytest.mark.parametrize(
    ("reached", "right"),
    [
        (D(2018, 8, 31), D(2018, 8, 31)),  # before 2019: on the day itself
        (D(2019, 3, 1), D(2019, 9, 1)),  # 2019: +12 − 6 = 6 months
        (D(2020, 3, 1), D(2021, 9, 1)),  # 2020: +24 − 6 = 18 months
        (D(2021, 9, 10), D(2024, 9, 10)),  # 2021: +36 months
        (D(2022, 9, 10), D(2026, 9, 10)),  # 2022: +48 months
        (D(2023, 1, 31), D(2028, 1, 31)),  # 2023: +60 months
        (D(2027, 6, 1), D(2032, 6, 1)),  # later years: +60 months
    ],
)
def test_teachers_right_is_deferred_by_appendix_7(reached, right) -> None:
    assert rules.teacher_pension_date(reached) == right


def test_pre_retirement_age_starts_five_years_before_the_right() -> None:
    # The teacher of 10.09.2021: right 10.09.2024, pre-retirement from 10.09.2019.
    assert rules.pre_retirement_start(D(2024, 9, 10)) == D(2019, 9, 10)
    # The man born 20.04.1962: right 20.04.2026, pre-retirement from 20.04.2021.
    assert rules.pre_retirement_start(rules.general_pension("M", D(1962, 4, 20)).date) == D(2021, 4, 20)


def test_the_earlier_right_wins_and_sets_the_pre_retirement_age() -> None:
    # Woman born 15.03.1970 (general: 55 in 2025 → 60 → 15.03.2030) with 25 years on 01.09.2022 → 01.09.2026.
    found = rules.outlook("F", D(1970, 3, 15), D(2022, 9, 1))
    assert found.general.date == D(2030, 3, 15)
    assert (found.right_on, found.early, found.pre_retirement_from) == (D(2026, 9, 1), True, D(2021, 9, 1))
    assert found.status_on(D(2021, 8, 31)) == "before"
    assert found.status_on(D(2021, 9, 1)) == "pre"
    assert found.status_on(D(2026, 9, 1)) == "pension"
    # Without pedagogical service the general age rules.
    assert rules.outlook("F", D(1970, 3, 15), None).right_on == D(2030, 3, 15)


def test_teachers_checklist_adds_the_special_service_documents() -> None:
    general, teacher = rules.checklist(False), rules.checklist(True)
    assert len(teacher) > len(general) and general == teacher[: len(general)]
    assert all(source for _what, source in teacher)
