"""Money is Decimal end to end and rounded in one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KOPECK = Decimal("0.01")


def round_money(amount: Decimal) -> Decimal:
    """Round to kopecks, half up (the accounting rule, not banker's rounding)."""
    return amount.quantize(KOPECK, rounding=ROUND_HALF_UP)
