"""The content hash of a signed order, and its check by ``manage.py verify_audit``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from kadry.core.chain import canonical, digest
from kadry.core.integrity import Break
from kadry.orders.models import UNSIGNED, Order, OrderItem

# Left out of the heading: the key, the status (a cancellation changes it, the only change a signed order
# allows) and the hash itself. Items leave out their key and their order (the heading identifies it).
HEADING_EXCLUDE = frozenset({"id", "status", "content_hash"})
ITEM_EXCLUDE = frozenset({"id", "order"})


def content_hash(order: Order, items: Sequence[OrderItem]) -> str:
    """Return sha256 over the canonical heading and the canonical items (sorted) of ``order``."""
    content = {
        "order": canonical(order, exclude=HEADING_EXCLUDE),
        "items": sorted(canonical(item, exclude=ITEM_EXCLUDE) for item in items),
    }
    return digest(json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")))


def verify_signed_orders(organisation_id: int | None = None) -> Iterator[Break]:
    """Yield every signed or cancelled order whose content no longer matches the hash stored at signing."""
    orders = Order.objects.exclude(status__in=UNSIGNED).prefetch_related("items").order_by("organisation", "id")
    if organisation_id is not None:
        orders = orders.filter(organisation_id=organisation_id)
    for order in orders.iterator(chunk_size=500):
        if order.content_hash != content_hash(order, list(order.items.all())):
            yield Break(
                order.organisation_id, Order._meta.db_table, order.pk, "содержание приказа не совпадает с подписанным"
            )
