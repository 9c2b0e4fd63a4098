"""ЕФС-1 through the API: the organisation's unreported events by deadline, and an employee's work-record entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kadry.api.tests.conftest import Api
from kadry.core.models import AccessLogEntry, Membership
from kadry.core.services import create_api_token
from kadry.employment.models import WorkRecordEntry, WorkRecordEvent
from kadry.employment.tests import work_record_helpers as h
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
D = dt.date
unit = h.unit
WEDNESDAY = dt.datetime(2026, 9, 2, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


def _outsider(organisation: Any) -> Api:
    """Return a client of an HR inspector of ``organisation``."""
    membership = MembershipFactory(
        organisation=organisation, role=R.HR_INSPECTOR, user=UserFactory(username="outsider")
    )
    _token, secret = create_api_token(actor=membership.user, membership=membership, name="тесты")
    return Api(secret)


@pytest.fixture
def hires(school, hr_inspector, director, unit) -> dict[str, Any]:
    people = {name: h.person(school, n, last_name=name) for n, name in enumerate(("Аверина", "Борисова", "Гусева"))}
    h.hire(hr_inspector, director, unit, D(2026, 8, 28), people["Аверина"])  # Friday → deadline Monday 31.08
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), people["Борисова"])  # → Wednesday 02.09
    h.hire(hr_inspector, director, unit, D(2026, 9, 10), people["Гусева"])  # → Friday 11.09
    return people


def test_unreported_events_come_soonest_first_with_working_days_left(
    hires, personas, api_as, django_assert_max_num_queries
) -> None:
    reported = WorkRecordEvent.objects.get(employee=hires["Борисова"])
    reported.reported_on = D(2026, 9, 1)
    reported.save(update_fields=["reported_on"])
    client = api_as(personas[R.HR_INSPECTOR])

    with time_machine.travel(WEDNESDAY, tick=False), django_assert_max_num_queries(6):
        response = client.get("/work-record-events")

    assert response.status_code == 200, response.json()
    rows = [
        (row["employee_name"].split()[0], row["deadline"], row["working_days_left"], row["overdue"])
        for row in response.json()
    ]
    assert rows == [("Аверина", "2026-08-31", -2, True), ("Гусева", "2026-09-11", 7, False)]
    assert response.json()[0]["kind"] == "hire" and response.json()[0]["employee"] == hires["Аверина"].pk


def test_events_of_another_organisation_are_not_listed(hires, other_school, api_as) -> None:
    assert _outsider(other_school).get("/work-record-events").json() == []


@pytest.mark.parametrize("role", [R.CLASS_TEACHER, R.TEACHER, R.DEPUTY_DIRECTOR])
def test_roles_without_orders_do_not_see_the_deadlines(hires, personas, api_as, role) -> None:
    assert api_as(personas[role]).get("/work-record-events").status_code == 404


def test_work_record_entries_are_listed_in_order_and_the_reading_logged(hires, personas, api_as) -> None:
    employee = hires["Аверина"]
    client = api_as(personas[R.HR_INSPECTOR])

    response = client.get(f"/employees/{employee.pk}/work-record-entries")

    assert response.status_code == 200, response.json()
    entries = response.json()
    stored = list(WorkRecordEntry.objects.filter(employee=employee).order_by("number"))
    assert stored, "a signed hire writes an entry"
    assert [(e["number"], e["kind"], e["date"]) for e in entries] == [
        (s.number, s.kind, s.date.isoformat()) for s in stored
    ]
    assert entries[0]["kind"] == "hire" and "Приказ" in entries[0]["document"]
    log = AccessLogEntry.objects.get(actor=personas[R.HR_INSPECTOR].user)
    assert (log.subject_id, log.channel, log.denied) == (employee.pk, "api", False)


def test_work_record_entries_of_another_organisation_are_not_found(hires, other_school, api_as) -> None:
    response = _outsider(other_school).get(f"/employees/{hires['Аверина'].pk}/work-record-entries")

    assert response.status_code == 404
    assert AccessLogEntry.objects.get().denied
