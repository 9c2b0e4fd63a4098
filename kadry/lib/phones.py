"""Telephone numbers as people type them. Pure functions of strings."""

from __future__ import annotations

import re

# ITU-T E.164: at most 15 digits with the country code; a Russian number has 11 (+7 and ten digits).
# Ten is the fewest a number reachable from anywhere has (a Russian number without its 8 or +7).
MIN_DIGITS, MAX_DIGITS = 10, 15
# What people put between the digits: spaces, hyphens, brackets around the code, a leading plus.
_ALLOWED = re.compile(r"\+?[\d\s\-()]+")


def phone_error(value: str) -> str | None:
    """Return why ``value`` is not a telephone number, or ``None`` when it is one (or empty)."""
    value = value.strip()
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if not _ALLOWED.fullmatch(value) or not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        return "Это не номер телефона: укажите 10–15 цифр, например +7 (912) 345-67-89."
    return None
