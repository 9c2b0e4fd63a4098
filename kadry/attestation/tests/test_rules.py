"""The rules of attestation on hand-computed dates (Приказ Минпросвещения № 196, Приказ Минобрнауки № 276)."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.attestation import rules

D = dt.date
WEEK = dt.timedelta(days=7)


def test_a_category_set_before_september_2023_holds_five_years_through_the_day_before() -> None:
    # 15.03.2022 + 5 years = 15.03.2027; the term counts from the decision's day, so the last day is 14.03.2027.
    assert rules.category_valid_until(D(2022, 3, 15)) == D(2027, 3, 14)
    # 31.08.2023, the last day of Приказ № 276: 31.08.2028 − 1 day = 30.08.2028.
    assert rules.category_valid_until(D(2023, 8, 31)) == D(2028, 8, 30)
    # 29.02.2020 + 5 years = 28.02.2025 (no 29th), minus a day: 27.02.2025.
    assert rules.category_valid_until(D(2020, 2, 29)) == D(2025, 2, 27)


def test_a_category_set_from_september_2023_has_no_term() -> None:
    assert rules.category_valid_until(D(2023, 9, 1)) is None
    assert rules.category_valid_until(D(2025, 12, 10)) is None


def test_the_warnings_come_six_three_and_one_month_before_the_last_day() -> None:
    # Last day 14.03.2027: −6 months 14.09.2026, −3 months 14.12.2026, −1 month 14.02.2027.
    assert rules.warning_dates(D(2027, 3, 14)) == [(6, D(2026, 9, 14)), (3, D(2026, 12, 14)), (1, D(2027, 2, 14))]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 9, 6), None),  # 06.09 + 7 days = 13.09: the first reminder (14.09) not reached
        (D(2026, 9, 7), (6, D(2026, 9, 14))),  # 07.09 + 7 = 14.09
        (D(2026, 12, 3), (6, D(2026, 9, 14))),  # 03.12 + 7 = 10.12 < 14.12: still the six months
        (D(2026, 12, 7), (3, D(2026, 12, 14))),
        (D(2027, 2, 20), (1, D(2027, 2, 14))),
        (D(2027, 3, 14), (1, D(2027, 2, 14))),  # the last day itself
        (D(2027, 3, 15), None),  # expired: the due list takes over (conformity)
    ],
)
def test_the_reminder_reached_is_the_latest(today: dt.date, expected: tuple[int, dt.date] | None) -> None:
    assert rules.current_warning(D(2027, 3, 14), today, WEEK) == expected


def test_conformity_is_due_five_years_after_the_last_or_two_years_in_the_post() -> None:
    assert rules.conformity_due(D(2021, 11, 20), D(2015, 9, 1)) == D(2026, 11, 20)
    assert rules.conformity_due(None, D(2024, 9, 2)) == D(2026, 9, 2)


POST = D(2015, 9, 1)
ON = D(2026, 10, 1)


def exemption(**facts):
    return rules.conformity_exemption(ON, has_category=facts.pop("has_category", False),
                                      in_post_since=facts.pop("in_post_since", POST), **facts)  # fmt: skip


def test_no_exemption_for_a_teacher_long_in_the_post() -> None:
    assert exemption() is None


def test_a_category_exempts() -> None:
    assert exemption(has_category=True) == rules.Exemption("имеет квалификационную категорию")


def test_less_than_two_years_in_the_post_exempts_until_the_two_years() -> None:
    # In the post from 02.10.2024: two years on 02.10.2026, one day after 01.10.2026.
    assert exemption(in_post_since=D(2024, 10, 2)) == rules.Exemption(
        "в занимаемой должности менее двух лет", D(2026, 10, 2)
    )
    # From 01.10.2024: exactly two years on 01.10.2026 — attested.
    assert exemption(in_post_since=D(2024, 10, 1)) is None


def test_pregnancy_exempts() -> None:
    assert exemption(pregnant=True) == rules.Exemption("беременность")


def test_maternity_leave_exempts_and_two_years_after_the_return() -> None:
    # On leave 01.06–18.10.2026: exempt; possible from the return 19.10.2026 + 2 years = 19.10.2028.
    assert exemption(maternity=[(D(2026, 6, 1), D(2026, 10, 18))]) == rules.Exemption(
        "в отпуске по беременности и родам", D(2028, 10, 19)
    )
    # Back on 01.10.2024 (leave to 30.09.2024): 01.10.2026 is two years after — attested.
    assert exemption(maternity=[(D(2024, 5, 20), D(2024, 9, 30))]) is None
    # Back on 02.10.2024: possible from 02.10.2026, one day later.
    assert exemption(maternity=[(D(2024, 5, 20), D(2024, 10, 1))]) == rules.Exemption(
        "менее двух лет после отпуска по беременности и родам", D(2026, 10, 2)
    )


def test_childcare_leave_exempts_and_two_years_after_the_return() -> None:
    assert exemption(childcare=[(D(2025, 1, 10), D(2027, 9, 3))]) == rules.Exemption(
        "в отпуске по уходу за ребёнком", D(2029, 9, 4)
    )
    # Back on 10.01.2025: possible from 10.01.2027.
    assert exemption(childcare=[(D(2023, 1, 10), D(2025, 1, 9))]) == rules.Exemption(
        "менее двух лет после отпуска по уходу за ребёнком", D(2027, 1, 10)
    )


def test_an_illness_of_more_than_four_months_running_exempts_a_year_after_the_return() -> None:
    # 01.02–01.06.2026 is four months and a day (01.02 + 4 months = 01.06): more than four months.
    # Two certificates joined: 01.02–31.03 and 01.04–01.06. Back on 02.06.2026: possible from 02.06.2027.
    sick = [(D(2026, 2, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 1))]
    assert exemption(illness=sick) == rules.Exemption(
        "менее года после выхода на работу после болезни более четырёх месяцев", D(2027, 6, 2)
    )
    # 01.02–31.05.2026 is not more than four months: no exemption.
    assert exemption(illness=[(D(2026, 2, 1), D(2026, 5, 31))]) is None
    # Two illnesses with a working day between are not «running»: 01.02–31.03 and 02.04–01.06.
    assert exemption(illness=[(D(2026, 2, 1), D(2026, 3, 31)), (D(2026, 4, 2), D(2026, 6, 1))]) is None
    # Still ill on the day.
    assert exemption(illness=[(D(2026, 5, 1), D(2026, 10, 31))]) == rules.Exemption(
        "отсутствует более четырёх месяцев подряд по болезни"
    )


def test_the_acquaintance_must_be_at_least_thirty_calendar_days_before() -> None:
    # Attestation 01.10.2026: 01.09 is 30 days before (September has 30 days) — enough; 02.09 is 29 — too late.
    assert rules.acquaintance_due(D(2026, 10, 1)) == D(2026, 9, 1)
    assert not rules.acquaintance_short(D(2026, 9, 1), D(2026, 10, 1))
    assert rules.acquaintance_short(D(2026, 9, 2), D(2026, 10, 1))


def test_the_extract_within_two_working_days_and_the_acquaintance_within_three() -> None:
    # A sitting on Thursday 26.11.2026: Friday 27.11, Monday 30.11 → the extract by 30.11.
    assert rules.extract_due(D(2026, 11, 26)) == D(2026, 11, 30)
    # Drawn up on Monday 30.11: 01.12, 02.12, 03.12 → acquaint by Thursday 03.12.2026.
    assert rules.extract_acquaintance_due(D(2026, 11, 30)) == D(2026, 12, 3)
    # A sitting on 30.12.2026: 31.12.2026 is a day off (moved), the holidays run to 10.01.2027 → 11.01, 12.01.
    assert rules.extract_due(D(2026, 12, 30)) == D(2027, 1, 12)
