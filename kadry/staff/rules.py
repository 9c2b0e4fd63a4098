"""Arithmetic of the staffing table (Т-3). Pure functions of plain values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kadry.lib.money import round_money

ZERO = Decimal("0")


@dataclass(frozen=True)
class StaffingLine:
    rates: Decimal
    salary: Decimal
    allowance: Decimal
    occupied: Decimal

    @property
    def vacant(self) -> Decimal:
        """Rates not occupied; never negative (over-occupation is refused when it is recorded)."""
        return max(self.rates - self.occupied, ZERO)

    @property
    def monthly_fund(self) -> Decimal:
        """Т-3 column 10: (оклад + надбавки) × количество штатных единиц."""
        return round_money((self.salary + self.allowance) * self.rates)


@dataclass(frozen=True)
class StaffingTotals:
    rates: Decimal = ZERO
    occupied: Decimal = ZERO
    vacant: Decimal = ZERO
    monthly_fund: Decimal = ZERO


def totals(lines: Iterable[StaffingLine]) -> StaffingTotals:
    """Return the sums of rates, occupied and vacant rates and the monthly fund."""
    lines = list(lines)
    return StaffingTotals(
        rates=sum((line.rates for line in lines), ZERO),
        occupied=sum((line.occupied for line in lines), ZERO),
        vacant=sum((line.vacant for line in lines), ZERO),
        monthly_fund=sum((line.monthly_fund for line in lines), ZERO),
    )
