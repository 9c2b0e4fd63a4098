"""The employee picker of the order wizard: it offers who fits the kind, searches as one types, and the
form refuses a choice that does not fit with a message on the field."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry
from kadry.orders.fields import PICKER_LIMIT
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import make_order
from kadry.testing.factories import AssignmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
D = dt.date
HIRE_FORM = {
    "date": "2026-09-01",
    "rate": "1",
    "employment_kind": "1_main",
    "contract_term": "indefinite",
    "contract_number": "15/26",
    "contract_date": "2026-09-01",
}


@pytest.fixture
def people(school):
    """Иванова works (since 2020), Петрова was dismissed in 2025, Сидорова was never hired."""
    return {
        "working": AssignmentFactory(
            employee__organisation=school, employee__last_name="Иванова", employee__first_name="Мария",
            employee__personnel_number="117",
        ).employee,
        "dismissed": AssignmentFactory(
            employee__organisation=school, employee__last_name="Петрова", employee__first_name="Анна",
            employee__personnel_number="118", end=D(2025, 6, 30),
        ).employee,
        "new": EmployeeFactory(organisation=school, last_name="Сидорова", first_name="Ольга", personnel_number=""),
    }  # fmt: skip


def _offered(response) -> list[str]:
    """Return the surnames the employee select offers (the empty choice left out)."""
    select = re.search(r'<select name="employee".*?</select>', response.content.decode(), re.S)
    assert select, "no employee select"
    labels = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select[0])
    return [label.split()[0] for _pk, label in labels]


def test_a_hire_offers_those_not_working_and_a_dismissal_those_working(hr_inspector, people) -> None:
    hire = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    dismissal = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 9, 1))
    award = make_order(hr_inspector, Order.Kind.AWARD, D(2026, 9, 1))

    assert _offered(hr_inspector.client.get(reverse("orders:detail", args=[hire.pk]))) == ["Петрова", "Сидорова"]
    assert _offered(hr_inspector.client.get(reverse("orders:detail", args=[dismissal.pk]))) == ["Иванова"]
    assert _offered(hr_inspector.client.get(reverse("orders:item_add", args=[award.pk]))) == ["Иванова"]
    page = hr_inspector.client.get(reverse("orders:detail", args=[hire.pk])).content.decode()
    assert f'hx-get="{reverse("orders:employee_search", args=[hire.pk])}"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [("петрова", ["Петрова"]), ("анна", ["Петрова"]), ("11", ["Петрова"]), ("сид ол", ["Сидорова"]), ("иван", [])],
)
def test_search_finds_fitting_employees_by_surname_name_or_personnel_number(
    hr_inspector, people, query, expected
) -> None:
    hire = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))

    response = hr_inspector.client.get(
        reverse("orders:employee_search", args=[hire.pk]), {"q": query, "date": "2026-09-01"}
    )

    assert response.status_code == 200
    assert _offered(response) == expected  # Иванова works: a hire never offers her
    if not expected:
        assert "— никого не нашлось —" in response.content.decode()


def test_search_of_a_transfer_offers_the_working_on_the_items_date_and_is_logged(hr_inspector, people) -> None:
    transfer = make_order(hr_inspector, Order.Kind.TRANSFER, D(2026, 9, 1))
    url = reverse("orders:employee_search", args=[transfer.pk])

    now = hr_inspector.client.get(url, {"q": "", "date": "2026-09-01"})
    then = hr_inspector.client.get(url, {"q": "", "date": "2024-09-01"})

    assert _offered(now) == ["Иванова"]
    assert _offered(then) == ["Иванова", "Петрова"]  # Петрова still worked then
    entries = AccessLogEntry.objects.filter(actor=hr_inspector.user, subject_id=transfer.pk)
    assert [entry.what for entry in entries.order_by("id")] == [
        "Поиск сотрудника для приказа: «», показано 1",
        "Поиск сотрудника для приказа: «», показано 2",
    ]


def test_search_keeps_the_chosen_employee_selected_and_an_internal_part_time_hire_offers_the_working(
    hr_inspector, people
) -> None:
    hire = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    params = {"q": "", "date": "2026-09-01", "employment_kind": "2_internal", "employee": people["working"].pk}

    response = hr_inspector.client.get(reverse("orders:employee_search", args=[hire.pk]), params)

    assert _offered(response) == ["Иванова"]
    assert f'<option value="{people["working"].pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("size", [1, PICKER_LIMIT + 5])
def test_picker_offers_at_most_the_limit_with_bounded_queries(
    hr_inspector, school, size, django_assert_max_num_queries
) -> None:
    hire = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    for index in range(size):
        EmployeeFactory(organisation=school, last_name=f"Новикова{index:02d}")

    # session, user, membership, the order with its items (2), the access-log row (2), the employees
    with django_assert_max_num_queries(9):
        response = hr_inspector.client.get(reverse("orders:employee_search", args=[hire.pk]), {"q": "нов"})
    assert len(_offered(response)) == min(size, PICKER_LIMIT)


def test_a_cancellation_has_no_picker_and_a_director_may_not_search(hr_inspector, director, people) -> None:
    award = make_order(hr_inspector, Order.Kind.AWARD, D(2026, 9, 1))
    cancellation = make_order(hr_inspector, Order.Kind.CANCELLATION, D(2026, 9, 1))

    assert hr_inspector.client.get(reverse("orders:employee_search", args=[cancellation.pk])).status_code == 404
    assert director.client.get(reverse("orders:employee_search", args=[award.pk])).status_code == 404


@pytest.mark.parametrize(
    ("kind", "who", "data", "message"),
    [
        (
            Order.Kind.HIRE, "working", HIRE_FORM,
            "{name} уже работает в организации на 01.09.2026: принять можно только неработающего. "
            "Для работающего оформите перевод или приём на внутреннее совместительство.",
        ),
        (
            Order.Kind.HIRE, "new", {**HIRE_FORM, "employment_kind": "2_internal"},
            "{name} не работает в организации на 01.09.2026: внутреннее совместительство — только для работающих.",
        ),
        (
            Order.Kind.DISMISSAL, "dismissed",
            {"date": "2026-09-01", "dismissal_ground": "own_wish", "statement_date": "2026-08-10"},
            "{name} не работает в организации на 01.09.2026: в приказ этого вида включают только работающих "
            "сотрудников.",
        ),
        (
            Order.Kind.AWARD, "new", {"date": "2026-09-01", "award": "Благодарность"},
            "{name} не работает в организации на 01.09.2026: в приказ этого вида включают только работающих "
            "сотрудников.",
        ),
    ],
)  # fmt: skip
def test_form_refuses_an_employee_who_does_not_fit_the_kind_on_the_field(
    hr_inspector, units, people, kind, who, data, message
) -> None:
    order = make_order(hr_inspector, kind, D(2026, 9, 1))
    employee = people[who]
    posted = {**data, "employee": employee.pk}
    if kind == Order.Kind.HIRE:
        posted["staffing_unit"] = units["maths"].pk

    response = hr_inspector.client.post(reverse("orders:item_add", args=[order.pk]), posted)

    assert response.status_code == 400
    assert response.context["form"].errors["employee"] == [message.format(name=employee.short_name)]
    assert not OrderItem.objects.exists()


def test_form_accepts_an_internal_part_time_hire_of_a_working_employee(hr_inspector, units, people) -> None:
    order = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    posted = {**HIRE_FORM, "employment_kind": "2_internal", "rate": "0.5", "employee": people["working"].pk,
              "staffing_unit": units["maths"].pk}  # fmt: skip

    response = hr_inspector.client.post(reverse("orders:item_add", args=[order.pk]), posted)

    assert response.status_code == 302, response.context["form"].errors
    assert order.items.get().employee == people["working"]
