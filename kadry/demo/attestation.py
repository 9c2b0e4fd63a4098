"""The demo's attestation: the decisions behind the categories on the teachers' cards, a few expiring soon, and the commission.

Recorded through the attestation services, as the office would enter them: the card's category and
date stay what the decision says. Three first categories set in the winter of 2021/2022 under the old
Порядок end within six months of the autumn of 2026 (five years from the decision), so the home page's
reminders and the due list have something to show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.attestation import rules, services
from kadry.attestation.models import CommissionMember
from kadry.demo.catalog import DEMO_DAY
from kadry.demo.staff import Staff
from kadry.staff.models import Employee, Position

D = dt.date
ISSUER = "Министерство образования и науки (аттестационная комиссия)"
# The last days 20.12.2026, 10.02.2027 and 14.03.2027: five years from these decisions, less a day.
EXPIRING = (D(2021, 12, 21), D(2022, 2, 11), D(2022, 3, 15))


def build_attestation(staff: Staff, *, inspector: Any) -> None:
    teachers = [
        employee
        for holders in staff.holders.values()
        for employee in holders
        if employee.assignments.filter(staffing_unit__position__category=Position.Category.PEDAGOGICAL).exists()
    ]
    # Teachers of some years without a category (or with the conformity only) got theirs in 2021/2022.
    plain = ("", Employee.QualificationCategory.CONFORMITY)
    soon = [e for e in teachers if e.qualification_category in plain and e.birth_date.year <= 1995][: len(EXPIRING)]
    for number, (employee, decided_on) in enumerate(zip(soon, EXPIRING, strict=False), 1):
        services.record_category(actor=inspector, employee=employee, category="first", decided_on=decided_on,
                                 issued_by=ISSUER, decision_number=f"{100 + number}-а", today=DEMO_DAY)  # fmt: skip
    for number, employee in enumerate(teachers, 1):
        category, since = employee.qualification_category, employee.qualification_category_date
        if employee in soon or category not in rules.CATEGORIES or since is None:
            continue
        if category in rules.NEEDS_HIGHEST:
            # The card's methodist or mentor holds the highest category first (Порядок № 196 п. 45).
            services.record_category(actor=inspector, employee=employee, category="highest",
                                     decided_on=since - dt.timedelta(days=400), issued_by=ISSUER,
                                     decision_number=f"{number}-в", today=DEMO_DAY)  # fmt: skip
        employee = Employee.objects.get(pk=employee.pk)
        services.record_category(actor=inspector, employee=employee, category=category, decided_on=since,
                                 issued_by=ISSUER, decision_number=f"{number}-к", today=DEMO_DAY)  # fmt: skip
    commission = services.create_commission(
        actor=inspector, organisation_id=staff.organisation.pk, name="Аттестационная комиссия лицея",
        order_number="112-о", order_date=D(2026, 8, 28),
    )  # fmt: skip
    roles = (CommissionMember.Role.CHAIR, CommissionMember.Role.DEPUTY, CommissionMember.Role.SECRETARY,
             CommissionMember.Role.MEMBER, CommissionMember.Role.MEMBER)  # fmt: skip
    for role, member in zip(roles, teachers[-len(roles) :], strict=False):
        services.add_member(actor=inspector, commission=commission, full_name=member.full_name, position="учитель",
                            role=role, union_representative=role == CommissionMember.Role.MEMBER and member == teachers[-1])  # fmt: skip
