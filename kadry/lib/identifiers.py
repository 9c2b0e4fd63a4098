"""Checksums of Russian personal identifiers: СНИЛС and ИНН.

Pure functions of strings. Each returns the normalised value or raises ValueError with a Russian
message that forms show on the field.
"""

from __future__ import annotations

import re

# Numbers up to 001-001-998 were issued before check digits were introduced and are not checked
# (Постановление Правления ПФР от 27.12.1996 — порядок присвоения страхового номера).
_SNILS_UNCHECKED_UP_TO = 1001998

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def snils_check_digits(number: str) -> int:
    """Return the two check digits of the 9-digit SNILS ``number``.

    Sum of digits × weights 9…1; below 100 it is the check number, 100 and 101 give 00,
    above 101 the remainder of division by 101 (100 again giving 00).
    """
    total = sum(int(digit) * weight for digit, weight in zip(number, range(9, 0, -1), strict=True))
    if total > 101:
        total %= 101
    return 0 if total in (100, 101) else total


def normalise_snils(value: str) -> str:
    """Return SNILS as «XXX-XXX-XXX YY», or raise ValueError if it is malformed or fails the checksum."""
    digits = re.sub(r"[\s\-]", "", value)
    if not re.fullmatch(r"\d{11}", digits):
        raise ValueError("СНИЛС состоит из 11 цифр: XXX-XXX-XXX YY.")
    number, check = digits[:9], int(digits[9:])
    if int(number) > _SNILS_UNCHECKED_UP_TO and snils_check_digits(number) != check:
        raise ValueError("Неверная контрольная сумма СНИЛС — проверьте номер.")
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:11]}"


def _inn_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def normalise_inn(value: str) -> str:
    """Return an ИНН (10 digits for an organisation, 12 for a person) or raise ValueError.

    Check digits: Приказ ФНС России от 29.06.2012 № ММВ-7-6/435@ (порядок присвоения ИНН).
    """
    digits = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{10}|\d{12}", digits):
        raise ValueError("ИНН состоит из 12 цифр (у физического лица) или 10 (у организации).")
    if len(digits) == 10:
        valid = _inn_digit(digits, _INN10_WEIGHTS) == int(digits[9])
    else:
        valid = _inn_digit(digits, _INN12_WEIGHTS_11) == int(digits[10]) and _inn_digit(
            digits, _INN12_WEIGHTS_12
        ) == int(digits[11])
    if not valid:
        raise ValueError("Неверная контрольная сумма ИНН — проверьте номер.")
    return digits
