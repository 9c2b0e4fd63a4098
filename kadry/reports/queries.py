"""Where the figures come from: the periods of one organisation fetched once, as plain values for the rules.

Each function costs one query whatever the number of employees:

- ``people``: the assignments (derived from signed orders, plus the opening balance) and the
  maternity and childcare leave of the leave ledger (granted by signed leave orders, not cancelled);
- ``dismissals_and_transfers``: the ЕФС-1 events of the dismissal and transfer orders, which keep
  the ground of dismissal as the order worded it (``employment.WorkRecordEvent``); an event cancelled
  by a later order, and the cancelling event itself, are left out;
- ``calendar``: the office's corrections of the production calendar (days off and working days);
- ``cards`` and ``education_levels``: what the composition reads of the card of those on the list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from kadry.employment.models import Assignment, WorkRecordEvent
from kadry.leave.balances import corrections
from kadry.leave.models import LeaveKind, LedgerEntry
from kadry.lib.calendar import is_working_day
from kadry.reports.movement_rules import Dismissal, ground_code
from kadry.reports.rules import Job, Person, Span
from kadry.staff.models import Education, Employee

# Leave that keeps a person out of the average headcount (Указания П-4; ``rules``).
OUT_OF_AVERAGE_LEAVE = (LeaveKind.MATERNITY, LeaveKind.CHILDCARE)

_JOB_FIELDS = (
    "organisation_id",
    "employee_id",
    "start",
    "end",
    "kind",
    "staffing_unit__position__category",
    "staffing_unit__department_id",
    "staffing_unit__position__pedagogical_service",
    "staffing_unit__position__name",
)


def people(organisation_ids: Sequence[int], until: dt.date | None = None) -> list[Person]:
    """Return every person who held an assignment in the organisations (begun by ``until``), two queries.

    An employee row belongs to one organisation, so over several schools (a centralised HR service) a
    person working in two of them is two persons, as each school's list has them.
    """
    jobs = Assignment.objects.filter(organisation_id__in=organisation_ids)
    if until is not None:
        jobs = jobs.filter(start__lte=until)
    by_employee: dict[int, list[Job]] = defaultdict(list)
    organisation_of: dict[int, int] = {}
    for (
        organisation_id,
        employee_id,
        start,
        end,
        kind,
        category,
        department_id,
        pedagogical,
        position_name,
    ) in jobs.order_by().values_list(*_JOB_FIELDS):
        organisation_of[employee_id] = organisation_id
        by_employee[employee_id].append(Job(start, end, kind, category, department_id, pedagogical, position_name))
    leaves: dict[int, list[Span]] = defaultdict(list)
    entries = LedgerEntry.objects.filter(
        organisation_id__in=organisation_ids,
        kind=LedgerEntry.Kind.USED,
        leave_kind__in=OUT_OF_AVERAGE_LEAVE,
        reversed_by__isnull=True,
    )
    if until is not None:
        entries = entries.filter(start__lte=until)
    for employee_id, start, end in entries.order_by().values_list("employee_id", "start", "end"):
        leaves[employee_id].append((start, end))
    return [
        Person(employee_id, tuple(jobs_of), tuple(leaves.get(employee_id, ())), organisation_of[employee_id])
        for employee_id, jobs_of in sorted(by_employee.items())
    ]


def dismissals_and_transfers(
    organisation_ids: Sequence[int], first: dt.date, last: dt.date
) -> tuple[list[Dismissal], list[dt.date]]:
    """Return the recorded dismissals and the dates of the transfers from ``first`` to ``last`` (one query)."""
    events = WorkRecordEvent.objects.filter(
        organisation_id__in=organisation_ids,
        kind__in=[WorkRecordEvent.Kind.DISMISSAL, WorkRecordEvent.Kind.TRANSFER],
        date__range=(first, last),
        cancels__isnull=True,
        cancelled_by__isnull=True,
    )
    dismissals, transfers = [], []
    for employee_id, kind, date, article, part, item, wording in events.order_by().values_list(
        "employee_id", "kind", "date", "ground_article", "ground_part", "ground_item", "ground_wording"
    ):
        if kind == WorkRecordEvent.Kind.DISMISSAL:
            dismissals.append(Dismissal(employee_id, date, ground_code(article, part, item), wording))
        else:
            transfers.append(date)
    return dismissals, transfers


def calendar(years: range | list[int]) -> Callable[[dt.date], bool]:
    """Return ``is_working_day`` with the office's corrections of ``years`` (and the year before: one query)."""
    own = tuple(corrections([*years, min(years) - 1]))
    return lambda day: is_working_day(day, own)


def cards(organisation_ids: Sequence[int], employee_ids: Iterable[int]) -> dict[int, tuple[str, dt.date, str]]:
    """Return the sex, birth date and qualification category of each employee asked for (one query).

    The organisations' employees are read and kept in Python to those asked: over a region the list
    holds some 90,000 ids, past the 65,535 parameters PostgreSQL binds in one query.
    """
    wanted = set(employee_ids)
    rows = Employee.objects.filter(organisation_id__in=organisation_ids).order_by()
    return {
        pk: (sex, birth, category)
        for pk, sex, birth, category in rows.values_list("pk", "sex", "birth_date", "qualification_category")
        if pk in wanted
    }


def education_levels(organisation_ids: Sequence[int], employee_ids: Iterable[int]) -> dict[int, list[str]]:
    """Return the levels of every education of each employee asked for (one query; kept in Python as ``cards``)."""
    wanted = set(employee_ids)
    levels: dict[int, list[str]] = defaultdict(list)
    rows = Education.objects.filter(organisation_id__in=organisation_ids).order_by()
    for employee_id, level in rows.values_list("employee_id", "level"):
        if employee_id in wanted:
            levels[employee_id].append(level)
    return levels
