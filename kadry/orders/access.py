"""Access helpers of orders: scope by organisation and capability, 404 otherwise.

A user reaches only the orders of the organisation they act in. Who may do what is decided by the
capability asked for: reading (VIEW_ORDERS), drafting (DRAFT_ORDERS), signing (SIGN_ORDERS). Whether
the order may still change is for the services to say (a signed order is refused with a message).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kadry.core.access import denied_as, require
from kadry.core.models import Membership
from kadry.core.permissions import Capability
from kadry.orders.models import Order, OrderItem

# What reading an item (its text, its links) touches; one query for all the items of a page.
ITEM_RELATED = (
    "employee",
    "staffing_unit__position",
    "staffing_unit__department",
    "school_class__academic_year",
    "lifted_sanction__order__journal",
)


def items_prefetch() -> tuple[Prefetch, Prefetch]:
    """Return the prefetches of orders' items with everything their text needs.

    A cancellation names the employees of the order it cancels, so those are fetched too.
    """
    return (
        Prefetch("items", queryset=OrderItem.objects.select_related(*ITEM_RELATED).order_by("id")),
        Prefetch("cancels__items", queryset=OrderItem.objects.select_related("employee").order_by("id")),
    )


def orders_for(membership: Membership | None, capability: Capability = Capability.VIEW_ORDERS) -> QuerySet[Order]:
    """Return the orders of the membership's organisation if the role has ``capability``."""
    membership = require(membership, capability)
    return Order.objects.filter(organisation_id=membership.organisation_id)


def get_order_for(membership: Membership | None, pk: int, capability: Capability = Capability.VIEW_ORDERS) -> Order:
    """Return the order ``pk`` with its heading's relations and its items, or 404 (logged as denied)."""
    with denied_as(Order, pk):
        queryset = orders_for(membership, capability).select_related(
            "journal", "cancels__journal", "cancelled_by__journal", "created_by", "signed_by"
        )
        return get_object_or_404(queryset.prefetch_related(*items_prefetch()), pk=pk)


def get_item_for(order: Order, pk: int) -> OrderItem:
    """Return the item ``pk`` of ``order`` (already scoped by the caller), or 404."""
    with denied_as(OrderItem, pk):
        return get_object_or_404(OrderItem.objects.filter(order=order, organisation_id=order.organisation_id), pk=pk)


def drafts_to_sign(membership: Membership | None) -> QuerySet[Order]:
    """Return the drafts sent for the director's signature, oldest first, ready to be previewed."""
    return (
        orders_for(membership, Capability.SIGN_ORDERS)
        .filter(status=Order.Status.SUBMITTED)
        .select_related("journal", "cancels__journal")
        .prefetch_related(*items_prefetch())
        .order_by("date", "id")
    )
