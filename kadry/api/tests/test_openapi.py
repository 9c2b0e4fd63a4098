"""The OpenAPI schema and the docs page: for signed-in users only, served without a CDN."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kadry.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize("url", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_docs_and_schema_send_an_anonymous_visitor_to_the_login_page(url: str) -> None:
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_openapi_schema_lists_the_endpoints_with_real_schemas() -> None:
    response = _signed_in().get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"] == {"title": "Kadry API", "version": "1", "description": schema["info"]["description"]}
    assert "/api/v1/employees" in schema["paths"]
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/employees/{employee_id}/prior-jobs"])
    prior_job = schema["components"]["schemas"]["PriorJobIn"]["properties"]
    assert set(prior_job) == {"employer", "position", "start", "end", "pedagogical"}
    assert prior_job["start"]["format"] == "date"
    card = schema["components"]["schemas"]["EmployeeCard"]["properties"]
    assert {"snils", "prior_jobs", "hire_documents", "previous_names", "military_record"} <= set(card)
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_docs_page_loads_swagger_from_local_static_files() -> None:
    client = _signed_in()
    page = client.get("/api/v1/docs")

    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower()
    assert not re.search(r"""(src|href)=["']https?://""", html)
    scripts = re.findall(r"""src=["']([^"']+)["']""", html)
    assert "/static/ninja/swagger-ui-bundle.js" in scripts
    for script in scripts:
        assert client.get(script).status_code == 200


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    sub: type
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_no_two_schemas_of_the_api_share_a_name() -> None:
    """The OpenAPI components are keyed by the class name: a second «MonthOut» silently replaced the
    calendar's with the databank's, and the contract test caught the calendar answering «the wrong» schema."""
    from ninja import Schema

    from kadry.api.main import api

    api.get_openapi_schema()  # imports every router's schemas
    names: dict[str, set[str]] = {}
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("kadry."):
            names.setdefault(schema.__name__, set()).add(schema.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
