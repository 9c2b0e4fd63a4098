from __future__ import annotations

import datetime as dt

import pytest

from kadry.lib.dates import long_date, month_genitive, quoted_date, short_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 21), "21 ноября 2026 г."),
        (dt.date(2026, 9, 1), "1 сентября 2026 г."),
        (dt.date(2027, 5, 31), "31 мая 2027 г."),
        (dt.date(2024, 2, 29), "29 февраля 2024 г."),
        (dt.date(2026, 3, 8), "8 марта 2026 г."),
    ],
)
def test_long_date(day: dt.date, expected: str) -> None:
    assert long_date(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 21), '"21" ноября 2026 г.'),
        (dt.date(2026, 9, 1), '"01" сентября 2026 г.'),
        (dt.date(2026, 12, 31), '"31" декабря 2026 г.'),
    ],
)
def test_quoted_date_as_in_unified_forms(day: dt.date, expected: str) -> None:
    assert quoted_date(day) == expected


def test_every_month_in_the_genitive() -> None:
    assert [month_genitive(m) for m in range(1, 13)] == [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]


def test_short_date() -> None:
    assert short_date(dt.date(2020, 9, 1)) == "01.09.2020"
    assert short_date(None) == ""
