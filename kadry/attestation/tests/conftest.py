from __future__ import annotations

import datetime as dt

import pytest

from kadry.attestation import services
from kadry.attestation.models import Commission, CommissionMember
from kadry.testing.factories import AssignmentFactory, StaffingUnitFactory

D = dt.date


@pytest.fixture
def teaching(school):
    return StaffingUnitFactory(organisation=school, position__name="учитель математики", rates=10)


@pytest.fixture
def teacher(school, teaching):
    """In the post since 01.09.2015, no category, never attested: conformity due long ago."""
    return AssignmentFactory(
        employee__organisation=school, employee__last_name="Сидорова", staffing_unit=teaching, start=D(2015, 9, 1)
    ).employee


@pytest.fixture
def commission(school, hr_inspector):
    found = services.create_commission(
        actor=hr_inspector.user, organisation_id=school.pk, name="Аттестационная комиссия лицея",
        order_number="45-о", order_date=D(2026, 8, 28),
    )  # fmt: skip
    for name, role in (("Петрова Анна Андреевна", CommissionMember.Role.CHAIR),
                       ("Орлова Вера Ивановна", CommissionMember.Role.SECRETARY),
                       ("Зайцев Илья Петрович", CommissionMember.Role.MEMBER)):  # fmt: skip
        services.add_member(actor=hr_inspector.user, commission=found, full_name=name, position="учитель",
                            role=role, union_representative=False)  # fmt: skip
    return found


def make_schedule(hr, commission: Commission, employee, planned_on: dt.date):
    return services.create_schedule(
        actor=hr.user, organisation_id=commission.organisation_id, commission=commission, school_year=2026,
        order_number="50-о", order_date=D(2026, 9, 1), entries=[(employee, "учитель математики", planned_on)],
    )  # fmt: skip
