"""Staffing-table arithmetic (Т-3), hand-computed."""

from __future__ import annotations

from decimal import Decimal as D

from kadry.staff.rules import StaffingLine, totals


def test_monthly_fund_is_salary_plus_allowance_times_rates() -> None:
    # (32 500 + 4 875,50) × 2,5 = 93 438,75
    line = StaffingLine(rates=D("2.5"), salary=D("32500"), allowance=D("4875.50"), occupied=D("1.5"))
    assert line.monthly_fund == D("93438.75")
    assert line.vacant == D("1.0")


def test_monthly_fund_rounds_half_up_to_kopecks() -> None:
    # 10 000,01 × 0,25 = 2 500,0025 → 2 500,00; 10 000,02 × 0,25 = 2 500,005 → 2 500,01
    assert StaffingLine(D("0.25"), D("10000.01"), D("0"), D("0")).monthly_fund == D("2500.00")
    assert StaffingLine(D("0.25"), D("10000.02"), D("0"), D("0")).monthly_fund == D("2500.01")


def test_vacant_never_negative_and_totals_add_up() -> None:
    lines = [
        StaffingLine(D("1"), D("30000"), D("0"), D("1.25")),
        StaffingLine(D("3"), D("40000"), D("1000"), D("2")),
    ]
    result = totals(lines)
    assert lines[0].vacant == D("0")
    assert result.rates == D("4")
    assert result.occupied == D("3.25")
    assert result.vacant == D("1")
    assert result.monthly_fund == D("30000.00") + D("123000.00")
