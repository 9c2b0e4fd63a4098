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

Loading is bounded: one query for one employee, and one for a whole organisation (the report),
grouped by employee in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, IntegerField, QuerySet, Value

from kadry.employment import rules
from kadry.employment.models import Assignment
from kadry.lib.duration import Duration, Period
from kadry.staff.models import Employee, PriorJob
from kadry.staff.queries import LIST_FIELDS, NOWHERE, attach_placement, placements_from

# What the access log says was opened, on the page and through the API.
ACCESS_LOG_WHAT = "Стаж"

KIND_LABELS = {
    "total": "Общий стаж",
    "insurance": "Страховой стаж",
    "pedagogical": "Педагогический стаж",
    "organisation": "Непрерывный стаж в организации",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Source(Period):
    """A prior job or an assignment: a period of work (both days included) with what it counts towards.

    A ``Period`` itself, not one more object holding one: a region's report loads some 160,000 of
    these, and one object a row instead of two halves the work of making them and of the garbage
    collector.
    """

    position: str
    employer: str | None  # None: this organisation
    pedagogical: bool

    @property
    def period(self) -> Period:
        """Return the period of work: the source itself."""
        return self

    @property
    def in_organisation(self) -> bool:
        return self.employer is None


@dataclass(frozen=True)
class KindOfService:
    """One kind of length of service on a date and the periods it was counted from (as spans, see ``rules.Span``)."""

    key: str
    duration: Duration
    spans: tuple[rules.Span, ...]

    @property
    def label(self) -> str:
        return KIND_LABELS[self.key]

    @property
    def periods(self) -> tuple[Period, ...]:
        """Return the counted periods: cut at the date and merged."""
        return tuple(Period(start, after - rules.ONE_DAY) for start, after in self.spans)

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


def length_of_service_on(sources: Sequence[Source], on: dt.date) -> LengthOfService:
    """Return every kind of length of service on ``on``, the next insurance thresholds and the sick-pay rate."""
    # Each set of periods is cut and merged once, and a kind counted from the same spans as the
    # insurance one shares its duration: the report counts every employee of an organisation.
    every = rules.counted_spans(sources, on)
    pedagogical = _spans_of([source for source in sources if source.pedagogical], sources, every, on)
    here = _spans_of([source for source in sources if source.in_organisation], sources, every, on)
    insurance = KindOfService("insurance", rules.spans_length(every), tuple(every))
    return LengthOfService(
        on=on,
        total=KindOfService("total", insurance.duration, insurance.spans),
        insurance=insurance,
        pedagogical=_kind("pedagogical", pedagogical, every, insurance),
        organisation=_kind("organisation", here[-1:], every, insurance),
        thresholds=tuple(
            # Reached: ``insurance.duration >= Duration(years)``, compared field by field.
            Threshold(years, None, True)
            if insurance.duration.years >= years
            else Threshold(years, rules.spans_threshold(every, on, years), False)
            for years in rules.SICK_PAY_THRESHOLDS
        ),
        sick_pay_percent=rules.sick_pay_percent(insurance.duration),
    )


def _spans_of(some: list[Source], sources: Sequence[Source], every: list[rules.Span], on: dt.date) -> list[rules.Span]:
    """Return ``counted_spans`` of some of the sources; ``every``: those of all of them."""
    return every if len(some) == len(sources) else rules.counted_spans(some, on)


def _kind(key: str, spans: list[rules.Span], every: list[rules.Span], insurance: KindOfService) -> KindOfService:
    if spans == every:
        return KindOfService(key, insurance.duration, insurance.spans)
    return KindOfService(key, rules.spans_length(spans), tuple(spans))


# Plain rows, not model instances: the report reads every period of an organisation, and building
# thousands of model objects cost more than the arithmetic itself (issue #5 benchmark). The prior jobs
# and the assignments come in one query (UNION ALL), an assignment with no employer: this organisation.
_PRIOR_JOB_FIELDS = ("employee_id", "start", "end", "position", "employer", "pedagogical")
_ASSIGNMENT_FIELDS = (
    "employee_id",
    "start",
    "end",
    "staffing_unit__position__name",
    Value(None, output_field=CharField()),
    "staffing_unit__position__pedagogical_service",
)


# A page of the report also places its employees (``staff.queries.placements_from``) from the same
# rows: the assignments carry what places them, the prior jobs nothing (their ``kind`` is NULL).
_PLACING_FIELDS = (
    "kind",
    "staffing_unit__position__category",
    "staffing_unit__department_id",
    "staffing_unit__department__name",
)
_NOT_PLACING = (
    Value(None, output_field=CharField()),
    Value(None, output_field=CharField()),
    Value(None, output_field=IntegerField()),
    Value(None, output_field=CharField()),
)


def _source_rows(
    organisation_ids: Sequence[int], placing: bool = False, **filters: Any
) -> QuerySet[PriorJob, tuple[Any, ...]]:
    """Return the rows of the prior jobs and the assignments (filtered by ``filters``) in no particular order.

    With ``placing``, each row has the four ``_PLACING_FIELDS`` after the six of a source.
    """
    prior_jobs = PriorJob.objects.filter(organisation_id__in=organisation_ids, **filters)
    assignments = Assignment.objects.filter(organisation_id__in=organisation_ids, **filters)
    prior_fields = (*_PRIOR_JOB_FIELDS, *_NOT_PLACING) if placing else _PRIOR_JOB_FIELDS
    assignment_fields = (*_ASSIGNMENT_FIELDS, *_PLACING_FIELDS) if placing else _ASSIGNMENT_FIELDS
    return (
        prior_jobs.order_by()
        .values_list(*prior_fields)
        .union(assignments.order_by().values_list(*assignment_fields), all=True)
    )


def _sources(rows: Iterable[tuple]) -> dict[int, list[Source]]:
    by_employee: dict[int, list[Source]] = defaultdict(list)
    for employee_id, start, end, position, employer, pedagogical in rows:
        by_employee[employee_id].append(
            Source(start, end, position=position, employer=employer, pedagogical=pedagogical)
        )
    return by_employee


def sources_for_employee(employee: Employee) -> list[Source]:
    """Return the periods of work of one employee, sorted by start (one query)."""
    by_employee = _sources(_source_rows([employee.organisation_id], employee=employee))
    return sorted(by_employee.get(employee.pk, []), key=lambda source: source.start)


def sources_for_organisation(organisation_id: int, on: dt.date) -> dict[int, list[Source]]:
    """Return the periods of work that began by ``on`` of every employee of an organisation (one query)."""
    return sources_for_organisations([organisation_id], on)


def sources_for_organisations(
    organisation_ids: Sequence[int], on: dt.date, employee_ids: Sequence[int] | None = None
) -> dict[int, list[Source]]:
    """Return the periods of work that began by ``on`` of the employees (all, or ``employee_ids``) of organisations.

    One query whatever their number: a centralised HR service counts all its schools at once. Each
    employee's periods come in no particular order (the arithmetic sorts them), so the database does
    not sort them either.
    """
    if employee_ids is None:
        rows = _source_rows(organisation_ids, start__lte=on)
    else:
        rows = _source_rows(organisation_ids, start__lte=on, employee_id__in=employee_ids)
    return dict(_sources(rows))


@dataclass(frozen=True)
class ReportRow:
    employee: Employee  # with ``placement`` (see ``attach_placement``)
    service: LengthOfService


def working_on(organisation_id: int, on: dt.date) -> QuerySet[Employee]:
    """Return the employees working on ``on``, sorted by name, with the columns a report row shows."""
    return Employee.objects.of(organisation_id).with_status(Employee.Status.WORKING, on).only(*LIST_FIELDS)


def service_rows(employees: Sequence[Employee], on: dt.date) -> list[ReportRow]:
    """Return the employees (a page of one organisation's) with their placement and length of service.

    One query: the periods and the jobs that place the employees are the same assignment rows.
    """
    if not employees:
        return []
    ids = [employee.pk for employee in employees]
    rows = list(_source_rows([employees[0].organisation_id], placing=True, start__lte=on, employee_id__in=ids))
    placements = placements_from(
        (
            (employee_id, kind, start, end, position, category, department_id, department_name)
            for employee_id, start, end, position, _employer, _pedagogical, kind, category, department_id, department_name in rows
            if kind is not None
        ),
        on,
    )
    sources = _sources(row[:6] for row in rows)
    for employee in employees:
        employee.placement = placements.get(employee.pk, NOWHERE)
    return [ReportRow(employee, length_of_service_on(sources.get(employee.pk, []), on)) for employee in employees]


def service_report(organisation_id: int, on: dt.date) -> list[ReportRow]:
    """Return everyone working on ``on`` with their length of service (three queries whatever the headcount)."""
    employees = list(working_on(organisation_id, on))
    if not employees:
        return []
    # The periods of the whole organisation: most of its employees are in the report, and a list of
    # all their ids would cost more to send than the periods of those who have left.
    sources = sources_for_organisation(organisation_id, on)
    attach_placement(employees, on)
    return [ReportRow(employee, length_of_service_on(sources.get(employee.pk, []), on)) for employee in employees]
