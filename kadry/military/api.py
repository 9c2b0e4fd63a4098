"""API of military registration: the liable on a date and the figures of form № 6.

Thin, like the pages. A role that may not read personal data answers 404; the list of the liable is
written to the access log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.military import queries

router = Router(tags=["Воинский учёт"])


class OnQuery(Schema):
    on: dt.date | None = Field(None, description="дата (по умолчанию сегодня)")


class LiableOut(Schema):
    employee: int
    name: str
    birth_date: dt.date
    position: str
    category: str = Field(description="conscript — призывник, reserve — пребывающий в запасе")
    rank: str
    rank_group: str = Field(description="soldiers, warrant, junior, senior, colonels, higher (53-ФЗ ст. 53)")
    reserve_category: str
    composition: str
    specialty_code: str = Field(description="полное кодовое обозначение ВУС")
    fitness: str
    commissariat: str
    reserved: bool = Field(description="забронирован: состоит на специальном воинском учёте")
    limit_age: int | None = Field(description="предельный возраст пребывания в запасе (53-ФЗ ст. 53)")
    without_card: bool = Field(description="в карточке нет раздела II «Сведения о воинском учёте»")


class LiableListOut(Schema):
    on: dt.date
    count: int
    rows: list[LiableOut]


class GroupsOut(Schema):
    total: int
    officers: int
    warrant: int
    soldiers: int


class Form6LineOut(Schema):
    code: str
    label: str
    employees: int
    reserve: GroupsOut
    reserved: GroupsOut


class Form6Out(Schema):
    on: dt.date
    lines: list[Form6LineOut]


@router.get("/military/liable", response=LiableListOut)
def liable(request: MemberRequest, query: Query[OnQuery]) -> dict[str, Any]:
    """Return the employees liable to military registration on ``on``, by name, with section II of their card."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    on = query.on or timezone.localdate()
    rows = queries.liable_on(membership.organisation_id, on)
    what = f"{queries.LIABLE_WHAT} на {on:%d.%m.%Y}: {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request, channel="api")
    out = []
    for row in rows:
        record = row.record
        out.append({
            "employee": row.employee.pk, "name": row.employee.full_name, "birth_date": row.employee.birth_date,
            "position": row.employee.placement.position_name or "",
            "category": "conscript" if row.liability.conscript else "reserve",
            "rank": record.rank if record else "", "rank_group": row.liability.group,
            "reserve_category": record.reserve_category if record else "",
            "composition": record.composition if record else "",
            "specialty_code": record.specialty_code if record else "", "fitness": record.fitness if record else "",
            "commissariat": record.commissariat if record else "", "reserved": row.liability.reserved,
            "limit_age": row.liability.limit_age, "without_card": row.liability.without_card,
        })  # fmt: skip
    return {"on": on, "count": len(out), "rows": out}


@router.get("/military/form6", response=Form6Out)
def form6(request: MemberRequest, query: Query[OnQuery]) -> dict[str, Any]:
    """Return the figures of form № 6 on ``on``: line 01 (all), then one line per category of personnel."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    on = query.on or timezone.localdate()
    lines = queries.form6(membership.organisation_id, on)
    return {
        "on": on,
        "lines": [
            {
                "code": line.code,
                "label": line.label,
                "employees": line.employees,
                "reserve": line.reserve,
                "reserved": line.reserved,
            }
            for line in lines
        ],
    }
