"""Class life fixtures: 7Б of the persona school with 25 students, a guardian each, four quarters,
and the class-teacher persona appointed to it by a signed order; 8А of the same school led by nobody."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.school.models import Period, SchoolClass, Student
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import GuardianFactory, SchoolClassFactory, appoint, enrol

D = dt.date
# 2026/2027 quarters (as in the demo lyceum); the autumn holidays are 26.10–03.11.
QUARTERS = [(1, D(2026, 9, 1), D(2026, 10, 25)), (2, D(2026, 11, 5), D(2026, 12, 28)),
            (3, D(2027, 1, 11), D(2027, 3, 21)), (4, D(2027, 3, 30), D(2027, 5, 26))]  # fmt: skip


@dataclass
class ClassWorld:
    seventh: SchoolClass
    eighth: SchoolClass
    students: list[Student]
    others: list[Student]


@pytest.fixture
def world(school, director, class_teacher) -> ClassWorld:
    seventh = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    eighth = SchoolClassFactory(organisation=school, grade=8, letter="А")
    students = enrol(seventh, 25)
    others = enrol(eighth, 3)
    for student in students:
        GuardianFactory(student=student)
    for number, start, end in QUARTERS:
        Period.objects.create(
            organisation=school, academic_year=seventh.academic_year, number=number, start=start, end=end
        )
    teacher = EmployeeFactory(organisation=school, last_name="Соколова", first_name="Ирина", middle_name="Олеговна")
    appoint(director, teacher, seventh, D(2026, 9, 1))
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])
    return ClassWorld(seventh, eighth, students, others)


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings) -> None:
    # The personas log in at the real time; the tests travel to fixed dates weeks away.
    settings.SESSION_COOKIE_AGE = 10 * 365 * 24 * 3600
