"""Signed orders for the work-record tests: hire, dismiss, cancel, through the orders services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kadry.employment.models import WorkRecordEvent
from kadry.lib.identifiers import snils_check_digits
from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.models import Employee
from kadry.testing.factories import DepartmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory

URLS = "kadry.employment.tests.work_record_test_urls"
D = dt.date


def snils(number: int) -> str:
    """Return a valid СНИЛС for ``number`` (above the unchecked range of the oldest numbers)."""
    digits = f"{2_000_000 + number:09d}"
    check = snils_check_digits(digits)
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {check:02d}"


@pytest.fixture
def unit(school):
    """A staffing unit of 50 rates: room for every hire of a test."""
    return StaffingUnitFactory(
        organisation=school,
        rates=Decimal("50"),
        department=DepartmentFactory(organisation=school, name="МО учителей математики"),
        position=PositionFactory(organisation=school, name="учитель математики"),
    )


def person(school: Any, number: int = 1, **fields: Any) -> Employee:
    defaults = {"snils": snils(number), "last_name": f"Петрова{number:02d}", "first_name": "Анна", "sex": "F"}
    return EmployeeFactory(organisation=school, **{**defaults, **fields})


def hire(hr: Any, director: Any, unit: Any, day: dt.date, *people: Employee, part_time: bool = False) -> Order:
    kind = "3_external" if part_time else "1_main"
    items = [{"employee": p, "date": day, "staffing_unit": unit, **HIRE, "employment_kind": kind} for p in people]
    order = make_order(hr, Order.Kind.HIRE, day, *items)
    return services.sign_order(actor=director.user, order=order)


def dismiss(hr: Any, director: Any, day: dt.date, person: Employee, ground: str = "77-1-3") -> Order:
    # A statement of two weeks before (ТК РФ ст. 80), so a dismissal at the employee's request passes the check.
    statement = day - dt.timedelta(days=14)
    item = {
        "employee": person,
        "date": day,
        "dismissal_ground": ground,
        "basis": "заявление",
        "statement_date": statement,
    }
    return services.sign_order(actor=director.user, order=make_order(hr, Order.Kind.DISMISSAL, day, item))


def cancel(hr: Any, director: Any, day: dt.date, order: Order) -> Order:
    cancellation = services.create_draft(
        actor=hr.user, organisation_id=hr.organisation.pk, kind=Order.Kind.CANCELLATION, date=day, cancels=order
    )
    return services.sign_order(actor=director.user, order=cancellation)


def events_of(person: Employee) -> list[WorkRecordEvent]:
    return list(WorkRecordEvent.objects.filter(employee=person).order_by("id"))
