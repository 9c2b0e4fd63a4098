from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from kadry.lib.dates import age_on, long_date, month_genitive, quoted_date, short_date


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


@given(
    birth=st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=100 * 366),
)
@example(birth=dt.date(2008, 2, 29), offset=(dt.date(2026, 2, 28) - dt.date(2008, 2, 29)).days)
@example(birth=dt.date(2008, 2, 29), offset=(dt.date(2028, 2, 28) - dt.date(2008, 2, 29)).days)
def test_age_is_counted_as_relativedelta_counts_it(birth: dt.date, offset: int) -> None:
    day = birth + dt.timedelta(days=offset)
    assert age_on(birth, day) == relativedelta(day, birth).years


def test_a_29_february_birthday_is_28_february_in_other_years() -> None:
    # Born 29.02.2008: 18 on 28.02.2026 (ГК РФ ст. 192 ч. 3), still 19 on 28.02.2028, 20 on 29.02.2028.
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 27)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 18
    assert age_on(dt.date(2008, 2, 29), dt.date(2028, 2, 28)) == 19
    assert age_on(dt.date(2008, 2, 29), dt.date(2028, 2, 29)) == 20
