"""The API as a contract: one URL style (no trailing slash), JSON answers for every error, one error shape."""

from __future__ import annotations

import json
import re

import pytest
from django.test import RequestFactory
from django.urls import resolve

from kadry.api.main import api
from kadry.api.tests.conftest import NEW_EMPLOYEE, PREFIX, Api
from kadry.orders.models import Order
from kadry.staff.models import Department, Employee, Position

pytestmark = pytest.mark.django_db


def _operations() -> list[tuple[str, str]]:
    """Return (method, concrete path) of every operation, each path parameter set to 1."""
    paths = api.get_openapi_schema()["paths"]
    return sorted((method, re.sub(r"\{[^}]+\}", "1", path)) for path, ops in paths.items() for method in ops)


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:200])
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"code", "errors"} and body["code"] == code, body
    assert all(isinstance(messages, list) and messages for messages in body["errors"].values()), body
    return body


def _call(client: Api, method: str, path: str):
    if method == "get":
        return client.client.get(path)
    return getattr(client.client, method)(path, "{}", content_type="application/json")


def test_every_route_is_written_without_a_trailing_slash_and_the_other_style_is_a_json_404(inspector_api: Api) -> None:
    operations = _operations()
    assert len(operations) > 40
    for method, path in operations:
        assert not path.endswith("/"), path
        assert resolve(path).url_name != "unknown-address", path
        assert resolve(path + "/").url_name == "unknown-address", path
        # The other style answers 404 in JSON: never a redirect a client would re-send as a GET.
        _assert_error(_call(inspector_api, method, path + "/"), 404, "not_found")
        canonical = _call(inspector_api, method, path)
        assert not 300 <= canonical.status_code < 400, (method, path)
        assert canonical["Content-Type"].startswith("application/json") or canonical.status_code == 204, (method, path)


def test_post_with_a_trailing_slash_creates_nothing_and_says_so(inspector_api: Api) -> None:
    slashed = inspector_api.post("/employees/", NEW_EMPLOYEE)

    body = _assert_error(slashed, 404, "not_found")
    assert "без косой черты" in body["errors"]["__all__"][0]
    assert not Employee.objects.exists()
    assert inspector_api.post("/employees", NEW_EMPLOYEE).status_code == 201


@pytest.mark.parametrize("path", ["/no-such-thing", "/employees/1/no-such-section", "/", ""])
def test_an_unknown_address_answers_a_json_404(inspector_api: Api, path: str) -> None:
    _assert_error(inspector_api.client.get(PREFIX + path), 404, "not_found")


def test_an_unknown_address_answers_a_json_404_without_a_token_too() -> None:
    _assert_error(Api(None).get("/no-such-thing"), 404, "not_found")


def test_a_method_not_allowed_answers_json_with_the_allowed_ones(inspector_api: Api) -> None:
    response = inspector_api.delete("/employees")

    body = _assert_error(response, 405, "method_not_allowed")
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert "DELETE" in body["errors"]["__all__"][0]


def test_missing_object_missing_token_and_invalid_input_share_the_shape(inspector_api: Api) -> None:
    _assert_error(inspector_api.get("/employees/999999"), 404, "not_found")
    _assert_error(Api(None).get("/employees"), 401, "unauthorised")
    body = _assert_error(inspector_api.post("/employees", {"last_name": "Иванова"}), 422, "invalid")
    assert body["errors"]["first_name"] == ["Обязательное поле."]


def test_an_unhandled_exception_answers_a_json_500_without_a_traceback() -> None:
    request = RequestFactory().get(PREFIX + "/employees")

    response = api.on_exception(request, RuntimeError("секрет из трассировки"))

    body = _assert_error(response, 500, "server_error")
    assert "секрет" not in response.content.decode()
    assert body["errors"]["__all__"][0].startswith("Внутренняя ошибка сервера")


def _components() -> dict:
    return api.get_openapi_schema()["components"]["schemas"]


def test_enums_are_named_per_model_and_carry_their_models_values() -> None:
    from kadry.orders.models import Order
    from kadry.school.models import ClassHour

    components = _components()
    enums = {name for name, schema in components.items() if "enum" in schema}
    # Three models' Status used to share one component, the last one winning.
    assert "Status" not in enums and "Kind" not in enums and "Level" not in enums
    assert components["EmployeeStatus"]["enum"] == [str(value) for value in Employee.Status.values]
    assert components["OrderStatus"]["enum"] == [str(value) for value in Order.Status.values]
    assert components["ClassHourStatus"]["enum"] == [str(value) for value in ClassHour.Status.values]


def test_choice_fields_of_model_schemas_are_published_as_enums() -> None:
    components = _components()
    for schema_name, model in (("EmployeeIn", Employee), ("Employee", Employee)):
        properties = components[schema_name]["properties"]
        for field in model._meta.concrete_fields:
            if field.choices and field.name in properties:
                text = json.dumps(properties[field.name])
                assert f"#/components/schemas/Employee{field.name.title().replace('_', '')}" in text, field.name


def test_every_operation_declares_the_error_statuses_it_can_answer() -> None:
    paths = api.get_openapi_schema()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = {str(status): answer for status, answer in operation["responses"].items()}
            declared = set(responses)
            expected = {"401", "404"} | ({"409", "422"} if method != "get" else set())
            assert expected <= declared, (method, path, declared)
            for status in expected:
                ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (method, path, status)


@pytest.mark.parametrize(
    ("path", "body", "field", "message"),
    [
        # Lax validation read 0 as 1970-01-01, false as the number 0 and 0 as false (issue 11).
        ("/orders", {"kind": "award", "date": 0, "items": []}, "date", "Введите правильную дату."),
        ("/departments", {"name": "Кафедра", "order": False}, "order", "Введите целое число."),
        ("/positions", {"name": "Учитель", "category": "pedagogical", "pedagogical_service": 0}, "pedagogical_service", "Укажите true или false."),
        ("/employees", {**NEW_EMPLOYEE, "last_name": 5}, "last_name", "Введите правильное значение."),
    ],
)  # fmt: skip
def test_a_value_of_another_json_type_than_the_schema_says_is_refused(
    inspector_api: Api, path: str, body: dict, field: str, message: str
) -> None:
    before = Order.objects.count(), Department.objects.count(), Position.objects.count(), Employee.objects.count()

    response = inspector_api.post(path, body)

    assert response.status_code == 422, response.json()
    assert response.json() == {"code": "invalid", "errors": {field: [message]}}
    assert (
        Order.objects.count(),
        Department.objects.count(),
        Position.objects.count(),
        Employee.objects.count(),
    ) == before


@pytest.mark.parametrize("written", ["0", "1700000000", "2026-1-5", "05.01.2026"])
def test_a_date_in_a_query_is_written_as_a_date(inspector_api: Api, employee: Employee, written: str) -> None:
    # "0" was read as 1970-01-01 (seconds since the epoch) and answered as if asked for that day.
    response = inspector_api.get(f"/employees/{employee.pk}/length-of-service", on=written)

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"on": ["Введите правильную дату."]}}


def test_a_date_in_a_query_written_as_a_date_is_read(inspector_api: Api, employee: Employee) -> None:
    response = inspector_api.get(f"/employees/{employee.pk}/length-of-service", on="2026-01-05")

    assert response.status_code == 200 and response.json()["on"] == "2026-01-05"
