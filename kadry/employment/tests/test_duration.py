"""Duration and Period: values and their Russian wording."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.lib.duration import Duration, Period, plural


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "лет"),
        (1, "год"),
        (2, "года"),
        (4, "года"),
        (5, "лет"),
        (11, "лет"),
        (12, "лет"),
        (14, "лет"),
        (21, "год"),
        (22, "года"),
        (25, "лет"),
        (101, "год"),
        (111, "лет"),
        (112, "лет"),
        (122, "года"),
    ],
)
def test_plural_agrees_with_the_number(number: int, expected: str) -> None:
    assert plural(number, "год", "года", "лет") == expected


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration(5, 3, 12), "5 лет 3 месяца 12 дней"),
        (Duration(1, 1, 1), "1 год 1 месяц 1 день"),
        (Duration(2, 2, 2), "2 года 2 месяца 2 дня"),
        (Duration(21, 11, 21), "21 год 11 месяцев 21 день"),
        (Duration(11, 5, 14), "11 лет 5 месяцев 14 дней"),
        (Duration(3, 0, 0), "3 года"),
        (Duration(0, 7, 0), "7 месяцев"),
        (Duration(0, 0, 29), "29 дней"),
        (Duration(4, 0, 23), "4 года 23 дня"),
        (Duration(), "0 дней"),
    ],
)
def test_duration_reads_in_russian_leaving_out_zero_parts(duration: Duration, text: str) -> None:
    assert str(duration) == text


def test_durations_compare_by_years_then_months_then_days() -> None:
    assert Duration(4, 11, 29) < Duration(5) <= Duration(5, 0, 0) < Duration(5, 0, 1) < Duration(5, 1)
    assert Duration(1, 2, 3).as_dict() == {"years": 1, "months": 2, "days": 3}


def test_negative_duration_is_refused() -> None:
    with pytest.raises(ValueError):
        Duration(0, -1, 0)


def test_period_counts_both_ends_and_reads_in_russian() -> None:
    period = Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))

    assert period.days == 29
    assert str(period) == "с 01.02.2024 по 29.02.2024"
    assert str(Period(dt.date(2020, 9, 1))) == "с 01.09.2020 по настоящее время"
    assert Period(dt.date(2020, 9, 1)).days is None


def test_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError):
        Period(dt.date(2024, 2, 2), dt.date(2024, 2, 1))
