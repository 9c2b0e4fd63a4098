"""API of award nominations: the organisation's list by status and school, and an employee's nominations.

Thin, like the pages: access helper → the query → ``services.awarded_entries`` (whether the card has the
award). Names are personal data: a role that may not read it answers 404, every answer writes the access
log. A centralised HR service sees the schools it keeps, as on the deadlines page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.awards import services
from kadry.awards.models import Nomination
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.deadlines import served_schools
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.staff.access import get_employee_for

router = Router(tags=["Награждения"])
LIST_WHAT = "Ходатайства о награждении"  # what the access log says was read
EMPLOYEE_WHAT = "Ходатайства о награждении работника"
NOT_SERVED = "Ходатайства видны только по своей организации и по школам, которые обслуживает ваша кадровая служба."
AwardsStatus = Literal["draft", "sent", "refused", "awarded"]


class AwardsNominationQuery(Schema):
    status: AwardsStatus | None = Field(
        None,
        description="draft — проект, sent — направлено, refused — отказано, awarded — награждён(а); без него — все",
    )
    organisation: int | None = Field(
        None, description="для централизованной кадровой службы: id обслуживаемой школы; без него — все школы"
    )


class AwardsNominationOut(Schema):
    id: int
    organisation: int = Field(description="id организации, чьё это ходатайство")
    employee: int
    name: str = Field(description="ФИО работника")
    award: str = Field(description="код награды (gratitude, honour_certificate, honorary_worker, honoured_teacher)")
    award_name: str
    level: str = Field(description="ведомственная или государственная")
    status: AwardsStatus = Field(description="awarded — в карточке есть награда, записанная приказом после направления")
    created_on: dt.date
    sent_on: dt.date | None
    sent_to: str
    refused_on: dt.date | None
    refusal_reason: str
    awarded_on: dt.date | None = Field(description="дата награждения из карточки (приказ о награждении)")


class AwardsEmployeeNominationOut(AwardsNominationOut):
    characteristic: str = Field(description="характеристика с указанием конкретных заслуг")


def _rows(nominations: Sequence[Nomination], status: str | None, with_text: bool = False) -> list[dict[str, Any]]:
    awarded = services.awarded_entries(nominations)
    result = []
    for n in nominations:
        entry = awarded.get(n.pk)
        row_status = "awarded" if entry is not None else n.status
        if status and row_status != status:
            continue
        row = {
            "id": n.pk, "organisation": n.organisation_id, "employee": n.employee_id, "name": n.employee.full_name,
            "award": n.award, "award_name": n.kind.name, "level": n.kind.level, "status": row_status,
            "created_on": timezone.localtime(n.created_at).date(), "sent_on": n.sent_on, "sent_to": n.sent_to,
            "refused_on": n.refused_on, "refusal_reason": n.refusal_reason,
            "awarded_on": entry.awarded_on if entry is not None else None,
        }  # fmt: skip
        if with_text:
            row["characteristic"] = n.characteristic
        result.append(row)
    return result


@router.get("/awards/nominations", response=list[AwardsNominationOut], summary="Ходатайства о награждении")
def nominations(request: MemberRequest, query: Query[AwardsNominationQuery]) -> list[dict[str, Any]]:
    """Return the nominations, the newest first (two queries); 422 for a school the service does not keep."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    served = [pk for pk, _name in served_schools(membership)]
    ids = [membership.organisation_id, *served]
    if query.organisation is not None:
        if query.organisation not in ids:
            raise InvalidInput({"organisation": [NOT_SERVED]})
        ids = [query.organisation]
    found = Nomination.objects.filter(organisation_id__in=ids).select_related("employee")
    if query.status in ("sent", "awarded"):
        found = found.filter(status=Nomination.Status.SENT)
    elif query.status:
        found = found.filter(status=query.status)
    rows = _rows(list(found), query.status)
    record_access(membership=membership, subject=membership.organisation, what=f"{LIST_WHAT}: {len(rows)}",
                  request=request, channel="api")  # fmt: skip
    return rows


@router.get("/employees/{employee_id}/award-nominations", response=list[AwardsEmployeeNominationOut])
def employee_nominations(request: MemberRequest, employee_id: int) -> list[dict[str, Any]]:
    """Return the employee's nominations with their characteristics, the newest first."""
    employee = get_employee_for(request.membership, employee_id)
    found = list(
        Nomination.objects.filter(organisation_id=employee.organisation_id, employee=employee).select_related(
            "employee"
        )
    )
    record_access(membership=request.membership, subject=employee, what=EMPLOYEE_WHAT, request=request, channel="api")
    return _rows(found, None, with_text=True)
