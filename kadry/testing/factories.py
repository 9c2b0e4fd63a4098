"""factory_boy factories for the models every test needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from kadry.core.models import Membership, Organisation
from kadry.employment.models import Assignment
from kadry.staff.models import Department, Employee, Position, PriorJob, StaffingUnit


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Муниципальное бюджетное общеобразовательное учреждение «Лицей № {n + 1}»")
    short_name = factory.Sequence(lambda n: f"Лицей № {n + 1}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.HR_INSPECTOR


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Кафедра {n + 1}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Учитель предмета {n + 1}")
    category = Position.Category.PEDAGOGICAL


class StaffingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffingUnit

    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.SubFactory(DepartmentFactory, organisation=factory.SelfAttribute("..organisation"))
    position = factory.SubFactory(PositionFactory, organisation=factory.SelfAttribute("..organisation"))
    rates = Decimal("2")
    salary = Decimal("35000")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    organisation = factory.SubFactory(OrganisationFactory)
    last_name = factory.Sequence(lambda n: f"Сотрудникова{n}")
    first_name = "Мария"
    middle_name = "Петровна"
    sex = Employee.Sex.FEMALE
    birth_date = dt.date(1985, 3, 14)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    organisation = factory.SelfAttribute("employee.organisation")
    employee = factory.SubFactory(EmployeeFactory)
    staffing_unit = factory.SubFactory(StaffingUnitFactory, organisation=factory.SelfAttribute("..organisation"))
    rate = Decimal("1")
    start = dt.date(2020, 9, 1)
    basis = "Приказ от 01.09.2020 № 1-к"


class PriorJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorJob

    organisation = factory.SelfAttribute("employee.organisation")
    employee = factory.SubFactory(EmployeeFactory)
    employer = "МБОУ СОШ № 5"
    position = "учитель математики"
    start = dt.date(2010, 9, 1)
    end = dt.date(2020, 8, 31)
    pedagogical = True
