"""API of the pre-retirement and pension list: ``GET /retirement/upcoming?months=N``.

Thin, like the page: the horizon → ``queries.upcoming``. A role that may not read personal data
answers 404; every answer is written to the access log.
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
from kadry.retirement import queries

router = Router(tags=["Предпенсионеры и пенсионеры"])


class UpcomingQuery(Schema):
    months: int = Field(12, ge=1, le=120, description="на сколько месяцев вперёд (1–120)")


class RetirementRowOut(Schema):
    employee: int
    name: str
    sex: str
    birth_date: dt.date
    pension_age_years: int
    pension_age_months: int
    general_right_on: dt.date = Field(description="право на страховую пенсию по старости (400-ФЗ ст. 8, прил. 6)")
    teacher_25_years_on: dt.date | None = Field(description="25 лет педагогического стажа (400-ФЗ ст. 30 ч. 1 п. 19)")
    teacher_right_on: dt.date | None = Field(description="право на досрочную пенсию педагога (прил. 7)")
    right_on: dt.date = Field(description="раньшее из прав на пенсию")
    pre_retirement_from: dt.date = Field(description="начало предпенсионного возраста (пять лет до права)")
    status: str = Field(description="pension — право возникло, pre — предпенсионный возраст, before — наступит")
    in_window: bool
    checkup_days: int = Field(description="дней на диспансеризацию в год (ТК РФ ст. 185.1 ч. 3)")
    checklist: list[str]


class UpcomingOut(Schema):
    on: dt.date
    months: int
    rows: list[RetirementRowOut]


@router.get("/retirement/upcoming", response=UpcomingOut)
def upcoming(request: MemberRequest, query: Query[UpcomingQuery]) -> dict[str, Any]:
    """Return the employees working today who are pre-retirement or entitled, or become so within ``months``."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    today = timezone.localdate()
    rows = queries.upcoming(membership.organisation_id, today, query.months)
    what = f"{queries.ACCESS_LOG_WHAT} на {query.months} мес.: {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request, channel="api")
    return {
        "on": today,
        "months": query.months,
        "rows": [
            {
                "employee": row.employee.pk,
                "name": row.employee.full_name,
                "sex": row.employee.sex,
                "birth_date": row.employee.birth_date,
                "pension_age_years": row.outlook.general.years,
                "pension_age_months": row.outlook.general.months,
                "general_right_on": row.outlook.general.date,
                "teacher_25_years_on": row.outlook.teacher_25_on,
                "teacher_right_on": row.outlook.teacher_right_on,
                "right_on": row.outlook.right_on,
                "pre_retirement_from": row.outlook.pre_retirement_from,
                "status": row.status,
                "in_window": row.in_window,
                "checkup_days": row.checkup_days,
                "checklist": [what for what, _source in row.checklist],
            }
            for row in rows
        ],
    }
