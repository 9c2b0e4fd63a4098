"""API of attestation: who is due in a period, and an employee's category and attestations.

Thin, like the pages: access helper → the queries. A role that may not read personal data, or an
employee of another organisation, answers 404; every answer is written to the access log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.attestation import queries
from kadry.attestation.rules import school_year_of
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.staff.access import get_employee_for

router = Router(tags=["Аттестация педагогических работников"])
MAX_DAYS = 3 * 366  # a period of up to three years: the list of a school costs the same whatever it is

EMPLOYEE_WHAT = "Аттестация"


class AttestationDueQuery(Schema):
    from_: dt.date | None = Field(
        None, alias="from", description="начало периода (по умолчанию 1 сентября текущего учебного года)"
    )
    to: dt.date | None = Field(None, description="конец периода включительно (по умолчанию 31 августа)")


class AttestationExemptionOut(Schema):
    reason: str
    possible_from: dt.date | None = Field(description="с какого дня аттестация возможна (None — пока длится)")


class AttestationDueRowOut(Schema):
    employee: int
    name: str
    position: str
    in_post_since: dt.date
    kind: str = Field(description="category — истекает категория, conformity — аттестация на соответствие")
    due: dt.date
    category: str = Field(description="first, highest, methodist, mentor или пусто")
    category_valid_until: dt.date | None
    last_conformity: dt.date | None
    exemption: AttestationExemptionOut | None = Field(description="основание не аттестовать (Порядок № 196)")
    scheduled_on: dt.date | None


class AttestationDueOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date
    rows: list[AttestationDueRowOut]


class AttestationDecisionOut(Schema):
    category: str
    decided_on: dt.date
    issued_by: str
    decision_number: str
    valid_until: dt.date | None = Field(description="последний день; None — бессрочно (Приказ № 196)")


class AttestationConformityOut(Schema):
    id: int
    planned_on: dt.date
    position: str
    acquainted_on: dt.date | None
    protocol_number: str
    protocol_date: dt.date | None
    result: str = Field(description="conforms, does_not или пусто")
    extract_issued_on: dt.date | None


class AttestationEmployeeOut(Schema):
    employee: int
    category: str
    category_since: dt.date | None
    category_valid_until: dt.date | None
    last_conformity: dt.date | None
    decisions: list[AttestationDecisionOut]
    attestations: list[AttestationConformityOut]


@router.get("/attestation/due", response=AttestationDueOut, by_alias=True)
def due(request: MemberRequest, query: Query[AttestationDueQuery]) -> dict[str, Any]:
    """Return the pedagogical workers whose category expires in the period or whose conformity attestation is due."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    year = school_year_of(timezone.localdate())
    start, end = query.from_ or dt.date(year, 9, 1), query.to or dt.date(year + 1, 8, 31)
    if end < start:
        raise InvalidInput({"to": ["Конец периода раньше начала."]})
    if (end - start).days > MAX_DAYS:
        raise InvalidInput({"to": ["Период не длиннее трёх лет."]})
    rows = queries.due_list(membership.organisation_id, start, end)
    what = f"{queries.DUE_WHAT} {start:%d.%m.%Y}–{end:%d.%m.%Y}: {len(rows)}"
    record_access(membership=membership, subject=membership.organisation, what=what, request=request, channel="api")
    return {
        "from": start,
        "to": end,
        "rows": [
            {
                "employee": row.employee.pk,
                "name": row.employee.full_name,
                "position": row.position,
                "in_post_since": row.in_post_since,
                "kind": row.kind,
                "due": row.due,
                "category": row.standing.category,
                "category_valid_until": row.standing.valid_until,
                "last_conformity": row.standing.last_conformity,
                "exemption": None
                if row.exemption is None
                else {"reason": row.exemption.reason, "possible_from": row.exemption.possible_from},
                "scheduled_on": row.scheduled.planned_on if row.scheduled else None,
            }
            for row in rows
        ],
    }


@router.get("/employees/{employee_id}/attestation", response=AttestationEmployeeOut)
def employee_attestation(request: MemberRequest, employee_id: int) -> dict[str, Any]:
    """Return the employee's category with its expiry, its decisions and the conformity attestations."""
    employee = get_employee_for(request.membership, employee_id)
    standing, decisions, attestations = queries.employee_history(employee)
    record_access(membership=request.membership, subject=employee, what=EMPLOYEE_WHAT, request=request, channel="api")
    return {
        "employee": employee.pk, "category": standing.category, "category_since": standing.decided_on,
        "category_valid_until": standing.valid_until, "last_conformity": standing.last_conformity,
        "decisions": [
            {"category": row.category, "decided_on": row.decided_on, "issued_by": row.issued_by,
             "decision_number": row.decision_number, "valid_until": row.valid_until}
            for row in decisions
        ],
        "attestations": [
            {"id": row.pk, "planned_on": row.planned_on, "position": row.position, "acquainted_on": row.acquainted_on,
             "protocol_number": row.protocol_number, "protocol_date": row.protocol_date, "result": row.result,
             "extract_issued_on": row.extract_issued_on}
            for row in attestations
        ],
    }  # fmt: skip
