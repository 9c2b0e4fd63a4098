"""A 7Б led by the class-teacher persona (appointed by a signed order) and an 8А led by somebody else."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.school.models import SchoolClass, Student
from kadry.testing.factories import EmployeeFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

# A Wednesday in November 2026: a school day, in the past of the tests' clock.
WEDNESDAY = dt.date(2026, 11, 18)


@pytest.fixture
def seventh(school, personas, class_teacher) -> SchoolClass:
    """7Б (6 lessons a day), its class teacher the class-teacher persona."""
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б", lessons_per_day=6)
    teacher = EmployeeFactory(organisation=school, last_name="Классная")
    class_teacher.membership.employee = teacher
    class_teacher.membership.save(update_fields=["employee"])
    appoint(personas["director"], teacher, school_class, dt.date(2026, 9, 1))
    return school_class


@pytest.fixture
def eighth(school, personas) -> SchoolClass:
    """8А, led by another teacher."""
    school_class = SchoolClassFactory(organisation=school, grade=8, letter="А")
    appoint(personas["director"], EmployeeFactory(organisation=school, last_name="Другая"), school_class)
    return school_class


@pytest.fixture
def pupils(seventh) -> list[Student]:
    return enrol(seventh, 5)
