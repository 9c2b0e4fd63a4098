"""API of the deadlines page: every registered term of the token's membership, by period, kind and school.

The same terms as ``/deadlines/`` (``kadry.core.deadlines``), each with its status on today (overdue,
today, within the week, later). The terms name employees, so the answer writes the access log once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.deadlines import ACCESS_LOG_WHAT, NOT_SERVED, DeadlineChoice, chosen_deadlines, served_schools
from kadry.core.home import DeadlineStatus, deadline_kinds
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability

router = Router(tags=["Сроки"])


class DeadlineFilterQuery(Schema):
    start: dt.date | None = Field(None, alias="from", description="срок с даты ГГГГ-ММ-ДД (включительно)")
    end: dt.date | None = Field(None, alias="to", description="срок по дату ГГГГ-ММ-ДД (включительно)")
    kind: str | None = Field(None, description="код вида срока (probation, fixed_term, efs…); без него — все")
    organisation: int | None = Field(
        None, description="для централизованной кадровой службы: id обслуживаемой школы; без него — все школы"
    )


class DeadlineItemOut(Schema):
    kind: str = Field(description="код вида срока")
    title: str = Field(description="что нужно сделать")
    who: str = Field(description="кого касается")
    due: dt.date
    source: str = Field(description="норма, устанавливающая срок")
    url: str = Field(description="страница, где срок исполняется")
    status: DeadlineStatus = Field(description="overdue — просрочен, today — сегодня, week — на неделе, later — позже")
    organisation: int | None = Field(description="id организации, чей это срок")


@router.get("/deadlines", response=list[DeadlineItemOut], summary="Сроки")
def deadlines(request: MemberRequest, query: Query[DeadlineFilterQuery]) -> list[dict[str, Any]]:
    """Return the terms due in the period, soonest first; 422 on an unknown kind or a school not served."""
    membership = require(request.membership, Capability.VIEW_ORDERS)
    errors: dict[str, list[str]] = {}
    if query.kind and query.kind not in deadline_kinds():
        errors["kind"] = [f"Неизвестный вид срока. Допустимы: {', '.join(deadline_kinds())}."]
    if query.start and query.end and query.end < query.start:
        errors["to"] = ["Дата окончания раньше даты начала."]
    ids: tuple[int, ...] | None = None
    if query.organisation is not None:
        served = [pk for pk, _name in served_schools(membership)] or [membership.organisation_id]
        if query.organisation not in served:
            errors["organisation"] = [NOT_SERVED]
        ids = (query.organisation,)
    if errors:
        raise InvalidInput(errors)
    today = timezone.localdate()
    found = chosen_deadlines(
        membership, today, DeadlineChoice(kind=query.kind or "", organisation_ids=ids, start=query.start, end=query.end)
    )
    record_access(
        membership=membership, subject=membership.organisation, what=ACCESS_LOG_WHAT, request=request, channel="api"
    )
    return [
        {
            "kind": d.kind_code,
            "title": d.kind,
            "who": d.subject,
            "due": d.due,
            "source": d.source,
            "url": d.url,
            "status": d.status_on(today),
            "organisation": d.organisation_id,
        }
        for d in found
    ]
