"""API of mandatory training and documents: an employee's kinds on a date with the last, the due and the source.

Thin, like the views: access helper → ``queries``. An employee of another organisation, or a role
that may not read personal data, answers 404; a malformed date 422; every answer is written to the
access log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.obligations import queries
from kadry.staff.access import get_employee_for

router = Router(tags=["Обязательное обучение и документы"])


class ObligationOnQuery(Schema):
    on: dt.date | None = Field(None, description="дата (по умолчанию сегодня), YYYY-MM-DD")


class ObligationOut(Schema):
    kind: str = Field(description="вид: further_education, first_aid, labour_protection, medical_exam, "
                                  "psychiatric_exam, hygiene, criminal_record или school-<id> (вид школы)")  # fmt: skip
    name: str
    required: bool = Field(description="обязателен ли вид для должности сотрудника на дату")
    last: dt.date | None = Field(description="дата последнего прохождения (выдачи документа)")
    due: dt.date | None = Field(description="последний день срока; null — больше ничего не требуется")
    overdue: bool
    state: str = Field(description="valid, due_soon, overdue, not_required")
    period_months: int | None = Field(description="периодичность в месяцах; null — при приёме на работу")
    source: str = Field(description="основание: статья закона, приказ")


class ObligationsOut(Schema):
    on: dt.date
    employee: int
    obligations: list[ObligationOut]


@router.get("/employees/{employee_id}/obligations", response=ObligationsOut)
def obligations(request: MemberRequest, employee_id: int, query: Query[ObligationOnQuery]) -> dict[str, Any]:
    """Return each kind of mandatory training and document for the employee on ``on`` (today if left out)."""
    employee = get_employee_for(request.membership, employee_id)
    on = query.on or timezone.localdate()
    found = queries.for_employee(employee, on)
    what = queries.ACCESS_LOG_WHAT
    record_access(membership=request.membership, subject=employee, what=what, request=request, channel="api")
    return {
        "on": on,
        "employee": employee.pk,
        "obligations": [
            {
                "kind": item.kind.key, "name": item.kind.name, "required": item.required, "last": item.last,
                "due": item.due, "overdue": item.overdue, "state": str(item.state),
                "period_months": item.kind.period_months, "source": item.kind.source,
            }
            for item in found.items
        ],
    }  # fmt: skip
