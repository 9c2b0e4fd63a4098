"""What attestation reads: a worker's standing (category, last conformity) and the list of who is due in a period.

The card keeps the current category and its date; the decisions and the attestations of this app keep
the history. A worker's standing is read from both, so categories typed on the card before this app
existed count too. The due list costs five queries whatever the number of workers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef

from kadry.absences.models import Absence
from kadry.attestation import rules
from kadry.attestation.models import Attestation, Category, CategoryDecision
from kadry.employment.models import Assignment
from kadry.leave.models import LeaveKind, LedgerEntry
from kadry.staff.models import Employee, Position

DUE_WHAT = "Аттестация: кто подлежит"  # what the access log says was opened
CARD = Employee.QualificationCategory
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Standing:
    """A worker's qualification category (from the latest decision or the card) and last conformity attestation."""

    category: str = ""
    decided_on: dt.date | None = None
    valid_until: dt.date | None = None
    decision: CategoryDecision | None = None
    last_conformity: dt.date | None = None

    @property
    def category_label(self) -> str:
        return str(Category(self.category).label) if self.category else ""

    def has_category_on(self, day: dt.date) -> bool:
        return bool(self.category) and (self.valid_until is None or self.valid_until >= day)


def standing_of(
    employee: Employee, decisions: Sequence[CategoryDecision], attestations: Iterable[Attestation]
) -> Standing:
    """Return the standing of ``employee`` from its decisions (any order) and attestations, the card as fallback."""
    latest = max(decisions, key=lambda row: (row.decided_on, row.pk), default=None)
    conformed = [
        row.protocol_date for row in attestations if row.result == Attestation.Result.CONFORMS and row.protocol_date
    ]
    last_conformity = max(conformed, default=None)
    card, card_date = employee.qualification_category, employee.qualification_category_date
    if card == CARD.CONFORMITY and card_date and (last_conformity is None or card_date > last_conformity):
        last_conformity = card_date
    if latest is not None and not (card in rules.CATEGORIES and card_date and card_date > latest.decided_on):
        return Standing(latest.category, latest.decided_on, latest.valid_until, latest, last_conformity)
    if card in rules.CATEGORIES and card_date:
        return Standing(card, card_date, rules.category_valid_until(card_date), None, last_conformity)
    return Standing(last_conformity=last_conformity)


@dataclass
class DueRow:
    """A worker due in the period: their category expires, or their conformity attestation falls due."""

    employee: Employee
    position: str
    in_post_since: dt.date
    kind: str  # "category" or "conformity"
    due: dt.date
    standing: Standing
    exemption: rules.Exemption | None = None
    scheduled: Attestation | None = None  # planned and not yet held

    @property
    def kind_label(self) -> str:
        return "истекает квалификационная категория" if self.kind == "category" else "аттестация на соответствие"

    @property
    def can_schedule(self) -> bool:
        return self.kind == "conformity" and self.exemption is None and self.scheduled is None


@dataclass
class _Facts:
    decisions: dict[int, list[CategoryDecision]] = field(default_factory=lambda: defaultdict(list))
    attestations: dict[int, list[Attestation]] = field(default_factory=lambda: defaultdict(list))
    maternity: dict[int, list[rules.Span]] = field(default_factory=lambda: defaultdict(list))
    childcare: dict[int, list[rules.Span]] = field(default_factory=lambda: defaultdict(list))
    illness: dict[int, list[rules.Span]] = field(default_factory=lambda: defaultdict(list))


def _facts(organisation_id: int, ids: list[int]) -> _Facts:
    """Read the decisions, attestations, leave and illness of ``ids``: four queries."""
    facts = _Facts()
    for decision in CategoryDecision.objects.filter(organisation_id=organisation_id, employee_id__in=ids):
        facts.decisions[decision.employee_id].append(decision)
    for attestation in Attestation.objects.filter(organisation_id=organisation_id, employee_id__in=ids):
        facts.attestations[attestation.employee_id].append(attestation)
    leaves = LedgerEntry.objects.filter(
        organisation_id=organisation_id, employee_id__in=ids, kind=LedgerEntry.Kind.USED,
        leave_kind__in=(LeaveKind.MATERNITY, LeaveKind.CHILDCARE), reversed_by__isnull=True,
    )  # fmt: skip
    for employee_id, kind, start, end in leaves.values_list("employee_id", "leave_kind", "start", "end"):
        (facts.maternity if kind == LeaveKind.MATERNITY else facts.childcare)[employee_id].append((start, end))
    sick = Absence.objects.filter(organisation_id=organisation_id, employee_id__in=ids, kind=Absence.Kind.SICK)
    for employee_id, reason, start, end in sick.values_list("employee_id", "sick_reason", "start", "end"):
        # The certificate «беременность и роды» is the maternity leave itself (ТК РФ ст. 255).
        pregnancy = reason == Absence.SickReason.PREGNANCY
        (facts.maternity if pregnancy else facts.illness)[employee_id].append((start, end))
    return facts


def pedagogical_jobs(organisation_id: int, on: dt.date) -> list[Assignment]:
    """Return the main pedagogical job (or the internal part-time one) of each worker on ``on``, by name."""
    jobs = (
        Assignment.objects.active(on=on)
        .filter(organisation_id=organisation_id, staffing_unit__position__category=Position.Category.PEDAGOGICAL)
        .exclude(kind=Assignment.Kind.EXTERNAL_PART_TIME)
        .select_related("employee", "staffing_unit__position")
        .order_by("employee__last_name", "employee__first_name", "employee__middle_name", "employee_id", "kind")
    )
    first: dict[int, Assignment] = {}
    for job in jobs:
        first.setdefault(job.employee_id, job)
    return list(first.values())


def due_list(organisation_id: int, start: dt.date, end: dt.date) -> list[DueRow]:
    """Return the pedagogical workers whose category expires in [start, end] or whose conformity attestation is due by ``end``.

    The conformity attestation is due five years after the last one, or when two years in the post have
    passed; after a category expires, from the next day. The exemption is judged on the due day (not
    before ``start``). Pregnancy before the leave is not recorded in Kadry, so it is not shown.
    """
    jobs = pedagogical_jobs(organisation_id, start)
    facts = _facts(organisation_id, [job.employee_id for job in jobs])
    rows = []
    for job in jobs:
        employee = job.employee
        standing = standing_of(employee, facts.decisions[employee.pk], facts.attestations[employee.pk])
        open_ = next((row for row in facts.attestations[employee.pk] if not row.protocol_date), None)
        common: dict[str, Any] = {"employee": employee, "position": job.staffing_unit.position.name, "in_post_since": job.start,
                  "standing": standing, "scheduled": open_}  # fmt: skip
        if standing.valid_until is not None and start <= standing.valid_until <= end:
            rows.append(DueRow(kind="category", due=standing.valid_until, **common))
            continue
        if standing.has_category_on(end):
            continue
        due = rules.conformity_due(standing.last_conformity, job.start)
        if standing.valid_until is not None:
            due = max(due, standing.valid_until + ONE_DAY)
        if due > end:
            continue
        judged = max(due, start)
        exemption = rules.conformity_exemption(
            judged, has_category=standing.has_category_on(judged), in_post_since=job.start,
            maternity=facts.maternity[employee.pk], childcare=facts.childcare[employee.pk],
            illness=facts.illness[employee.pk],
        )  # fmt: skip
        rows.append(DueRow(kind="conformity", due=due, exemption=exemption, **common))
    rows.sort(key=lambda row: (row.due, row.employee.last_name, row.employee.pk))
    return rows


def employee_history(employee: Employee) -> tuple[Standing, list[CategoryDecision], list[Attestation]]:
    """Return the worker's standing, category decisions and attestations (the latest first): two queries."""
    decisions = list(CategoryDecision.objects.filter(organisation_id=employee.organisation_id, employee=employee))
    attestations = list(
        Attestation.objects.filter(organisation_id=employee.organisation_id, employee=employee)
        .select_related("schedule")
        .order_by("-planned_on", "-id")
    )
    return standing_of(employee, decisions, attestations), decisions, attestations


def open_attestations(organisation_ids: int | Sequence[int]) -> list[Attestation]:
    """Return the attestations with a step still to take: the acquaintance before the sitting, or the extract after.

    One query for one organisation or for the many a centralised service keeps.
    """
    ids = [organisation_ids] if isinstance(organisation_ids, int) else list(organisation_ids)
    return list(
        Attestation.objects.filter(organisation_id__in=ids, extract_issued_on__isnull=True)
        .exclude(acquainted_on__isnull=False, protocol_date__isnull=True)
        .select_related("employee")
        .order_by("planned_on", "id")
    )


def expiring_categories(
    organisation_ids: int | Sequence[int], start: dt.date, end: dt.date, on: dt.date
) -> list[tuple[Employee, Standing]]:
    """Return the workers employed on ``on`` whose current category's last day falls in [start, end]: two queries.

    A category set by a decision of this app (the latest of the worker's), or typed on the card before
    01.09.2023 with no decision recorded: five years from its date (rules.category_valid_until). Of one
    organisation or of many (the schools a centralised service keeps) in the same two queries.
    """
    ids = [organisation_ids] if isinstance(organisation_ids, int) else list(organisation_ids)
    working = Employee.objects.filter(organisation_id__in=ids).with_status(Employee.Status.WORKING, on)
    later = CategoryDecision.objects.filter(employee_id=OuterRef("employee_id"), decided_on__gt=OuterRef("decided_on"))
    decisions = (
        CategoryDecision.objects.filter(organisation_id__in=ids, valid_until__range=(start, end))
        .filter(~Exists(later), employee__in=working)
        .select_related("employee")
    )
    found = [(row.employee, standing_of(row.employee, [row], ())) for row in decisions]
    # Typed on the card: the date d gives the last day d + 5 years − 1 day, so d lies about [start − 5 y, end − 5 y]:
    # a bound one day loose either way (29 February), each row checked below.
    years = relativedelta(years=rules.OLD_CATEGORY_YEARS)
    cards = working.filter(
        ~Exists(CategoryDecision.objects.filter(employee_id=OuterRef("pk"))),
        qualification_category__in=rules.CATEGORIES,
        qualification_category_date__lt=rules.ORDER_196_FROM,
        qualification_category_date__range=(start - years, end - years + 2 * ONE_DAY),
    )
    for employee in cards:
        standing = standing_of(employee, (), ())
        if standing.valid_until is not None and start <= standing.valid_until <= end:
            found.append((employee, standing))
    return sorted(found, key=lambda pair: (pair[1].valid_until or end, pair[0].last_name, pair[0].pk))
