"""Leave: reading entitlements and balances — of one employee for the card and the orders, of every employee
of many organisations at once for the reports (a fixed number of queries per chunk of rows).

Pure arithmetic lives in ``kadry.leave.rules``; the ledger's changes in ``kadry.leave.services``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from django.db.models import Q

from kadry.employment.models import Assignment
from kadry.leave import rules
from kadry.leave.models import (
    CalendarCorrection,
    LeaveKind,
    LeaveRule,
    LedgerEntry,
)
from kadry.lib.calendar import Correction
from kadry.lib.dates import age_on
from kadry.staff.models import Employee, StaffingUnit

CHUNK = 5000  # rows read at a time by the balances of all employees
ONE_DAY = dt.timedelta(days=1)
ZERO = Decimal(0)


def corrections(years: Sequence[int] | None = None) -> list[Correction]:
    """Return the office's calendar corrections (of ``years``) as plain values for kadry.lib.calendar."""
    rows = CalendarCorrection.objects.all()
    if years is not None:
        rows = rows.filter(day__year__in=list(years))
    return [row.as_value() for row in rows]


@dataclass(frozen=True)
class Entitlement:
    basic: int
    additional: int
    sources: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.basic + self.additional


class _Dated(Protocol):
    """What the hire date is read from: an Assignment, or an ``AssignmentRow``."""

    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date | None: ...
    @property
    def kind(self) -> str: ...


class AssignmentRow(NamedTuple):
    """An assignment as the balances read it: plain values (the balances of all read these, not models)."""

    start: dt.date
    end: dt.date | None
    kind: str
    position_id: int | None
    position_name: str
    pk: int = 0  # the order of two assignments begun on one day


class _Rule(Protocol):
    """What the entitlement is read from: a LeaveRule, or a row of its values."""

    @property
    def employee_id(self) -> int | None: ...
    @property
    def position_id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def days(self) -> int: ...
    @property
    def basis(self) -> str: ...


class RuleRow(NamedTuple):
    employee_id: int | None
    position_id: int | None
    kind: str
    days: int
    basis: str


class EntryRow(NamedTuple):
    """A ledger entry as the balance reads it; ``reversed`` is whether a later entry cancelled it."""

    kind: str
    leave_kind: str
    start: dt.date
    end: dt.date
    charged: Decimal
    reversed: bool


# A NamedTuple's own __new__ is a Python function: a third of the reading of 100,000 assignments.
_new_row = tuple.__new__


def assignment_row(assignment: Assignment) -> AssignmentRow:
    position = assignment.staffing_unit.position
    return AssignmentRow(assignment.start, assignment.end, assignment.kind, position.pk, position.name, assignment.pk)


def entry_row(entry: LedgerEntry) -> EntryRow:
    return EntryRow(entry.kind, entry.leave_kind, entry.start, entry.end, entry.charged, _is_reversed(entry))


def hire_date(assignments: Sequence[_Dated], on: dt.date) -> dt.date | None:
    """Return the start of the unbroken employment in force on ``on`` (transfers do not break it).

    ТК РФ ст. 286: a part-time job has its own leave; the employee's working year here is the one
    of the main job if there is one, else of the part-time job.
    """
    if len(assignments) == 1:  # most employees: one job, never transferred
        only = assignments[0].start
        return only if only <= on else None
    started = sorted((a for a in assignments if a.start <= on), key=lambda a: (a.kind, a.start))
    if not started:
        return None
    kind = started[0].kind
    chain = sorted((a for a in started if a.kind == kind), key=lambda a: a.start, reverse=True)
    start = chain[0].start
    for assignment in chain[1:]:
        if assignment.end is not None and assignment.end + ONE_DAY >= start:
            start = min(start, assignment.start)
    return start


def entitlement_of(
    employee: Employee, assignments: Sequence[Assignment], rules_rows: Sequence[_Rule], on: dt.date
) -> Entitlement:
    """Return the yearly entitlement on ``on``: the position's basic leave plus the additional leave."""
    rows = [assignment_row(a) for a in assignments]
    position = current_position(rows, on)
    minor = is_minor(employee.birth_date, on)
    return position_entitlement(employee.pk, position, minor, rules_rows)


def current_position(assignments: Sequence[AssignmentRow], on: dt.date) -> tuple[int, str] | None:
    """Return the position (id, name) the entitlement follows on ``on``: the main job in force first,
    else a part-time one in force, else the latest job begun by then."""
    if len(assignments) == 1:  # most employees: in force or not, the one job is the current one
        current: AssignmentRow | None = assignments[0]
    else:
        active = [a for a in assignments if a.start <= on and (a.end is None or a.end >= on)]
        active.sort(key=lambda a: a.kind)
        # Between jobs: the latest begun by ``on`` (a job yet to begin does not give its leave now).
        begun = [a for a in assignments if a.start <= on]
        current = active[0] if active else (max(begun, key=lambda a: a.start) if begun else None)
    if current is None or current.position_id is None:
        return None
    return current.position_id, current.position_name


def is_minor(birth_date: dt.date | None, on: dt.date) -> bool:
    """Whether the worker is under 18 on ``on``: the age decides the basic leave (ТК РФ ст. 267)."""
    return birth_date is not None and age_on(birth_date, on) < rules.ADULT_AGE


def position_entitlement(
    employee_id: int | None, position: tuple[int, str] | None, minor: bool, rules_rows: Sequence[_Rule]
) -> Entitlement:
    """Return the entitlement of a position: its basic leave (the list, ст. 115, ст. 267 for a minor)
    with the office's rules of the position and of the person applied."""
    basic, source = rules.basic_leave(position[1] if position else "", minor=minor)
    sources, additional = [source], 0
    position_id = position[0] if position else None
    mine = [
        r
        for r in rules_rows
        if (employee_id is not None and r.employee_id == employee_id)
        or (position_id is not None and r.position_id == position_id)
    ]
    # A person's own rule of a kind replaces the position's.
    by_kind: dict[str, _Rule] = {}
    for row in sorted(mine, key=lambda r: r.employee_id is not None):
        by_kind[row.kind] = row
    for kind, row in by_kind.items():
        if kind == LeaveRule.Kind.BASIC:
            basic = row.days
            sources[0] = row.basis
        else:
            additional += row.days
            sources.append(row.basis)
    return Entitlement(basic, additional, tuple(sources))


def exclusions_of(entries: Sequence[LedgerEntry]) -> list[rules.Exclusion]:
    """Return the periods the working year is shifted by (ТК РФ ст. 121 ч. 2), from live ledger entries."""
    return exclusions_from([entry_row(entry) for entry in entries])


def exclusions_from(entries: Sequence[EntryRow]) -> list[rules.Exclusion]:
    result = []
    for entry in entries:
        if entry.kind != LedgerEntry.Kind.USED or entry.reversed:
            continue
        if entry.leave_kind == LeaveKind.UNPAID:
            result.append(rules.Exclusion(entry.start, entry.end, allowance=rules.UNPAID_DAYS_COUNTED))
        elif entry.leave_kind == LeaveKind.CHILDCARE:
            result.append(rules.Exclusion(entry.start, entry.end))
    return result


def _is_reversed(entry: LedgerEntry) -> bool:
    try:
        return entry.reversed_by is not None
    except LedgerEntry.DoesNotExist:
        return False


@dataclass(frozen=True)
class EmployeeLeave:
    """What the balance of one employee is computed from: three queries, or none when prefetched."""

    employee: Employee
    assignments: list[Assignment]
    rules_rows: list[LeaveRule]
    entries: list[LedgerEntry]


def leave_data(employee: Employee) -> EmployeeLeave:
    assignments = list(
        Assignment.objects.filter(employee=employee).select_related("staffing_unit__position").order_by("start", "pk")
    )
    positions = {a.staffing_unit.position_id for a in assignments}
    rules_rows = list(
        LeaveRule.objects.filter(organisation_id=employee.organisation_id).filter(
            Q(position_id__in=positions) | Q(employee_id=employee.pk)
        )
    )
    entries = list(LedgerEntry.objects.filter(employee=employee).select_related("reversed_by").order_by("start", "id"))
    return EmployeeLeave(employee, assignments, rules_rows, entries)


def balance_from(data: EmployeeLeave, on: dt.date) -> rules.Balance | None:
    """Return the balance on ``on``, or None for someone not employed by then."""
    hired = hire_date(data.assignments, on)
    if hired is None:
        return None
    entitlement = entitlement_of(data.employee, data.assignments, data.rules_rows, on)
    return balance_of_rows(hired, entitlement.total, [entry_row(e) for e in data.entries], on)


def balance_of_rows(
    hired: dt.date,
    entitlement: int,
    entries: Sequence[EntryRow],
    on: dt.date,
    memo: dict[tuple[Any, ...], rules.Balance] | None = None,
) -> rules.Balance:
    """Return the balance on ``on`` of someone hired on ``hired``: the ledger's charges from the hire
    date to ``on`` against the accrual (``rules.balance_on``). ``memo`` shares the results of equal
    arguments between the employees of one call (frozen values)."""
    if entries:
        spent = sum((e.charged for e in entries if hired <= e.start <= on), ZERO)
        exclusions = tuple(exclusions_from(entries))
    else:  # most employees on most dates: nothing taken yet
        spent, exclusions = ZERO, ()
    key = (hired, entitlement, spent, exclusions)
    if memo is not None and key in memo:
        return memo[key]
    balance = rules.balance_on(hire=hired, on=on, entitlement=entitlement, exclusions=exclusions, used=(spent,))
    if memo is not None:
        memo[key] = balance
    return balance


def balance_for(employee: Employee, on: dt.date) -> rules.Balance | None:
    return balance_from(leave_data(employee), on)


def card_rows(entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
    """Return the leaves the card's section VIII lists: granted and not cancelled."""
    return [e for e in entries if e.kind == LedgerEntry.Kind.USED and not _is_reversed(e)]


def _by_start(row: AssignmentRow) -> tuple[dt.date, int]:
    return row.start, row.pk


def balances_for_organisations(organisation_ids: Sequence[int], on: dt.date) -> dict[int, rules.Balance]:
    """Return the balance on ``on`` of every employee of the organisations: six queries in all.

    The same rules as ``balance_for`` (``hire_date``, ``current_position``, ``position_entitlement``,
    ``balance_of_rows``) over plain rows streamed from the database; what repeats across employees (a
    position's entitlement, the balance of equal arguments) is computed once.
    """
    positions = {
        unit_id: (position_id, name)
        for unit_id, position_id, name in StaffingUnit.objects.filter(organisation_id__in=organisation_ids)
        .values_list("pk", "position_id", "position__name")
        .iterator(chunk_size=CHUNK)
    }
    assignments: dict[int, list[AssignmentRow]] = {}
    organisation_of: dict[int, int] = {}
    # In the order ``leave_data`` reads them, by start then pk: sorted below where there are two or more.
    for pk, employee_id, org_id, start, end, kind, unit_id in (
        Assignment.objects.filter(organisation_id__in=organisation_ids, start__lte=on)
        .order_by()
        .values_list("pk", "employee_id", "organisation_id", "start", "end", "kind", "staffing_unit_id")
        .iterator(chunk_size=CHUNK)
    ):
        position_id, name = positions.get(unit_id) or _position_of_unit(unit_id, positions)
        row = _new_row(AssignmentRow, (start, end, kind, position_id, name, pk))
        own = assignments.get(employee_id)
        if own is None:
            assignments[employee_id] = [row]
            organisation_of[employee_id] = org_id
        else:
            own.append(row)
    # The age decides the leave of a worker under 18 (ТК РФ ст. 267): only those born less than 19 years
    # before the date may be under 18; ``is_minor`` decides for them.
    youngest = dt.date(on.year - rules.ADULT_AGE - 1, on.month, 1)
    births = dict(
        Employee.objects.filter(organisation_id__in=organisation_ids, birth_date__gt=youngest).values_list(
            "pk", "birth_date"
        )
    )
    position_rules: dict[tuple[int, int | None], list[RuleRow]] = {}
    own_rules: dict[int, list[RuleRow]] = {}
    for org_id, rule_employee_id, rule_position_id, rule_kind, days, basis in LeaveRule.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", "employee_id", "position_id", "kind", "days", "basis"):
        rule = RuleRow(rule_employee_id, rule_position_id, rule_kind, days, basis)
        if rule_employee_id is not None:
            own_rules.setdefault(rule_employee_id, []).append(rule)
        else:
            position_rules.setdefault((org_id, rule_position_id), []).append(rule)
    ledger = LedgerEntry.objects.filter(organisation_id__in=organisation_ids)
    reversed_ids = set(ledger.filter(reverses__isnull=False).values_list("reverses_id", flat=True))
    entries: dict[int, list[EntryRow]] = {}
    for pk, employee_id, entry_kind, leave_kind, entry_start, entry_end, charged in (
        ledger.order_by("start", "id")
        .values_list("pk", "employee_id", "kind", "leave_kind", "start", "end", "charged")
        .iterator(chunk_size=CHUNK)
    ):
        entry = EntryRow(entry_kind, leave_kind, entry_start, entry_end, charged, pk in reversed_ids)
        entries.setdefault(employee_id, []).append(entry)
    entitlements: dict[tuple[Any, ...], int] = {}
    memo: dict[tuple[Any, ...], rules.Balance] = {}
    plain: dict[tuple[dt.date, int], rules.Balance] = {}
    result = {}
    for employee_id, own in assignments.items():
        if len(own) > 1:
            own.sort(key=_by_start)
        hired = hire_date(own, on)
        if hired is None:
            continue
        position = current_position(own, on)
        minor = employee_id in births and is_minor(births[employee_id], on)
        of_position = (
            position_rules.get((organisation_of[employee_id], position[0] if position else None))
            if position_rules
            else None
        )
        personal = own_rules.get(employee_id) if own_rules else None
        if personal is None:
            # Most employees: the entitlement follows from the position's name, the age and the
            # position's rules, the same for everyone holding such a position.
            key = (position[1] if position else None, minor, tuple(of_position) if of_position else ())
            total = entitlements.get(key)
            if total is None:
                total = entitlements[key] = position_entitlement(employee_id, position, minor, of_position or []).total
        else:
            total = position_entitlement(employee_id, position, minor, personal + (of_position or [])).total
        own_entries = entries.get(employee_id) if entries else None
        if own_entries is None:  # most employees: nothing in the ledger, the balance of (hire, entitlement)
            plain_key = (hired, total)
            balance = plain.get(plain_key)
            if balance is None:
                balance = plain[plain_key] = balance_of_rows(hired, total, (), on)
            result[employee_id] = balance
        else:
            result[employee_id] = balance_of_rows(hired, total, own_entries, on, memo)
    return result


def _position_of_unit(unit_id: int, positions: dict[int, tuple[int, str]]) -> tuple[int, str]:
    """Read the position of a unit of another organisation (not expected: assignments are the unit's own)."""
    positions[unit_id] = StaffingUnit.objects.values_list("position_id", "position__name").get(pk=unit_id)
    return positions[unit_id]
