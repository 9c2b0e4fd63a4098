from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.models import MilitaryRecord, Position
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory

D = dt.date
ON = D(2026, 12, 3)


def card(employee: Any, **fields: Any) -> MilitaryRecord:
    values = {"commissariat": "Военный комиссариат г. Тулы", **fields}
    return MilitaryRecord.objects.create(organisation=employee.organisation, employee=employee, **values)


@pytest.fixture
def staff(school) -> dict[str, Any]:
    """Working on 03.12.2026: two liable in the reserve (one an officer, reserved), a conscript without section II,
    a woman without a military specialty (not liable), a soldier past his limit; an external part-timer and a
    dismissed man are not counted at all."""
    teaching = StaffingUnitFactory(
        organisation=school, position__name="учитель", position__category=Position.Category.PEDAGOGICAL
    )
    service = StaffingUnitFactory(
        organisation=school, position__name="дворник", position__category=Position.Category.SERVICE
    )
    head = StaffingUnitFactory(
        organisation=school, position__name="директор", position__category=Position.Category.MANAGEMENT
    )

    def works(unit, last_name, sex, birth, **assignment):
        return AssignmentFactory(
            employee__organisation=school,
            employee__last_name=last_name,
            employee__sex=sex,
            employee__birth_date=birth,
            staffing_unit=unit,
            **assignment,
        ).employee

    people = {
        "soldier": works(teaching, "Рядовой", "M", D(1990, 2, 1)),
        "officer": works(head, "Офицеров", "M", D(1980, 2, 1)),
        "conscript": works(service, "Призывников", "M", D(2001, 2, 1)),
        "woman": works(teaching, "Учителева", "F", D(1990, 2, 1)),
        "old": works(service, "Отставной", "M", D(1970, 2, 1)),
        "external": works(teaching, "Совместителев", "M", D(1990, 2, 1), kind="3_external"),
        "dismissed": works(teaching, "Уволенный", "M", D(1990, 2, 1), end=D(2026, 6, 30)),
    }  # fmt: skip
    card(people["soldier"], rank="рядовой", reserve_category="1", composition="солдаты", specialty_code="100182",
         fitness="А")  # fmt: skip
    card(people["officer"], rank="капитан", reserve_category="1", composition="командный", specialty_code="021101",
         fitness="Б", special_registration="удостоверение № 7")  # fmt: skip
    card(people["old"], rank="сержант", reserve_category="2")  # 56 in 2026, past the limit of 55/53
    for person in ("external", "dismissed"):
        card(people[person], rank="рядовой", reserve_category="1")
    return people


def hire(hr: Any, director: Any, school: Any, last_name: str, sex: str, birth: dt.date, day: dt.date) -> Any:
    """Hire a new employee by a signed order of ``day``; return the employee."""
    person = EmployeeFactory(organisation=school, last_name=last_name, sex=sex, birth_date=birth)
    unit = StaffingUnitFactory(organisation=school)
    order = make_order(hr, Order.Kind.HIRE, day,
                       {"employee": person, "date": day, "staffing_unit": unit, **HIRE, "contract_date": day})  # fmt: skip
    orders.sign_order(actor=director.user, order=order)
    return person
