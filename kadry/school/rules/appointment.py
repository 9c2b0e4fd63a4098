"""Rules of class leadership. Pure values."""

from __future__ import annotations

from decimal import Decimal

# Постановление Правительства РФ от 04.04.2020 № 448: the federal monthly payment of 5 000 ₽ for
# class leadership, for no more than two classes per teacher.
MAX_CLASSES_PER_TEACHER = 2
FEDERAL_MONTHLY_ALLOWANCE = Decimal("5000.00")
