from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Position
from kadry.testing.factories import DepartmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory


@pytest.fixture
def units(school):
    maths = DepartmentFactory(organisation=school, name="МО учителей математики")
    return {
        "maths": StaffingUnitFactory(
            organisation=school,
            department=maths,
            rates=Decimal("2"),
            position=PositionFactory(organisation=school, name="учитель математики", pedagogical_service=True),
        ),
        "deputy": StaffingUnitFactory(
            organisation=school,
            department=DepartmentFactory(organisation=school, name="Администрация"),
            rates=Decimal("1"),
            position=PositionFactory(
                organisation=school,
                name="заместитель директора по учебно-воспитательной работе",
                category=Position.Category.MANAGEMENT,
            ),
        ),
    }


@pytest.fixture
def ivanova(school):
    return EmployeeFactory(
        organisation=school, last_name="Иванова", first_name="Мария", middle_name="Петровна", sex="F"
    )


HIRE = {
    "rate": Decimal("1"),
    "employment_kind": OrderItem.EmploymentKind.MAIN,
    "contract_term": OrderItem.ContractTerm.INDEFINITE,
    "contract_number": "15/26",
    "contract_date": dt.date(2026, 9, 1),
}


def make_order(persona: Any, kind: str, date: dt.date, *items: dict[str, Any]) -> Order:
    """Draft an order with ``items`` as ``persona`` (an HR inspector)."""
    order = services.create_draft(actor=persona.user, organisation_id=persona.organisation.pk, kind=kind, date=date)
    for data in items:
        services.save_item(actor=persona.user, order=order, data=data)
    return order
