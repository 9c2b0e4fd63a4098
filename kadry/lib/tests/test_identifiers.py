"""СНИЛС and ИНН check digits: hand-computed cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kadry.lib.identifiers import normalise_inn, normalise_snils, snils_check_digits


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        # 1·9+1·8+2·7+2·6+3·5+3·4+4·3+4·2+5·1 = 95 < 100 → 95
        ("112233445", 95),
        # 1·9+2·8+3·7+4·6+5·5+6·4+7·3+8·2+9·1 = 165 > 101 → 165 mod 101 = 64
        ("123456789", 64),
        # 9·9+2·8+4·1 = 101 → 00
        ("920000004", 0),
        # 9·9+2·8+3·1 = 100 → 00
        ("920000003", 0),
        # 9·9+9·8+9·7+9·6+9·5+9·4+9·3+9·2+9·1 = 405 → 405 mod 101 = 1
        ("999999999", 1),
    ],
)
def test_snils_check_digits_match_hand_computation(number: str, expected: int) -> None:
    assert snils_check_digits(number) == expected


def test_snils_is_normalised_to_the_printed_form() -> None:
    assert normalise_snils("11223344595") == "112-233-445 95"
    assert normalise_snils(" 112-233-445 95 ") == "112-233-445 95"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("112-233-445 96", "Неверная контрольная сумма СНИЛС"),
        ("112-233-445", "11 цифр"),
        ("11a-233-445 95", "11 цифр"),
    ],
)
def test_wrong_snils_is_refused_with_a_russian_message(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        normalise_snils(value)


def test_old_snils_numbers_without_check_digits_are_accepted() -> None:
    # Numbers up to 001-001-998 were issued before check digits existed.
    assert normalise_snils("001-001-998 77") == "001-001-998 77"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda n: int(n) > 1001998))
def test_snils_with_its_own_check_digits_always_passes(number: str) -> None:
    check = f"{snils_check_digits(number):02d}"
    assert normalise_snils(number + check).replace("-", "").replace(" ", "") == number + check


@pytest.mark.parametrize(
    "value",
    [
        # 12 digits: n11 = (5·7+1·10+7·9+3·4+2·6+2·8) mod 11 mod 10 = 148 mod 11 = 5;
        # n12 = (5·3+1·4+7·5+3·9+2·4+2·6+5·8) mod 11 mod 10 = 141 mod 11 = 9.
        "500100732259",
        # 10 digits (an organisation): (7·2+7·4+0·10+7·3+0·5+8·9+3·4+8·6+9·8) = 267 mod 11 = 3.
        "7707083893",
    ],
)
def test_valid_inn_passes(value: str) -> None:
    assert normalise_inn(value) == value


@pytest.mark.parametrize("value", ["500100732258", "500100732249", "7707083890", "12345", "50010073225a"])
def test_wrong_inn_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="ИНН"):
        normalise_inn(value)
