"""API of the personnel databank: headcount, average headcount, movement and composition of one organisation.

Thin, like the pages: capability → the input (``params``, 422 on the field) → ``figures``. The answers
are figures, not names, so they write no access log. Decimals are strings with two places.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from kadry.api.errors import InvalidInput
from kadry.core.access import require
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.reports import figures, params, scope
from kadry.reports import movement_rules as mv

router = Router(tags=["Банк данных о персонале"])


def _decimal(value: Any) -> str | None:
    return None if value is None else f"{value}"


class HeadcountOut(Schema):
    on: str
    headcount: int = Field(description="списочная численность: каждый работник один раз (без внешних совместителей)")
    external_part_timers: int = Field(description="внешние совместители, учитываемые отдельно")
    by_category: dict[str, int] = Field(description="по категории должности основной работы")
    by_organisation: dict[str, int] = Field(
        description="по каждой обслуживаемой школе (id → человек), если их несколько"
    )


ORGANISATION = (
    "для централизованной кадровой службы: id обслуживаемой школы; без него — сумма по всем обслуживаемым школам"
)


class HeadcountQuery(Schema):
    on: str | None = Field(None, description="дата ГГГГ-ММ-ДД; по умолчанию сегодня")
    organisation: str | None = Field(None, description=ORGANISATION)


def _scope(membership: Any, requested: str | None, errors: params.Errors) -> list[int]:
    """Return the organisations to count; raise 422 with every error of the input on its field."""
    found, scope_errors = scope.organisations_for(membership, requested)
    if errors or scope_errors:
        raise InvalidInput({**errors, **scope_errors})
    return found.ids


@router.get("/reports/headcount", response=HeadcountOut)
@decorate_view(reads_from_replica)
def headcount(request: MemberRequest, query: Query[HeadcountQuery]) -> dict[str, Any]:
    """Return the list's headcount on a date, by the category of each person's main position."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    on, errors = params.on_date(query.on, timezone.localdate())
    count = figures.headcount(_scope(membership, query.organisation, errors), on)
    return {
        "on": on.isoformat(),
        "headcount": count.headcount,
        "external_part_timers": count.external,
        "by_category": count.by_category,
        "by_organisation": {str(pk): value for pk, value in count.by_organisation.items()},
    }


class AverageMonthOut(Schema):
    year: int
    month: int
    days: int
    person_days: int = Field(description="сумма списочной численности (в среднесписочной) за каждый день")
    average: str


class AverageOut(Schema):
    year: int
    month: int | None
    quarter: int | None
    average: str = Field(description="среднесписочная численность, два знака (Приказ Росстата № 647, П-4)")
    average_whole: int = Field(description="в целых единицах, 0,5 и более — в большую сторону")
    external_part_timers_average: str = Field(description="средняя численность внешних совместителей (по лицам)")
    by_organisation: dict[str, str] = Field(description="по каждой обслуживаемой школе (id → среднесписочная)")
    months: list[AverageMonthOut]


class AverageQuery(Schema):
    year: str | None = Field(None, description="год, обязателен")
    month: str | None = Field(None, description="месяц 1–12")
    quarter: str | None = Field(None, description="квартал 1–4 (вместо месяца)")
    organisation: str | None = Field(None, description=ORGANISATION)


@router.get("/reports/average-headcount", response=AverageOut)
@decorate_view(reads_from_replica)
def average_headcount(request: MemberRequest, query: Query[AverageQuery]) -> dict[str, Any]:
    """Return the average headcount of a month (``month=``), a quarter (``quarter=``) or the year alone."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    errors: params.Errors = {} if query.year else {"year": ["Обязательное поле: год."]}
    period, period_errors = params.period(query.year, query.month, query.quarter, timezone.localdate())
    ids = _scope(membership, query.organisation, {**errors, **period_errors})
    result = figures.average(ids, period.year, period.month, period.quarter)
    return {
        "year": result.year,
        "month": result.month,
        "quarter": result.quarter,
        "average": _decimal(result.average_2),
        "average_whole": result.average_whole,
        "external_part_timers_average": _decimal(result.external_2),
        "by_organisation": {str(pk): f"{figures.rules.two_decimals(value)}" for pk, value in result.by_organisation.items()},
        "months": [
            {"year": m.year, "month": m.month, "days": m.days, "person_days": m.total,
             "average": _decimal(figures.rules.two_decimals(m.average))}
            for m in result.months
        ],
    }  # fmt: skip


class MovementOut(Schema):
    from_: str = Field(alias="from")
    to: str
    average: str
    hired: int
    dismissed: int
    transfers: int
    dismissed_by_ground: dict[str, int] = Field(description="группы оснований: " + ", ".join(mv.GROUP_LABELS))
    hiring_rate: str | None = Field(description="принятые ÷ среднесписочная × 100, %")
    separation_rate: str | None = Field(description="уволенные ÷ среднесписочная × 100, %")
    turnover_rate: str | None = Field(description="(по собственному желанию + за нарушения дисциплины) ÷ ССЧ × 100, %")
    stability_rate: str | None = Field(description="состоявшие в списке весь период ÷ ССЧ × 100, %")


class MovementQuery(Schema):
    from_: str | None = Field(None, alias="from", description="начало периода ГГГГ-ММ-ДД")
    to: str | None = Field(None, description="конец периода ГГГГ-ММ-ДД (включительно)")
    organisation: str | None = Field(None, description=ORGANISATION)


@router.get("/reports/movement", response=MovementOut, by_alias=True)
@decorate_view(reads_from_replica)
def movement(request: MemberRequest, query: Query[MovementQuery]) -> dict[str, Any]:
    """Return the movement of the list over a period: hires, dismissals by ground group, transfers, rates."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    found, errors = params.date_range(query.from_, query.to)
    ids = _scope(membership, query.organisation, errors)
    if found is None:
        raise InvalidInput(errors)
    total = figures.movement(ids, *found).total
    return {
        "from": total.first.isoformat(),
        "to": total.last.isoformat(),
        "average": _decimal(figures.rules.two_decimals(total.average)),
        "hired": total.hired,
        "dismissed": total.dismissed,
        "transfers": total.transfers,
        "dismissed_by_ground": total.by_group,
        "hiring_rate": _decimal(total.hiring_rate),
        "separation_rate": _decimal(total.separation_rate),
        "turnover_rate": _decimal(total.turnover_rate),
        "stability_rate": _decimal(total.stability_rate),
    }


class BreakdownOut(Schema):
    key: str
    title: str
    rows: dict[str, int]


class VacancyOut(Schema):
    department: str
    rates: str
    occupied: str
    vacant: str


class CompositionOut(Schema):
    on: str
    headcount: int
    breakdowns: list[BreakdownOut]
    young_specialists: int
    vacancies: list[VacancyOut]


@router.get("/reports/composition", response=CompositionOut)
@decorate_view(reads_from_replica)
def composition(request: MemberRequest, query: Query[HeadcountQuery]) -> dict[str, Any]:
    """Return the composition of the list on a date and the vacant rates by department."""
    membership = require(request.membership, Capability.VIEW_PERSONAL_DATA)
    on, errors = params.on_date(query.on, timezone.localdate())
    result = figures.composition(_scope(membership, query.organisation, errors), on)
    return {
        "on": on.isoformat(),
        "headcount": result.headcount,
        "breakdowns": [{"key": b.key, "title": b.title, "rows": dict(b.rows)} for b in result.breakdowns],
        "young_specialists": result.young_specialists,
        "vacancies": [
            {"department": v.department, "rates": str(v.rates), "occupied": str(v.occupied), "vacant": str(v.vacant)}
            for v in result.vacancies
        ],
    }
