"""Decimals are written as the template filter ``floatformat`` writes them in Russian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from kadry.lib.numbers import decimal_comma, decimal_text

CASES = [
    "0",
    "0.00",
    "1",
    "1.5",
    "1.50",
    "0.25",
    "12",
    "999.995",
    "1000",
    "1234.5",
    "1837750.00",
    "0.001",
    "-0.004",
    "-1234.567",
]


@pytest.mark.parametrize("value", CASES)
def test_decimal_is_written_as_floatformat_writes_it(value: str) -> None:
    with translation.override("ru"):
        assert decimal_text(Decimal(value), trim=True) == floatformat(Decimal(value), "-2")
        assert decimal_text(Decimal(value), group=True) == floatformat(Decimal(value), "2g")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_any_decimal_is_written_as_floatformat_writes_it(value: Decimal) -> None:
    with translation.override("ru"):
        assert decimal_text(value, trim=True) == floatformat(value, "-2")
        assert decimal_text(value, group=True) == floatformat(value, "2g")


@pytest.mark.parametrize(
    ("value", "places", "signed", "expected"),
    [
        (Decimal("1.5"), 2, False, "1,50"),
        (Decimal("93.5"), None, False, "93,5"),
        (Decimal("1.55"), 1, True, "+1,6"),
        (Decimal("-0.44"), 1, True, "-0,4"),
        (Decimal("0"), 1, True, "0,0"),
        (12, None, False, "12"),
        (None, None, False, "—"),
    ],
)
def test_decimal_comma(value, places, signed, expected) -> None:
    assert decimal_comma(value, places=places, signed=signed) == expected
