"""Labour discipline: the terms of a case read from the registers (ТК РФ ст. 193): the month from the
discovery and its extension by the employee's illness and leave, the six months from the act, the two
working days of the explanation. Reads only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kadry.absences.models import Absence
from kadry.discipline import rules
from kadry.discipline.models import ExplanationRequest, Violation
from kadry.discipline.rules import Period
from kadry.leave.balances import corrections
from kadry.leave.taken import leave_taken
from kadry.lib.calendar import Correction
from kadry.staff.models import Employee

# ТК РФ ст. 193 ч. 3 speaks of the employee's own illness: the care of a family member is not it.
ILLNESS_REASONS = ("", Absence.SickReason.OWN_ILLNESS, Absence.SickReason.WORK_INJURY, Absence.SickReason.PREGNANCY)
# The absences that are a misconduct in themselves and open a case (ТК РФ ст. 192; ст. 81 ч. 1 п. 6 «а»).
MISCONDUCT_KINDS = (Absence.Kind.UNEXCUSED, Absence.Kind.LATENESS)
# How far the registers are read around a case: the month and its extensions, the acquaintance.
AWAY_HORIZON = dt.timedelta(days=400)
ACQUAINTANCE_HORIZON = dt.timedelta(days=60)


def away_periods(employee: Employee, start: dt.date, end: dt.date, *, any_absence: bool = False) -> list[Period]:
    """Return the employee's illness (sick leave) and leave (signed, not cancelled) touching ``start``–``end``.

    ``any_absence``: every recorded absence from work too (ТК РФ ст. 193 ч. 6, the acquaintance).
    Two queries.
    """
    found = away_of(employee.organisation_id, [employee.pk], start, end, any_absence=any_absence)
    return found.get(employee.pk, [])


def away_of(
    organisation_id: int | Sequence[int],
    employee_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
    *,
    any_absence: bool = False,
) -> dict[int, list[Period]]:
    """Return employee id → the periods of ``away_periods``, for many employees in the same two queries.

    The employees may belong to several organisations (a centralised service's deadlines): pass them all.
    """
    ids = [organisation_id] if isinstance(organisation_id, int) else list(organisation_id)
    absences = Absence.objects.filter(
        organisation_id__in=ids, employee_id__in=employee_ids, start__lte=end, end__gte=start
    ).exclude(kind=Absence.Kind.LATENESS)  # a late employee was at work that day
    if not any_absence:
        absences = absences.filter(kind=Absence.Kind.SICK, sick_reason__in=ILLNESS_REASONS)
    result: dict[int, list[Period]] = {}
    for a in absences:
        what = "болезнь" if a.kind == Absence.Kind.SICK else str(a.get_kind_display())
        result.setdefault(a.employee_id, []).append(Period(a.start, a.end, what))
    for employee_id, periods in leave_taken(ids, employee_ids, start=start, end=end).items():
        result.setdefault(employee_id, []).extend(Period(first, last, "отпуск") for first, last in periods)
    return {key: sorted(periods, key=lambda p: p.start) for key, periods in result.items()}


@dataclass(frozen=True)
class CaseTerms:
    """Every term of a case, for its page, the register and the deadlines."""

    explanation_due: dt.date | None
    act_from: dt.date | None
    earliest_sanction: dt.date | None
    last_day: rules.LastDay
    acquaintance_due: dt.date | None


def terms_of(
    violation: Violation,
    *,
    away: Sequence[Period] | None = None,
    absent: Sequence[Period] | None = None,
    found_corrections: Sequence[Correction] | None = None,
) -> CaseTerms:
    """Return the terms of ``violation`` (its explanation and sanction order prefetched).

    ``away``: the illness and leave of the month; ``absent``: every absence, for the acquaintance of a
    signed order (ТК РФ ст. 193 ч. 6). Read when not given (the register passes them, read at once).
    """
    request = violation.explanation if has_explanation(violation) else None
    found = corrections() if found_corrections is None else found_corrections
    if away is None:
        away = away_periods(violation.employee, violation.discovered_on, violation.discovered_on + AWAY_HORIZON)
    last = rules.last_sanction_day(
        committed_on=violation.committed_on,
        discovered_on=violation.discovered_on,
        found_by_audit=violation.found_by_audit,
        away=away,
        corrections=found,
    )
    order_date = violation.sanction_item.order.date if violation.sanction_item is not None else None
    if order_date is not None and absent is None:
        absent = away_periods(violation.employee, order_date, order_date + ACQUAINTANCE_HORIZON, any_absence=True)
    return CaseTerms(
        explanation_due=rules.explanation_due(request.requested_on, found) if request else None,
        act_from=rules.act_from(request.requested_on, found) if request else None,
        earliest_sanction=rules.earliest_sanction(request.requested_on, request.received_on, found)
        if request
        else None,
        last_day=last,
        acquaintance_due=rules.acquaintance_due(order_date, absent or (), found) if order_date else None,
    )


def register_terms(violations: Sequence[Violation]) -> dict[int, CaseTerms]:
    """Return violation id → its terms for many cases (sanction orders prefetched): at most five queries."""
    if not violations:
        return {}
    organisation_ids = sorted({v.organisation_id for v in violations})
    employees = sorted({v.employee_id for v in violations})
    start = min(v.discovered_on for v in violations)
    away = away_of(organisation_ids, employees, start, max(v.discovered_on for v in violations) + AWAY_HORIZON)
    orders = [v.sanction_item.order.date for v in violations if v.sanction_item is not None]
    absent: dict[int, list[Period]] = {}
    if orders:
        absent = away_of(organisation_ids, employees, min(orders), max(orders) + ACQUAINTANCE_HORIZON, any_absence=True)
    found = corrections()
    return {
        v.pk: terms_of(
            v, away=away.get(v.employee_id, []), absent=absent.get(v.employee_id, []), found_corrections=found
        )
        for v in violations
    }


def has_explanation(violation: Violation) -> bool:
    try:
        violation.explanation  # noqa: B018  (a missing one-to-one raises)
    except ExplanationRequest.DoesNotExist:
        return False
    return True
