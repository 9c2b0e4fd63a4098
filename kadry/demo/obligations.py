"""The demo's mandatory training and examinations: first aid, labour protection and medical examinations.

Recorded through the obligations service, as the office would enter them, beside the card's courses
and documents of hire (kadry/demo/education.py, career.py), so the expiry register shows valid rows
and, for a few teachers whose first aid and examination lapsed, overdue ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kadry.demo.staff import Staff
from kadry.obligations import rules, services

D = dt.date


def build_obligations(staff: Staff, *, inspector: Any) -> None:
    teachers = [employee for holders in staff.holders.values() for employee in holders]
    today = timezone.localdate()

    def record(employee: Any, kind: str, on: dt.date, document: str) -> None:
        services.record_obligation(actor=inspector, organisation_id=employee.organisation_id, employee=employee,
                                   kind=kind, completed_on=on, document=document, today=today)  # fmt: skip

    for number, employee in enumerate(teachers):
        # Labour protection for everyone in the spring of 2025; first aid for most — three of them in
        # 2022, which has lapsed; the yearly examination for all but every fifth, whose lapsed in 2025.
        record(employee, rules.LABOUR_PROTECTION, D(2025, 4, 14), f"протокол проверки знаний № {number + 1}")
        first_aid = D(2022, 11, 21) if number % 7 == 3 else D(2024, 10, 7)
        record(employee, rules.FIRST_AID, first_aid, f"удостоверение № ПП-{number + 101}")
        examined = D(2025, 6, 2) if number % 5 == 2 else D(2026, 6, 1)
        record(employee, rules.MEDICAL_EXAM, examined, "заключение по результатам периодического медосмотра")
