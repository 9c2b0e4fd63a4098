"""Numbers as the school's pages print them: a decimal comma («93,5»), a sign on a change («+1,6»)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kadry.lib.numbers import decimal_comma

register = template.Library()


@register.filter
def comma(value: Decimal | int | None) -> str:
    """«93,5» for 93.5; «—» for nothing."""
    return decimal_comma(value)


@register.filter
def signed_change(value: Decimal | int | None) -> str:
    """«+1,6», «-0,4», «0,0»: a change to one decimal place."""
    return decimal_comma(value, places=1, signed=True)
