"""Draft leave orders from the approved vacation schedule: the leaves starting in a chosen period."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.leave.schedule import schedule_for
from kadry.orders.from_schedule import draft_leave_orders


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def from_schedule(request: MemberRequest, year: int) -> HttpResponse:
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
        end = dt.date.fromisoformat(request.POST.get("end", ""))
    except ValueError:
        messages.error(request, "Укажите период: даты начала отпусков «с» и «по».")
        return redirect("leave:schedule", year)
    schedule = schedule_for(request.membership.organisation_id, year)
    try:
        order = draft_leave_orders(
            actor=request.user, schedule=schedule, start=start, end=end, order_date=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("leave:schedule", year)
    if order is None:
        messages.info(request, "Отпусков, начинающихся в этот период и ещё не оформленных приказом, нет.")
        return redirect("leave:schedule", year)
    messages.success(request, f"Подготовлен проект приказа на {order.items.count()} сотр.")
    return redirect("orders:detail", order.pk)
