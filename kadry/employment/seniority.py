"""Length of service of employees: the periods from the database, counted by ``kadry.employment.rules``.

The periods come from two places: the prior jobs of the personal card (from the work book) and the
assignments in this organisation (derived from signed orders). Each kind of length of service takes
some of them:

- total — every prior job and every assignment;
- insurance — the same periods for now. Other periods counted in the insurance length of service
  (military service, state civil service, and the rest of Приказ № 585н, п. 2) are not kept in the
  card yet; when they are, they join this kind only;
- pedagogical — prior jobs marked pedagogical and assignments to positions counted in pedagogical
  service (``Position.pedagogical_service``);
- organisation — the assignments in this organisation, merged; continuous service, so only the last
  uninterrupted period counts.

Loading is bounded: two queries for one employee, and two for a whole organisation (the report),
grouped by employee in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from kadry.employment import rules
from kadry.employment.models import Assignment
from kadry.lib.duration import Duration, Period
from kadry.staff.models import Employee, PriorJob
from kadry.staff.queries import LIST_FIELDS, attach_placement

# What the access log says was opened, on the page and through the API.
ACCESS_LOG_WHAT = "Стаж"

KIND_LABELS = {
    "total": "Общий стаж",
    "insurance": "Страховой стаж",
    "pedagogical": "Педагогический стаж",
    "organisation": "Непрерывный стаж в организации",
}


@dataclass(frozen=True)
class Source:
    """A prior job or an assignment: one period of work with what it counts towards."""

    period: Period
    position: str
    employer: str | None  # None: this organisation
    pedagogical: bool

    @property
    def in_organisation(self) -> bool:
        return self.employer is None


@dataclass(frozen=True)
class KindOfService:
    """One kind of length of service on a date and the periods it was counted from."""

    key: str
    duration: Duration
    periods: tuple[Period, ...]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.key]

    @property
    def lines(self) -> list[tuple[Period, Duration]]:
        """Return each counted period with its own whole years, months and days left over."""
        return [(period, rules.period_duration(period)) for period in self.periods]


@dataclass(frozen=True)
class Threshold:
    """When the insurance length of service reaches ``years``; ``date`` is None once reached or when not working."""

    years: int
    date: dt.date | None
    reached: bool


@dataclass(frozen=True)
class LengthOfService:
    on: dt.date
    total: KindOfService
    insurance: KindOfService
    pedagogical: KindOfService
    organisation: KindOfService
    thresholds: tuple[Threshold, ...]
    sick_pay_percent: int

    @property
    def kinds(self) -> tuple[KindOfService, ...]:
        return (self.total, self.insurance, self.pedagogical, self.organisation)

    def threshold(self, years: int) -> Threshold:
        return next(threshold for threshold in self.thresholds if threshold.years == years)


def _kind(key: str, periods: Sequence[Period], on: dt.date) -> KindOfService:
    counted = rules.counted_periods(periods, on)
    return KindOfService(key, rules.length_of_service(counted, on), tuple(counted))


def length_of_service_on(sources: Sequence[Source], on: dt.date) -> LengthOfService:
    """Return every kind of length of service on ``on``, the next insurance thresholds and the sick-pay rate."""
    every = [source.period for source in sources]
    pedagogical = [source.period for source in sources if source.pedagogical]
    continuous = rules.continuous_periods([source.period for source in sources if source.in_organisation], on)
    insurance = _kind("insurance", every, on)
    return LengthOfService(
        on=on,
        total=_kind("total", every, on),
        insurance=insurance,
        pedagogical=_kind("pedagogical", pedagogical, on),
        organisation=KindOfService("organisation", rules.length_of_service(continuous, on), tuple(continuous)),
        thresholds=tuple(
            Threshold(years, rules.next_threshold(every, on, years), insurance.duration >= Duration(years))
            for years in rules.SICK_PAY_THRESHOLDS
        ),
        sick_pay_percent=rules.sick_pay_percent(insurance.duration),
    )


# Plain rows, not model instances: the report reads every period of an organisation, and building
# thousands of model objects cost more than the arithmetic itself (issue #5 benchmark).
_PRIOR_JOB_FIELDS = ("employee_id", "start", "end", "position", "employer", "pedagogical")
_ASSIGNMENT_FIELDS = (
    "employee_id",
    "start",
    "end",
    "staffing_unit__position__name",
    "staffing_unit__position__pedagogical_service",
)


def _prior_job_rows(*organisation_ids: int) -> QuerySet[PriorJob]:
    return PriorJob.objects.filter(organisation_id__in=organisation_ids).values_list(*_PRIOR_JOB_FIELDS)


def _assignment_rows(*organisation_ids: int) -> QuerySet[Assignment]:
    return Assignment.objects.filter(organisation_id__in=organisation_ids).values_list(*_ASSIGNMENT_FIELDS)


def _sources(prior_jobs: Iterable[tuple], assignments: Iterable[tuple]) -> dict[int, list[Source]]:
    by_employee: dict[int, list[Source]] = defaultdict(list)
    for employee_id, start, end, position, employer, pedagogical in prior_jobs:
        by_employee[employee_id].append(Source(Period(start, end), position, employer, pedagogical))
    for employee_id, start, end, position, pedagogical in assignments:
        by_employee[employee_id].append(Source(Period(start, end), position, None, pedagogical))
    return by_employee


def sources_for_employee(employee: Employee) -> list[Source]:
    """Return the periods of work of one employee (two queries)."""
    organisation_id = employee.organisation_id
    by_employee = _sources(
        _prior_job_rows(organisation_id).filter(employee=employee),
        _assignment_rows(organisation_id).filter(employee=employee),
    )
    return sorted(by_employee.get(employee.pk, []), key=lambda source: source.period.start)


def sources_for_organisation(organisation_id: int, on: dt.date) -> dict[int, list[Source]]:
    """Return the periods of work that began by ``on`` of every employee of an organisation (two queries)."""
    return sources_for_organisations([organisation_id], on)


def sources_for_organisations(
    organisation_ids: Sequence[int], on: dt.date, employee_ids: Sequence[int] | None = None
) -> dict[int, list[Source]]:
    """Return the periods of work that began by ``on`` of the employees (all, or ``employee_ids``) of organisations.

    Two queries whatever their number: a centralised HR service counts all its schools at once.
    """
    prior_jobs = _prior_job_rows(*organisation_ids).filter(start__lte=on)
    assignments = _assignment_rows(*organisation_ids).filter(start__lte=on)
    if employee_ids is not None:
        prior_jobs = prior_jobs.filter(employee_id__in=employee_ids)
        assignments = assignments.filter(employee_id__in=employee_ids)
    return dict(_sources(prior_jobs, assignments))


@dataclass(frozen=True)
class ReportRow:
    employee: Employee  # with ``placement`` (see ``attach_placement``)
    service: LengthOfService


def working_on(organisation_id: int, on: dt.date) -> QuerySet[Employee]:
    """Return the employees working on ``on``, sorted by name, with the columns a report row shows."""
    return Employee.objects.of(organisation_id).with_status(Employee.Status.WORKING, on).only(*LIST_FIELDS)


def service_rows(employees: Sequence[Employee], on: dt.date) -> list[ReportRow]:
    """Return the employees (one organisation's) with their placement and length of service (three queries)."""
    if not employees:
        return []
    ids = [employee.pk for employee in employees]
    sources = sources_for_organisations([employees[0].organisation_id], on, employee_ids=ids)
    attach_placement(employees, on)
    return [ReportRow(employee, length_of_service_on(sources.get(employee.pk, []), on)) for employee in employees]


def service_report(organisation_id: int, on: dt.date) -> list[ReportRow]:
    """Return everyone working on ``on`` with their length of service (four queries whatever the headcount)."""
    return service_rows(list(working_on(organisation_id, on)), on)
