"""Reading orders: the list with filters, and the page of one order (a draft opens as the draft page)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict, cast

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.choices import value_label
from kadry.lib.dates import short_date
from kadry.lib.urls import url_by_pk
from kadry.orders.access import get_order_for, orders_for
from kadry.orders.forms import OrderFilterForm
from kadry.orders.models import Order, OrderItem, number_label
from kadry.orders.views.drafting import draft_page
from kadry.orders.views.preview import kind_title, order_texts
from kadry.staff.models import Employee, short_name

# The tag of each state in the list (its label is the state's own).
STATUS_TAGS = {
    Order.Status.DRAFT: "warn",
    Order.Status.SUBMITTED: "warn",
    Order.Status.SIGNED: "ok",
    Order.Status.CANCELLED: "muted",
}
NAMES_SHOWN = 5
# An order's text carries its employees' data (terms, grounds, pay): reading it is logged, the order as subject.
ORDER_READ = "Текст приказа"


class OrderRow(TypedDict):
    """What a row of the list shows, ready to print (a dict: the template reads it without attribute lookups)."""

    pk: int
    href: str
    number: str
    date: str
    kind: str
    names: str
    status: str
    tag: str


def names_line(names: list[str], shown: int = NAMES_SHOWN) -> str:
    """Return «Иванова А. П., Петров И. С. и ещё 3»: the first ``shown`` names and how many more."""
    line = ", ".join(names[:shown]) or "—"
    return f"{line} и ещё {len(names) - shown}" if len(names) > shown else line


def order_rows(organisation_id: int, orders: Iterable[Mapping[str, Any]]) -> list[OrderRow]:
    """Return the rows of a page of orders (dicts of their columns), with one query for the employees' names.

    The list shows text only, so neither orders nor employees become model instances, the labels are
    looked up without ``get_FOO_display`` (``kadry.lib.choices``), and the links reversed once (``kadry.lib.urls``).
    """
    orders = list(orders)
    names: defaultdict[int, list[str]] = defaultdict(list)
    if orders:
        items = (
            OrderItem.objects.filter(organisation_id=organisation_id, order_id__in=[order["pk"] for order in orders])
            .order_by("id")
            .values_list("order_id", "employee__last_name", "employee__first_name", "employee__middle_name")
        )
        for order_id, *name in items:
            names[order_id].append(short_name(*name))
    order_url = url_by_pk("orders:detail")
    return [
        {
            "pk": order["pk"],
            "href": order_url(order["pk"]),
            "number": number_label(order["number"], order["journal__suffix"]) or "проект",
            "date": short_date(order["date"]),
            "kind": value_label(Order, "kind", order["kind"]),
            "names": names_line(names[order["pk"]]),
            "status": value_label(Order, "status", order["status"]),
            "tag": STATUS_TAGS.get(order["status"], "muted"),
        }
        for order in orders
    ]


@capability_required(Capability.VIEW_ORDERS)
def order_list(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    orders = orders_for(membership)
    years = list(orders.order_by("-year").values_list("year", flat=True).distinct())
    form = OrderFilterForm(request.GET, years=years)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            orders = orders.filter(status=data["status"])
        if data["kind"]:
            orders = orders.filter(kind=data["kind"])
        if data["year"]:
            orders = orders.filter(year=data["year"])
        if data["q"].strip():
            # Exists rather than a join: an order with two matching employees stays one row.
            found = Employee.objects.of(membership.organisation_id).search(data["q"])
            items = OrderItem.objects.filter(order=OuterRef("pk"), employee__in=found)
            orders = orders.filter(Exists(items))
    # The count reads the orders alone; the page joins the journal for the number's suffix.
    page: Page[Any] = Paginator(orders, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    columns = cast(QuerySet[Order], page.object_list).values(
        "pk", "number", "journal__suffix", "date", "kind", "status"
    )
    page.object_list = order_rows(membership.organisation_id, columns)  # the page shows rows, not orders
    query = request.GET.copy()
    query.pop("page", None)
    template = "orders/_order_rows.html" if request.htmx else "orders/order_list.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


@capability_required(Capability.VIEW_ORDERS)
def order_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """Show a draft as the draft page; a signed or cancelled order read-only, with what it changed."""
    order = get_order_for(request.membership, pk)
    record_access(membership=request.membership, subject=order, what=ORDER_READ, request=request)
    if order.is_draft:
        return draft_page(request, order)
    context = {
        "order": order,
        "title": kind_title(order.kind),
        "rows": order_texts(order),
        # select_related gave the cancellation or nothing; the reverse one-to-one raises when there is none.
        "cancelled_by": getattr(order, "cancelled_by", None),
    }
    return render(request, "orders/order.html", context)
