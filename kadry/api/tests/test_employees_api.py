"""Employees through the API: registry, the card, its main part, validation by the UI's forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from kadry.api.tests.conftest import NEW_EMPLOYEE, SECTION_ROWS, Api
from kadry.core.chain import LINK_QUERIES
from kadry.core.models import AccessLogEntry, ChangeRecord, Organisation
from kadry.staff.models import Employee, Position
from kadry.staff.sections import SECTIONS
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db


# Acceptance: SNILS is validated by the form of the UI and stored normalised.


def test_snils_with_wrong_check_digits_is_rejected(inspector_api: Api) -> None:
    response = inspector_api.post("/employees", {**NEW_EMPLOYEE, "snils": "112-233-445 96"})

    assert response.status_code == 422
    assert response.json()["errors"]["snils"] == ["Неверная контрольная сумма СНИЛС — проверьте номер."]
    assert not Employee.objects.exists()


def test_valid_snils_is_stored_normalised(inspector_api: Api) -> None:
    response = inspector_api.post("/employees", {**NEW_EMPLOYEE, "snils": "112-233-445 95"})

    assert response.status_code == 201
    body = response.json()
    assert body["snils"] == "112-233-445 95"
    assert Employee.objects.get(pk=body["id"]).snils == "112-233-445 95"


def test_created_employee_belongs_to_the_token_organisation_and_has_history(
    inspector_api: Api, school: Organisation
) -> None:
    body = inspector_api.post("/employees", NEW_EMPLOYEE).json()

    employee = Employee.objects.get(pk=body["id"])
    assert employee.organisation == school
    assert body["citizenship"] == "Российская Федерация"  # the model default for a field left out
    assert ChangeRecord.objects.filter(subject_id=employee.pk, action=ChangeRecord.Action.CREATE).count() == 1


# The registry.


def test_list_shows_placement_and_status(inspector_api: Api, employee: Employee, school: Organisation) -> None:
    EmployeeFactory(organisation=school, last_name="Новикова")

    response = inspector_api.get("/employees")

    assert "Иванова".encode() in response.content  # UTF-8, not \u escapes
    body = response.json()
    assert body["count"] == 2
    assert body["items"][0] == {
        "id": employee.pk,
        "personnel_number": "",
        "last_name": "Иванова",
        "first_name": "Мария",
        "middle_name": "Петровна",
        "position_name": "Учитель",
        "department_name": "Кафедра математики",
        "status": "working",
    }
    assert body["items"][1]["status"] == "not_hired"
    assert body["items"][1]["position_name"] is None


def test_list_searches_by_word_prefix_with_yo_as_ye(inspector_api: Api, school: Organisation) -> None:
    EmployeeFactory(organisation=school, last_name="Ёлкина", first_name="Анна")
    EmployeeFactory(organisation=school, last_name="Белкина", first_name="Анна")

    names = [item["last_name"] for item in inspector_api.get("/employees", q="елк ан").json()["items"]]

    assert names == ["Ёлкина"]


def test_list_filters_by_department_category_and_status(
    inspector_api: Api, employee: Employee, school: Organisation
) -> None:
    cook = StaffingUnitFactory(organisation=school, position__category=Position.Category.SERVICE)
    dismissed = AssignmentFactory(
        employee__organisation=school, staffing_unit=cook, start=dt.date(2019, 1, 1), end=dt.date(2021, 1, 1)
    ).employee
    department = employee.assignments.get().staffing_unit.department_id

    def ids(**params: Any) -> list[int]:
        return [item["id"] for item in inspector_api.get("/employees", **params).json()["items"]]

    assert ids(department=department) == [employee.pk]
    assert ids(category="pedagogical") == [employee.pk]
    assert ids(status="working") == [employee.pk]
    assert ids(status="dismissed") == [dismissed.pk]
    assert ids(status="not_hired") == []


def test_list_pages_by_limit_and_offset(inspector_api: Api, school: Organisation) -> None:
    EmployeeFactory.create_batch(55, organisation=school)

    first = inspector_api.get("/employees").json()
    rest = inspector_api.get("/employees", limit=10, offset=50).json()

    assert (first["count"], len(first["items"])) == (55, 50)
    assert len(rest["items"]) == 5
    assert {item["id"] for item in first["items"]}.isdisjoint(item["id"] for item in rest["items"])


def test_list_refuses_more_than_200_per_page(inspector_api: Api) -> None:
    response = inspector_api.get("/employees", limit=201)

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "errors": {"limit": ["Убедитесь, что это значение меньше либо равно 200."]},
    }


def test_list_rejects_unknown_status(inspector_api: Api) -> None:
    response = inspector_api.get("/employees", status="retired")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]


def test_list_query_count_does_not_grow_with_employees(
    inspector_api: Api, school: Organisation, django_assert_max_num_queries: Any
) -> None:
    unit = StaffingUnitFactory(organisation=school)
    AssignmentFactory(employee__organisation=school, staffing_unit=unit)
    inspector_api.get("/employees")  # the token's first use records it; later ones within a minute do not

    with django_assert_max_num_queries(4):  # token, count, page, the page's placements
        assert inspector_api.get("/employees").json()["count"] == 1
    for _ in range(49):
        AssignmentFactory(employee__organisation=school, staffing_unit=unit)
    with django_assert_max_num_queries(4):
        items = inspector_api.get("/employees").json()["items"]
    assert len(items) == 50
    assert {item["status"] for item in items} == {"working"}
    assert all(item["position_name"] == unit.position.name for item in items)


# The card.


def test_card_has_main_fields_every_section_and_military_record(inspector_api: Api, employee: Employee) -> None:
    response = inspector_api.get(f"/employees/{employee.pk}")

    assert response.status_code == 200
    card = response.json()
    assert card["last_name"] == "Иванова"
    assert card["birth_date"] == "1985-03-14"
    assert card["snils"] == "112-233-445 95"
    for slug, row in SECTION_ROWS.items():
        (stored,) = card[slug.replace("-", "_")]
        assert {name: stored[name] for name in row} == row
    assert card["prior_jobs"][0]["pedagogical"] is True
    assert card["military_record"]["commissariat"] == "Военный комиссариат г. Тулы"


def test_card_without_military_record_shows_null(inspector_api: Api, school: Organisation) -> None:
    person = EmployeeFactory(organisation=school)

    card = inspector_api.get(f"/employees/{person.pk}").json()

    assert card["military_record"] is None
    assert card["prior_jobs"] == []


def test_opening_the_card_is_written_to_the_access_log(
    inspector_api: Api, employee: Employee, hr_inspector: Any
) -> None:
    inspector_api.get(f"/employees/{employee.pk}")

    entry = AccessLogEntry.objects.get()
    assert (entry.actor, entry.role, entry.channel) == (hr_inspector.user, "hr_inspector", "api")
    assert (entry.subject_id, entry.what) == (employee.pk, "Личная карточка Т-2")
    assert entry.ip_address == "127.0.0.1"


def test_card_query_count_does_not_grow_with_rows(
    inspector_api: Api, employee: Employee, django_assert_max_num_queries: Any
) -> None:
    inspector_api.get(f"/employees/{employee.pk}")
    # token, employee with military record, one per section, access log (and on SQLite its chain head)
    bound = 3 + len(SECTIONS) + LINK_QUERIES[connection.vendor]

    with django_assert_max_num_queries(bound):
        inspector_api.get(f"/employees/{employee.pk}")
    for section in SECTIONS.values():
        row = section.model._default_manager.filter(employee=employee).get()
        for _ in range(20):
            row.pk = None
            row.save()
    with django_assert_max_num_queries(bound):
        assert len(inspector_api.get(f"/employees/{employee.pk}").json()["prior_jobs"]) == 21


# Changing the main part of the card.


def test_put_replaces_the_card_and_writes_history(inspector_api: Api, employee: Employee, hr_inspector: Any) -> None:
    body = {**NEW_EMPLOYEE, "last_name": "Петрова", "snils": "112-233-445 95"}

    response = inspector_api.put(f"/employees/{employee.pk}", body)

    assert response.status_code == 200
    assert response.json()["last_name"] == "Петрова"
    employee.refresh_from_db()
    assert (employee.last_name, employee.inn) == ("Петрова", "500100732259")
    change = ChangeRecord.objects.get(subject_id=employee.pk, action=ChangeRecord.Action.UPDATE)
    assert change.actor == hr_inspector.user
    assert change.changes["Фамилия"] == ["Иванова", "Петрова"]


def test_patch_changes_only_the_fields_sent(inspector_api: Api, employee: Employee) -> None:
    response = inspector_api.patch(f"/employees/{employee.pk}", {"phone": "+7 900 123-45-67"})

    assert response.status_code == 200
    employee.refresh_from_db()
    assert (employee.phone, employee.last_name, employee.snils) == ("+7 900 123-45-67", "Иванова", "112-233-445 95")
    change = ChangeRecord.objects.get(subject_id=employee.pk)
    assert change.changes == {"Телефон": ["", "+7 900 123-45-67"]}


def test_patch_validates_the_merged_card(inspector_api: Api, employee: Employee) -> None:
    response = inspector_api.patch(f"/employees/{employee.pk}", {"work_book": "electronic"})

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "errors": {"work_book_chosen_on": ["Укажите дату заявления о выборе трудовой книжки."]},
    }


# Invalid input answers 422 with the form's messages, never 500.


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"birth_date": "1985-02-30"}, "birth_date", "Введите правильную дату."),
        ({"birth_date": "вчера"}, "birth_date", "Введите правильную дату."),
        ({"inn": "772053288207"}, "inn", "Неверная контрольная сумма ИНН — проверьте номер."),
        ({"inn": "7707083893"}, "inn", "ИНН физического лица состоит из 12 цифр."),
        ({"sex": "X"}, "sex", "Выберите корректный вариант. X нет среди допустимых значений."),
        ({"last_name": None}, "last_name", "Обязательное поле."),
        ({"email": "не почта"}, "email", "Введите правильный адрес электронной почты."),
    ],
)
def test_invalid_field_answers_422_with_the_field_message(
    inspector_api: Api, change: dict[str, Any], field: str, message: str
) -> None:
    response = inspector_api.post("/employees", {**NEW_EMPLOYEE, **change})

    assert response.status_code == 422
    assert response.json()["errors"][field] == [message]


def test_future_birth_date_is_rejected(inspector_api: Api) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = inspector_api.post("/employees", {**NEW_EMPLOYEE, "birth_date": tomorrow.isoformat()})

    assert response.status_code == 422
    assert response.json()["errors"] == {"birth_date": ["Дата рождения не может быть в будущем."]}


def test_duplicate_snils_names_the_holder(inspector_api: Api, employee: Employee) -> None:
    response = inspector_api.post("/employees", {**NEW_EMPLOYEE, "snils": "112 233 445 95"})

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "snils": ["Этот СНИЛС уже указан в карточке сотрудника Иванова Мария Петровна."]
    }


def test_missing_required_fields_are_all_reported(inspector_api: Api) -> None:
    response = inspector_api.post("/employees", {"last_name": "Иванова"})

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "first_name": ["Обязательное поле."],
        "sex": ["Обязательное поле."],
        "birth_date": ["Обязательное поле."],
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[1, 2]", "Тело запроса — не JSON-объект в UTF-8: запрос не выполнен."),
        ('"text"', "Тело запроса — не JSON-объект в UTF-8: запрос не выполнен."),
        ("null", "Обязательное поле."),
    ],
)
def test_body_that_is_not_an_object_answers_422(inspector_api: Api, body: str, message: str) -> None:
    response = inspector_api.client.post("/api/v1/employees", body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": [message]}


def test_missing_body_answers_422(inspector_api: Api) -> None:
    response = inspector_api.client.post("/api/v1/employees", "", content_type="application/json")

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"__all__": ["Обязательное поле."]}}


def test_malformed_json_answers_400(inspector_api: Api) -> None:
    response = inspector_api.client.post("/api/v1/employees", "{oops", content_type="application/json")

    assert response.status_code == 400


def test_unknown_employee_answers_404(inspector_api: Api) -> None:
    assert inspector_api.get("/employees/999999").status_code == 404
