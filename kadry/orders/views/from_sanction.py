"""Draft the order lifting a sanction early from the discipline case page (ТК РФ ст. 194 ч. 2)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.orders.fields import signed_sanction_items
from kadry.orders.from_sanction import draft_sanction_lift, pending_lift
from kadry.orders.models import OrderItem


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def lift_sanction(request: MemberRequest, item: int) -> HttpResponse:
    """Draft (or open the draft already made of) the order lifting the sanction the signed ``item`` applied."""
    with denied_as(OrderItem, item):
        sanction_item = get_object_or_404(signed_sanction_items(request.membership.organisation_id), pk=item)
    drafted = pending_lift(sanction_item)
    order = drafted or draft_sanction_lift(
        actor=request.user, sanction_item=sanction_item, order_date=timezone.localdate()
    )
    if drafted:
        messages.info(request, "Проект приказа о снятии этого взыскания уже подготовлен.")
    else:
        messages.success(request, "Проект приказа о снятии взыскания создан. Укажите, по чьей инициативе, и основание.")
    return redirect("orders:detail", pk=order.pk)
