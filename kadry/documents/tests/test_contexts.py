"""The field data of the documents, and the small formatting rules they use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kadry.documents.contexts import employment_start, format_rate, format_rubles
from kadry.employment.models import Assignment


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("35000"), "35\u00a0000,00\u00a0руб."),
        (Decimal("1234567.891"), "1\u00a0234\u00a0567,89\u00a0руб."),
        (Decimal("999.5"), "999,50\u00a0руб."),
        (Decimal("0"), "0,00\u00a0руб."),
    ],
)
def test_format_rubles(amount: Decimal, expected: str) -> None:
    assert format_rubles(amount) == expected


@pytest.mark.parametrize(
    ("rate", "expected"), [(Decimal("1.00"), "1"), (Decimal("0.50"), "0,5"), (Decimal("1.25"), "1,25")]
)
def test_format_rate(rate: Decimal, expected: str) -> None:
    assert format_rate(rate) == expected


def _assignment(start: dt.date, end: dt.date | None = None, kind: str = "1_main") -> Assignment:
    return Assignment(start=start, end=end, kind=kind)  # unsaved: only its dates and kind are read


def test_employment_starts_at_the_first_of_unbroken_assignments() -> None:
    hired = _assignment(dt.date(2015, 9, 1), dt.date(2018, 8, 31))
    transferred = _assignment(dt.date(2018, 9, 1), dt.date(2022, 1, 9))
    current = _assignment(dt.date(2022, 1, 10))
    assert employment_start([hired, transferred, current], current) == dt.date(2015, 9, 1)


def test_a_gap_starts_a_new_employment() -> None:
    earlier = _assignment(dt.date(2010, 9, 1), dt.date(2012, 6, 30))
    current = _assignment(dt.date(2020, 9, 1))
    assert employment_start([earlier, current], current) == dt.date(2020, 9, 1)


def test_part_time_jobs_do_not_extend_the_main_one() -> None:
    part_time = _assignment(dt.date(2018, 1, 1), dt.date(2020, 8, 31), kind="2_internal")
    current = _assignment(dt.date(2020, 9, 1))
    assert employment_start([part_time, current], current) == dt.date(2020, 9, 1)
