"""The leave arithmetic, hand-computed: entitlements by position, the working year, accrual by п. 35."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from kadry.leave import rules
from kadry.lib.dates import age_on

D = dt.date


@pytest.mark.parametrize(
    ("position", "days"),
    [
        ("Учитель математики", 56),
        ("учитель-логопед", 56),
        ("Заместитель директора по учебно-воспитательной работе", 56),
        ("Педагог-психолог", 56),
        ("Заместитель директора по административно-хозяйственной работе", 28),
        ("Специалист по кадрам", 28),
        ("Бухгалтер", 28),
    ],
)
def test_basic_leave_follows_the_position(position: str, days: int) -> None:
    assert rules.basic_entitlement(position)[0] == days


@pytest.mark.parametrize(
    ("position", "birth", "on", "days", "source"),
    [
        # Born 01.03.2009: 17 on 01.01.2027 → 31 days (ст. 267); 18 on 01.03.2027 → 28 (ст. 115).
        ("лаборант", dt.date(2009, 3, 1), dt.date(2027, 1, 1), 31, "ТК РФ ст. 267"),
        ("лаборант", dt.date(2009, 3, 1), dt.date(2027, 3, 1), 28, "ТК РФ ст. 115"),
        # A teacher under 18 keeps the longer pedagogical leave of 56 days.
        ("учитель математики", dt.date(2009, 3, 1), dt.date(2027, 1, 1), 56, None),
    ],
)
def test_a_worker_under_eighteen_has_31_days(position, birth, on, days, source) -> None:
    found, found_source = rules.basic_entitlement(position, age=age_on(birth, on))
    assert found == days
    if source:
        assert found_source == source


@pytest.mark.parametrize(
    ("start", "on", "months"),
    [
        (D(2025, 9, 1), D(2026, 3, 14), 6),  # 6 months 14 days: the remainder dropped
        (D(2025, 9, 1), D(2026, 3, 15), 7),  # 6 months 15 days: half a month counts as a month
        (D(2025, 9, 1), D(2026, 8, 31), 12),
        (D(2025, 9, 1), D(2025, 8, 31), 0),
    ],
)
def test_months_for_accrual_round_half_a_month_up(start: dt.date, on: dt.date, months: int) -> None:
    assert rules.months_for_accrual(start, on) == months


def test_accrual_is_rounded_to_two_places() -> None:
    assert rules.accrued(56, 7) == Decimal("32.67")  # 56 × 7 / 12 = 32.666…
    assert rules.accrued(28, 7) == Decimal("16.33")


def test_unpaid_leave_beyond_14_days_shifts_the_working_year() -> None:
    unpaid = rules.Exclusion(D(2025, 6, 1), D(2025, 6, 30), allowance=14)  # 30 days, 16 not counted
    years = rules.working_years(D(2025, 1, 10), D(2026, 3, 1), [unpaid])
    assert years[0] == rules.Period(D(2025, 1, 10), D(2026, 1, 25))  # 09.01.2026 + 16 days
    assert years[1].start == D(2026, 1, 26)


def test_childcare_leave_shifts_the_working_year_by_all_its_days() -> None:
    care = rules.Exclusion(D(2025, 3, 1), D(2025, 3, 31))
    assert rules.working_years(D(2025, 1, 1), D(2025, 6, 1), [care])[0].end == D(2026, 1, 31)


def test_balance_is_accrued_minus_used() -> None:
    balance = rules.balance_on(hire=D(2025, 9, 1), on=D(2026, 3, 15), entitlement=28, used=[Decimal(14)])
    assert (balance.accrued, balance.used, balance.balance) == (Decimal("16.33"), Decimal(14), Decimal("2.33"))
    assert balance.working_year == rules.Period(D(2025, 9, 1), D(2026, 8, 31))


def test_a_split_leave_keeps_a_part_of_14_days() -> None:
    assert rules.parts_errors([14, 14], 28) == []
    assert rules.parts_errors([10, 10, 8], 28)
    assert rules.parts_errors([28], 56) == ["Запланировано 28 дн. из 56: распределите весь отпуск."]


def test_dismissal_compensates_or_withholds() -> None:
    assert rules.compensation_days(Decimal("2.33")) == ("compensate", Decimal("2.33"))
    assert rules.compensation_days(Decimal("-5")) == ("withhold", Decimal("5"))


def test_the_direct_working_year_matches_the_walk_without_exclusions() -> None:
    for on in (D(2026, 2, 28), D(2026, 3, 1), D(2030, 2, 28), D(2024, 2, 29)):
        walked = rules.working_years(D(2016, 2, 29), on)[-1]
        assert rules.balance_on(hire=D(2016, 2, 29), on=on, entitlement=28).working_year == walked
    assert rules.working_years(D(2016, 2, 29), D(2017, 3, 1))[0] == rules.Period(D(2016, 2, 29), D(2017, 2, 28))


def _walked_year(hire: dt.date, on: dt.date) -> rules.Period:
    """The definition: each year begins the day after the last one ends."""
    start = hire
    while rules.year_end(start) < on:
        start = rules.year_end(start) + dt.timedelta(days=1)
    return rules.Period(start, rules.year_end(start))


@example(hire=D(2016, 2, 29), offset=4 * 365)
@example(hire=D(2016, 2, 29), offset=365)
@given(
    hire=st.dates(min_value=D(1970, 1, 1), max_value=D(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=60 * 366),
)
def test_the_direct_working_year_is_the_walked_one(hire: dt.date, offset: int) -> None:
    on = hire + dt.timedelta(days=offset)
    assert rules.balance_on(hire=hire, on=on, entitlement=28).working_year == _walked_year(hire, on)


def _months_by_relativedelta(start: dt.date, on: dt.date) -> int:
    """The reference: п. 35 over dateutil's relativedelta, as months_for_accrual counted before issue 12's bench."""
    if on < start:
        return 0
    delta = relativedelta(on + dt.timedelta(days=1), start)
    return delta.years * 12 + delta.months + (1 if delta.days >= rules.HALF_MONTH_DAYS else 0)


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
    st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)),
)
@example(D(2024, 2, 29), D(2025, 2, 27))  # a 29 February hire: the month's end clipped
@example(D(2025, 1, 31), D(2025, 2, 27))
@example(D(2025, 1, 31), D(2025, 3, 30))
@example(D(2025, 8, 31), D(2025, 9, 29))
@example(D(2025, 9, 1), D(2025, 8, 31))
def test_months_for_accrual_counts_as_relativedelta(start: dt.date, on: dt.date) -> None:
    assert rules.months_for_accrual(start, on) == _months_by_relativedelta(start, on)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)), st.integers(min_value=0, max_value=600))
def test_months_for_accrual_counts_as_relativedelta_near_month_ends(start: dt.date, days: int) -> None:
    on = start + dt.timedelta(days=days)
    assert rules.months_for_accrual(start, on) == _months_by_relativedelta(start, on)
