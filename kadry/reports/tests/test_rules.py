"""Headcount, average headcount and movement: hand-computed cases of the pure rules (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from kadry.lib.calendar import is_working_day
from kadry.lib.duration import Duration
from kadry.reports import composition_rules as comp
from kadry.reports import movement_rules as mv
from kadry.reports import rules
from kadry.reports.rules import Job, Person

D = dt.date
MAIN, INTERNAL, EXTERNAL = "1_main", "2_internal", "3_external"


def working(day: dt.date) -> bool:
    """November 2026 as the production calendar has it: Monday–Friday, 4 November a public holiday."""
    return day.weekday() < 5 and day != D(2026, 11, 4)


def job(start: dt.date, end: dt.date | None = None, kind: str = MAIN, category: str = "pedagogical") -> Job:
    return Job(start, end, kind, category)


# November 2026: 30 days; the 1st is a Sunday, so it takes the headcount of Friday 30 October.
NOVEMBER = [
    Person(1, (job(D(2020, 9, 1)),)),  # all month: 30 days
    Person(2, (job(D(2026, 11, 16)),)),  # hired Monday 16th: 16–30 = 15 days
    # Hired on Saturday 14th: the 14th and 15th take Friday 13th's headcount, without her: 16–30 = 15 days.
    Person(3, (job(D(2026, 11, 14)),)),
    # Dismissed on Friday 20th: 1–20 and the weekend 21–22 after it (Friday's headcount) = 22 days.
    Person(4, (job(D(2020, 9, 1), D(2026, 11, 20)),)),
    # On childcare leave from the 11th: in the list, out of the average from then: 1–10 = 10 days.
    Person(5, (job(D(2020, 9, 1)),), ((D(2026, 11, 11), D(2028, 5, 10)),)),
    Person(6, (job(D(2020, 9, 1), kind=EXTERNAL, category="service"),)),  # external: counted apart
    # Main work and an internal part-time job: one person, 30 days.
    Person(7, (job(D(2020, 9, 1)), job(D(2021, 9, 1), kind=INTERNAL, category="service"))),
]


def test_month_average_sums_each_calendar_day_and_divides_by_the_days_of_the_month() -> None:
    result = rules.month_average(NOVEMBER, 2026, 11, working)

    # 30 + 15 + 15 + 22 + 10 + 30 = 122 person-days ÷ 30 days = 4.0666…
    assert result.total == 122
    assert result.average == Fraction(122, 30)
    assert rules.two_decimals(result.average) == Decimal("4.07")
    assert rules.whole_units(result.average) == 4
    # The external part-timer, apart: 30 ÷ 30.
    assert result.external_average == 1


def test_a_day_off_takes_the_headcount_of_the_working_day_before_it() -> None:
    counts = rules.month_average(NOVEMBER, 2026, 11, working).day_counts

    # Friday 20th: persons 1, 2 (from 16th), 3 (from 16th), 4, 7 = 5; Saturday 21st and Sunday 22nd the same,
    # though person 4 left on the 20th; Monday 23rd: 4.
    assert counts[19:23] == (5, 5, 5, 4)
    # Saturday 14th and Sunday 15th: Friday 13th's 3 (persons 1, 4, 7), though person 3 starts on the 14th.
    assert counts[12:15] == (3, 3, 3)
    # Sunday 1st: Friday 30 October's 4 (persons 1, 4, 5, 7).
    assert counts[0] == 4


def test_headcount_on_a_date_keeps_those_on_childcare_leave_and_leaves_out_external_part_timers() -> None:
    day = D(2026, 11, 25)

    assert rules.headcount_on(NOVEMBER, day) == 5  # persons 1, 2, 3, 5, 7
    assert rules.external_on(NOVEMBER, day) == 1
    # Person 7's main job places her (main work sorts first).
    assert rules.by_category_on(NOVEMBER, day) == {"pedagogical": 5}


def test_quarter_and_year_divide_the_sum_of_the_months_by_3_and_by_12() -> None:
    # Hired on Tuesday 1 December 2026: December 31 ÷ 31 = 1, October and November 0.
    people = [Person(1, (job(D(2026, 12, 1)),))]
    months = [rules.month_average(people, 2026, m, working) for m in range(1, 13)]

    quarter = rules.period_average(months[9:12], 3)
    year = rules.period_average(months, 12)

    assert quarter == Fraction(1, 3)  # (0 + 0 + 1) ÷ 3 = 0.33
    assert rules.two_decimals(quarter) == Decimal("0.33") and rules.whole_units(quarter) == 0
    assert rules.two_decimals(year) == Decimal("0.08") and rules.whole_units(year) == 0  # 1 ÷ 12


def test_whole_units_round_half_up_not_to_even() -> None:
    assert rules.whole_units(Fraction(5, 2)) == 3
    assert rules.whole_units(Fraction(249, 100)) == 2
    assert rules.two_decimals(Fraction(1, 8)) == Decimal("0.13")  # 0.125 → 0.13


def test_average_of_whole_months_is_the_mean_of_the_months_and_of_other_periods_the_mean_of_days() -> None:
    months = rules.average_between(NOVEMBER, D(2026, 11, 1), D(2026, 11, 30), working)
    first_half = rules.average_between(NOVEMBER, D(2026, 11, 1), D(2026, 11, 15), working)

    assert months == Fraction(122, 30)
    # 1–15 November: persons 1, 4, 7 every day (45), person 5 on 1–10 (10), 2 and 3 none: 55 ÷ 15.
    assert first_half == Fraction(55, 15)


def test_movement_groups_dismissals_by_recorded_ground_and_computes_the_rates() -> None:
    people = [
        *NOVEMBER,
        Person(8, (job(D(2019, 1, 9), D(2026, 11, 27)),)),  # absenteeism, 81-1-6а
        Person(9, (job(D(2019, 1, 9), D(2026, 11, 3)),)),  # closed with no order in the system
    ]
    dismissals = [
        mv.Dismissal(4, D(2026, 11, 20), "77-1-3", "Трудовой договор расторгнут по инициативе работника"),
        mv.Dismissal(8, D(2026, 11, 27), "81-1-6а", "… прогулом"),
    ]

    result = mv.movement(
        people, dismissals, [D(2026, 11, 2), D(2026, 12, 1)], D(2026, 11, 1), D(2026, 11, 30), Fraction(10)
    )

    assert result.hired == 2  # persons 2 and 3
    assert result.dismissed == 3
    assert result.transfers == 1
    groups = result.by_group
    assert (groups[mv.OWN_WILL], groups[mv.DISCIPLINE], groups[mv.NOT_RECORDED]) == (1, 1, 1)
    # Rates ÷ an average of 10, in per cent: hiring 2 → 20 %, separation 3 → 30 %, turnover (own will
    # and discipline) 2 → 20 %, stability: persons 1, 5 and 7 on the list all the 30 days → 30 %.
    assert result.hiring_rate == Decimal("20.00")
    assert result.separation_rate == Decimal("30.00")
    assert result.turnover_rate == Decimal("20.00")
    assert result.stability_rate == Decimal("30.00")


def test_a_rate_over_a_zero_average_is_none() -> None:
    assert mv.percent(1, Fraction(0)) is None
    assert mv.percent(1, Fraction(3)) == Decimal("33.33")


def test_ground_groups_name_retirement_from_the_wording_and_article_83_as_circumstances() -> None:
    assert mv.ground_group("77-1-3", "… по инициативе работника в связи с выходом на пенсию") == mv.RETIREMENT
    assert mv.ground_group("83-1-6") == mv.CIRCUMSTANCES
    assert mv.ground_group("336-2") == mv.DISCIPLINE
    assert mv.ground_group("") == mv.NOT_RECORDED
    assert mv.ground_code("336", "", "1") == "336-1"


def test_bands_and_young_specialists() -> None:
    assert comp.age_band(D(2001, 12, 4), D(2026, 12, 3)) == "моложе 25 лет"  # 24 until tomorrow
    assert comp.age_band(D(2001, 12, 3), D(2026, 12, 3)) == "25–29"
    assert comp.service_band(Duration(4, 11, 29)) == "от 3 до 5 лет"
    assert comp.service_band(Duration(20)) == "20 лет и более"
    assert comp.highest_education(["secondary_vocational", "bachelor"]) == "bachelor"
    assert comp.is_young_specialist(D(1991, 12, 3), D(2026, 12, 3), "bachelor", Duration(2, 11))  # 35
    assert not comp.is_young_specialist(D(1990, 12, 3), D(2026, 12, 3), "bachelor", Duration(2))  # 36
    assert not comp.is_young_specialist(D(2000, 1, 1), D(2026, 12, 3), "bachelor", Duration(3))
    assert not comp.is_young_specialist(D(2000, 1, 1), D(2026, 12, 3), "secondary_general", Duration(1))


def test_the_new_year_holidays_take_the_headcount_of_the_last_working_day_of_december() -> None:
    # Dismissed on Tuesday 30 December 2025, the last working day of 2025 (the 31st was made a day off):
    # 1–11 January 2026 are days off (holidays 1–8, the 9th moved, the weekend 10–11) and take the 30th's
    # headcount, so she counts 11 days of January: 11 ÷ 31 = 0.35; hired on Monday 12th, 20 days: 20 ÷ 31.
    people = [Person(1, (job(D(2020, 9, 1), D(2025, 12, 30)),)), Person(2, (job(D(2026, 1, 12)),))]

    result = rules.month_average(people, 2026, 1, is_working_day)

    assert result.day_counts[:11] == (1,) * 11  # the first, carried from 30 December
    assert result.day_counts[11:] == (1,) * 20  # the second, from the 12th
    assert result.total == 11 + 20
    assert rules.two_decimals(result.average) == Decimal("1.00")  # 31 ÷ 31
    assert rules.two_decimals(rules.month_average(people[:1], 2026, 1, is_working_day).average) == Decimal("0.35")
