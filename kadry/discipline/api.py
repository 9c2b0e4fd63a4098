"""API of labour discipline: an employee's sanctions in force on a date (ТК РФ ст. 194).

Thin, like the views: access helper → the service. An employee of another organisation, or a role
that may not read personal data, answers 404; every answer is written to the access log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema

from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.discipline import sanctions as discipline_sanctions
from kadry.staff.access import get_employee_for

router = Router(tags=["Трудовая дисциплина"])

ACCESS_LOG_WHAT = "Дисциплинарные взыскания"


class SanctionOut(Schema):
    id: int
    kind: str = Field(description="remark — замечание, reprimand — выговор")
    kind_label: str
    date: dt.date = Field(description="дата применения (дата пункта приказа)")
    misconduct: str
    order_item: int
    in_force_until: dt.date = Field(
        description="последний день действия, если до него не будет нового взыскания (ТК РФ ст. 194 ч. 1)"
    )


class SanctionsOut(Schema):
    on: dt.date
    sanctions: list[SanctionOut]


@router.get("/employees/{employee_id}/sanctions", response=SanctionsOut)
def sanctions(request: MemberRequest, employee_id: int, on: dt.date | None = None) -> dict[str, Any]:
    """Return the employee's disciplinary sanctions in force on ``on`` (today if left out), oldest first.

    In force: applied by a signed order that was not cancelled, and no year has passed since the
    latest sanction (ТК РФ ст. 194 ч. 1: a new sanction within the year keeps the earlier ones in force).
    """
    employee = get_employee_for(request.membership, employee_id)
    on = on or timezone.localdate()
    found = discipline_sanctions.sanctions_in_force(employee, on)
    record_access(membership=request.membership, subject=employee, what=ACCESS_LOG_WHAT, request=request, channel="api")
    return {
        "on": on,
        "sanctions": [
            {
                "id": row.sanction.pk,
                "kind": row.sanction.kind,
                "kind_label": str(row.sanction.get_kind_display()),
                "date": row.sanction.date,
                "misconduct": row.sanction.misconduct,
                "order_item": row.sanction.order_item_id,
                "in_force_until": row.expires_after,
            }
            for row in found
        ],
    }
