"""Leave orders drafted from the approved vacation schedule: one draft Т-6а for the leaves starting in a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from kadry.leave.models import LeaveKind, PlannedLeave, VacationSchedule
from kadry.orders import services
from kadry.orders.models import Order


@transaction.atomic
def draft_leave_orders(
    *, actor: Any, schedule: VacationSchedule, start: dt.date, end: dt.date, order_date: dt.date
) -> Order | None:
    """Draft one leave order with an item per planned part starting from ``start`` to ``end`` not ordered yet."""
    if schedule.status != VacationSchedule.Status.APPROVED:
        raise ValidationError("Приказы готовятся по утверждённому графику.")
    parts = list(
        PlannedLeave.objects.select_for_update(of=("self",))
        .filter(schedule=schedule, order_item__isnull=True)
        .filter(Q(moved_start__isnull=True, start__range=(start, end)) | Q(moved_start__range=(start, end)))
        .select_related("employee")
        .order_by("start", "id")
    )
    if not parts:
        return None
    order = services.create_draft(
        actor=actor, organisation_id=schedule.organisation_id, kind=Order.Kind.LEAVE, date=order_date
    )
    for part in parts:
        item = services.save_item(
            actor=actor,
            order=order,
            data={
                "employee": part.employee,
                "date": part.effective_start,
                "leave_kind": LeaveKind.ANNUAL,
                "leave_days": part.days,
                "basis": f"график отпусков на {schedule.year} год",
            },
        )
        part.order_item = item
        part.save(update_fields=["order_item"])
    return order
