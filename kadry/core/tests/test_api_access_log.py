"""The access log through the API: for the HR head and the auditor, own organisation, filters, pages, bounded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kadry.api.tests.conftest import Api
from kadry.core.audit import record_access
from kadry.core.models import Membership
from kadry.core.services import create_api_token
from kadry.testing.factories import EmployeeFactory, MembershipFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


def _open(membership: Membership, subject: Any, day: dt.date, *, denied: bool = False) -> None:
    with time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=MOSCOW), tick=False):
        record_access(membership=membership, subject=subject, what="Личная карточка Т-2", channel="web", denied=denied)


@pytest.fixture
def log(school, other_school, personas) -> dict[str, Any]:
    """Openings of 1, 2 and 3 September 2026 by the inspector and the director, one denied; one elsewhere."""
    ivanova, petrova = EmployeeFactory(organisation=school, last_name="Иванова"), EmployeeFactory(organisation=school)
    inspector, director = personas[R.HR_INSPECTOR].membership, personas[R.DIRECTOR].membership
    _open(inspector, ivanova, dt.date(2026, 9, 1))
    _open(director, petrova, dt.date(2026, 9, 2))
    _open(inspector, petrova, dt.date(2026, 9, 3), denied=True)
    elsewhere = MembershipFactory(organisation=other_school, role=R.HR_INSPECTOR)
    _open(elsewhere, EmployeeFactory(organisation=other_school), dt.date(2026, 9, 2))
    return {"ivanova": ivanova, "petrova": petrova, "inspector": inspector, "director": director}


@pytest.mark.parametrize("role", [R.HR_HEAD, R.AUDITOR])
def test_the_log_lists_the_organisations_openings_newest_first(log, personas, api_as, role) -> None:
    response = api_as(personas[role]).get("/access-log")

    assert response.status_code == 200, response.json()
    page = response.json()
    assert page["count"] == 3
    assert [item["at"][:10] for item in page["items"]] == ["2026-09-03", "2026-09-02", "2026-09-01"]
    first = page["items"][-1]
    assert first["subject"].startswith("Иванова") and first["subject_type"] == "staff.employee"
    assert first["user"] == log["inspector"].user_id and first["role"] == "hr_inspector"
    # A denial keeps only the id that was asked for.
    assert page["items"][0]["denied"] and page["items"][0]["subject"] == ""


@pytest.mark.parametrize(
    ("filters", "days"),
    [
        ({"start": "2026-09-02", "end": "2026-09-02"}, ["2026-09-02"]),
        ({"start": "2026-09-02"}, ["2026-09-03", "2026-09-02"]),
        ({"denied": "true"}, ["2026-09-03"]),
        ({"user": "inspector"}, ["2026-09-03", "2026-09-01"]),
        ({"employee": "petrova"}, ["2026-09-03", "2026-09-02"]),
    ],
)
def test_the_log_is_filtered_by_period_user_employee_and_denials(log, personas, api_as, filters, days) -> None:
    ids = {"inspector": log["inspector"].user_id, "petrova": log["petrova"].pk}
    params = {name: ids.get(value, value) for name, value in filters.items()}

    response = api_as(personas[R.HR_HEAD]).get("/access-log", **params)

    assert response.status_code == 200, response.json()
    assert [item["at"][:10] for item in response.json()["items"]] == days


def test_the_log_comes_a_page_at_a_time_in_bounded_queries(
    log, personas, api_as, django_assert_max_num_queries
) -> None:
    client = api_as(personas[R.AUDITOR])

    # The token, its use, the count and the page (with who opened, joined).
    with django_assert_max_num_queries(5):
        response = client.get("/access-log", limit=2, offset=1)

    assert response.json()["count"] == 3
    assert [item["at"][:10] for item in response.json()["items"]] == ["2026-09-02", "2026-09-01"]


def test_a_period_ending_before_it_starts_answers_422_on_the_end(log, personas, api_as) -> None:
    response = api_as(personas[R.HR_HEAD]).get("/access-log", start="2026-09-03", end="2026-09-01")

    assert response.status_code == 422
    assert response.json()["errors"] == {"end": ["Дата окончания раньше даты начала."]}


@pytest.mark.parametrize("role", [R.HR_INSPECTOR, R.DIRECTOR, R.ADMINISTRATOR, R.CLASS_TEACHER])
def test_other_roles_do_not_reach_the_log(log, personas, api_as, role) -> None:
    assert api_as(personas[role]).get("/access-log").status_code == 404
