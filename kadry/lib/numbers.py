"""Decimals written as the Russian pages print them: «1 234,50» (a no-break space between thousands)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


def decimal_text(value: Decimal, *, trim: bool = False, group: bool = False) -> str:
    """Return ``value`` rounded half up to two places, with a decimal comma.

    ``trim``: a whole number loses its «,00» (as ``floatformat:"-2"``); ``group``: thousands are
    separated by a no-break space (as ``floatformat:"2g"``). Written once per page here instead of
    the filter per cell, which looks the locale's formats up every call.
    """
    whole_number = trim and value == int(value)
    text = str(int(value)) if whole_number else f"{value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP):f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") and Decimal(text) else ""
    whole = whole.lstrip("-")
    if group:
        whole = f"{int(whole):,}".replace(",", "\xa0")
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"
