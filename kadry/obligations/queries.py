"""Where every employee stands on each kind on a date, read in a fixed number of queries.

The last one of a kind comes from three places: the app's own records, the card's further education
(``staff.Training``: «повышение квалификации» and «профессиональная переподготовка» are both further
professional education, 273-ФЗ ст. 76 ч. 2) and the card's documents of hire (``staff.HireDocument``,
whose ``valid_until`` is the document's own expiry). Six queries whatever the headcount, and whatever
the number of schools a centralised service keeps (``register_of_organisations``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.apps import apps

from kadry.obligations import rules
from kadry.obligations.models import ObligationRecord, SchoolKind
from kadry.staff.models import Employee, HireDocument, Training
from kadry.staff.queries import LIST_FIELDS, NOWHERE, PLACEMENT_FIELDS, Placement, placements_from

ACCESS_LOG_WHAT = "Обязательное обучение и документы"
# The card's documents of hire that are the last one of a kind.
HIRE_DOCUMENT_KINDS: dict[str, str] = {
    HireDocument.Kind.CRIMINAL_RECORD.value: rules.CRIMINAL_RECORD,
    HireDocument.Kind.MEDICAL_EXAM.value: rules.MEDICAL_EXAM,
    HireDocument.Kind.PSYCHIATRIC_EXAM.value: rules.PSYCHIATRIC_EXAM,
    HireDocument.Kind.HYGIENE_CERTIFICATE.value: rules.HYGIENE,
}


def _ids(organisation_ids: int | Sequence[int]) -> list[int]:
    return [organisation_ids] if isinstance(organisation_ids, int) else list(organisation_ids)


def kinds_of(organisation_id: int) -> list[rules.Kind]:
    """Return the kinds of the law (with the school's own periods) and the school's own kinds, in order."""
    return _kinds_from(list(SchoolKind.objects.filter(organisation_id=organisation_id).order_by("name", "id")))


def kinds_by_organisation(organisation_ids: Sequence[int]) -> dict[int, list[rules.Kind]]:
    """Return the kinds of each organisation, as ``kinds_of`` does, in one query for them all."""
    own: dict[int, list[SchoolKind]] = {pk: [] for pk in organisation_ids}
    for row in SchoolKind.objects.filter(organisation_id__in=list(organisation_ids)).order_by("name", "id"):
        own[row.organisation_id].append(row)
    return {pk: _kinds_from(rows) for pk, rows in own.items()}


def _kinds_from(own: Sequence[SchoolKind]) -> list[rules.Kind]:
    """Return the kinds of the law overridden by the school's rows ``own`` (by name), then its own kinds."""
    overrides = {row.builtin: row for row in own if row.builtin}
    kinds = []
    for kind in rules.BUILTIN:
        row = overrides.get(kind.key)
        if row is None:
            kinds.append(kind)
        else:
            categories = frozenset({row.applies_to}) if row.applies_to else None
            kinds.append(rules.overridden(kind, row.period_months, categories, row.basis))
    for row in own:
        if not row.builtin:
            kinds.append(
                rules.Kind(rules.school_key(row.pk), row.name, f"пройти (представить): {row.name}", row.period_months,
                           0, frozenset({row.applies_to}) if row.applies_to else None, row.basis)
            )  # fmt: skip
    return kinds


@dataclass(frozen=True)
class Done:
    """The latest one of a kind an employee completed (or the document presented)."""

    on: dt.date
    valid_until: dt.date | None
    document: str
    source: str  # «record», «training» or «hire_document»: where it was entered


@dataclass
class EmployeeObligations:
    employee: Employee
    placement: Placement
    hired_on: dt.date | None
    items: list[rules.Obligation]

    def item(self, key: str) -> rules.Obligation:
        return next(item for item in self.items if item.kind.key == key)


def hire_date(periods: Iterable[tuple[dt.date, dt.date | None]], on: dt.date) -> dt.date | None:
    """Return the first day of the unbroken run of jobs that covers ``on`` (a transfer does not restart it).

    None when no job covers ``on``.
    """
    found: dt.date | None = None
    run_end = dt.date.min
    open_run = False
    for start, end in sorted(periods, key=lambda period: period[0]):
        if start > on:
            break
        if found is None or (not open_run and start > run_end + rules.ONE_DAY):
            found, open_run, run_end = start, end is None, end or dt.date.min  # a gap: a new hire
        elif end is None:
            open_run = True
        elif not open_run:
            run_end = max(run_end, end)
    if found is None or (not open_run and run_end < on):
        return None
    return found


def _keep_latest(latest: dict[tuple[int, str], Done], employee_id: int, key: str, done: Done) -> None:
    known = latest.get((employee_id, key))
    if known is None or done.on > known.on:
        latest[(employee_id, key)] = done


def latest_done(
    organisation_ids: int | Sequence[int], employee_ids: Sequence[int] | None
) -> dict[tuple[int, str], Done]:
    """Return the latest one of each kind per employee from the records, the card's training and documents."""
    scope: dict[str, object] = {"organisation_id__in": _ids(organisation_ids)}
    if employee_ids is not None:
        scope["employee_id__in"] = list(employee_ids)
    latest: dict[tuple[int, str], Done] = {}
    records = ObligationRecord.objects.filter(**scope).values_list(
        "employee_id", "kind", "school_kind_id", "completed_on", "valid_until", "document"
    )
    for employee_id, kind, school_kind_id, completed_on, valid_until, document in records:
        _keep_latest(latest, employee_id, kind or rules.school_key(school_kind_id),
                     Done(completed_on, valid_until, document, "record"))  # fmt: skip
    # The course's programme stays on the card's education tab; the certificate is what proves it here.
    trainings = Training.objects.filter(**scope).values_list("employee_id", "end", "document")
    for employee_id, end, document in trainings:
        _keep_latest(latest, employee_id, rules.FURTHER_EDUCATION, Done(end, None, document, "training"))
    documents = HireDocument.objects.filter(**scope).values_list(
        "employee_id", "kind", "issued_on", "valid_until", "number"
    )
    for employee_id, kind, issued_on, valid_until, number in documents:
        if kind in HIRE_DOCUMENT_KINDS:
            text = f"№ {number}" if number else ""
            _keep_latest(
                latest, employee_id, HIRE_DOCUMENT_KINDS[kind], Done(issued_on, valid_until, text, "hire_document")
            )
    return latest


def _jobs(organisation_ids: Sequence[int], employee_ids: Sequence[int] | None, on: dt.date) -> dict[int, list[tuple]]:
    assignment_model = apps.get_model("employment", "Assignment")
    rows = assignment_model.objects.filter(organisation_id__in=list(organisation_ids), start__lte=on)
    if employee_ids is not None:
        rows = rows.filter(employee_id__in=list(employee_ids))
    jobs: dict[int, list[tuple]] = {}
    for row in rows.values_list("employee_id", *PLACEMENT_FIELDS):
        jobs.setdefault(row[0], []).append(row)
    return jobs


def obligations_of(
    employees: Sequence[Employee],
    on: dt.date,
    kinds: Sequence[rules.Kind] | Mapping[int, Sequence[rules.Kind]],
    *,
    whole_organisation: bool = False,
) -> list[EmployeeObligations]:
    """Return each employee's obligations on ``on``: four queries (jobs, and the three sources).

    ``kinds`` are those of the employees' organisation, or by organisation when the employees are of
    several (the schools of a centralised service). ``whole_organisation``: the employees are everyone
    working in their organisations, so the jobs and sources are read by organisation, not by a list of ids.
    """
    if not employees:
        return []
    organisation_ids = sorted({employee.organisation_id for employee in employees})
    by_organisation = kinds if isinstance(kinds, Mapping) else dict.fromkeys(organisation_ids, kinds)
    ids = None if whole_organisation else [employee.pk for employee in employees]
    jobs = _jobs(organisation_ids, ids, on)
    latest = latest_done(organisation_ids, ids)
    result = []
    for employee in employees:
        rows = jobs.get(employee.pk, [])
        placement = placements_from(rows, on).get(employee.pk, NOWHERE)
        hired_on = hire_date(((row[2], row[3]) for row in rows), on) if placement.is_working else None
        items = []
        for kind in by_organisation[employee.organisation_id]:
            done = latest.get((employee.pk, kind.key))
            if not placement.is_working:
                items.append(rules.Obligation(kind, False, done.on if done else None, None, False,
                                              rules.State.NOT_REQUIRED, done.document if done else ""))  # fmt: skip
                continue
            items.append(
                rules.obligation(
                    kind, category=placement.position_category, hired_on=hired_on,
                    last=done.on if done else None, valid_until=done.valid_until if done else None, on=on,
                    document=done.document if done else "",
                )
            )  # fmt: skip
        result.append(EmployeeObligations(employee, placement, hired_on, items))
    return result


def for_employee(employee: Employee, on: dt.date) -> EmployeeObligations:
    """Return one employee's obligations on ``on`` (the card and the API)."""
    return obligations_of([employee], on, kinds_of(employee.organisation_id))[0]


def working(organisation_ids: int | Sequence[int], on: dt.date) -> list[Employee]:
    """Return the employees of the organisation (or organisations) working on ``on``, by name."""
    employees = Employee.objects.filter(organisation_id__in=_ids(organisation_ids))
    return list(employees.with_status(Employee.Status.WORKING, on).only(*LIST_FIELDS))


@dataclass(frozen=True)
class RegisterRow:
    employee: Employee
    placement: Placement
    obligation: rules.Obligation


def register(
    organisation_id: int,
    on: dt.date,
    *,
    kind: str = "",
    department_id: int | None = None,
    state: str = "",
    soon_days: int = rules.DUE_SOON_DAYS,
) -> tuple[list[rules.Kind], list[RegisterRow]]:
    """Return the kinds and the register's rows on ``on``: every required item, filtered; the most urgent first.

    ``state``: «overdue», «due_soon» (due within ``soon_days``, not overdue) or «valid»; empty for all.
    """  # fmt: skip
    kinds = kinds_of(organisation_id)
    chosen = [known for known in kinds if not kind or known.key == kind]
    found = obligations_of(working(organisation_id, on), on, chosen, whole_organisation=True)
    return kinds, _rows(found, on, department_id=department_id, state=state, soon_days=soon_days)


def register_of_organisations(
    organisation_ids: Sequence[int], on: dt.date, *, state: str = "", soon_days: int = rules.DUE_SOON_DAYS
) -> list[RegisterRow]:
    """Return the register's rows of every organisation of ``organisation_ids`` (each with its own kinds) on ``on``.

    For the schools a centralised service keeps: the same six queries for three schools or three hundred.
    """
    if not organisation_ids:
        return []
    kinds = kinds_by_organisation(organisation_ids)
    found = obligations_of(working(organisation_ids, on), on, kinds, whole_organisation=True)
    return _rows(found, on, department_id=None, state=state, soon_days=soon_days)


def _rows(
    found: Iterable[EmployeeObligations], on: dt.date, *, department_id: int | None, state: str, soon_days: int
) -> list[RegisterRow]:
    rows = []
    for employee in found:
        if department_id is not None and employee.placement.department_id != department_id:
            continue
        for item in employee.items:
            if not item.required:
                continue
            soon = item.due is not None and not item.overdue and item.due <= on + dt.timedelta(days=soon_days)
            actual = "overdue" if item.overdue else "due_soon" if soon else "valid"
            if state and state != actual:
                continue
            rows.append(RegisterRow(employee.employee, employee.placement, item))
    rows.sort(key=lambda row: (row.obligation.due or dt.date.max, row.employee.last_name, row.employee.pk))
    return rows
