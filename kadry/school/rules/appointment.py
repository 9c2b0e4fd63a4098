"""Rules of class leadership. Pure values."""

from __future__ import annotations

from decimal import Decimal

# The federal monthly payment for class leadership is paid for no more than two classes per teacher
# (Постановление Правительства РФ от 04.04.2020 № 448; the rules of the transfers that fund it,
# Постановление Правительства РФ от 21.12.2021 № 2382 as amended up to 29.03.2024 № 398). A teacher
# may lead a third class (the school pays it from its own fund), so a third class is a warning.
MAX_CLASSES_PER_TEACHER = 2
FEDERAL_MONTHLY_ALLOWANCE = Decimal("5000.00")
