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


def decimal_comma(value: Decimal | int | float | None, *, places: int | None = None, signed: bool = False) -> str:
    """Return ``value`` with a decimal comma: «93,5»; ``places`` rounds half up («1,50»); ``signed`` adds «+» («+1,6»).

    None is «—». Integers stay integers unless ``places`` is given.
    """
    if value is None:
        return "—"
    number = Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{number:f}".replace(".", ",")
    if signed and number > 0:
        text = "+" + text
    return text
