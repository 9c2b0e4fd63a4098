"""A class 7Б of the school with its class teacher (the persona, appointed by order) and students; today frozen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from kadry.core.models import Membership
from kadry.school.models import Period, SchoolClass, Student
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

TODAY = dt.date(2026, 11, 20)
Role = Membership.Role


@pytest.fixture(autouse=True)
def _today():
    # Noon in Moscow: the local date is TODAY whatever the time zone of the machine.
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class Class7B:
    school_class: SchoolClass
    students: list[Student]


@pytest.fixture
def quarters(school) -> list[Period]:
    """The quarters of 2026/2027 for all grades."""
    from kadry.testing.school import AcademicYearFactory

    year = AcademicYearFactory(organisation=school)
    spans = [
        (dt.date(2026, 9, 1), dt.date(2026, 10, 24)),
        (dt.date(2026, 11, 5), dt.date(2026, 12, 28)),
        (dt.date(2027, 1, 12), dt.date(2027, 3, 21)),
        (dt.date(2027, 3, 30), dt.date(2027, 5, 26)),
    ]
    return [
        Period.objects.create(organisation=school, academic_year=year, number=n, start=start, end=end)
        for n, (start, end) in enumerate(spans, start=1)
    ]


@pytest.fixture
def class_7b(school, personas, quarters) -> Class7B:
    """7Б with four students, led by the class-teacher persona from 1 September."""
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    students = enrol(school_class, 4)
    teacher = EmployeeFactory(organisation=school, last_name="Учителева", first_name="Нина", middle_name="Павловна")
    membership = personas[Role.CLASS_TEACHER].membership
    membership.employee = teacher
    membership.save(update_fields=["employee"])
    appoint(personas[Role.DIRECTOR], teacher, school_class)
    return Class7B(school_class, students)
