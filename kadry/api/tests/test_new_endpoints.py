"""Endpoints an integrator missed: an employee's declined name forms and ЕФС-1 events, a class's events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kadry.api.tests.conftest import Api
from kadry.core.models import AccessLogEntry, Membership
from kadry.staff.models import Employee, StaffingUnit
from kadry.testing.school import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_name_forms_are_the_declined_forms_with_the_corrections(inspector_api: Api, employee: Employee) -> None:
    employee.last_name, employee.first_name, employee.middle_name, employee.sex = "Иванова", "Мария", "Петровна", "F"
    employee.name_forms = {"datv": "Ивановой Марие Петровне"}
    employee.save()

    response = inspector_api.get(f"/employees/{employee.pk}/name-forms")

    assert response.status_code == 200
    forms = {row["case"]: (row["form"], row["corrected"]) for row in response.json()}
    assert forms["gent"] == ("Ивановой Марии Петровны", False)
    assert forms["datv"] == ("Ивановой Марие Петровне", True)
    assert AccessLogEntry.objects.filter(subject_repr__contains="Иванова", channel="api").exists()


def test_work_record_lists_the_events_of_a_signed_hire_with_their_deadline(
    inspector_api: Api, personas, api_as, employee: Employee
) -> None:
    director_api = api_as(personas[Membership.Role.DIRECTOR])
    newcomer = inspector_api.post(
        "/employees", {"last_name": "Новикова", "first_name": "Ольга", "sex": "F", "birth_date": "1990-01-01"}
    ).json()
    unit = StaffingUnit.objects.filter(organisation=employee.organisation).first()
    unit.rates = 5
    unit.save()
    today = timezone.localdate()
    order = inspector_api.post(
        "/orders",
        {
            "kind": "hire",
            "date": today.isoformat(),
            "items": [
                {
                    "employee": newcomer["id"],
                    "staffing_unit": unit.pk,
                    "rate": "1",
                    "date": today.isoformat(),
                    "employment_kind": "1_main",
                    "contract_term": "indefinite",
                    "contract_number": "15/26",
                    "contract_date": today.isoformat(),
                }
            ],
        },
    )
    assert order.status_code == 201, order.json()
    submitted = inspector_api.post(f"/orders/{order.json()['id']}/submit")
    assert submitted.status_code == 200, submitted.json()
    signed = director_api.post(f"/orders/{order.json()['id']}/sign")
    assert signed.status_code == 200, signed.json()

    events = inspector_api.get(f"/employees/{newcomer['id']}/work-record").json()

    assert [event["kind"] for event in events] == ["hire"]
    assert events[0]["date"] == today.isoformat() and events[0]["reported_on"] is None
    assert dt.date.fromisoformat(events[0]["deadline"]) > today


def test_a_classs_events_are_listed(personas, api_as, school) -> None:
    pupil = EnrollmentFactory(school_class__organisation=school, start=timezone.localdate() - dt.timedelta(days=30))
    client = api_as(personas[Membership.Role.DIRECTOR])

    response = client.get(f"/school/classes/{pupil.school_class_id}/events")

    assert response.status_code == 200 and response.json() == []
