"""Every new hire gets a personnel number: the next free one proposed on the hire item, editable, unique, printed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.documents.tests.helpers import docx_text, response_bytes
from kadry.orders import services
from kadry.orders.forms import item_form_class, item_initial
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.rules import next_personnel_number
from kadry.testing.factories import EmployeeFactory

D = dt.date


@pytest.mark.parametrize(
    ("taken", "expected"),
    [
        ([], "1"),
        (["1", "2", "7"], "8"),
        (["0001", "0042", "0009"], "0043"),
        (["9", "0010"], "0011"),
        (["А-12", "5", " 6 "], "7"),
        (["999"], "1000"),
    ],
)
def test_next_personnel_number_follows_the_largest_numeric_one(taken: list[str], expected: str) -> None:
    assert next_personnel_number(taken) == expected


def _form(order: Order, data: dict, instance: OrderItem | None = None):
    return item_form_class(Order.Kind.HIRE)(data, instance=instance, organisation_id=order.organisation_id)


def _post(employee, unit, number: str) -> dict:
    return {
        "employee": employee.pk,
        "personnel_number": number,
        "date": "2026-09-01",
        "staffing_unit": unit.pk,
        "rate": "1",
        "employment_kind": OrderItem.EmploymentKind.MAIN,
        "contract_term": OrderItem.ContractTerm.INDEFINITE,
        "contract_number": "15/26",
        "contract_date": "2026-09-01",
    }


@pytest.mark.django_db
def test_hire_item_proposes_the_next_free_number_past_employees_and_draft_hires(hr_inspector, school, units) -> None:
    EmployeeFactory(organisation=school, personnel_number="0041")
    EmployeeFactory(organisation=school, personnel_number="0007")
    drafted = EmployeeFactory(organisation=school)
    make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {
            "employee": drafted,
            "date": D(2026, 9, 1),
            "staffing_unit": units["maths"],
            "personnel_number": "0042",
            **HIRE,
        },
    )
    EmployeeFactory(personnel_number="0100")  # another school's numbers do not count
    order = services.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=D(2026, 9, 1)
    )

    assert item_initial(order)["personnel_number"] == "0043"
    page = hr_inspector.client.get(reverse("orders:item_add", args=[order.pk])).content.decode()
    assert 'value="0043"' in page


@pytest.mark.django_db
def test_blank_number_is_the_employees_own_or_the_next_free(hr_inspector, director, school, units, ivanova) -> None:
    order = services.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=D(2026, 9, 1)
    )
    EmployeeFactory(organisation=school, personnel_number="12")

    form = _form(order, _post(ivanova, units["maths"], ""))
    assert form.is_valid(), form.errors
    services.save_item(actor=hr_inspector.user, order=order, data=form.field_data())
    returning = EmployeeFactory(organisation=school, personnel_number="5")
    second = _form(order, _post(returning, units["deputy"], ""))
    assert second.is_valid(), second.errors
    services.save_item(actor=hr_inspector.user, order=order, data=second.field_data())

    services.sign_order(actor=director.user, order=order)

    ivanova.refresh_from_db()
    returning.refresh_from_db()
    assert (ivanova.personnel_number, returning.personnel_number) == ("13", "5")


@pytest.mark.django_db
def test_a_number_held_by_another_employee_is_refused_on_the_field(hr_inspector, school, units, ivanova) -> None:
    EmployeeFactory(
        organisation=school, last_name="Сидоров", first_name="Пётр", middle_name="Ильич", personnel_number="0042"
    )
    order = services.create_draft(
        actor=hr_inspector.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=D(2026, 9, 1)
    )

    response = hr_inspector.client.post(
        reverse("orders:item_add", args=[order.pk]), _post(ivanova, units["maths"], "0042")
    )

    assert response.status_code in (200, 400)
    errors = response.context["form"].errors["personnel_number"]
    assert errors == ["Табельный номер 0042 уже присвоен: Сидоров П. И. Укажите другой."]
    assert not OrderItem.objects.exists()


@pytest.mark.django_db
def test_signing_gives_the_number_to_the_employee_and_the_order_and_card_print_it(
    hr_inspector, director, school, units, ivanova
) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {
            "employee": ivanova,
            "date": D(2026, 9, 1),
            "staffing_unit": units["maths"],
            "personnel_number": "0077",
            **HIRE,
        },
    )
    draft_print = hr_inspector.client.get(reverse("documents:order_print", args=[order.pk, "docx"]))
    assert "(табельный номер 0077)" in docx_text(response_bytes(draft_print))

    services.sign_order(actor=director.user, order=order)

    ivanova.refresh_from_db()
    assert ivanova.personnel_number == "0077"
    assert ChangeRecord.objects.filter(subject_id=ivanova.pk, actor=director.user).exists()
    card = hr_inspector.client.get(reverse("documents:personal_card", args=[ivanova.pk, "docx"]))
    assert "0077" in docx_text(response_bytes(card)).split()


@pytest.mark.django_db
def test_a_number_given_to_someone_else_since_the_draft_blocks_signing(
    hr_inspector, director, school, units, ivanova
) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {
            "employee": ivanova,
            "date": D(2026, 9, 1),
            "staffing_unit": units["maths"],
            "personnel_number": "0077",
            **HIRE,
        },
    )
    EmployeeFactory(organisation=school, personnel_number="0077")

    with pytest.raises(Exception) as refused:
        services.sign_order(actor=director.user, order=order)

    assert "0077" in str(refused.value)
    ivanova.refresh_from_db()
    assert ivanova.personnel_number == ""
