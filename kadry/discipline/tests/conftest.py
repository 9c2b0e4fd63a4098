from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kadry.discipline import services
from kadry.discipline.models import Violation
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import make_order
from kadry.testing.factories import AssignmentFactory

D = dt.date


@pytest.fixture
def teacher(school):
    return AssignmentFactory(
        employee__organisation=school, employee__last_name="Сидорова", start=D(2020, 9, 1)
    ).employee


def open_case(persona: Any, employee: Any, day: dt.date, **fields: Any) -> Violation:
    values = {
        "committed_on": day, "description": "опоздание на урок на 20 минут", "discovered_by": "завуч Петрова А. А.",
        "discovered_on": day, "today": day, **fields,
    }  # fmt: skip
    return services.open_violation(
        actor=persona.user, organisation_id=employee.organisation_id, employee=employee, **values
    )


def sign_sanction(hr: Any, director: Any, employee: Any, date: dt.date, committed_on: dt.date) -> Order:
    """Sign a reprimand of ``employee`` dated ``date`` for the misconduct of ``committed_on`` (explained next day)."""
    order = make_order(
        hr, Order.Kind.SANCTION, date,
        {"employee": employee, "date": date, "sanction_kind": OrderItem.SanctionKind.REPRIMAND,
         "misconduct": f"опоздание {committed_on:%d.%m.%Y}", "misconduct_date": committed_on,
         "misconduct_discovered_on": committed_on, "explanation_requested_on": committed_on},
    )  # fmt: skip
    return orders.sign_order(actor=director.user, order=order)
