"""Dismissal at the employee's request (ТК РФ ст. 80): two weeks from the statement unless agreed earlier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.employment.hiring_rules import earliest_resignation_date, resignation_errors
from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order

D = dt.date


@pytest.mark.parametrize(
    ("statement", "earliest"),
    [
        # The term starts the day after the statement (ТК ст. 14) and lasts 14 days.
        (D(2026, 11, 6), D(2026, 11, 20)),
        (D(2026, 12, 25), D(2027, 1, 8)),
        (D(2028, 2, 20), D(2028, 3, 5)),  # a leap year: 29 February counts
    ],
)
def test_the_earliest_last_day_is_two_weeks_after_the_statement(statement, earliest) -> None:
    assert earliest_resignation_date(statement) == earliest


def test_an_earlier_date_needs_the_agreement_of_the_parties() -> None:
    early = resignation_errors(statement_date=D(2026, 11, 6), dismissal_date=D(2026, 11, 19), by_agreement=False)
    assert list(early) == ["date"] and "не ранее 20.11.2026" in early["date"]
    assert resignation_errors(statement_date=D(2026, 11, 6), dismissal_date=D(2026, 11, 19), by_agreement=True) == {}
    assert resignation_errors(statement_date=D(2026, 11, 6), dismissal_date=D(2026, 11, 20), by_agreement=False) == {}
    assert list(resignation_errors(statement_date=None, dismissal_date=D(2026, 11, 20), by_agreement=False)) == [
        "statement_date"
    ]


@pytest.fixture
def working(hr_inspector, director, units, ivanova):
    hire = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {**HIRE, "employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"]},
    )
    services.sign_order(actor=director.user, order=hire)
    return ivanova


def _dismissal_form(persona, order, **data):
    fields = {"employee": data.pop("employee").pk, "dismissal_ground": "77-1-3", "basis": "заявление", **data}
    return persona.client.post(reverse("orders:item_add", args=[order.pk]), fields)


def test_the_form_refuses_a_resignation_before_two_weeks_on_the_date_field(hr_inspector, working) -> None:
    order = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 11, 19))

    missing = _dismissal_form(hr_inspector, order, employee=working, date="2026-11-19")
    early = _dismissal_form(hr_inspector, order, employee=working, date="2026-11-19", statement_date="2026-11-06")
    agreed = _dismissal_form(
        hr_inspector, order, employee=working, date="2026-11-19", statement_date="2026-11-06", by_agreement="on"
    )

    assert missing.status_code == 400
    assert missing.context["form"].errors == {
        "statement_date": ["Укажите дату заявления работника об увольнении (ТК РФ ст. 80)."]
    }
    assert early.status_code == 400 and list(early.context["form"].errors) == ["date"]
    assert "не ранее 20.11.2026" in early.context["form"].errors["date"][0]
    assert agreed.status_code == 302
    item = order.items.get()
    assert (item.statement_date, item.by_agreement) == (D(2026, 11, 6), True)


def test_signing_refuses_an_early_resignation_written_past_the_form(hr_inspector, director, working) -> None:
    item = {"employee": working, "date": D(2026, 11, 19), "dismissal_ground": "77-1-3", "basis": "заявление"}
    order = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 11, 19), {**item, "statement_date": D(2026, 11, 6)})

    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)

    assert list(refused.value.message_dict) == ["items.0.date"]


def test_other_grounds_need_no_statement(hr_inspector, director, working) -> None:
    item = {"employee": working, "date": D(2026, 11, 19), "dismissal_ground": "77-1-1", "basis": "соглашение"}
    order = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 11, 19), item)

    assert services.sign_order(actor=director.user, order=order).status == Order.Status.SIGNED
