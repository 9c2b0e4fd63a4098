"""The rules of the timesheet, hand-computed: the codes, a day's code from its facts, hours, norms, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.absences.models import Absence
from kadry.leave.models import LeaveKind
from kadry.lib import calendar
from kadry.timesheet import rules
from kadry.timesheet.rules import AbsenceFact, Cell, DayFacts

D = dt.date
H = Decimal


def test_the_codes_are_those_of_t13_numbered_01_to_36() -> None:
    assert [number for number, _meaning in rules.CODES.values()] == [f"{n:02}" for n in range(1, 37)]
    assert rules.CODES["Я"][0] == "01" and rules.CODES["К"][0] == "06" and rules.CODES["ОТ"][0] == "09"
    assert rules.CODES["Б"][0] == "19" and rules.CODES["ПР"][0] == "24" and rules.CODES["В"][0] == "26"
    assert rules.CODES["НН"][0] == "30" and rules.CODES["РП"][0] == "31" and rules.CODES["РВ"][0] == "03"


def test_every_leave_and_absence_kind_has_a_code() -> None:
    assert set(rules.LEAVE_CODES) == set(LeaveKind.values)
    assert set(rules.ABSENCE_CODES) | {Absence.Kind.LATENESS} == set(Absence.Kind.values)
    assert set(rules.LEAVE_CODES.values()) | set(rules.ABSENCE_CODES.values()) <= set(rules.CODES)


def test_the_codes_the_absences_give_agree_with_the_forms_table() -> None:
    # The kinds' codes are set in kadry.absences.rules with their numbers: the form's table must agree.
    from kadry.absences import rules as absence_rules

    given = [*absence_rules.LEAVE_CODES.values(), *(e.code for e in absence_rules.EFFECTS.values())]
    given += [absence_rules.SICK_PAID, absence_rules.SICK_UNPAID, absence_rules.MATERNITY]
    assert {code.letter: code.number for code in given} == {code.letter: rules.CODES[code.letter][0] for code in given}


@pytest.mark.parametrize(
    ("week", "rate", "shortened", "hours"),
    [
        (40, H("1"), False, H("8")),
        (40, H("1"), True, H("7")),  # ТК ст. 95: an hour less
        (36, H("1"), False, H("7.2")),  # 36 ÷ 5
        (36, H("1"), True, H("6.2")),
        (40, H("0.5"), False, H("4")),
        (40, H("0.5"), True, H("3.5")),  # half of 7
        (36, H("0.25"), False, H("1.8")),
        (36, H("1.5"), False, H("7.2")),  # a load above the rate is not working time
    ],
)
def test_day_hours(week: int, rate: Decimal, shortened: bool, hours: Decimal) -> None:
    assert rules.day_hours(week, rate, shortened=shortened) == hours


def test_pedagogical_staff_work_a_36_hour_week() -> None:
    assert rules.week_hours(True) == 36 and rules.week_hours(False) == 40


WORKING = DayFacts(working_day=True, public_holiday=False, hours=H("7.2"))
WEEKEND = DayFacts(working_day=False, public_holiday=False, hours=H("0"))
HOLIDAY = DayFacts(working_day=False, public_holiday=True, hours=H("0"))


def _with(base: DayFacts, leave: set[str] = frozenset(), *absences: AbsenceFact) -> DayFacts:  # type: ignore[assignment]
    return DayFacts(base.working_day, base.public_holiday, base.hours, frozenset(leave), tuple(absences))


SICK = AbsenceFact("sick", "own_illness")
TRIP = AbsenceFact("business_trip")


@pytest.mark.parametrize(
    ("facts", "cell"),
    [
        (WORKING, Cell("Я", H("7.2"))),
        (WEEKEND, Cell("В")),
        (HOLIDAY, Cell("В")),
        (_with(WORKING, {"annual"}), Cell("ОТ")),
        (_with(WEEKEND, {"annual"}), Cell("ОТ")),  # leave is counted in calendar days
        (_with(HOLIDAY, {"annual"}), Cell("В")),  # ТК ст. 120: a holiday inside is not a leave day
        (_with(WORKING, {"additional"}), Cell("ОД")),
        (_with(WORKING, {"annual"}, SICK), Cell("Б")),  # ТК ст. 124: illness inside the annual leave
        (_with(WEEKEND, set(), SICK), Cell("Б")),
        (_with(WORKING, set(), AbsenceFact("sick", "pregnancy")), Cell("Р")),
        (_with(WORKING, {"childcare"}, SICK), Cell("ОЖ")),  # 255-ФЗ ст. 9: no sick pay during it
        (_with(WORKING, {"unpaid"}), Cell("ДО")),
        (_with(WORKING, {"study"}), Cell("У")),
        (_with(WORKING, {"maternity"}), Cell("Р")),
        (_with(WORKING, {"long"}), Cell("ОЗ")),
        (_with(WORKING, set(), TRIP), Cell("К")),
        (_with(WEEKEND, set(), TRIP), Cell("К")),
        (_with(WORKING, set(), TRIP, SICK), Cell("Б")),
        (_with(WORKING, set(), AbsenceFact("unexcused")), Cell("ПР")),
        (_with(WEEKEND, set(), AbsenceFact("unexcused")), Cell("В")),
        (_with(WORKING, set(), AbsenceFact("unknown")), Cell("НН")),
        (_with(WORKING, set(), AbsenceFact("lateness", minutes_late=30)), Cell("Я", H("6.7"))),
    ],
)
def test_a_days_code_from_its_facts(facts: DayFacts, cell: Cell) -> None:
    assert rules.day_cell(facts) == cell


def test_corrections_need_a_code_of_the_form_and_hours_for_work() -> None:
    assert rules.correction_errors("Я", H("8")) == {}
    assert rules.correction_errors("Б", None) == {}
    assert "code" in rules.correction_errors("X", None)
    assert "hours" in rules.correction_errors("Я", None)
    assert "hours" in rules.correction_errors("РВ", H("25"))


@pytest.mark.parametrize(
    ("year", "month", "working", "shortened", "h40", "h36"),
    [
        # January 2026: 1–8 holidays, 9 January moved from Saturday 3rd (Постановление № 1466); 31 days,
        # 4 + 4 weekend days after the 11th (17–18, 24–25, 31 and 10–11) → 15 working days, 15 × 8 = 120.
        (2026, 1, 15, 0, H("120"), H("108")),
        # February 2026: 23rd a Monday, the day before it a Sunday, so no shortened day: 19 × 8 = 152.
        (2026, 2, 19, 0, H("152"), H("136.8")),
        # April 2026: 22 working days, 30 April before 1 May shortened: 22 × 8 − 1 = 175; 22 × 7.2 − 1 = 157.4.
        (2026, 4, 22, 1, H("175"), H("157.4")),
        # May 2026: 1st, 9th→11th off; 8 May shortened: 19 × 8 − 1 = 151.
        (2026, 5, 19, 1, H("151"), H("135.8")),
        # November 2026: 9 weekend days and 4 November → 20 working days, 3 November shortened: 159, 143.
        (2026, 11, 20, 1, H("159"), H("143")),
        # December 2026: 31 December is a day off moved from 4 January: 22 × 8 = 176.
        (2026, 12, 22, 0, H("176"), H("158.4")),
    ],
)
def test_month_norms_from_the_calendar(year: int, month: int, working: int, shortened: int, h40: Decimal,
                                       h36: Decimal) -> None:  # fmt: skip
    norm = calendar.month_norm(year, month)
    assert (norm.working_days, norm.shortened_days, norm.hours[40], norm.hours[36]) == (working, shortened, h40, h36)


def test_a_month_of_day_hours_adds_up_to_the_norm() -> None:
    """A teacher's days of November 2026 at 7.2 hours, 3 November at 6.2: the 36-hour norm, 143."""
    year = calendar.year_calendar(2026)
    days = [d for d in rules.days_of_month(2026, 11) if year.is_working_day(d)]
    assert sum(rules.day_hours(36, H("1"), shortened=d in year.shortened) for d in days) == H("143")
    assert sum(rules.day_hours(40, H("0.5"), shortened=d in year.shortened) for d in days) == H("79.5")


def test_totals_count_worked_by_half_month_and_absences_by_code_without_days_off() -> None:
    cells = [
        (D(2026, 11, 2), Cell("Я", H("8"))),
        (D(2026, 11, 15), Cell("В")),
        (D(2026, 11, 16), Cell("Я", H("7"))),
        (D(2026, 11, 17), Cell("Б")),
        (D(2026, 11, 18), Cell("Б")),
        (D(2026, 11, 19), Cell("К")),
        (D(2026, 11, 20), None),
    ]
    totals = rules.totals(cells)
    assert (totals.first_half_days, totals.first_half_hours) == (1, H("8"))
    assert (totals.second_half_days, totals.second_half_hours) == (1, H("7"))
    assert (totals.days, totals.hours) == (2, H("15"))
    assert totals.absences == {"К": 1, "Б": 2}


def test_hours_text() -> None:
    assert [rules.hours_text(v) for v in (H("8.00"), H("7.20"), H("6.95"), None)] == ["8", "7,2", "6,95", ""]


@given(
    year=st.integers(min_value=2020, max_value=2027),
    month=st.integers(min_value=1, max_value=12),
    pedagogical=st.booleans(),
    rate=st.sampled_from([H("0.25"), H("0.5"), H("0.75"), H("1")]),
)
def test_a_full_month_without_absences_is_worked_to_the_rates_share_of_the_norm(
    year: int, month: int, pedagogical: bool, rate: Decimal
) -> None:
    """Every working day Я, every other day В; the hours add up to rate × the calendar's norm (Приказ № 588н)."""
    days = calendar.year_calendar(year)
    week = rules.week_hours(pedagogical)
    cells = []
    for day in rules.days_of_month(year, month):
        working = days.is_working_day(day)
        hours = rules.day_hours(week, rate, shortened=day in days.shortened) if working else H("0")
        facts = DayFacts(working_day=working, public_holiday=calendar.is_public_holiday(day), hours=hours)
        cells.append((day, rules.day_cell(facts)))
    totals = rules.totals(cells)
    norm = calendar.month_norm(year, month)
    assert totals.days == norm.working_days and totals.absences == {}
    assert totals.hours == (norm.hours[week] * rate).quantize(rules.CENT)
    assert sum(1 for _day, cell in cells if cell.code == "В") == norm.days_off
