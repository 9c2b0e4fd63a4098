"""Length of service by Приказ Минтруда № 585н, п. 20–21: hand-computed cases and properties.

The working of each case is in the comment above it, with x = the day after the period ends and

    whole months = 12 × (x.year − start.year) + (x.month − start.month) − (1 if x.day < start.day else 0),
    days left    = x − (start + whole months, or the 1st of the month after when that day does not exist),

then the months and days of all periods are added, 30 days make a month and 12 months a year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kadry.employment.rules import (
    SICK_PAY_THRESHOLDS,
    add_months,
    counted_periods,
    cut,
    employed_on,
    length_of_service,
    merge,
    next_threshold,
    sick_pay_percent,
    whole_months_and_days,
)
from kadry.lib.duration import Duration, Period

FAR = dt.date(2030, 1, 1)  # a date after every closed period of the table: nothing is cut


def d(text: str) -> dt.date:
    """Return the date written «ДД.ММ.ГГГГ»."""
    day, month, year = (int(part) for part in text.split("."))
    return dt.date(year, month, day)


def p(start: str, end: str | None = None) -> Period:
    return Period(d(start), d(end) if end else None)


CASES = [
    # x = 01.09.2021: 12·1 + (9 − 9) − 0 = 12 months, 0 days → a school year is exactly one year.
    pytest.param([p("01.09.2020", "31.08.2021")], FAR, Duration(1, 0, 0), id="school-year"),
    # x = 15.02.2021: 12·0 + (2 − 1) − 0 = 1 month; 15.01 + 1 month = 15.02 = x → 0 days.
    pytest.param([p("15.01.2021", "14.02.2021")], FAR, Duration(0, 1, 0), id="month-to-the-day-before"),
    # x = 10.05.2015: (5 − 3) − 0 = 2 months; 10.03 + 2 months = 10.05 = x → 0 days.
    pytest.param([p("10.03.2015", "09.05.2015")], FAR, Duration(0, 2, 0), id="two-months"),
    # x = 21.05.2015: (5 − 3) − 0 = 2 months (21 ≥ 10); 10.03 + 2 months = 10.05; 10.05 → 21.05 = 11 days.
    pytest.param([p("10.03.2015", "20.05.2015")], FAR, Duration(0, 2, 11), id="two-months-eleven-days"),
    # x = 06.04.2021: (4 − 4) − 0 = 0 months; 05.04 → 06.04 = 1 day: both ends count.
    pytest.param([p("05.04.2021", "05.04.2021")], FAR, Duration(0, 0, 1), id="one-day"),
    # x = 01.02.2021: (2 − 1) − 1 (1 < 2) = 0 months; 02.01 → 01.02 = 30 days, and 30 days make a month.
    pytest.param([p("02.01.2021", "31.01.2021")], FAR, Duration(0, 1, 0), id="thirty-days-make-a-month"),
    # x = 01.03.2021: (3 − 1) − 1 (1 < 31) = 1 month; 31.02.2021 does not exist → 01.03 = x → 0 days.
    pytest.param([p("31.01.2021", "28.02.2021")], FAR, Duration(0, 1, 0), id="month-from-31-january"),
    # x = 28.02.2021: (2 − 1) − 1 (28 < 31) = 0 months; 31.01 → 28.02 = 28 days.
    pytest.param([p("31.01.2021", "27.02.2021")], FAR, Duration(0, 0, 28), id="short-of-the-end-of-february"),
    # x = 31.03.2021: (3 − 1) − 0 (31 ≥ 31) = 2 months; 31.01 + 2 months = 31.03 = x → 0 days.
    pytest.param([p("31.01.2021", "30.03.2021")], FAR, Duration(0, 2, 0), id="months-counted-from-the-start"),
    # Leap year: x = 29.02.2020: (2 − 2) − 0 = 0 months; 01.02 → 29.02 = 28 days: February 2020 is not over.
    pytest.param([p("01.02.2020", "28.02.2020")], FAR, Duration(0, 0, 28), id="leap-february-unfinished"),
    # Leap year: x = 01.03.2020: (3 − 2) − 0 = 1 month; 01.02 + 1 month = 01.03 = x → 0 days.
    pytest.param([p("01.02.2020", "29.02.2020")], FAR, Duration(0, 1, 0), id="leap-february-whole"),
    # x = 01.03.2021: 12·1 + (3 − 2) − 1 (1 < 29) = 12 months; 29.02.2021 does not exist → 01.03.2021 = x.
    pytest.param([p("29.02.2020", "28.02.2021")], FAR, Duration(1, 0, 0), id="year-from-29-february"),
    # Overlapping (п. 20: coinciding time counts once): merged 01.09.2015–31.05.2019, x = 01.06.2019:
    # 12·4 + (6 − 9) − 0 = 45 months = 3 years 9 months (added separately it would be 4 years 9 months).
    pytest.param(
        [p("01.09.2015", "31.08.2018"), p("01.09.2017", "31.05.2019")], FAR, Duration(3, 9, 0), id="overlapping"
    ),
    # Unsorted, the second ends the day before the first starts: merged 01.01.2018–31.12.2020,
    # x = 01.01.2021: 12·3 + (1 − 1) − 0 = 36 months = 3 years.
    pytest.param(
        [p("01.09.2020", "31.12.2020"), p("01.01.2018", "31.08.2020")], FAR, Duration(3, 0, 0), id="unsorted-touching"
    ),
    # Unsorted with one inside another: merged 01.09.2010–31.08.2014 (48 months); 15.03.2012–20.04.2012 adds nothing;
    # 01.09.2016–10.09.2016 apart: x = 11.09.2016, 0 months, 10 days. Total 4 years 10 days.
    pytest.param(
        [p("01.09.2016", "10.09.2016"), p("15.03.2012", "20.04.2012"), p("01.09.2010", "31.08.2014")],
        FAR,
        Duration(4, 0, 10),
        id="unsorted-inside",
    ),
    # Days left are added across periods: 01.03–20.03.2019 → x = 21.03: 0 months, 20 days;
    # 01.04–20.04.2019 → 20 days; 40 days = 1 month 10 days.
    pytest.param(
        [p("01.03.2019", "20.03.2019"), p("01.04.2019", "20.04.2019")], FAR, Duration(0, 1, 10), id="days-summed"
    ),
    # 01.01–30.11.2019 → x = 01.12: 11 months, 0 days; 01.01–30.01.2020 → x = 31.01: 0 months, 30 days.
    # 11 months 30 days → 12 months → 1 year.
    pytest.param(
        [p("01.01.2019", "30.11.2019"), p("01.01.2020", "30.01.2020")], FAR, Duration(1, 0, 0), id="days-make-a-year"
    ),
    # Ongoing, cut at on = 15.03.2024 (the day included): x = 16.03.2024: 12·4 + (3 − 9) − 0 = 42 months;
    # 01.09.2020 + 42 months = 01.03.2024; 01.03 → 16.03 = 15 days. 3 years 6 months 15 days.
    pytest.param([p("01.09.2020")], d("15.03.2024"), Duration(3, 6, 15), id="ongoing-cut-at-on"),
    # on = 31.05.2021: the period starting 01.01.2022 is ignored; the other is cut at 31.05.2021:
    # x = 01.06.2021: 12·2 + (6 − 9) − 0 = 21 months = 1 year 9 months.
    pytest.param(
        [p("01.09.2019", "31.08.2025"), p("01.01.2022")], d("31.05.2021"), Duration(1, 9, 0), id="later-ignored"
    ),
    # A teacher: prior jobs out of order and overlapping, then here from 01.09.2020 (ongoing), on 01.09.2023.
    # Merged: 01.09.2005–15.06.2012 (x = 16.06.2012: 12·7 + (6 − 9) − 0 = 81 months; 01.06.2012 → 16.06 = 15 days);
    # 01.09.2013–31.08.2019 (72 months); 01.09.2020–01.09.2023 (x = 02.09.2023: 36 months, 1 day).
    # 189 months 16 days = 15 years 9 months 16 days.
    pytest.param(
        [
            p("01.09.2020"),
            p("01.09.2013", "31.08.2019"),
            p("01.09.2008", "15.06.2012"),
            p("01.09.2005", "31.08.2009"),
        ],
        d("01.09.2023"),
        Duration(15, 9, 16),
        id="career",
    ),
    pytest.param([], FAR, Duration(0, 0, 0), id="nothing"),
]


@pytest.mark.parametrize(("periods", "on", "expected"), CASES)
def test_length_of_service_hand_computed(periods: list[Period], on: dt.date, expected: Duration) -> None:
    assert length_of_service(periods, on) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (p("10.03.2015", "09.05.2015"), (2, 0)),
        (p("10.03.2015", "20.05.2015"), (2, 11)),
        # x = 01.02.2021: 0 whole months (1 < 2); 02.01 → 01.02 = 30 days, kept as days within one period.
        (p("02.01.2021", "31.01.2021"), (0, 30)),
        # x = 01.05.2021: (5 − 1) − 1 (1 < 31) = 3 months; 31.04 does not exist → 01.05 = x.
        (p("31.01.2021", "30.04.2021"), (3, 0)),
    ],
)
def test_whole_months_and_days_of_one_period(period: Period, expected: tuple[int, int]) -> None:
    assert whole_months_and_days(period) == expected


def test_cut_ignores_later_periods_and_ends_running_ones_on_the_date() -> None:
    on = d("31.05.2021")

    assert cut([p("01.09.2019", "31.08.2025"), p("01.01.2022"), p("01.09.2020")], on) == [
        p("01.09.2019", "31.05.2021"),
        p("01.09.2020", "31.05.2021"),
    ]


def test_merge_joins_overlapping_and_touching_periods_but_not_a_gap_of_one_day() -> None:
    assert merge([p("01.01.2021", "31.01.2021"), p("15.03.2021"), p("01.02.2021", "10.02.2021")]) == [
        p("01.01.2021", "10.02.2021"),
        p("15.03.2021"),
    ]
    assert merge([p("01.01.2021", "31.01.2021"), p("02.02.2021", "10.02.2021")]) == [
        p("01.01.2021", "31.01.2021"),
        p("02.02.2021", "10.02.2021"),
    ]
    assert merge([p("01.01.2021"), p("01.03.2021", "10.03.2021")]) == [p("01.01.2021")]


def test_closing_a_gap_can_lose_a_day_of_service() -> None:
    """Document the one way the п. 21 arithmetic is not monotone: joining periods re-counts their months.

    Apart: 02.01–30.01.2020 → x = 31.01: 0 months (31 ≥ 2 → (1 − 1) − 0 = 0), 29 days;
           01.02–29.02.2020 → x = 01.03: 1 month (the whole leap February).  Total 1 month 29 days.
    With 31.01.2020 worked too, the periods touch and are one: 02.01–29.02.2020 → x = 01.03:
           (3 − 1) − 1 (1 < 2) = 1 month (02.01–01.02), 02.02 → 01.03 = 28 days.  Total 1 month 28 days.
    The 31-day month from 02.01 counts as 30 days and February loses its whole month. Counting the
    periods apart after they touch would let the same days be counted differently by how they are
    split (a transfer on the next day would change the length of service), which is worse.
    """
    apart = [p("02.01.2020", "30.01.2020"), p("01.02.2020", "29.02.2020")]

    assert length_of_service(apart, FAR) == Duration(0, 1, 29)
    assert length_of_service([*apart, p("31.01.2020", "31.01.2020")], FAR) == Duration(0, 1, 28)


# When the insurance length of service reaches 5 and 8 years (the sick-pay rate changes).


@pytest.mark.parametrize(
    ("periods", "on", "years", "expected"),
    [
        # From 01.09.2020: on 30.08.2025 x = 31.08.2025: 12·5 + (8 − 9) − 0 = 59 months; 01.08 → 31.08 = 30 days
        # = 1 month → 60 months = 5 years. On 29.08.2025: 59 months 29 days. So 30.08.2025, not 31.08.
        pytest.param([p("01.09.2020")], d("15.03.2024"), 5, d("30.08.2025"), id="five-years-august"),
        # Same for 8 years: 95 months to 01.08.2028, then 30 days of August → 30.08.2028.
        pytest.param([p("01.09.2020")], d("15.03.2024"), 8, d("30.08.2028"), id="eight-years"),
        # From 01.03.2021 the last month is February 2026 (28 days): 59 months to 01.02.2026, 27 days on
        # 27.02.2026; on 28.02.2026 x = 01.03.2026 → 60 months.
        pytest.param([p("01.03.2021")], d("01.06.2024"), 5, d("28.02.2026"), id="five-years-february"),
        # A fixed term ending before the threshold: employment is assumed to go on.
        pytest.param([p("01.03.2021", "31.12.2024")], d("01.06.2024"), 5, d("28.02.2026"), id="assumed-to-go-on"),
        # 20 days of a prior job (01.03–20.03.2019) + from 01.09.2020: 59 months to 01.08.2025, then 10 more days
        # make 20 + 10 = 30 days = a month: x = 11.08.2025, the date 10.08.2025.
        pytest.param(
            [p("01.03.2019", "20.03.2019"), p("01.09.2020")], d("15.03.2024"), 5, d("10.08.2025"), id="days-carry"
        ),
        # 2 years before (01.09.2015–31.08.2017: 24 months) + from 01.09.2020: 24 + 35 months to 01.08.2023,
        # then 30 days → 30.08.2023.
        pytest.param(
            [p("01.09.2020"), p("01.09.2015", "31.08.2017")], d("01.01.2022"), 5, d("30.08.2023"), id="prior-job"
        ),
        pytest.param([p("01.09.2010")], d("01.09.2020"), 5, None, id="already-reached"),
        pytest.param([p("01.09.2015", "31.08.2018")], d("01.01.2020"), 5, None, id="not-working-on-the-date"),
        pytest.param([p("01.09.2025")], d("01.01.2020"), 5, None, id="not-yet-working"),
    ],
)
def test_next_threshold_hand_computed(periods: list[Period], on: dt.date, years: int, expected: dt.date | None) -> None:
    assert next_threshold(periods, on, years) == expected


def test_next_threshold_is_the_first_day_the_length_of_service_reaches_it() -> None:
    periods = [p("01.03.2019", "20.03.2019"), p("01.09.2020")]
    reached = next_threshold(periods, d("15.03.2024"), 5)

    assert reached is not None
    assert length_of_service(periods, reached) == Duration(5, 0, 0)
    assert length_of_service(periods, reached - dt.timedelta(days=1)) == Duration(4, 11, 29)


@pytest.mark.parametrize(
    ("insurance", "percent"),
    [
        (Duration(0, 0, 0), 60),
        (Duration(4, 11, 29), 60),
        (Duration(5, 0, 0), 80),
        (Duration(7, 11, 29), 80),
        (Duration(8, 0, 0), 100),
        (Duration(35, 2, 1), 100),
    ],
)
def test_sick_pay_rate_by_insurance_length_of_service(insurance: Duration, percent: int) -> None:
    # Федеральный закон № 255-ФЗ, ст. 7, ч. 1: до 5 лет — 60 %, от 5 до 8 лет — 80 %, 8 лет и более — 100 %.
    assert sick_pay_percent(insurance) == percent


# Properties.

ON_DATES = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2028, 12, 31)))
    # Short periods make month ends and gaps of a day or two likely; long ones make years.
    length = draw(st.one_of(st.none(), st.integers(0, 70), st.integers(0, 4000)))
    return Period(start, None if length is None else start + dt.timedelta(days=length))


def _joins(period: Period, other: Period) -> bool:
    """Return whether two closed periods overlap or touch."""
    assert period.end is not None and other.end is not None
    return period.start <= other.end + dt.timedelta(days=1) and other.start <= period.end + dt.timedelta(days=1)


def _days(duration: Duration) -> int:
    """Return a duration in the units of п. 21 (a month = 30 days) to compare differences."""
    return (duration.years * 12 + duration.months) * 30 + duration.days


@settings(deadline=None)
@given(st.lists(periods(), max_size=6), ON_DATES)
def test_counted_periods_are_the_periods_cut_at_the_date_then_merged(items: list[Period], on: dt.date) -> None:
    """The arithmetic cuts and merges in one pass (``counted_spans``); the steps of the module docstring agree."""
    assert counted_periods(items, on) == merge(cut(items, on))


@settings(deadline=None)
@given(periods(), ON_DATES)
def test_whole_months_and_days_are_the_months_from_the_start_and_the_days_after_them(
    period: Period, on: dt.date
) -> None:
    """Checked against the formula of the module docstring, with the end of the whole months made as a date."""
    (closed,) = cut([period], max(on, period.start))
    assert closed.end is not None
    x = closed.end + dt.timedelta(days=1)
    months = 12 * (x.year - closed.start.year) + (x.month - closed.start.month) - (1 if x.day < closed.start.day else 0)
    assert whole_months_and_days(closed) == (months, (x - add_months(closed.start, months)).days)


@settings(deadline=None)
@given(st.lists(periods(), max_size=6), ON_DATES, st.randoms(use_true_random=False))
def test_order_of_periods_does_not_matter(items: list[Period], on: dt.date, random) -> None:
    shuffled = list(items)
    random.shuffle(shuffled)
    assert length_of_service(shuffled, on) == length_of_service(items, on)


@settings(deadline=None)
@given(st.lists(periods(), max_size=6), periods(), ON_DATES)
def test_adding_a_period_never_decreases_length_of_service(items: list[Period], extra: Period, on: dt.date) -> None:
    """Adding a period never shortens the service, but for the gap-closing case documented above.

    A period apart from the others adds its own months and days; one that overlaps or touches a single
    counted period lengthens it at either end, which never loses a day. A period that joins two or more
    counted periods re-counts their months as one (see ``test_closing_a_gap_can_lose_a_day_of_service``)
    and may lose at most 2 days for every gap it closes.
    """
    before = length_of_service(items, on)
    after = length_of_service([*items, extra], on)
    counted_extra = cut([extra], on)
    joined = sum(_joins(counted_extra[0], other) for other in merge(cut(items, on))) if counted_extra else 0
    if joined <= 1:
        assert after >= before
    else:
        assert _days(after) >= _days(before) - 2 * (joined - 1)


@settings(deadline=None)
@given(st.lists(periods(), min_size=1, max_size=6), st.data(), ON_DATES)
def test_a_period_inside_another_adds_nothing(items: list[Period], data: st.DataObject, on: dt.date) -> None:
    outer = data.draw(st.sampled_from(items))
    last = outer.end or dt.date(2031, 12, 31)
    start = data.draw(st.dates(outer.start, last))
    end = data.draw(st.dates(start, last))
    assert length_of_service([*items, Period(start, end)], on) == length_of_service(items, on)


@settings(deadline=None)
@given(st.lists(periods(), max_size=6), ON_DATES)
def test_length_of_service_never_decreases_as_the_date_moves_on(items: list[Period], on: dt.date) -> None:
    assert length_of_service(items, on + dt.timedelta(days=1)) >= length_of_service(items, on)


@settings(deadline=None)
@given(st.lists(periods(), max_size=4), ON_DATES, st.sampled_from([5, 8]))
def test_next_threshold_is_reached_that_day_and_not_the_day_before(
    items: list[Period], on: dt.date, years: int
) -> None:
    reached = next_threshold(items, on, years)
    if reached is None:
        return
    running = next(item for item in items if item.start <= on and (item.end is None or item.end >= on))
    continuing = [*items, Period(running.start)]
    assert reached > on
    assert length_of_service(continuing, reached) >= Duration(years)
    assert length_of_service(continuing, reached - dt.timedelta(days=1)) < Duration(years)


@settings(deadline=None)
@given(st.lists(periods(), min_size=1, max_size=6), ON_DATES, st.sampled_from(SICK_PAY_THRESHOLDS))
def test_next_threshold_is_the_first_day_reaching_the_threshold_if_the_work_goes_on(
    items: list[Period], on: dt.date, years: int
) -> None:
    """Checked against the plain definition: the whole service recounted on the found day and the day before."""
    reached = next_threshold(items, on, years)
    if not employed_on(items, on) or length_of_service(items, on) >= Duration(years):
        assert reached is None
        return
    running = next(period for period in items if period.start <= on and (period.end is None or period.end >= on))
    extended = [*items, Period(running.start, None)]
    assert reached is not None
    assert length_of_service(extended, reached) >= Duration(years)
    assert reached == on + dt.timedelta(days=1) or length_of_service(
        extended, reached - dt.timedelta(days=1)
    ) < Duration(years)
