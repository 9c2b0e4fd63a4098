"""The orders' part of the home pages: the director's drafts to sign, the inspector's drafts to fix."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.forms.models import model_to_dict
from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.orders.access import drafts_to_sign, orders_for
from kadry.orders.models import Order, OrderItem
from kadry.orders.rules import missing_fields
from kadry.orders.views.preview import kind_title

# A home page lists this many orders at most; the rest are on the orders pages it links to.
HOME_LIST_LIMIT = 10
# The drafts looked at for errors: the latest ones (older forgotten drafts are on the orders list).
DRAFTS_EXAMINED = 50


def _names(order: Order) -> str:
    return ", ".join(item.employee.short_name for item in order.items.all() if item.employee_id)


@register_panel
def signing_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The director: the drafts waiting for signature, oldest first (two queries)."""
    membership = request.membership
    if not role_can(membership.role, Capability.SIGN_ORDERS):
        return None
    drafts = list(drafts_to_sign(membership)[: HOME_LIST_LIMIT + 1])
    rows = [{"order": o, "title": kind_title(o.kind), "names": _names(o)} for o in drafts[:HOME_LIST_LIMIT]]
    return Panel(
        title="На подпись",
        template="orders/_home_orders.html",
        context={"rows": rows, "more": len(drafts) > HOME_LIST_LIMIT, "empty": "Проектов на подпись нет."},
        order=10,
        url=reverse("orders:queue"),
        link="Открыть очередь на подпись",
    )


def draft_problems(order: Order) -> list[str]:
    """Return what is visibly wrong with a draft without asking the database: no items, empty required fields.

    The full check (rates, dates against assignments) runs on the draft's «Проверить» page; the home
    page shows only what can be seen from the draft itself, so it costs the same for any number of drafts.
    """
    if order.kind == Order.Kind.CANCELLATION:
        return [] if order.cancels_id else ["не выбран отменяемый приказ"]
    items = list(order.items.all())
    if not items:
        return ["нет ни одного сотрудника"]
    problems = []
    for number, item in enumerate(items, start=1):
        missing = missing_fields(order.kind, model_to_dict(item))
        if missing:
            problems.append(f"пункт {number}: {'; '.join(missing.values())}")
    return problems


def returned_drafts(membership: Membership) -> QuerySet[Order]:
    """HOOK for the «returned by the director» status (issue 11, orders helper): the drafts sent back
    with a comment. Until the orders app has that status there are none."""
    returned = getattr(Order.Status, "RETURNED", None)
    if returned is None:
        return Order.objects.none()
    return orders_for(membership, Capability.DRAFT_ORDERS).filter(status=returned).order_by("-date", "-id")


@register_panel
def drafts_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The HR inspector: returned drafts and drafts with errors (three queries)."""
    membership = request.membership
    if not role_can(membership.role, Capability.DRAFT_ORDERS):
        return None
    items = Prefetch("items", queryset=OrderItem.objects.select_related("employee").order_by("id"))
    drafts = (
        orders_for(membership, Capability.DRAFT_ORDERS)
        .filter(status=Order.Status.DRAFT)
        .prefetch_related(items)
        .order_by("-date", "-id")[:DRAFTS_EXAMINED]
    )
    faulty = []
    for order in drafts:
        problems = draft_problems(order)
        if problems:
            faulty.append(
                {"order": order, "title": kind_title(order.kind), "names": _names(order), "problems": problems}
            )
    returned = [
        {"order": o, "title": kind_title(o.kind), "names": _names(o)}
        for o in returned_drafts(membership).prefetch_related(items)[:HOME_LIST_LIMIT]
    ]
    return Panel(
        title="Проекты приказов",
        template="orders/_home_drafts.html",
        context={"faulty": faulty[:HOME_LIST_LIMIT], "more": len(faulty) > HOME_LIST_LIMIT, "returned": returned},
        order=20,
        url=reverse("orders:list"),
        link="Все приказы",
    )
