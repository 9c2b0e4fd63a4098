"""The data a printed order is built from, loaded in a fixed number of queries whatever the number of items.

``order_for_print`` and ``order_items`` read the order and its items with what they print; ``load_print_data``
reads the rest at once (assignments, contracts, leave charges, the director). ``kadry.documents.order_item_fields``
builds each item's strings from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from kadry.core.access import denied_as
from kadry.core.models import Membership
from kadry.employment.models import Assignment, Contract
from kadry.leave.models import LedgerEntry
from kadry.lib.declension import decline_initials
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Employee

Kind = Order.Kind

BLANK = "__________________"


_ITEM_RELATED = (
    "employee",
    "staffing_unit__position",
    "staffing_unit__department",
    "school_class__academic_year",
    "closed_assignment__staffing_unit__position",
    "closed_assignment__staffing_unit__department",
    "lifted_sanction__order__journal",
)


def order_for_print(orders: QuerySet[Order], pk: int) -> Order:
    """Return the order ``pk`` of ``orders`` (already scoped) with what printing reads, or 404."""
    queryset = orders.select_related("organisation", "journal", "signed_by", "cancels__journal").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.select_related(*_ITEM_RELATED).order_by("id")),
        Prefetch("cancels__items", queryset=OrderItem.objects.select_related("employee").order_by("id")),
    )
    with denied_as(Order, pk):
        return get_object_or_404(queryset, pk=pk)


@dataclass
class PrintData:
    """What an order's text needs beyond the order and its items, loaded once for all the items."""

    assignments: list[Assignment] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    leave_entries: list[LedgerEntry] = field(default_factory=list)
    director: str = BLANK


# The kinds whose items name the employee's position without holding a staffing unit of their own,
# and Т-5, which names the previous one.
_NEEDS_ASSIGNMENTS = frozenset(
    {
        Kind.TRANSFER,
        Kind.DISMISSAL,
        Kind.AWARD,
        Kind.SANCTION,
        Kind.SURNAME_CHANGE,
        Kind.CLASS_TEACHER_APPOINTMENT,
        Kind.CLASS_TEACHER_RELEASE,
        Kind.LEAVE,
        Kind.LEAVE_RECALL,
        Kind.BUSINESS_TRIP,
        Kind.SANCTION_LIFT,
    }
)


def order_items(order: Order) -> list[OrderItem]:
    """Return the items the order's text is about: a cancellation's are those of the order it cancels."""
    if order.kind == Kind.CANCELLATION:
        return list(order.cancels.items.all()) if order.cancels is not None else []
    return list(order.items.all())


def load_print_data(order: Order, items: Sequence[OrderItem]) -> PrintData:
    """Load the employees' assignments and contracts the items need, and who signs (at most three queries)."""
    data = PrintData()
    employee_ids = {item.employee_id for item in items}
    if order.kind in _NEEDS_ASSIGNMENTS and employee_ids:
        data.assignments = list(
            Assignment.objects.filter(organisation_id=order.organisation_id, employee_id__in=employee_ids)
            .select_related("staffing_unit__position", "staffing_unit__department")
            .order_by("start", "id")
        )
    if order.kind == Kind.DISMISSAL and employee_ids:
        data.contracts = list(
            Contract.objects.filter(organisation_id=order.organisation_id, employee_id__in=employee_ids).order_by(
                "start", "id"
            )
        )
    if order.kind in (Kind.LEAVE, Kind.DISMISSAL) and items:
        data.leave_entries = list(
            LedgerEntry.objects.filter(order_item__in=[item.pk for item in items]).order_by("start", "id")
        )
    data.director = signer_name(order)
    return data


def _initials_first(employee: Employee) -> str:
    try:
        return decline_initials(
            employee.last_name, employee.first_name, employee.middle_name, sex=employee.sex, initials_first=True
        )
    except ValueError:
        return employee.short_name


def signer_name(order: Order) -> str:
    """Return «М. П. Петрова», the head who signs the order, for the line «Руководитель организации».

    A signed order names who signed it: the employee linked to their membership here, else the name of
    their user account. A draft names the organisation's director (the director's membership linked to
    an employee). A blank line when none is known.
    """
    signer = order.signed_by
    wanted = Q(role=Membership.Role.DIRECTOR) if signer is None else Q(user=signer)
    membership = (
        Membership.objects.filter(wanted, organisation_id=order.organisation_id, is_active=True, employee__isnull=False)
        .select_related("employee")
        # The signer's director membership first, when they hold several here.
        .order_by(models.Case(models.When(role=Membership.Role.DIRECTOR, then=0), default=1), "id")
        .first()
    )
    if membership is not None and membership.employee is not None:  # the filter asked for one
        return _initials_first(membership.employee)
    if signer is not None and signer.last_name:
        initial = f"{signer.first_name.strip()[:1]}. " if signer.first_name.strip() else ""
        return f"{initial}{signer.last_name}"
    return BLANK


def _covering(rows: Iterable[Any], on: dt.date) -> list[Any]:
    return [row for row in rows if row.start <= on and (row.end is None or row.end >= on)]


def placement(item: OrderItem, data: PrintData, on: dt.date) -> Assignment | None:
    """Return the employee's position the item speaks of on ``on``: the one it ended, else the main one held.

    Falls back on the latest one begun before ``on`` (a draft about someone whose job has already ended).
    """
    if item.closed_assignment_id:
        return item.closed_assignment
    own = [a for a in data.assignments if a.employee_id == item.employee_id and a.order_item_id != item.pk]
    held = _covering(own, on)
    if held:
        return min(held, key=lambda a: (a.kind, a.start))
    earlier = [a for a in own if a.start <= on]
    return earlier[-1] if earlier else None


def contract_of(item: OrderItem, data: PrintData, kind: str | None) -> Contract | None:
    """Return the employment contract the dismissal ends: the one in force on its date, of the same kind of work."""
    own = [c for c in data.contracts if c.employee_id == item.employee_id]
    covering = _covering(own, item.date)
    same_kind = [c for c in covering if kind is None or c.kind == kind]
    chosen = same_kind or covering or [c for c in own if c.start <= item.date]
    return chosen[-1] if chosen else None
