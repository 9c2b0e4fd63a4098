"""Lifting a disciplinary sanction early by order (ТК РФ ст. 194 ч. 2): the check, signing, cancelling.

Hand-computed: a reprimand applied on 10.02.2026 (ст. 14: the year runs from 11.02.2026 and ends on
10.02.2027, the last day in force — rules.expiry_dates) lifted by the order of 01.06.2026 from that
day is in force on 31.05.2026 and not on 01.06.2026 (``lifted_on > on``). Without the lift it is in
force on 10.02.2027 and not on 11.02.2027.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.discipline import sanctions as discipline_sanctions
from kadry.discipline import services as discipline
from kadry.discipline.models import LiftInitiative, SanctionLift
from kadry.orders import services
from kadry.orders.forms import item_form_class
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import make_order
from kadry.orders.views.preview import item_text
from kadry.testing.factories import AssignmentFactory

D = dt.date
SANCTIONED_ON = dt.date(2026, 2, 10)
LIFTED_ON = dt.date(2026, 6, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(school):
    return AssignmentFactory(
        employee__organisation=school, employee__last_name="Сидорова", start=D(2020, 9, 1)
    ).employee


def _sanction(hr: Any, director: Any, employee: Any, date: dt.date = SANCTIONED_ON) -> OrderItem:
    # The misconduct of Wednesday 04.02.2026, explanation requested that day: its two working days
    # end on 06.02.2026, so a sanction may come from 07.02.2026; the month from the discovery ends 04.03.2026.
    committed = date - dt.timedelta(days=6)
    order = make_order(
        hr, Order.Kind.SANCTION, date,
        {"employee": employee, "date": date, "sanction_kind": OrderItem.SanctionKind.REPRIMAND,
         "misconduct": "опоздание на урок", "misconduct_date": committed, "misconduct_discovered_on": committed,
         "explanation_requested_on": committed},
    )  # fmt: skip
    services.sign_order(actor=director.user, order=order)
    return OrderItem.objects.select_related("order__journal").get(order_id=order.pk)  # the order as signed, numbered


def _lift(hr: Any, employee: Any, sanction_item: OrderItem, date: dt.date = LIFTED_ON, **changes: Any) -> Order:
    item = {"employee": employee, "date": date, "lifted_sanction": sanction_item,
            "lift_initiative": LiftInitiative.EMPLOYEE, "basis": "заявление работника от 25.05.2026", **changes}  # fmt: skip
    return make_order(hr, Order.Kind.SANCTION_LIFT, date, item)


def _in_force(employee: Any, day: dt.date) -> list[int]:
    return [row.sanction.order_item_id for row in discipline_sanctions.sanctions_in_force(employee, day)]


def _refusal(director: Any, order: Order) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)
    return refused.value.message_dict


def test_without_a_lift_the_sanction_is_in_force_for_a_year(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)

    assert _in_force(teacher, D(2027, 2, 10)) == [sanction.pk]
    assert _in_force(teacher, D(2027, 2, 11)) == []


def test_signing_the_lift_ends_the_sanction_from_its_date_and_cancelling_restores_it(
    hr_inspector, director, teacher
) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    order = _lift(hr_inspector, teacher, sanction)
    assert services.check_order(order) == []

    services.sign_order(actor=director.user, order=order)

    lift = SanctionLift.objects.get()
    assert (lift.lifted_on, lift.initiative, lift.order_item) == (D(2026, 6, 1), "employee", order.items.get())
    assert _in_force(teacher, D(2026, 5, 31)) == [sanction.pk]
    assert _in_force(teacher, D(2026, 6, 1)) == []
    # The repeated-violation ground (ТК РФ ст. 81 ч. 1 п. 5) sees no sanction in force any more.
    assert discipline.NO_SANCTION in discipline.dismissal_warnings(
        employee=teacher, order_date=D(2026, 6, 15), ground="81-1-5"
    )

    cancellation = services.create_draft(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, kind=Order.Kind.CANCELLATION,
        date=D(2026, 6, 10), cancels=order,
    )  # fmt: skip
    services.sign_order(actor=director.user, order=cancellation)

    assert not SanctionLift.objects.exists()
    assert _in_force(teacher, D(2026, 6, 1)) == [sanction.pk]
    assert discipline.NO_SANCTION not in discipline.dismissal_warnings(
        employee=teacher, order_date=D(2026, 6, 15), ground="81-1-5"
    )


def test_an_expired_sanction_cannot_be_lifted(hr_inspector, director, teacher) -> None:
    # Applied 10.02.2025: its last day in force was 10.02.2026 (ст. 194 ч. 1); a lift of 01.06.2026 is refused.
    sanction = _sanction(hr_inspector, director, teacher, D(2025, 2, 10))
    order = _lift(hr_inspector, teacher, sanction)

    message = _refusal(director, order)["items.0.lifted_sanction"][0]

    assert "взыскание уже не действует" in message
    assert "(последний день его действия — 10.02.2026, ТК РФ ст. 194 ч. 1)" in message
    assert not SanctionLift.objects.exists()


def test_a_sanction_lifted_already_cannot_be_lifted_again(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    services.sign_order(actor=director.user, order=_lift(hr_inspector, teacher, sanction))
    again = _lift(hr_inspector, teacher, sanction, D(2026, 7, 1))

    assert _refusal(director, again)["items.0.lifted_sanction"] == [
        f"{teacher.short_name}: Взыскание уже снято с 01.06.2026."
    ]


def test_the_lift_is_dated_not_before_the_order(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    order = make_order(
        hr_inspector, Order.Kind.SANCTION_LIFT, D(2026, 6, 1),
        {"employee": teacher, "date": D(2026, 5, 20), "lifted_sanction": sanction,
         "lift_initiative": LiftInitiative.MANAGER, "basis": "ходатайство заместителя директора"},
    )  # fmt: skip

    assert "не раньше даты приказа (01.06.2026)" in _refusal(director, order)["items.0.date"][0]


def test_the_form_refuses_another_employees_sanction(hr_inspector, director, school, teacher) -> None:
    other = AssignmentFactory(employee__organisation=school, employee__last_name="Петров", start=D(2020, 9, 1))
    sanction = _sanction(hr_inspector, director, other.employee)
    form = item_form_class(Order.Kind.SANCTION_LIFT)(
        {"employee": teacher.pk, "date": "2026-06-01", "lifted_sanction": sanction.pk,
         "lift_initiative": "employer", "basis": "служебная записка"},
        organisation_id=school.pk,
    )  # fmt: skip

    assert not form.is_valid()
    assert form.errors["lifted_sanction"] == ["Это взыскание другого сотрудника."]


def test_the_preview_names_the_sanction_and_the_initiative(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    order = _lift(hr_inspector, teacher, sanction)

    text = item_text(order, order.items.select_related("lifted_sanction__order__journal", "employee").get())

    assert sanction.order.display_number == "1-к"
    assert "выговор, объявленное приказом от 10 февраля 2026 г. № 1-к досрочно с 1 июня 2026 г." in text
    assert "по просьбе работника" in text
    assert "ст. 194 ч. 2" in text


def test_the_lift_goes_through_the_api_and_the_sanctions_answer_honours_it(
    hr_inspector,
    director,
    teacher,
    api_as,  # noqa: F811
) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    item = {"employee": teacher.pk, "date": "2026-06-01", "lifted_sanction": sanction.pk,
            "lift_initiative": "representative", "basis": "ходатайство профкома от 20.05.2026"}  # fmt: skip
    wrong = api_as(hr_inspector).post(
        "/orders", {"kind": "sanction_lift", "date": "2026-06-01", "items": [{**item, "lift_initiative": "boss"}]}
    )
    assert (wrong.status_code, list(wrong.json()["errors"])) == (422, ["items.0.lift_initiative"])
    created = api_as(hr_inspector).post("/orders", {"kind": "sanction_lift", "date": "2026-06-01", "items": [item]})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["items"][0]["lifted_sanction"], body["items"][0]["lift_initiative"]) == (sanction.pk, "representative")
    assert api_as(hr_inspector).post(f"/orders/{body['id']}/submit").status_code == 200
    assert api_as(director).post(f"/orders/{body['id']}/sign").status_code == 200

    before = api_as(hr_inspector).get(f"/employees/{teacher.pk}/sanctions", on="2026-05-31").json()
    after = api_as(hr_inspector).get(f"/employees/{teacher.pk}/sanctions", on="2026-06-01").json()

    assert [row["order_item"] for row in before["sanctions"]] == [sanction.pk]
    assert after["sanctions"] == []


def test_an_expired_sanction_answers_422_at_the_check(hr_inspector, teacher, director, api_as) -> None:  # noqa: F811
    sanction = _sanction(hr_inspector, director, teacher, D(2025, 2, 10))
    order = _lift(hr_inspector, teacher, sanction)

    response = api_as(hr_inspector).post(f"/orders/{order.pk}/submit")

    assert response.status_code == 422
    assert "уже не действует" in response.json()["errors"]["items.0.lifted_sanction"][0]


@time_machine.travel(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC))
def test_the_card_tab_no_longer_shows_the_sanction_lifted(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    url = reverse("employee_card_tab", args=[teacher.pk, "sanctions"])
    assert "выговор" in hr_inspector.client.get(url).content.decode()

    services.sign_order(actor=director.user, order=_lift(hr_inspector, teacher, sanction))

    assert "Действующих дисциплинарных взысканий нет." in hr_inspector.client.get(url).content.decode()


@time_machine.travel(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC))
def test_the_case_page_drafts_the_lift_once_and_then_shows_the_sanction_lifted(hr_inspector, director, teacher) -> None:
    case = discipline.open_violation(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, employee=teacher,
        committed_on=D(2026, 2, 4), description="опоздание на урок", discovered_by="завуч", discovered_on=D(2026, 2, 4),
        today=D(2026, 2, 4),
    )  # fmt: skip
    sanction = _sanction(hr_inspector, director, teacher)
    page_url = reverse("discipline:detail", args=[case.pk])
    lift_url = reverse("orders:lift_sanction", args=[sanction.pk])
    page = hr_inspector.client.get(page_url).content.decode()
    assert "Снять взыскание досрочно" in page and lift_url in page

    first = hr_inspector.client.post(lift_url)
    again = hr_inspector.client.post(lift_url)

    order = Order.objects.get(kind=Order.Kind.SANCTION_LIFT)
    assert first["Location"] == again["Location"] == reverse("orders:detail", args=[order.pk])
    item = order.items.get()
    assert (item.employee, item.date, item.lifted_sanction, item.lift_initiative) == (
        teacher, D(2026, 7, 1), sanction, "employer"
    )  # fmt: skip
    # The basis is left to the inspector: the check asks for it.
    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)
    assert "items.0.basis" in refused.value.message_dict

    item.basis = "служебная записка от 30.06.2026"
    item.save(update_fields=["basis"])
    services.sign_order(actor=director.user, order=order)

    page = hr_inspector.client.get(page_url).content.decode()
    assert "снято досрочно с 01.07.2026, по инициативе работодателя" in page
    assert "Снять взыскание досрочно" not in page


def test_the_lift_of_another_schools_sanction_is_404(hr_inspector, director, outsider, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)

    assert outsider.client.post(reverse("orders:lift_sanction", args=[sanction.pk])).status_code == 404
    assert not Order.objects.filter(kind=Order.Kind.SANCTION_LIFT).exists()


def test_the_draft_page_and_the_item_form_offer_the_employees_sanctions(hr_inspector, director, teacher) -> None:
    sanction = _sanction(hr_inspector, director, teacher)
    order = _lift(hr_inspector, teacher, sanction)

    page = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    form = hr_inspector.client.get(reverse("orders:item_add", args=[order.pk])).content.decode()
    wizard = hr_inspector.client.get(reverse("orders:new")).content.decode()

    assert "Снять с Сидоровой" in page and "по просьбе работника" in page
    assert f"выговор от 10.02.2026, приказ № {sanction.order.display_number} — {teacher.short_name}" in form
    assert "Взыскание снимается с" in form and "по ходатайству представительного органа работников" in form
    assert "Снятие взыскания" in wizard
