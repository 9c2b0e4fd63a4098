"""The figures of the personnel databank for one organisation: fetched once (``queries``), counted by the rules.

Read only, so no ``actor=``: the pages, the exports, the charts and the API all take their numbers
from these functions, never counting twice.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from kadry.core.models import Organisation
from kadry.employment.seniority import length_of_service_on, sources_for_organisations
from kadry.reports import composition_rules as comp
from kadry.reports import movement_rules, queries, rules
from kadry.staff.models import Education, Employee, Position
from kadry.staff.queries import staffing_table

# Labels as plain strings: they are keys of the API's answers and cells of the XLSX.
CATEGORY_LABELS: dict[str, str] = {**{k: str(v) for k, v in Position.Category.choices}, "": "без должности"}
SEX_LABELS: dict[str, str] = {k: str(v) for k, v in Employee.Sex.choices}
EDUCATION_LABELS: dict[str, str] = {**{k: str(v) for k, v in Education.Level.choices}, "": comp.NO_DATA}
QUALIFICATION_LABELS: dict[str, str] = {k: str(v) for k, v in Employee.QualificationCategory.choices}
MONTH_NAMES = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


@dataclass(frozen=True)
class Headcount:
    on: dt.date
    headcount: int
    external: int
    by_category: dict[str, int]
    by_organisation: dict[int, int]  # each school counted, when there are several


def by_organisation(people: Sequence[rules.Person], organisation_ids: Sequence[int]) -> dict[int, list[rules.Person]]:
    """Return the people of each organisation (every organisation a key, in the order given)."""
    groups: dict[int, list[rules.Person]] = {pk: [] for pk in organisation_ids}
    for person in people:
        groups.setdefault(person.organisation_id, []).append(person)
    return groups


def headcount(
    organisation_ids: Sequence[int], on: dt.date, *, people: Sequence[rules.Person] | None = None
) -> Headcount:
    """Return the list's headcount on ``on``, by category, and the external part-timers (two queries).

    ``people`` (of ``queries.people``, fetched until ``on`` or later) spares the queries.
    """
    if people is None:
        people = queries.people(organisation_ids, until=on)
    by_category = rules.by_category_on(people, on)
    ordered = {key: by_category[key] for key in CATEGORY_LABELS if key in by_category}
    schools = (
        {pk: rules.headcount_on(group, on) for pk, group in by_organisation(people, organisation_ids).items()}
        if len(organisation_ids) > 1
        else {}
    )
    return Headcount(on, rules.headcount_on(people, on), rules.external_on(people, on), ordered, schools)


@dataclass(frozen=True)
class Average:
    year: int
    month: int | None
    quarter: int | None
    months: tuple[rules.MonthAverage, ...]
    average: Fraction
    external: Fraction
    by_organisation: dict[int, Fraction] = field(default_factory=dict)  # when there are several

    @property
    def title(self) -> str:
        if self.month:
            return f"{MONTH_NAMES[self.month - 1]} {self.year} г."
        if self.quarter:
            return f"{self.quarter} квартал {self.year} г."
        return f"{self.year} год"

    @property
    def average_2(self) -> Decimal:
        return rules.two_decimals(self.average)

    @property
    def average_whole(self) -> int:
        return rules.whole_units(self.average)

    @property
    def external_2(self) -> Decimal:
        return rules.two_decimals(self.external)


def average(
    organisation_ids: Sequence[int], year: int, month: int | None = None, quarter: int | None = None
) -> Average:
    """Return the average headcount of a month, a quarter or a year (three queries)."""
    numbers = [month] if month else list(rules.quarter_months(quarter)) if quarter else list(range(1, 13))
    divisor = 1 if month else 3 if quarter else 12
    people = queries.people(organisation_ids, until=rules.month_days(year, numbers[-1])[1])
    working = queries.calendar([year])
    months = tuple(rules.month_average(people, year, number, working) for number in numbers)
    external = sum((m.external_average for m in months), Fraction(0)) / divisor
    schools = {}
    if len(organisation_ids) > 1:
        for pk, group in by_organisation(people, organisation_ids).items():
            own = [rules.month_average(group, year, number, working) for number in numbers]
            schools[pk] = rules.period_average(own, divisor)
    return Average(year, month, quarter, months, rules.period_average(months, divisor), external, schools)


def organisation_names(organisation_ids: Sequence[int]) -> dict[int, str]:
    """Return the short names of the organisations (one query; none for one organisation)."""
    if len(organisation_ids) < 2:
        return {}
    return dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "short_name"))


@dataclass(frozen=True)
class MonthMovement:
    year: int
    month: int
    movement: movement_rules.Movement

    @property
    def label(self) -> str:
        return f"{self.month:02d}.{self.year}"


@dataclass(frozen=True)
class MovementReport:
    total: movement_rules.Movement
    months: tuple[MonthMovement, ...]
    names: dict[int, str] = field(default_factory=dict)  # employee id → full name, for the leavers


def movement(
    organisation_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    *,
    names: bool = False,
    people: Sequence[rules.Person] | None = None,
) -> MovementReport:
    """Return the movement of the period and of each of its months (four queries; five with the names).

    ``people`` (of ``queries.people``, fetched until ``last`` or later) spares two of them.
    """
    if people is None:
        people = queries.people(organisation_ids, until=last)
    month_list = rules.months_between(first, last)
    working = queries.calendar(range(first.year, last.year + 1))
    dismissals, transfers = queries.dismissals_and_transfers(organisation_ids, first, last)
    months = []
    for year, number in month_list:
        month_first, month_last = rules.month_days(year, number)
        month_first, month_last = max(month_first, first), min(month_last, last)
        month_average = rules.average_between(people, month_first, month_last, working)
        months.append(
            MonthMovement(
                year,
                number,
                movement_rules.movement(people, dismissals, transfers, month_first, month_last, month_average),
            )
        )
    total = movement_rules.movement(
        people, dismissals, transfers, first, last, rules.average_between(people, first, last, working)
    )
    full_names: dict[int, str] = {}
    if names and total.leavers:
        rows = Employee.objects.filter(
            organisation_id__in=organisation_ids, pk__in={leaver.employee_id for leaver in total.leavers}
        ).values_list("pk", "last_name", "first_name", "middle_name")
        full_names = {pk: " ".join(part for part in parts if part) for pk, *parts in rows}
    return MovementReport(total, tuple(months), full_names)


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    rows: tuple[tuple[str, int], ...]  # label, count

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.rows)


@dataclass(frozen=True)
class Vacancy:
    department: str
    rates: Decimal
    occupied: Decimal
    vacant: Decimal


@dataclass(frozen=True)
class Composition:
    on: dt.date
    headcount: int
    breakdowns: tuple[Breakdown, ...]
    young_specialists: int
    vacancies: tuple[Vacancy, ...]

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def _ordered(
    counter: Counter[str], labels: dict[str, str] | tuple[tuple[int, str], ...]
) -> tuple[tuple[str, int], ...]:
    """Return the counts in the order of ``labels`` (every label, zeros included), then any other key."""
    names = list(labels.values()) if isinstance(labels, dict) else [name for _lower, name in labels]
    return tuple((name, counter.get(name, 0)) for name in names) + tuple(
        (name, count) for name, count in counter.items() if name not in names
    )


def composition(
    organisation_ids: Sequence[int], on: dt.date, *, people: Sequence[rules.Person] | None = None
) -> Composition:
    """Return the composition of the list on ``on`` (seven queries whatever its size; one more a school over several).

    ``people`` (of ``queries.people``, fetched until ``on`` or later) spares two of them.
    """
    if people is None:
        people = queries.people(organisation_ids, until=on)
    people = [person for person in people if person.on_list(on)]
    ids = [person.employee_id for person in people]
    cards = queries.cards(organisation_ids, ids)
    levels = queries.education_levels(organisation_ids, ids)
    sources = sources_for_organisations(organisation_ids, on)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    young = 0
    for person in people:
        sex, birth, qualification = cards[person.employee_id]
        job = person.main_job(on)
        education = comp.highest_education(levels.get(person.employee_id, []))
        service = length_of_service_on(sources.get(person.employee_id, []), on)
        counts["category"][CATEGORY_LABELS.get(job.category if job else "", "")] += 1
        counts["sex"][SEX_LABELS.get(sex, sex)] += 1
        counts["age"][comp.age_band(birth, on)] += 1
        counts["education"][EDUCATION_LABELS.get(education, education)] += 1
        counts["qualification"][QUALIFICATION_LABELS.get(qualification, qualification)] += 1
        if job is not None and job.pedagogical_service:
            counts["pedagogical_service"][comp.service_band(service.pedagogical.duration)] += 1
        young += comp.is_young_specialist(birth, on, education, service.total.duration)
    breakdowns = (
        Breakdown("category", "По категориям должностей", _ordered(counts["category"], CATEGORY_LABELS)),
        Breakdown("sex", "По полу", _ordered(counts["sex"], SEX_LABELS)),
        Breakdown("age", "По возрасту", _ordered(counts["age"], comp.AGE_BANDS)),
        Breakdown("education", "По уровню образования", _ordered(counts["education"], EDUCATION_LABELS)),
        Breakdown(
            "qualification", "По квалификационной категории", _ordered(counts["qualification"], QUALIFICATION_LABELS)
        ),
        Breakdown(
            "pedagogical_service",
            "По педагогическому стажу (занимающие педагогические должности)",
            _ordered(counts["pedagogical_service"], comp.SERVICE_BANDS),
        ),
    )
    vacancies = []
    # The staffing table is one query a school; over several schools each department is named with its school.
    names = organisation_names(organisation_ids)
    for organisation_id in organisation_ids:
        sections, _total = staffing_table(organisation_id, on)
        prefix = f"{names.get(organisation_id, '')}: " if len(organisation_ids) > 1 else ""
        vacancies += [
            Vacancy(
                prefix + section.department.name, section.totals.rates, section.totals.occupied, section.totals.vacant
            )
            for section in sections
        ]
    return Composition(on, len(people), breakdowns, young, tuple(vacancies))


@dataclass(frozen=True)
class MonthPoint:
    """One month of the dashboard's series: the list at its end, its average, its turnover."""

    label: str
    headcount: int
    average: Decimal
    turnover_rate: Decimal | None


def monthly_series(
    organisation_ids: Sequence[int],
    last_month: tuple[int, int],
    count: int = 12,
    *,
    people: Sequence[rules.Person] | None = None,
) -> list[MonthPoint]:
    """Return the ``count`` months up to ``last_month`` with their figures (four queries; two given ``people``).

    ``people`` (of ``queries.people``) must be fetched until the end of ``last_month`` or later.
    """
    year, month = last_month
    index = year * 12 + month - 1 - (count - 1)
    first = dt.date(index // 12, index % 12 + 1, 1)
    last = rules.month_days(year, month)[1]
    if people is None:
        people = queries.people(organisation_ids, until=last)
    report = movement(organisation_ids, first, last, people=people)
    points = []
    for item in report.months:
        month_last = rules.month_days(item.year, item.month)[1]
        points.append(
            MonthPoint(
                item.label,
                rules.headcount_on(people, month_last),
                rules.two_decimals(item.movement.average),
                item.movement.turnover_rate,
            )
        )
    return points


def no_progress(percent: int, stage: str) -> None:
    return None


# A background job's progress (kadry.reports.jobs): the percent done and what it does now.
Progress = Callable[[int, str], None]
READING = "Чтение сведений о работниках"


def dashboard(
    organisation_ids: Sequence[int], today: dt.date, *, progress: Progress = no_progress
) -> tuple[Headcount, Composition, list[MonthPoint]]:
    """Return today's headcount and composition and the twelve months up to this one, the people fetched once."""
    progress(10, READING)
    people = queries.people(organisation_ids, until=rules.month_days(today.year, today.month)[1])
    progress(30, "Подсчёт численности и состава")
    count = headcount(organisation_ids, today, people=people)
    found = composition(organisation_ids, today, people=people)
    progress(60, "Подсчёт по месяцам")
    return count, found, monthly_series(organisation_ids, (today.year, today.month), people=people)
