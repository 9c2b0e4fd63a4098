"""The awards API: the nominations by status and school, an employee's nominations, the access log, the bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.api.tests.conftest import Api, api_as  # noqa: F401  (the API client fixture)
from kadry.awards import services
from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.staff.models import Award
from kadry.testing.factories import EmployeeFactory, MembershipFactory, OrganisationFactory

D = dt.date
pytestmark = pytest.mark.django_db
R = Membership.Role


def nominate(hr: Any, employee: Any, award: str = "gratitude", sent_on: dt.date | None = None) -> Any:
    made = services.create_nomination(actor=hr.user, employee=employee, award=award, characteristic="Заслуги.")
    if sent_on:
        services.send_nomination(actor=hr.user, nomination=made, on=sent_on, sent_to="Минпросвещения")
    return made


@pytest.fixture
def three(school, hr_inspector) -> dict[str, Any]:
    """A draft, a sent one, and a sent one the award order has since written on the card (awarded 20.11.2026)."""
    draft = nominate(hr_inspector, EmployeeFactory(organisation=school, last_name="Проектова"))
    sent = nominate(hr_inspector, EmployeeFactory(organisation=school, last_name="Направленная"),
                    sent_on=D(2026, 11, 2))  # fmt: skip
    awarded_person = EmployeeFactory(organisation=school, last_name="Награждённая")
    awarded = nominate(hr_inspector, awarded_person, "honour_certificate", sent_on=D(2026, 11, 2))
    Award.objects.create(organisation=school, employee=awarded_person, awarded_on=D(2026, 11, 20),
                         name="Почётная грамота Министерства просвещения Российской Федерации")  # fmt: skip
    return {"draft": draft, "sent": sent, "awarded": awarded}


def test_the_nominations_by_status_with_the_award_from_the_card(three, hr_inspector, api_as) -> None:  # noqa: F811
    api = api_as(hr_inspector)
    rows = api.get("/awards/nominations").json()
    assert {(r["name"].split()[0], r["status"]) for r in rows} == {
        ("Проектова", "draft"), ("Направленная", "sent"), ("Награждённая", "awarded"),
    }  # fmt: skip
    awarded = next(r for r in rows if r["status"] == "awarded")
    assert (awarded["awarded_on"], awarded["sent_on"], awarded["level"]) == (
        "2026-11-20",
        "2026-11-02",
        "ведомственная",
    )
    assert "characteristic" not in awarded
    # «sent» is what is still waiting: the awarded one is not in it.
    assert [r["id"] for r in api.get("/awards/nominations", status="sent").json()] == [three["sent"].pk]
    assert [r["id"] for r in api.get("/awards/nominations", status="awarded").json()] == [three["awarded"].pk]
    assert [r["id"] for r in api.get("/awards/nominations", status="draft").json()] == [three["draft"].pk]
    assert api.get("/awards/nominations", status="refused").json() == []
    bad = api.get("/awards/nominations", status="won")
    assert bad.status_code == 422 and "status" in bad.json()["errors"]
    assert AccessLogEntry.objects.filter(what="Ходатайства о награждении: 3", channel="api").exists()


def test_an_employees_nominations_with_the_characteristic(three, hr_inspector, outsider, api_as) -> None:  # noqa: F811
    employee_id = three["sent"].employee_id
    rows = api_as(hr_inspector).get(f"/employees/{employee_id}/award-nominations").json()
    assert [(r["id"], r["status"], r["characteristic"]) for r in rows] == [(three["sent"].pk, "sent", "Заслуги.")]
    assert AccessLogEntry.objects.filter(subject_id=employee_id, what="Ходатайства о награждении работника").exists()
    # Another school's employee and a role without personal data: 404.
    assert api_as(outsider).get(f"/employees/{employee_id}/award-nominations").status_code == 404


def test_a_role_without_personal_data_gets_404(three, personas, api_as) -> None:  # noqa: F811
    assert api_as(personas[R.CLASS_TEACHER]).get("/awards/nominations").status_code == 404


def test_a_service_sees_the_schools_it_keeps_and_no_other(hr_inspector, outsider, api_as) -> None:  # noqa: F811
    service = OrganisationFactory(short_name="ЦБ", kind=Organisation.Kind.HR_SERVICE)
    kept = [OrganisationFactory(short_name=f"Школа № {n}", serviced_by=service) for n in (1, 2)]
    for school in kept:
        nominate(hr_inspector, EmployeeFactory(organisation=school, last_name=f"Учитель{school.pk}"))
    nominate(hr_inspector, EmployeeFactory(organisation=outsider.organisation, last_name="Чужая"))
    membership = MembershipFactory(organisation=service, role=R.HR_INSPECTOR)
    api = api_as(SimpleNamespace(user=membership.user, membership=membership))
    assert {r["organisation"] for r in api.get("/awards/nominations").json()} == {s.pk for s in kept}
    chosen = api.get("/awards/nominations", organisation=kept[0].pk).json()
    assert [r["organisation"] for r in chosen] == [kept[0].pk]
    refused = api.get("/awards/nominations", organisation=outsider.organisation.pk)
    assert refused.status_code == 422 and "organisation" in refused.json()["errors"]
    # A school sees its own only, and not another school's by asking.
    assert api_as(outsider).get("/awards/nominations", organisation=kept[0].pk).status_code == 422


def _queries(api: Api) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/awards/nominations").status_code == 200
    return len(captured.captured_queries)


def test_the_list_costs_the_same_queries_with_more_nominations(school, hr_inspector, api_as: Callable) -> None:  # noqa: F811
    api = api_as(hr_inspector)
    nominate(hr_inspector, EmployeeFactory(organisation=school), sent_on=D(2026, 11, 2))
    api.get("/awards/nominations")  # the first request reads the token once
    few = _queries(api)
    for n in range(6):
        nominate(hr_inspector, EmployeeFactory(organisation=school), sent_on=D(2026, 11, 2) if n % 2 else None)
    assert _queries(api) == few
    assert len(api.get("/awards/nominations").json()) == 7
