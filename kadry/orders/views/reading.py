"""Reading orders: the list with filters, and the page of one order (a draft opens as the draft page)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kadry.core.access import capability_required
from kadry.core.permissions import Capability
from kadry.orders.access import get_order_for, orders_for
from kadry.orders.forms import OrderFilterForm
from kadry.orders.models import OrderItem
from kadry.orders.views.drafting import draft_page
from kadry.orders.views.preview import kind_title, order_texts
from kadry.staff.models import Employee


@capability_required(Capability.VIEW_ORDERS)
def order_list(request: HttpRequest) -> HttpResponse:
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
    # A row names the employees only: their other columns (the card) are not read.
    items = OrderItem.objects.select_related("employee").only(
        "order_id", "employee__last_name", "employee__first_name", "employee__middle_name"
    )
    orders = orders.select_related("journal").prefetch_related(Prefetch("items", queryset=items.order_by("id")))
    page = Paginator(orders, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    template = "orders/_order_rows.html" if request.htmx else "orders/order_list.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


@capability_required(Capability.VIEW_ORDERS)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a draft as the draft page; a signed or cancelled order read-only, with what it changed."""
    order = get_order_for(request.membership, pk)
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
