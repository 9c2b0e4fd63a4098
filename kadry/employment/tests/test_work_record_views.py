"""One employee's work record (page and XLSX) and the «Хронология» tab of the personal card."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry, Membership
from kadry.employment.tests import work_record_helpers as h
from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order

Role = Membership.Role
D = dt.date
unit = h.unit
pytestmark = pytest.mark.urls(h.URLS)


@pytest.fixture
def anna(school, hr_inspector, director, unit):
    """Hired on 1 September, dismissed on 30 September, the dismissal cancelled on 2 October 2026."""
    person = h.person(school, 1, last_name="Петрова", work_book="electronic", work_book_chosen_on=D(2026, 9, 1))
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), person)
    dismissal = h.dismiss(hr_inspector, director, D(2026, 9, 30), person)
    h.cancel(hr_inspector, director, D(2026, 10, 2), dismissal)
    return person


@pytest.mark.django_db
def test_work_record_shows_entries_and_strikes_out_the_invalidated_one(hr_inspector, anna) -> None:
    response = hr_inspector.client.get(reverse("work_record", args=[anna.pk]))

    assert response.status_code == 200
    assert [(e.number, e.kind) for e in response.context["entries"]] == [
        (1, "hire"),
        (2, "dismissal"),
        (3, "invalidation"),
    ]
    body = response.content.decode()
    assert "<s>Трудовой договор расторгнут по инициативе работника" in body
    assert "недействительна — запись № 3" in body
    assert "Запись за номером 2 недействительна" in body
    assert "<s>Принята на должность" not in body
    assert "Трудовая книжка: <b>электронная</b>" in body and "01.09.2026" in body
    assert body.count("отмена") == 1  # the cancelled dismissal among the ЕФС-1 events


@pytest.mark.django_db
def test_opening_the_work_record_is_logged(director, anna) -> None:
    director.client.get(reverse("work_record", args=[anna.pk]), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert (entry.subject_id, entry.what, entry.actor, entry.ip_address) == (
        anna.pk,
        "Сведения о трудовой деятельности",
        director.user,
        "10.1.2.3",
    )


@pytest.mark.django_db
def test_xlsx_holds_the_entries_with_the_invalidation_note(auditor, anna) -> None:
    response = auditor.client.get(reverse("work_record_xlsx", args=[anna.pk]))

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("№ записи", "Дата", "Сведения о работе", "Наименование, дата и номер документа", "Отметка")
    assert [row[:2] for row in rows[1:]] == [(1, "01.09.2026"), (2, "30.09.2026"), (3, "02.10.2026")]
    assert rows[2][4] == "Недействительна (запись № 3)"
    assert rows[1][4] in ("", None)
    assert AccessLogEntry.objects.get().what == "Сведения о трудовой деятельности (XLSX)"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CLASS_TEACHER, Role.DEPUTY_DIRECTOR, Role.TEACHER, Role.ADMINISTRATOR])
def test_roles_without_personal_data_get_404_and_nothing_is_logged(personas, role, anna) -> None:
    client = personas[role].client

    assert client.get(reverse("work_record", args=[anna.pk])).status_code == 404
    assert client.get(reverse("work_record_xlsx", args=[anna.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_outsider_gets_404_for_an_employee_of_another_school(outsider, anna) -> None:
    assert outsider.client.get(reverse("work_record", args=[anna.pk])).status_code == 404
    assert outsider.client.get(reverse("work_record_xlsx", args=[anna.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("awards", [0, 19])
def test_work_record_costs_the_same_queries_with_few_or_many_entries(
    hr_inspector, director, anna, awards, django_assert_max_num_queries
) -> None:
    for n in range(awards):
        item = {"employee": anna, "date": D(2026, 10, 5), "award": f"Почётная грамота № {n}"}
        services.sign_order(actor=director.user, order=make_order(hr_inspector, Order.Kind.AWARD, D(2026, 10, 5), item))

    # session, user, membership, employee, entries, events, access-log insert (+ savepoint)
    with django_assert_max_num_queries(8):
        response = hr_inspector.client.get(reverse("work_record", args=[anna.pk]))

    assert len(response.context["entries"]) == 3 + awards


@pytest.mark.django_db
def test_card_timeline_lists_orders_assignments_and_entries_newest_first(hr_inspector, anna) -> None:
    response = hr_inspector.client.get(reverse("employee_card_tab", args=[anna.pk, "timeline"]))

    timeline = [(date, kind, struck) for date, kind, _row, struck in response.context["timeline"]]
    assert timeline == [
        (D(2026, 10, 2), "entry", False),  # «Запись за номером 2 недействительна»
        (D(2026, 9, 30), "order", True),  # the cancelled dismissal
        (D(2026, 9, 30), "entry", True),
        (D(2026, 9, 1), "order", False),
        (D(2026, 9, 1), "assignment", False),
        (D(2026, 9, 1), "entry", False),
    ]
    body = response.content.decode()
    assert "Хронология" in body
    orders = [row.order for _date, kind, row, _struck in response.context["timeline"] if kind == "order"]
    assert f'href="/orders/{orders[0].pk}/"' in body
    assert "отменён" in body and "О прекращении трудового договора" in body
    assert f'href="{reverse("work_record", args=[anna.pk])}"' in body
