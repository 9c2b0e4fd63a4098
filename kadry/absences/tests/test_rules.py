"""The rules of absences, hand-computed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.absences import rules
from kadry.absences.rules import Counts, Other
from kadry.lib.duration import Duration, Period

D = dt.date
JOB = [Period(D(2020, 9, 1), D(2026, 6, 30))]


def test_sick_leave_counts_for_the_working_year_and_unexcused_absence_does_not() -> None:
    assert rules.effect_of("sick").working_year is Counts.YES
    assert rules.effect_of("business_trip").working_year is Counts.YES
    assert rules.effect_of("unexcused").working_year is Counts.NO
    assert rules.effect_of("unknown").working_year is Counts.PENDING
    assert "ст. 121 ч. 2" in rules.effect_of("unexcused").working_year_source


def test_only_illness_suspends_the_month_of_article_193() -> None:
    suspending = {kind for kind, effect in rules.EFFECTS.items() if effect.suspends_discipline_month}
    assert suspending == {"sick"}
    opening = {kind for kind, effect in rules.EFFECTS.items() if effect.opens_discipline_case}
    assert opening == {"unexcused", "lateness"}


def test_truancy_is_not_pedagogical_service_but_illness_is() -> None:
    assert rules.effect_of("sick").pedagogical_service is Counts.YES
    assert rules.effect_of("unexcused").pedagogical_service is Counts.NO


@pytest.mark.parametrize(
    ("kind", "reason", "benefit", "code"),
    [
        ("sick", "own_illness", True, "Б/19"),
        ("sick", "own_illness", False, "Т/20"),
        ("sick", "family_care", True, "Б/19"),
        ("sick", "pregnancy", True, "Р/14"),
        ("business_trip", "", True, "К/06"),
        ("unexcused", "", True, "ПР/24"),
        ("unknown", "", True, "НН/30"),
        ("lateness", "", True, "Я/01"),
    ],
)
def test_timesheet_codes_of_form_t13(kind: str, reason: str, benefit: bool, code: str) -> None:
    assert str(rules.timesheet_code(kind, reason, with_benefit=benefit)) == code


@pytest.mark.parametrize(
    ("insurance", "percent"),
    [
        (Duration(0, 3), 60),
        (Duration(4, 11, 29), 60),
        (Duration(5), 80),
        (Duration(7, 11, 29), 80),
        (Duration(8), 100),
        (Duration(23, 4), 100),
    ],
)
def test_sick_pay_of_own_illness_follows_the_scale_of_article_7(insurance: Duration, percent: int) -> None:
    pay = rules.sick_pay("own_illness", insurance)
    assert pay.percent == percent and pay.later_percent is None
    assert pay.source == "255-ФЗ ст. 7 ч. 1"


def test_short_insurance_length_caps_the_benefit_at_the_minimum_wage() -> None:
    assert rules.sick_pay("own_illness", Duration(0, 5, 29)).capped_at_minimum_wage
    assert not rules.sick_pay("own_illness", Duration(0, 6)).capped_at_minimum_wage


def test_care_of_a_child_under_eight_is_paid_in_full_whatever_the_length() -> None:
    pay = rules.sick_pay("family_care", Duration(1), child_age=7)
    assert (pay.percent, pay.later_percent) == (100, None)


def test_care_of_an_older_child_at_home_is_half_paid_from_the_eleventh_day() -> None:
    pay = rules.sick_pay("family_care", Duration(6), child_age=10, outpatient=True)
    assert (pay.percent, pay.later_percent, pay.later_from) == (80, 50, 11)
    assert str(pay) == "80 % за первые 10 дней, далее 50 %"
    in_hospital = rules.sick_pay("family_care", Duration(6), child_age=10, outpatient=False)
    assert (in_hospital.percent, in_hospital.later_percent) == (80, None)


def test_care_of_an_adult_member_of_the_family_follows_the_scale() -> None:
    assert rules.sick_pay("family_care", Duration(3)).percent == 60


def test_injury_at_work_and_maternity_are_paid_in_full() -> None:
    assert rules.sick_pay("work_injury", Duration(1)).percent == 100
    assert rules.sick_pay("pregnancy", Duration(2)).percent == 100


def _errors(**kwargs) -> dict[str, str]:
    values = {"kind": "sick", "start": D(2026, 3, 2), "end": D(2026, 3, 6), "number": "910123456789",
              "reason": "own_illness", "employment": JOB, **kwargs}  # fmt: skip
    return rules.absence_errors(**values)


def test_a_right_sick_leave_has_no_errors() -> None:
    assert _errors() == {}


def test_an_end_before_the_start_is_refused_on_the_end() -> None:
    assert set(_errors(end=D(2026, 3, 1))) == {"end"}


@pytest.mark.parametrize("number", ["", "91012345678", "9101234567890", "91012345678x"])
def test_the_number_of_an_electronic_sick_leave_is_twelve_digits(number: str) -> None:
    assert set(_errors(number=number)) == {"sick_leave_number"}


def test_a_second_sheet_with_the_same_number_is_refused() -> None:
    other = Other(1, "sick", D(2026, 1, 10), D(2026, 1, 15), "910123456789")
    assert set(_errors(others=[other])) == {"sick_leave_number"}


def test_an_absence_overlapping_another_is_refused_on_the_start() -> None:
    other = Other(1, "business_trip", D(2026, 3, 6), D(2026, 3, 10))
    assert "Пересекается" in _errors(others=[other])["start"]
    touching = Other(1, "business_trip", D(2026, 3, 7), D(2026, 3, 10))
    assert _errors(others=[touching]) == {}


def test_a_continuation_must_start_the_day_after_the_sheet_it_continues() -> None:
    first = Other(1, "sick", D(2026, 2, 20), D(2026, 3, 1), "910000000001")
    assert _errors(continues=first, others=[first]) == {}
    late = Other(1, "sick", D(2026, 2, 20), D(2026, 2, 27), "910000000001")
    assert "02.03.2026" not in _errors(continues=late, others=[late])["start"]
    assert "28.02.2026" in _errors(continues=late, others=[late])["start"]


def test_a_sick_leave_after_the_dismissal_is_refused() -> None:
    errors = _errors(start=D(2026, 6, 29), end=D(2026, 7, 3))
    assert set(errors) == {"end"} and "уволен 30.06.2026" in errors["end"]
    errors = _errors(start=D(2026, 7, 2), end=D(2026, 7, 3))
    assert set(errors) == {"start"} and "уволен 30.06.2026" in errors["start"]


def test_an_absence_before_the_hire_is_refused() -> None:
    errors = _errors(kind="unexcused", start=D(2020, 8, 31), end=D(2020, 8, 31), number="", reason="")
    assert set(errors) == {"start"} and "ещё не работал" in errors["start"]


def test_lateness_is_one_day_with_minutes() -> None:
    assert set(_errors(kind="lateness", number="", reason="", minutes_late=None)) == {"end", "minutes_late"}
    assert _errors(kind="lateness", end=D(2026, 3, 2), number="", reason="", minutes_late=15) == {}


def test_illness_inside_an_annual_leave_lists_the_leave_and_its_days() -> None:
    leave = Period(D(2026, 7, 1), D(2026, 7, 28))
    other = Period(D(2026, 8, 10), D(2026, 8, 20))
    inside = rules.overlapping_leaves(D(2026, 7, 25), D(2026, 8, 2), [leave, other])
    assert inside == [leave]
    assert rules.days_inside(D(2026, 7, 25), D(2026, 8, 2), leave) == 4


def test_the_leaves_of_the_ledger_have_their_t13_codes() -> None:
    assert {kind: str(code) for kind, code in rules.LEAVE_CODES.items()} == {
        "annual": "ОТ/09", "additional": "ОД/10", "study": "У/11", "maternity": "Р/14", "childcare": "ОЖ/15",
        "unpaid": "ДО/16", "long": "ОЗ/17",
    }  # fmt: skip


durations = st.builds(Duration, st.integers(0, 45), st.integers(0, 11), st.integers(0, 29))
days = st.dates(min_value=D(2021, 1, 1), max_value=D(2026, 6, 1))


@given(durations, durations)
def test_sick_pay_never_falls_as_the_insurance_length_grows(a: Duration, b: Duration) -> None:
    shorter, longer = sorted((a, b))
    assert rules.sick_pay("own_illness", shorter).percent <= rules.sick_pay("own_illness", longer).percent
    assert rules.sick_pay("own_illness", a).percent in {60, 80, 100}


@given(days, st.integers(0, 30), days, st.integers(0, 30))
def test_an_overlap_is_found_whichever_absence_comes_first(a: dt.date, a_days: int, b: dt.date, b_days: int) -> None:
    first = Other(1, "business_trip", a, a + dt.timedelta(days=a_days))
    second = Other(2, "business_trip", b, b + dt.timedelta(days=b_days))

    def clashes(new: Other, old: Other) -> bool:
        errors = rules.absence_errors(kind=new.kind, start=new.start, end=new.end, others=[old], employment=JOB)
        return "Пересекается" in errors.get("start", "")

    assert clashes(first, second) == clashes(second, first)
    assert clashes(first, second) == bool(set(_days_of(first)) & set(_days_of(second)))


def _days_of(absence: Other) -> list[dt.date]:
    return [absence.start + dt.timedelta(days=n) for n in range((absence.end - absence.start).days + 1)]
