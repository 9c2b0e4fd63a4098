"""Orders through the API: a draft with its items in one request, all or nothing; signing by the director only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kadry.absences.models import Absence
from kadry.api.tests.conftest import Api
from kadry.core.services import create_api_token
from kadry.employment.models import Assignment
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.school.models import AcademicYear, SchoolClass
from kadry.school.services.appointment import set_allowance
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

D = dt.date
HIRE_ITEM = {
    "rate": "1",
    "employment_kind": "1_main",
    "contract_term": "indefinite",
    "contract_number": "15/26",
    "contract_date": "2026-09-01",
}


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


@pytest.fixture
def inspector_api(hr_inspector: Any, api_as: Callable[[Any], Api]) -> Api:
    return api_as(hr_inspector)


@pytest.fixture
def director_api(director: Any, api_as: Callable[[Any], Api]) -> Api:
    return api_as(director)


@pytest.fixture
def petrov(school: Any) -> Any:
    return EmployeeFactory(organisation=school, last_name="Петров", first_name="Илья", middle_name="Ильич", sex="M")


def _hire_body(units: dict[str, Any], *employees: Any, **item: Any) -> dict[str, Any]:
    return {
        "kind": "hire",
        "date": "2026-09-01",
        "items": [
            {"employee": employee.pk, "staffing_unit": units["maths"].pk, **HIRE_ITEM, **item} for employee in employees
        ],
    }


def test_draft_is_created_with_its_items_in_one_request(inspector_api: Api, units, ivanova, petrov) -> None:
    response = inspector_api.post("/orders", _hire_body(units, ivanova, petrov))

    assert response.status_code == 201, response.json()
    body = response.json()
    order = Order.objects.get(pk=body["id"])
    assert (order.kind, order.status, order.number) == ("hire", "draft", None)
    assert (body["status"], body["number"], body["display_number"]) == ("draft", None, "")
    assert body["employees"] == ["Иванова М. П.", "Петров И. И."]
    first = body["items"][0]
    assert (first["employee"], first["employee_name"], first["staffing_unit"]) == (
        ivanova.pk,
        "Иванова Мария Петровна",
        units["maths"].pk,
    )
    assert first["date"] == "2026-09-01"  # the order's date when the item gives none
    assert Decimal(first["rate"]) == Decimal("1")
    assert body["text"][1].startswith("Принять Петрова Илью Ильича на должность учителя математики")
    assert list(order.items.values_list("employee_id", flat=True)) == [ivanova.pk, petrov.pk]


def test_an_invalid_item_saves_nothing_and_is_keyed_by_its_position(
    inspector_api: Api, units, ivanova, petrov, other_school
) -> None:
    their_unit = StaffingUnitFactory(organisation=other_school)
    body = _hire_body(units, ivanova, petrov)
    body["items"][1].update(staffing_unit=their_unit.pk, rate="abc", contract_number="")

    response = inspector_api.post("/orders", body)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"items.1.staffing_unit", "items.1.rate", "items.1.contract_number"}
    assert "Выберите корректный вариант" in errors["items.1.staffing_unit"][0]
    assert errors["items.1.rate"] == ["Введите число."]
    assert errors["items.1.contract_number"] == ["Укажите номер трудового договора."]
    assert not Order.objects.exists() and not OrderItem.objects.exists()


def test_another_schools_employee_is_a_field_error(inspector_api: Api, units, other_school) -> None:
    stranger = EmployeeFactory(organisation=other_school)

    response = inspector_api.post("/orders", _hire_body(units, stranger))

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["items.0.employee"]
    assert not OrderItem.objects.filter(employee=stranger).exists()


def test_heading_errors_come_with_the_items_errors(inspector_api: Api, units, ivanova) -> None:
    body = {"kind": "cancellation", "date": "2026-09-01", "items": [{"employee": ivanova.pk}]}

    errors = inspector_api.post("/orders", body).json()["errors"]

    assert errors["cancels"] == ["Выберите отменяемый приказ."]
    assert "нет сотрудников" in errors["items"][0]
    assert inspector_api.post("/orders", {"kind": "hire", "date": "01.09.2026"}).json()["errors"] == {
        "date": ["Введите правильную дату."]
    }


def test_another_schools_class_is_a_field_error(inspector_api: Api, ivanova, other_school) -> None:
    AssignmentFactory(employee=ivanova)  # a class teacher is a working employee
    year = AcademicYear.objects.create(
        organisation=other_school, name="2026/2027", start=D(2026, 9, 1), end=D(2027, 8, 31)
    )
    their_class = SchoolClass.objects.create(organisation=other_school, academic_year=year, grade=5, letter="А")
    body = {
        "kind": "class_teacher_appointment",
        "date": "2026-09-01",
        "items": [{"employee": ivanova.pk, "school_class": their_class.pk, "monthly_allowance": "5000"}],
    }

    response = inspector_api.post("/orders", body)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["items.0.school_class"]
    assert not Order.objects.exists()


def test_a_one_employee_kind_refuses_two_items(inspector_api: Api, ivanova, petrov) -> None:
    body = {
        "kind": "surname_change",
        "date": "2026-09-01",
        "items": [
            {"employee": person.pk, "new_last_name": "Новая", "basis": "свидетельство"} for person in (ivanova, petrov)
        ],
    }

    response = inspector_api.post("/orders", body)

    assert response.status_code == 422
    assert "один сотрудник" in response.json()["errors"]["items"][0]


def test_class_teacher_allowance_defaults_to_the_federal_payment(inspector_api: Api, ivanova, school) -> None:
    AssignmentFactory(employee=ivanova)  # a class teacher is a working employee
    set_allowance(actor=UserFactory(), organisation_id=school.pk, amount=Decimal("5000"), valid_from=D(2020, 9, 1))
    year = AcademicYear.objects.create(organisation=school, name="2026/2027", start=D(2026, 9, 1), end=D(2027, 8, 31))
    seventh = SchoolClass.objects.create(organisation=school, academic_year=year, grade=7, letter="Б")
    body = {
        "kind": "class_teacher_appointment",
        "date": "2026-09-01",
        "items": [{"employee": ivanova.pk, "school_class": seventh.pk}],
    }

    response = inspector_api.post("/orders", body)

    assert response.status_code == 201, response.json()
    assert Decimal(response.json()["items"][0]["monthly_allowance"]) == Decimal("5000")


def test_director_signs_and_the_order_gets_its_number(inspector_api: Api, director_api: Api, units, ivanova) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]
    submitted = inspector_api.post(f"/orders/{order_id}/submit")
    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")

    response = director_api.post(f"/orders/{order_id}/sign")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["number"], body["display_number"]) == ("signed", 1, "1-к")
    assert body["signed_at"]
    assert Assignment.objects.get(employee=ivanova).staffing_unit == units["maths"]


def test_inspector_cannot_sign_the_order_is_not_found_for_her(inspector_api: Api, units, ivanova) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]

    response = inspector_api.post(f"/orders/{order_id}/sign")

    assert response.status_code == 404
    assert Order.objects.get(pk=order_id).status == Order.Status.DRAFT


def test_items_that_fit_alone_but_not_together_are_refused_on_the_second_item(
    inspector_api: Api, director_api: Api, units, ivanova, petrov
) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova, petrov)).json()["id"]
    Order.objects.get(pk=order_id).items.filter(employee=petrov).update(rate=Decimal("1.5"))

    response = inspector_api.post(f"/orders/{order_id}/submit")

    assert response.status_code == 422
    # Each item fits on its own; together they do not: the check sums the rates of the unit over the items.
    [message] = response.json()["errors"]["items.1.rate"]
    assert message == (
        "Петров И. И.: Вместе с сотрудниками выше в этом приказе в штатной единице "
        "«учитель математики — МО учителей математики» свободно 1 ст."
    )
    order = Order.objects.get(pk=order_id)
    assert (order.status, order.number) == ("draft", None)


def test_refused_check_is_keyed_by_item_field(
    inspector_api: Api, director_api: Api, hr_inspector, units, ivanova
) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE, "contract_number": ""},
    )

    response = inspector_api.post(f"/orders/{order.pk}/submit")

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "items.0.contract_number": ["Иванова М. П.: Укажите номер трудового договора."]
    }
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT


def test_a_draft_not_sent_for_signature_is_not_signed(director_api: Api, inspector_api: Api, units, ivanova) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]

    response = director_api.post(f"/orders/{order_id}/sign")

    assert (response.status_code, response.json()) == (
        422,
        {
            "code": "invalid",
            "errors": {"__all__": ["Проект ещё не отправлен на подпись: его отправляет отдел кадров после проверки."]},
        },
    )
    assert Order.objects.get(pk=order_id).status == Order.Status.DRAFT


def test_director_returns_a_draft_with_a_comment_the_inspector_reads(
    director_api: Api, inspector_api: Api, units, ivanova
) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]
    inspector_api.post(f"/orders/{order_id}/submit")

    without = director_api.post(f"/orders/{order_id}/return", {"comment": "  "})
    returned = director_api.post(f"/orders/{order_id}/return", {"comment": "Проверьте номер договора"})

    assert (without.status_code, without.json()["errors"]) == (422, {"comment": ["Напишите, что нужно исправить."]})
    assert returned.status_code == 200
    read = inspector_api.get(f"/orders/{order_id}").json()
    assert (read["status"], read["return_comment"]) == ("draft", "Проверьте номер договора")
    assert inspector_api.post(f"/orders/{order_id}/return", {"comment": "x"}).status_code == 404


def test_signed_order_refuses_replacement_and_deletion_in_russian(
    inspector_api: Api, director_api: Api, units, ivanova
) -> None:
    body = _hire_body(units, ivanova)
    order_id = inspector_api.post("/orders", body).json()["id"]
    inspector_api.post(f"/orders/{order_id}/submit")
    director_api.post(f"/orders/{order_id}/sign")
    message = "Подписанный приказ изменить нельзя: его можно только отменить другим приказом."

    replaced = inspector_api.put(f"/orders/{order_id}", {**body, "note": "правка"})
    deleted = inspector_api.delete(f"/orders/{order_id}")

    assert (replaced.status_code, replaced.json()) == (422, {"code": "invalid", "errors": {"__all__": [message]}})
    assert (deleted.status_code, deleted.json()) == (422, {"code": "invalid", "errors": {"__all__": [message]}})
    order = Order.objects.get(pk=order_id)
    assert (order.status, order.note, order.items.count()) == ("signed", "", 1)


def test_draft_is_replaced_whole_and_deleted(inspector_api: Api, units, ivanova, petrov) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova, petrov)).json()["id"]

    replaced = inspector_api.put(f"/orders/{order_id}", {**_hire_body(units, petrov, rate="0.5"), "note": "н"})

    assert replaced.status_code == 200, replaced.json()
    assert replaced.json()["employees"] == ["Петров И. И."]
    assert list(OrderItem.objects.values_list("employee_id", "rate")) == [(petrov.pk, Decimal("0.5"))]
    assert inspector_api.put(f"/orders/{order_id}", {**_hire_body(units, petrov), "kind": "award"}).status_code == 422

    assert inspector_api.delete(f"/orders/{order_id}").status_code == 204
    assert not Order.objects.exists()


def test_list_filters_and_pages_like_the_employees(
    inspector_api: Api, hr_inspector, director, units, ivanova, petrov, django_assert_max_num_queries
) -> None:
    signed = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )
    services.sign_order(actor=director.user, order=signed)
    for _ in range(3):
        make_order(
            hr_inspector, Order.Kind.AWARD, D(2026, 9, 2), {"employee": petrov, "date": D(2026, 9, 2), "award": "Б"}
        )

    inspector_api.get("/orders")  # the token's first use of the minute also records it
    with django_assert_max_num_queries(4):  # token, count, page, items
        everything = inspector_api.get("/orders", limit=2).json()
    assert everything["count"] == 4 and len(everything["items"]) == 2
    assert [o["id"] for o in inspector_api.get("/orders", status="signed").json()["items"]] == [signed.pk]
    assert inspector_api.get("/orders", kind="award").json()["count"] == 3
    assert inspector_api.get("/orders", q="иван").json()["items"][0]["employees"] == ["Иванова М. П."]
    assert inspector_api.get("/orders", year=2027).json()["count"] == 0


def test_outsider_reaches_no_order_of_another_school(inspector_api: Api, api_as, outsider, units, ivanova) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]
    theirs = api_as(outsider)

    assert theirs.get(f"/orders/{order_id}").status_code == 404
    assert theirs.put(f"/orders/{order_id}", _hire_body(units, ivanova)).status_code == 404
    assert theirs.delete(f"/orders/{order_id}").status_code == 404
    assert theirs.get("/orders").json()["count"] == 0
    assert Order.objects.filter(pk=order_id).exists()


def test_roles_without_orders_get_404(api_as, personas, units, ivanova, inspector_api: Api) -> None:
    order_id = inspector_api.post("/orders", _hire_body(units, ivanova)).json()["id"]
    teacher = api_as(personas["teacher"])
    auditor = api_as(personas["auditor"])

    assert teacher.get("/orders").status_code == 404
    assert teacher.get(f"/orders/{order_id}").status_code == 404
    assert auditor.get(f"/orders/{order_id}").status_code == 200
    assert auditor.post("/orders", _hire_body(units, ivanova)).status_code == 404
    assert auditor.delete(f"/orders/{order_id}").status_code == 404
    assert auditor.post(f"/orders/{order_id}/sign").status_code == 404


def test_a_resignation_takes_the_statement_date(inspector_api: Api, hr_inspector, director, units, ivanova) -> None:
    hire = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {**HIRE, "employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"]},
    )
    services.sign_order(actor=director.user, order=hire)
    working, api = ivanova, inspector_api
    body: dict[str, Any] = {
        "kind": "dismissal",
        "date": "2026-11-20",
        "items": [{"employee": working.pk, "dismissal_ground": "77-1-3", "basis": "заявление"}],
    }

    refused = api.post("/orders", body)
    body["items"][0]["statement_date"] = "2026-11-06"
    created = api.post("/orders", body)

    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["items.0.statement_date"]
    assert created.status_code == 201 and created.json()["items"][0]["statement_date"] == "2026-11-06"


def test_an_item_field_of_the_wrong_json_type_is_refused_on_the_field(inspector_api: Api, units, ivanova) -> None:
    # A boolean where the form parses a date used to fail inside the form: a 500.
    response = inspector_api.post("/orders", _hire_body(units, ivanova, contract_date=False))

    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["contract_date"]


def test_a_business_trip_is_created_and_signed_through_the_api(
    inspector_api: Api, director_api: Api, hr_inspector, director, units, ivanova
) -> None:
    services.sign_order(actor=director.user, order=make_order(
        hr_inspector, Order.Kind.HIRE, D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    ))  # fmt: skip
    item = {"employee": ivanova.pk, "date": "2026-11-16", "end_date": "2026-11-18", "destination": "г. Казань",
            "purpose": "курсы повышения квалификации", "basis": "служебное задание № 3"}  # fmt: skip
    backwards = inspector_api.post(
        "/orders", {"kind": "business_trip", "date": "2026-11-12", "items": [{**item, "end_date": "2026-11-15"}]}
    )
    assert (backwards.status_code, backwards.json()["errors"]) == (
        422, {"items.0.end_date": ["Дата окончания раньше даты начала."]}
    )  # fmt: skip
    created = inspector_api.post("/orders", {"kind": "business_trip", "date": "2026-11-12", "items": [item]})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["items"][0]["destination"], body["items"][0]["purpose"], body["items"][0]["end_date"]) == (
        "г. Казань", "курсы повышения квалификации", "2026-11-18"
    )  # fmt: skip
    assert inspector_api.post(f"/orders/{body['id']}/submit").status_code == 200

    signed = director_api.post(f"/orders/{body['id']}/sign")

    assert (signed.status_code, signed.json()["status"]) == (200, "signed")
    trip = Absence.objects.get(employee=ivanova)
    assert (trip.kind, trip.start, trip.end, trip.destination, trip.order_item_id) == (
        "business_trip", D(2026, 11, 16), D(2026, 11, 18), "г. Казань", body["items"][0]["id"]
    )  # fmt: skip
