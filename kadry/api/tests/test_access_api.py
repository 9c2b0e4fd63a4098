"""Who may reach what through the API: the same capabilities as the UI, 404 for everything else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kadry.api.tests.conftest import MILITARY, NEW_EMPLOYEE, SECTION_ROWS, Api
from kadry.core.models import AccessLogEntry, ChangeRecord, Membership, Organisation
from kadry.core.permissions import ROLE_CAPABILITIES
from kadry.staff.models import Employee
from kadry.staff.sections import SECTIONS
from kadry.testing.factories import DepartmentFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db

Role = Membership.Role

# Expected answers by role, written out by hand from the capability table of the brief:
# registry, card, a card section, PATCH of the card, structure read, structure write.
ROLE_MATRIX = {
    Role.ADMINISTRATOR: (200, 404, 404, 404, 200, 201),
    Role.HR_HEAD: (200, 200, 200, 200, 200, 201),
    Role.HR_INSPECTOR: (200, 200, 200, 200, 200, 201),
    Role.DIRECTOR: (200, 200, 200, 404, 200, 404),
    Role.DEPUTY_DIRECTOR: (200, 404, 404, 404, 200, 404),
    Role.CLASS_TEACHER: (404, 404, 404, 404, 404, 404),
    Role.TEACHER: (404, 404, 404, 404, 404, 404),
    Role.SOCIAL_PEDAGOGUE: (404, 404, 404, 404, 404, 404),
    Role.PSYCHOLOGIST: (404, 404, 404, 404, 404, 404),
    Role.AUDITOR: (200, 200, 200, 404, 200, 404),
}


def test_matrix_covers_every_role() -> None:
    assert set(ROLE_MATRIX) == set(Role)


@pytest.mark.parametrize(("role", "expected"), ROLE_MATRIX.items())
def test_role_gets_the_expected_answers(
    role: str,
    expected: tuple[int, ...],
    personas: dict[str, Any],
    api_as: Callable[[Any], Api],
    employee: Employee,
) -> None:
    api = api_as(personas[role])

    answers = (
        api.get("/employees").status_code,
        api.get(f"/employees/{employee.pk}").status_code,
        api.get(f"/employees/{employee.pk}/prior-jobs").status_code,
        api.patch(f"/employees/{employee.pk}", {"phone": "+7 900 000-00-00"}).status_code,
        api.get("/departments").status_code,
        api.post("/positions", {"name": "Тьютор", "category": "pedagogical"}).status_code,
    )

    assert answers == expected
    employee.refresh_from_db()
    assert (employee.phone == "+7 900 000-00-00") == (expected[3] == 200)


def test_role_without_the_api_capability_gets_404_everywhere(
    teacher_api_without_capability: Api, employee: Employee
) -> None:
    assert teacher_api_without_capability.get("/employees").status_code == 404
    assert teacher_api_without_capability.get(f"/employees/{employee.pk}").status_code == 404
    assert teacher_api_without_capability.post("/employees", NEW_EMPLOYEE).status_code == 404


@pytest.fixture
def teacher_api_without_capability(
    personas: dict[str, Any], api_as: Callable[[Any], Api], monkeypatch: pytest.MonkeyPatch
) -> Api:
    # Every role has the API today; take it from one to check the gate itself.
    monkeypatch.setitem(ROLE_CAPABILITIES, Role.TEACHER, ROLE_CAPABILITIES[Role.TEACHER] - {"use_api"})
    return api_as(personas[Role.TEACHER])


def _object_requests(employee: Employee, school: Organisation) -> list[tuple[str, str, Any]]:
    """Return (method, path, body) for every object URL of the API, aimed at ``school``'s objects."""
    department = DepartmentFactory(organisation=school)
    unit = StaffingUnitFactory(organisation=school)
    card = f"/employees/{employee.pk}"
    requests: list[tuple[str, str, Any]] = [
        ("get", card, None),
        ("put", card, NEW_EMPLOYEE),
        ("patch", card, {"phone": "+7 900 000-00-00"}),
        ("get", f"{card}/military-record", None),
        ("put", f"{card}/military-record", MILITARY),
        ("get", f"/departments/{department.pk}", None),
        ("put", f"/departments/{department.pk}", {"name": "Захвачено"}),
        ("get", f"/positions/{unit.position_id}", None),
        ("put", f"/positions/{unit.position_id}", {"name": "Захвачено", "category": "service"}),
        ("get", f"/staffing-units/{unit.pk}", None),
        ("put", f"/staffing-units/{unit.pk}", {"department": 1, "position": 1, "rates": 1, "salary": 1}),
    ]
    for slug, section in SECTIONS.items():
        row = section.model._default_manager.get(employee=employee)
        requests += [
            ("get", f"{card}/{slug}", None),
            ("post", f"{card}/{slug}", SECTION_ROWS[slug]),
            ("put", f"{card}/{slug}/{row.pk}", SECTION_ROWS[slug]),
            ("delete", f"{card}/{slug}/{row.pk}", None),
        ]
    return requests


def _send(api: Api, method: str, path: str, body: Any) -> Any:
    return getattr(api, method)(path) if body is None else getattr(api, method)(path, body)


def test_outsider_gets_404_on_every_object_of_another_school(
    outsider: Any, api_as: Callable[[Any], Api], employee: Employee, school: Organisation
) -> None:
    api = api_as(outsider)
    requests = _object_requests(employee, school)

    answers = {(method, path): _send(api, method, path, body).status_code for method, path, body in requests}

    assert len(answers) == 11 + 4 * len(SECTIONS)
    assert {key: status for key, status in answers.items() if status != 404} == {}
    assert not ChangeRecord.objects.filter(organisation=school).exists()
    # Every attempt is in the outsider's own log, as a denial naming only what was asked for.
    assert not AccessLogEntry.objects.filter(organisation=school).exists()
    denials = AccessLogEntry.objects.filter(organisation_id=outsider.membership.organisation_id)
    assert denials.count() == len(requests)
    assert set(denials.values_list("denied", "subject_repr", "actor_id", "channel")) == {
        (True, "", outsider.user.pk, "api")
    }


def test_outsider_lists_only_their_own_school(
    outsider: Any, api_as: Callable[[Any], Api], employee: Employee, school: Organisation
) -> None:
    api = api_as(outsider)
    DepartmentFactory(organisation=school)

    assert api.get("/employees").json() == {"items": [], "count": 0}
    assert api.get("/employees", q="Иванова").json()["count"] == 0
    assert api.get("/departments").json()["count"] == 0
    assert api.get("/staffing-units").json()["count"] == 0


@pytest.mark.parametrize(
    "headers",
    [{}, {"authorization": "Bearer kd_unknown"}, {"authorization": "Token kd_unknown"}, {"authorization": "Bearer"}],
)
def test_request_without_a_valid_token_gets_401(headers: dict[str, str], employee: Employee) -> None:
    client = Client(headers=headers)

    for path in ("/api/v1/employees", f"/api/v1/employees/{employee.pk}", "/api/v1/departments"):
        response = client.get(path)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"


def test_browser_session_is_not_accepted_by_the_api(hr_inspector: Any) -> None:
    """The API takes tokens only, so a page on another site cannot call it with the user's cookies."""
    assert hr_inspector.client.get("/api/v1/employees").status_code == 401
