"""The «на подпись» step: the inspector sends a checked draft, the director signs or returns it with a comment."""

from __future__ import annotations

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse

from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.testing.factories import EmployeeFactory

SEPTEMBER_1 = dt.date(2026, 9, 1)


def _hire(persona, unit, employee, **item) -> Order:
    return make_order(
        persona,
        Order.Kind.HIRE,
        SEPTEMBER_1,
        {**HIRE, "employee": employee, "date": SEPTEMBER_1, "staffing_unit": unit, **item},
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_draft_reaches_the_queue_only_when_sent_and_the_queue_shows_its_check(
    hr_inspector, director, units, school
) -> None:
    teenager = EmployeeFactory(organisation=school, last_name="Юная", birth_date=dt.date(2010, 12, 1))
    order = _hire(hr_inspector, units["deputy"], teenager)
    assert order.pk not in [row[0].pk for row in director.client.get(reverse("orders:queue")).context["rows"]]

    response = hr_inspector.client.post(reverse("orders:submit", args=[order.pk]))

    assert response.status_code == 302 and _messages(response) == ["Проект отправлен директору на подпись."]
    order.refresh_from_db()
    assert (order.status, order.submitted_by) == (Order.Status.SUBMITTED, hr_inspector.user)
    queue = director.client.get(reverse("orders:queue")).content.decode()
    assert "Проверка пройдена при отправке" in queue
    assert "Предупреждение: Юная М. П.: На дату начала работы сотруднику 15 лет" in queue


def test_a_draft_failing_the_check_is_not_sent(hr_inspector, director, units, ivanova) -> None:
    order = _hire(hr_inspector, units["maths"], ivanova, contract_number="")

    response = hr_inspector.client.post(reverse("orders:submit", args=[order.pk]))

    assert response.status_code == 400
    assert response.context["rows"][0].problems == ["Номер трудового договора: Укажите номер трудового договора."]
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT
    assert director.client.get(reverse("orders:queue")).context["rows"] == []


def test_the_director_cannot_sign_a_draft_not_sent(hr_inspector, director, units, ivanova) -> None:
    order = _hire(hr_inspector, units["maths"], ivanova)

    page = director.client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    response = director.client.post(reverse("orders:sign", args=[order.pk]))

    assert reverse("orders:sign", args=[order.pk]) not in page
    assert _messages(response) == [services.NOT_SUBMITTED]
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT


def test_the_director_returns_a_draft_from_the_queue_and_the_inspector_reads_why(
    hr_inspector, director, units, ivanova
) -> None:
    order = services.submit_order(actor=hr_inspector.user, order=_hire(hr_inspector, units["maths"], ivanova))

    empty = director.client.post(reverse("orders:return", args=[order.pk]), {f"comment-{order.pk}": ""})
    assert _messages(empty) == ["Проект не возвращён: Напишите, что нужно исправить."]
    response = director.client.post(
        reverse("orders:return", args=[order.pk]), {f"comment-{order.pk}": "Уточните номер договора"}
    )

    assert response["Location"] == reverse("orders:queue")
    order.refresh_from_db()
    assert (order.status, order.return_comment, order.returned_by) == (
        Order.Status.DRAFT,
        "Уточните номер договора",
        director.user,
    )
    page = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert "Возвращён директором на доработку" in page and "Уточните номер договора" in page
    # Sent again, the comment is answered and goes.
    services.submit_order(actor=hr_inspector.user, order=order)
    assert Order.objects.get(pk=order.pk).return_comment == ""


def test_changing_a_sent_draft_takes_it_back_from_the_director(hr_inspector, director, units, ivanova) -> None:
    order = services.submit_order(actor=hr_inspector.user, order=_hire(hr_inspector, units["maths"], ivanova))

    services.save_item(actor=hr_inspector.user, order=order, item=order.items.get(), data={"contract_number": "16/26"})

    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT
    assert director.client.get(reverse("orders:queue")).context["rows"] == []
