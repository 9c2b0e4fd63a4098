"""November 2026 in a school of seven: a hire mid-month, a hire on a Saturday, a dismissal at own will,
a childcare leave, an external part-timer, a main job with an internal part-time one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kadry.employment.models import WorkRecordEvent
from kadry.leave import services as leave
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Employee, Position
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory

D = dt.date


def order_item(actor: Any, employee: Employee, kind: str, date: dt.date) -> OrderItem:
    order = orders.create_draft(actor=actor, organisation_id=employee.organisation_id, kind=kind, date=date)
    return OrderItem.objects.create(organisation_id=employee.organisation_id, order=order, employee=employee, date=date)


def childcare(actor: Any, employee: Employee, start: dt.date, days: int) -> None:
    """Record a childcare leave as the signing of a leave order does."""
    item = order_item(actor, employee, Order.Kind.LEAVE, start)
    leave.grant_leave(actor=actor, employee=employee, order_item=item, leave_kind="childcare", start=start,
                      days=days, document="Приказ")  # fmt: skip


def dismissal_event(actor: Any, employee: Employee, date: dt.date, article: str, part: str, item: str) -> None:
    """Record the ЕФС-1 event a signed dismissal order leaves (the ground as the order worded it)."""
    WorkRecordEvent.objects.create(
        organisation_id=employee.organisation_id, employee=employee, kind=WorkRecordEvent.Kind.DISMISSAL, date=date,
        position="Учитель", ground_article=article, ground_part=part, ground_item=item,
        ground_wording="Трудовой договор расторгнут по инициативе работника, пункт 3 части первой статьи 77",
        document_date=date, document_number="1-к", deadline=date,
        order_item=order_item(actor, employee, Order.Kind.DISMISSAL, date),
    )  # fmt: skip


@pytest.fixture
def november(school: Any, hr_inspector: Any) -> dict[str, Employee]:
    teacher = StaffingUnitFactory(
        organisation=school, position__name="Учитель", position__category=Position.Category.PEDAGOGICAL,
        position__pedagogical_service=True, rates=Decimal("10"), department__name="Начальная школа",
    )  # fmt: skip
    service = StaffingUnitFactory(
        organisation=school, position__name="Гардеробщик", position__category=Position.Category.SERVICE,
        rates=Decimal("3"), department__name="Хозяйственная часть",
    )  # fmt: skip
    people = {}
    for name, start, end, sex in (
        ("Алексеева", D(2020, 9, 1), None, Employee.Sex.FEMALE),
        ("Борисов", D(2026, 11, 16), None, Employee.Sex.MALE),
        ("Васильева", D(2026, 11, 14), None, Employee.Sex.FEMALE),
        ("Григорьева", D(2020, 9, 1), D(2026, 11, 20), Employee.Sex.FEMALE),
        ("Денисова", D(2020, 9, 1), None, Employee.Sex.FEMALE),
        ("Жукова", D(2020, 9, 1), None, Employee.Sex.FEMALE),
    ):
        person = EmployeeFactory(organisation=school, last_name=name, sex=sex)
        AssignmentFactory(employee=person, staffing_unit=teacher, start=start, end=end)
        people[name] = person
    external = EmployeeFactory(organisation=school, last_name="Егорова")
    AssignmentFactory(employee=external, staffing_unit=service, start=D(2020, 9, 1), kind="3_external",
                      rate=Decimal("0.5"))  # fmt: skip
    people["Егорова"] = external
    AssignmentFactory(employee=people["Жукова"], staffing_unit=service, start=D(2021, 9, 1), kind="2_internal",
                      rate=Decimal("0.5"))  # fmt: skip
    dismissal_event(hr_inspector.user, people["Григорьева"], D(2026, 11, 20), "77", "1", "3")
    childcare(hr_inspector.user, people["Денисова"], D(2026, 11, 11), 540)
    return people
