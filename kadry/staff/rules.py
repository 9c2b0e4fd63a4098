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


def next_personnel_number(taken: Iterable[str]) -> str:
    """Return the next free personnel number after the numeric ones in ``taken``: «0042» → «0043».

    The personnel number is given on hiring (it heads the hire order Т-1 and the card Т-2, Постановление
    Госкомстата России от 05.01.2004 № 1). ``taken`` holds the numbers of every employee ever recorded,
    dismissed ones too, so that a number in old orders and time sheets keeps naming one person; numbers
    with letters («А-12») are skipped. The width of the widest number is kept, so a school numbering
    «0001» goes on with «0002»; with no number yet the first is «1».
    """
    numeric = [number.strip() for number in taken if number.strip().isdigit()]
    if not numeric:
        return "1"
    width = max(len(number) for number in numeric)
    return str(max(int(number) for number in numeric) + 1).zfill(width)
