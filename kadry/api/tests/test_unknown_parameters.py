"""A query parameter an operation does not take is refused with 422 naming it, never silently ignored."""

from __future__ import annotations

from typing import Any

from kadry.api.strict import UNKNOWN_PARAMETER
from kadry.api.tests.conftest import Api


def test_a_misspelt_parameter_is_named_rather_than_ignored(inspector_api: Api) -> None:
    # «organizaton» ignored would answer the sum over every school the token reaches.
    response = inspector_api.get("/reports/headcount", on="2026-11-25", organizaton="5")

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"organizaton": [UNKNOWN_PARAMETER]}}


def test_an_operation_without_parameters_refuses_any(inspector_api: Api) -> None:
    assert inspector_api.get("/departments").status_code == 200
    response = inspector_api.get("/departments", sort="name")

    assert response.status_code == 422
    assert response.json()["errors"] == {"sort": [UNKNOWN_PARAMETER]}


def test_the_parameters_of_a_flattened_schema_and_of_pagination_are_known(inspector_api: Api, employee: Any) -> None:
    response = inspector_api.get("/employees", q="Иван", status="working", limit="10", offset="0")

    assert response.status_code == 200, response.json()
    assert [row["last_name"] for row in response.json()["items"]] == ["Иванова"]


def test_without_a_token_the_answer_is_401_whatever_the_parameters() -> None:
    assert Api(None).get("/departments", sort="name").status_code == 401
