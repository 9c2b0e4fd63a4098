"""The terms of labour discipline, hand-computed on the 2026 production calendar (ТК РФ ст. 14, 193, 194)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from kadry.discipline import rules
from kadry.discipline.rules import Applied, Period

D = dt.date
SICK_MARCH = Period(D(2026, 3, 16), D(2026, 3, 20), "болезнь")
LEAVE_APRIL = Period(D(2026, 4, 13), D(2026, 4, 17), "отпуск")


@pytest.mark.parametrize(
    ("requested", "due", "act"),
    [
        (D(2026, 11, 18), D(2026, 11, 20), D(2026, 11, 23)),  # Wed → Thu, Fri; the act on Monday
        (D(2026, 11, 20), D(2026, 11, 24), D(2026, 11, 25)),  # Fri → Mon, Tue
        (D(2026, 11, 3), D(2026, 11, 6), D(2026, 11, 9)),  # 4 November is a public holiday
    ],
)
def test_explanation_is_due_on_the_second_working_day_and_the_act_follows(requested, due, act) -> None:
    assert rules.explanation_due(requested) == due
    assert rules.act_from(requested) == act


def test_sanction_waits_for_the_explanation_or_the_end_of_its_two_days() -> None:
    assert rules.earliest_sanction(D(2026, 11, 18), None) == D(2026, 11, 21)
    assert rules.earliest_sanction(D(2026, 11, 18), D(2026, 11, 19)) == D(2026, 11, 19)


@pytest.mark.parametrize(
    ("discovered", "away", "last"),
    [
        (D(2026, 3, 10), (), D(2026, 4, 10)),  # the same date a month on
        (D(2026, 3, 10), (SICK_MARCH,), D(2026, 4, 15)),  # five days of illness not counted
        (D(2026, 3, 10), (SICK_MARCH, LEAVE_APRIL), D(2026, 4, 20)),  # and five of leave the month reached
        (D(2026, 3, 10), (Period(D(2026, 2, 1), D(2026, 2, 28), "отпуск"),), D(2026, 4, 10)),  # before: no effect
        (D(2026, 2, 7), (), D(2026, 3, 10)),  # 7 March is a Saturday, 9 March the moved holiday
        (D(2026, 1, 31), (), D(2026, 3, 2)),  # no 31 February: the 28th, a Saturday → Monday
    ],
)
def test_month_from_discovery_does_not_count_illness_and_leave(discovered, away, last) -> None:
    found = rules.last_sanction_day(committed_on=discovered, discovered_on=discovered, away=away)

    assert found.day == found.month_end == last
    assert found.not_counted == tuple(p for p in away if p.end > discovered)


def test_six_months_from_the_misconduct_cut_the_month_short_and_an_audit_gives_two_years() -> None:
    late = rules.last_sanction_day(committed_on=D(2026, 1, 15), discovered_on=D(2026, 7, 10))
    audit = rules.last_sanction_day(committed_on=D(2026, 1, 15), discovered_on=D(2026, 7, 10), found_by_audit=True)

    assert (late.day, late.by_limit) == (D(2026, 7, 15), True)
    assert "ТК РФ ст. 193 ч. 4" in late.reason
    assert (audit.day, audit.limit_end) == (D(2026, 8, 10), D(2028, 1, 17))  # 15.01.2028 is a Saturday


def test_a_sanction_late_by_the_calendar_month_is_allowed_when_illness_moved_the_month() -> None:
    terms: dict[str, Any] = {
        "committed_on": D(2026, 3, 10),
        "discovered_on": D(2026, 3, 10),
        "requested_on": D(2026, 3, 11),
    }

    assert rules.sanction_date_errors(order_date=D(2026, 4, 14), away=[SICK_MARCH], **terms) == {}
    assert rules.sanction_date_errors(order_date=D(2026, 4, 14), **terms) == {
        "misconduct_discovered_on": "Срок применения взыскания истёк: последний допустимый день 10.04.2026 — месяц "
        "со дня обнаружения проступка (ТК РФ ст. 193 ч. 3)."
    }
    assert rules.sanction_date_errors(order_date=D(2026, 4, 16), away=[SICK_MARCH], **terms) == {
        "misconduct_discovered_on": "Срок применения взыскания истёк: последний допустимый день 15.04.2026 — месяц "
        "со дня обнаружения проступка, не считая времени болезни и отпуска (болезнь 16.03.2026–20.03.2026) "
        "(ТК РФ ст. 193 ч. 3)."
    }


def test_a_sanction_before_the_explanation_term_is_refused_with_its_first_day() -> None:
    errors = rules.sanction_date_errors(
        order_date=D(2026, 11, 20), committed_on=D(2026, 11, 17), discovered_on=D(2026, 11, 17),
        requested_on=D(2026, 11, 18),
    )  # fmt: skip

    assert errors == {
        "explanation_requested_on": "Взыскание применяется после того, как получено объяснение или истекли два "
        "рабочих дня со дня, когда оно затребовано (ТК РФ ст. 193 ч. 1): не ранее 21.11.2026."
    }


@pytest.mark.parametrize(
    ("away", "due"),
    [((), D(2026, 11, 26)), ((Period(D(2026, 11, 24), D(2026, 11, 25), "болезнь"),), D(2026, 11, 30))],
)
def test_acquaintance_within_three_working_days_not_counting_absence(away, due) -> None:
    assert rules.acquaintance_due(D(2026, 11, 23), away) == due


def test_a_sanction_expires_a_year_on_the_same_date() -> None:
    first = Applied(1, D(2025, 3, 10))

    assert rules.in_force([first], D(2026, 3, 10)) == [1]
    assert rules.in_force([first], D(2026, 3, 11)) == []
    assert rules.in_force([first], D(2025, 3, 9)) == []


def test_a_new_sanction_within_the_year_keeps_both_in_force_a_year_from_the_new_one() -> None:
    sanctions = [Applied(1, D(2025, 3, 10)), Applied(2, D(2026, 2, 1))]

    assert rules.in_force(sanctions, D(2026, 3, 11)) == [1, 2]
    assert rules.expiry_dates(sanctions) == {1: D(2027, 2, 1), 2: D(2027, 2, 1)}
    assert rules.in_force(sanctions, D(2027, 2, 2)) == []


def test_a_sanction_after_the_year_does_not_revive_the_expired_one() -> None:
    sanctions = [Applied(1, D(2025, 3, 10)), Applied(2, D(2026, 3, 11))]

    assert rules.in_force(sanctions, D(2026, 3, 11)) == [2]
    assert rules.expiry_dates(sanctions) == {1: D(2026, 3, 10), 2: D(2027, 3, 11)}


def test_a_sanction_lifted_early_is_not_in_force_from_that_day() -> None:
    lifted = Applied(1, D(2025, 3, 10), lifted_on=D(2025, 9, 1))

    assert rules.in_force([lifted], D(2025, 8, 31)) == [1]
    assert rules.in_force([lifted], D(2025, 9, 1)) == []


@given(
    discovered=st.dates(D(2025, 1, 1), D(2027, 6, 30)),
    offset=st.integers(0, 40),
    days=st.integers(0, 30),
)
def test_illness_or_leave_never_brings_the_last_day_earlier(discovered, offset, days) -> None:
    away = Period(discovered + dt.timedelta(days=offset), discovered + dt.timedelta(days=offset + days), "болезнь")
    without = rules.last_sanction_day(committed_on=discovered, discovered_on=discovered)
    with_away = rules.last_sanction_day(committed_on=discovered, discovered_on=discovered, away=[away])

    assert without.month_end >= discovered + relativedelta(months=1)
    assert with_away.month_end >= without.month_end


@given(
    st.lists(st.dates(D(2024, 1, 1), D(2027, 12, 31)), min_size=1, max_size=6), st.dates(D(2024, 1, 1), D(2029, 1, 1))
)
def test_a_sanction_in_force_was_applied_within_a_year_of_the_latest_one(dates, on) -> None:
    sanctions = [Applied(n, day) for n, day in enumerate(dates)]
    found = rules.in_force(sanctions, on)
    applied = [day for day in dates if day <= on]

    assert all(sanctions[key].applied_on <= on for key in found)
    assert bool(found) == (bool(applied) and on <= max(applied) + relativedelta(years=1))
