"""The terms of each kind, computed by hand (the day arithmetic is in ``rules``' docstring)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kadry.obligations import rules
from kadry.obligations.queries import hire_date

D = dt.date
KINDS = rules.BUILTIN_BY_KEY
TEACHER = rules.PEDAGOGICAL
HIRED = D(2020, 9, 1)


def status(key: str, *, category: str | None = TEACHER, hired_on: dt.date | None = HIRED,
           last: dt.date | None = None, valid_until: dt.date | None = None, on: dt.date) -> rules.Obligation:  # fmt: skip
    return rules.obligation(KINDS[key], category=category, hired_on=hired_on, last=last, valid_until=valid_until, on=on)


def test_further_education_is_due_three_years_after_the_last_and_overdue_the_day_after() -> None:
    # 273-ФЗ ст. 47 ч. 5 п. 2, «не реже чем один раз в три года»: 10.02.2023 + 3 years = 10.02.2026,
    # the last day still in time; from 11.02.2026 it is overdue.
    on_the_day = status(rules.FURTHER_EDUCATION, last=D(2023, 2, 10), on=D(2026, 2, 10))
    day_after = status(rules.FURTHER_EDUCATION, last=D(2023, 2, 10), on=D(2026, 2, 11))

    assert (on_the_day.due, on_the_day.overdue, on_the_day.state) == (D(2026, 2, 10), False, rules.State.DUE_SOON)
    assert (day_after.due, day_after.overdue, day_after.state) == (D(2026, 2, 10), True, rules.State.OVERDUE)


def test_further_education_a_month_and_a_day_before_its_term_is_valid() -> None:
    # Due 10.02.2026; the «due soon» window is 30 days: on 10.01.2026 (31 days before) it is valid,
    # on 11.01.2026 (30 days before) the term is coming.
    assert status(rules.FURTHER_EDUCATION, last=D(2023, 2, 10), on=D(2026, 1, 10)).state == rules.State.VALID
    assert status(rules.FURTHER_EDUCATION, last=D(2023, 2, 10), on=D(2026, 1, 11)).state == rules.State.DUE_SOON


def test_a_training_on_29_february_is_due_on_28_february_three_years_later() -> None:
    # 29.02.2024 + 36 months: 2027 has no 29 February, relativedelta keeps the end of the month.
    assert rules.next_due(D(2024, 2, 29), 36) == D(2027, 2, 28)


def test_the_medical_examination_is_yearly() -> None:
    # Приказ № 29н, приложение, п. 18: once a year. 15.03.2026 + 12 months = 15.03.2027.
    found = status(rules.MEDICAL_EXAM, category="service", last=D(2026, 3, 15), on=D(2026, 12, 3))
    late = status(rules.MEDICAL_EXAM, category="service", last=D(2025, 3, 15), on=D(2026, 12, 3))

    assert (found.due, found.overdue, found.state) == (D(2027, 3, 15), False, rules.State.VALID)
    assert (late.due, late.overdue) == (D(2026, 3, 15), True)


def test_further_education_does_not_apply_to_a_janitor() -> None:
    found = status(rules.FURTHER_EDUCATION, category="service", last=None, on=D(2026, 12, 3))

    assert (found.required, found.due, found.overdue, found.state) == (False, None, False, rules.State.NOT_REQUIRED)


def test_a_documents_own_expiry_wins_over_the_period() -> None:
    # A medical report of 01.09.2026 marked valid until 01.12.2026: overdue on 03.12.2026 though
    # 01.09.2026 + 12 months would run to 01.09.2027.
    found = status(rules.MEDICAL_EXAM, last=D(2026, 9, 1), valid_until=D(2026, 12, 1), on=D(2026, 12, 3))

    assert (found.due, found.overdue) == (D(2026, 12, 1), True)


def test_the_criminal_record_certificate_is_required_at_hire_only() -> None:
    # ТК РФ ст. 65, 351.1: presented on hire; no renewal in law, so nothing more is ever due.
    presented = status(rules.CRIMINAL_RECORD, category="service", last=D(2020, 8, 20), on=D(2030, 1, 1))
    missing = status(rules.CRIMINAL_RECORD, category="service", hired_on=D(2026, 11, 2), on=D(2026, 12, 3))

    assert (presented.due, presented.overdue, presented.state) == (None, False, rules.State.VALID)
    assert (missing.due, missing.overdue) == (D(2026, 11, 2), True)


def test_first_aid_of_a_new_teacher_is_due_sixty_days_after_hire() -> None:
    # Правила № 2464 п. 4: the first training within 60 calendar days of the contract:
    # 01.10.2026 + 60 days = 30.11.2026 (30 days of October after the 1st, 30 of November).
    found = status(rules.FIRST_AID, hired_on=D(2026, 10, 1), on=D(2026, 12, 3))

    assert (found.due, found.overdue) == (D(2026, 11, 30), True)


def test_a_school_may_shorten_a_period_of_the_law_but_not_lengthen_it() -> None:
    law = KINDS[rules.MEDICAL_EXAM]

    assert rules.override_error(law, 6) == ""
    assert rules.override_error(law, 24).startswith("Закон требует не реже раза в 12 мес.")
    # No period in law: a school's renewal of the certificate every five years is its own rule.
    assert rules.override_error(KINDS[rules.CRIMINAL_RECORD], 60) == ""


@pytest.mark.parametrize(
    ("periods", "on", "expected"),
    [
        # A transfer on 01.09.2022 (the first job ends 31.08.2022): hired 01.09.2020 all the same.
        ([(D(2020, 9, 1), D(2022, 8, 31)), (D(2022, 9, 1), None)], D(2026, 12, 3), D(2020, 9, 1)),
        # Dismissed 30.06.2021 and hired again 01.09.2021: the second hire counts.
        ([(D(2019, 9, 1), D(2021, 6, 30)), (D(2021, 9, 1), None)], D(2026, 12, 3), D(2021, 9, 1)),
        # Not working on the date.
        ([(D(2019, 9, 1), D(2021, 6, 30))], D(2026, 12, 3), None),
    ],
)
def test_the_hire_date_is_the_start_of_the_unbroken_run(periods, on, expected) -> None:
    assert hire_date(periods, on) == expected


# A loaded machine makes date generation slow: the property, not the speed, is tested here.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(last=st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)), months=st.integers(1, 120))
def test_the_due_day_is_never_overdue_and_the_next_day_always_is(last: dt.date, months: int) -> None:
    kind = rules.Kind("k", "k", "k", months, 0, None, "—")
    due = rules.next_due(last, months)
    assert not rules.obligation(kind, category=None, hired_on=last, last=last, valid_until=None, on=due).overdue
    assert rules.obligation(kind, category=None, hired_on=last, last=last, valid_until=None,
                            on=due + rules.ONE_DAY).overdue  # fmt: skip
