"""Rules of class leadership. Pure values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

# The federal monthly payment for class leadership is paid for no more than two classes per teacher
# (Постановление Правительства РФ от 04.04.2020 № 448; the rules of the transfers that fund it,
# Постановление Правительства РФ от 21.12.2021 № 2382 as amended up to 29.03.2024 № 398). A teacher
# may lead a third class (the school pays it from its own fund), so a third class is a warning.
MAX_CLASSES_PER_TEACHER = 2
# The amount of the allowance is not here: the organisation sets it with the date it applies from
# (ClassTeacherAllowance); ``amount_in_force`` picks the one of a day.


def amount_in_force(amounts: Iterable[tuple[dt.date, Decimal]], on: dt.date) -> Decimal | None:
    """Return the amount with the latest start not after ``on`` (None before the first one)."""
    started = [(valid_from, amount) for valid_from, amount in amounts if valid_from <= on]
    return max(started)[1] if started else None


def consent_refusal(consent_on: dt.date, start: dt.date, agreement_on: dt.date | None) -> dict[str, str]:
    """Return, by field, why the consent and the agreement dates cannot stand for leadership from ``start``.

    Regulation §1.7 and §11.1: the teacher takes the class «с его согласия», «с их письменного согласия»
    — the consent comes before the leadership starts; §1.6: the additional agreement is concluded on
    the appointment, so it is not dated before the consent (it records the consent given).
    """
    problems = {}
    if consent_on > start:
        problems["consent_on"] = (
            f"Письменное согласие даётся до начала классного руководства ({start:%d.%m.%Y}), п. 1.7 и 11.1 положения."
        )
    if agreement_on is not None and agreement_on < consent_on:
        problems["agreement_on"] = "Дополнительное соглашение не может быть раньше согласия педагога."
    return problems
