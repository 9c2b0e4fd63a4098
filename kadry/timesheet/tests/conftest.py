"""A department of three for November 2026: a teacher with a leave, a secretary with sick leave and a
trip, an external part-timer at half a rate; helpers to grant leave through the leave service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kadry.absences.models import Absence
from kadry.leave import services as leave
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Position
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

D = dt.date


def grant(actor: Any, employee: Any, leave_kind: str, start: dt.date, days: int) -> None:
    """Record a leave as the signing of a leave order does (the order's own checks are the orders app's)."""
    order = orders.create_draft(
        actor=actor, organisation_id=employee.organisation_id, kind=Order.Kind.LEAVE, date=start
    )
    item = OrderItem.objects.create(
        organisation_id=employee.organisation_id, order=order, employee=employee, date=start
    )
    leave.grant_leave(actor=actor, employee=employee, order_item=item, leave_kind=leave_kind, start=start, days=days,
                      document="Приказ")  # fmt: skip


def worker(school: Any, department: Any, name: str, position: str, category: str, rate: str = "1",
           kind: str = "1_main") -> Any:  # fmt: skip
    person = EmployeeFactory(organisation=school, last_name=name)
    unit = StaffingUnitFactory(
        organisation=school, department=department, position__name=position, position__category=category
    )
    AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1), rate=Decimal(rate), kind=kind)
    return person


@pytest.fixture
def office(school: Any) -> Any:
    return DepartmentFactory(organisation=school, name="Административный отдел")


@pytest.fixture
def november(school: Any, office: Any, hr_inspector: Any) -> dict[str, Any]:
    teacher = worker(school, office, "Смирнова", "Учитель математики", Position.Category.PEDAGOGICAL)
    secretary = worker(school, office, "Козлова", "Секретарь", Position.Category.ADMINISTRATIVE)
    part_timer = worker(school, office, "Орлова", "Делопроизводитель", Position.Category.ADMINISTRATIVE, "0.5",
                        "3_external")  # fmt: skip
    # 5 days of annual leave from 2 November: 4 November inside extends it to the 7th (ТК ст. 120).
    grant(hr_inspector.user, teacher, "annual", D(2026, 11, 2), 5)
    Absence.objects.create(organisation=school, employee=secretary, kind=Absence.Kind.SICK, start=D(2026, 11, 10),
                           end=D(2026, 11, 12), sick_leave_number="910000000001", sick_reason="own_illness")  # fmt: skip
    Absence.objects.create(organisation=school, employee=secretary, kind=Absence.Kind.BUSINESS_TRIP,
                           start=D(2026, 11, 16), end=D(2026, 11, 18), destination="Москва")  # fmt: skip
    return {"teacher": teacher, "secretary": secretary, "part_timer": part_timer}
