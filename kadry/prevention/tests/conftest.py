"""Prevention fixtures: 7Б led by the class-teacher persona (by a signed order) and 8А led by nobody, and a case.

Time is frozen on 4 December 2026 (a Friday of the second quarter) in the tests that read "today".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.core.models import Membership
from kadry.prevention.models import PreventionCase
from kadry.school.models import SchoolClass, Student
from kadry.testing.factories import EmployeeFactory
from kadry.testing.prevention import open_case
from kadry.testing.school import SchoolClassFactory, appoint, enrol

D = dt.date
R = Membership.Role
TODAY = D(2026, 12, 4)
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


@dataclass
class World:
    seventh: SchoolClass
    eighth: SchoolClass
    pupil: Student  # of 7Б, on the internal register
    other: Student  # of 8А, on the internal register
    case: PreventionCase
    other_case: PreventionCase


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(school, personas, director, class_teacher, frozen) -> World:
    seventh = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А")
    pupil, *_ = enrol(seventh, 3)
    other, *_ = enrol(eighth, 2)
    teacher = EmployeeFactory(organisation=school, last_name="Соколова", first_name="Ирина", middle_name="Олеговна")
    appoint(director, teacher, seventh, D(2026, 9, 1))
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])
    social = personas[R.SOCIAL_PEDAGOGUE]
    case = open_case(social, pupil, responsible=teacher, on=D(2026, 9, 15), number="1")
    other_case = open_case(social, other, on=D(2026, 9, 16), number="2")
    return World(seventh, eighth, pupil, other, case, other_case)


@pytest.fixture
def social(personas):
    return personas[R.SOCIAL_PEDAGOGUE]


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings) -> None:
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
