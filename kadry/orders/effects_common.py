"""What every kind of order item's effect shares: the protocol, the order's document line, no warnings,
the undoing of what the employment services wrote for an item."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar, cast

from kadry.employment import services as employment
from kadry.orders.models import Order, OrderItem

Errors = dict[str, str]


class Effect(Protocol):
    def check(self, item: OrderItem, order: Order) -> Errors: ...
    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]: ...
    def apply(self, item: OrderItem, order: Order, actor: Any) -> None: ...
    def undo(self, item: OrderItem, order: Order, actor: Any, cancellation: Order) -> None: ...


T = TypeVar("T")


def filled(value: T | None) -> T:
    """Return a value an effect may rely on: ``missing_fields`` and its ``check`` refuse the order without it."""
    return cast(T, value)


def document_of(order: Order) -> str:
    return f"Приказ от {order.date:%d.%m.%Y} № {order.display_number}"


class NoWarnings:
    def warnings(self, item: OrderItem, order: Order, items: list[OrderItem]) -> list[str]:
        return []


def undo_employment(item: OrderItem, cancellation: Order) -> None:
    employment.undo_order_item(
        item, cancellation_date=cancellation.date, cancellation_document=document_of(cancellation)
    )
