"""The plan fixtures: 7Б of the persona school led by the class-teacher persona (appointed by order), with
four students and the quarters of 2026/2027; 8А of the same school led by nobody; today 20 November 2026."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.test import Client

from kadry.core.models import Membership
from kadry.core.services import create_api_token
from kadry.school.models import Period, SchoolClass, Student
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

Role = Membership.Role
D = dt.date
QUARTERS = [(1, D(2026, 9, 1), D(2026, 10, 24)), (2, D(2026, 11, 5), D(2026, 12, 28)),
            (3, D(2027, 1, 12), D(2027, 3, 21)), (4, D(2027, 3, 30), D(2027, 5, 26))]  # fmt: skip


@pytest.fixture(autouse=True)
def _today():
    # Noon in Moscow: the local date is 20 November 2026 whatever the time zone of the machine.
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings) -> None:
    # The personas log in at the real time; the tests travel to a fixed date.
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600


@dataclass
class Classes:
    seventh: SchoolClass
    eighth: SchoolClass
    students: list[Student]


@pytest.fixture
def classes(school, personas) -> Classes:
    seventh = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А")
    students = enrol(seventh, 4)
    enrol(eighth, 2)
    for number, start, end in QUARTERS:
        Period.objects.create(
            organisation=school, academic_year=seventh.academic_year, number=number, start=start, end=end
        )
    teacher = EmployeeFactory(organisation=school, last_name="Учителева", first_name="Нина", middle_name="Павловна")
    membership = personas[Role.CLASS_TEACHER].membership
    membership.employee = teacher
    membership.save(update_fields=["employee"])
    appoint(personas[Role.DIRECTOR], teacher, seventh)
    return Classes(seventh, eighth, students)


@pytest.fixture
def deputy(personas):
    return personas[Role.DEPUTY_DIRECTOR]


class Api:
    """A test client of API v1 acting with one bearer token; bodies are sent as JSON."""

    def __init__(self, secret: str) -> None:
        self.client = Client(headers={"authorization": f"Bearer {secret}"})

    def get(self, path: str) -> Any:
        return self.client.get("/api/v1" + path)

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post("/api/v1" + path, json.dumps(body or {}), content_type="application/json")

    def put(self, path: str, body: Any) -> Any:
        return self.client.put("/api/v1" + path, json.dumps(body), content_type="application/json")


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make
