"""factory_boy factories for the models every test needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models

from kadry.core.models import Membership, Organisation
from kadry.employment.models import Assignment
from kadry.staff.models import Department, Employee, Position, PriorJob, StaffingUnit

ModelT = TypeVar("ModelT", bound=models.Model)


class ModelFactory(factory.django.DjangoModelFactory[ModelT]):
    """A model factory whose call is typed as what it returns: the saved model instance.

    Without a ``Meta.model`` factory_boy treats it as abstract.
    """

    if TYPE_CHECKING:

        def __new__(cls, *args: Any, **kwargs: Any) -> ModelT: ...  # type: ignore[misc]  # factory_boy's __new__ is untyped; its metaclass call returns the model


class OrganisationFactory(ModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Муниципальное бюджетное общеобразовательное учреждение «Лицей № {n + 1}»")
    short_name = factory.Sequence(lambda n: f"Лицей № {n + 1}")


class UserFactory(ModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password")


class MembershipFactory(ModelFactory[Membership]):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.HR_INSPECTOR


class DepartmentFactory(ModelFactory[Department]):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Кафедра {n + 1}")


class PositionFactory(ModelFactory[Position]):
    class Meta:
        model = Position

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Учитель предмета {n + 1}")
    category = Position.Category.PEDAGOGICAL


class StaffingUnitFactory(ModelFactory[StaffingUnit]):
    class Meta:
        model = StaffingUnit

    organisation = factory.SubFactory(OrganisationFactory)
    department = factory.SubFactory(DepartmentFactory, organisation=factory.SelfAttribute("..organisation"))
    position = factory.SubFactory(PositionFactory, organisation=factory.SelfAttribute("..organisation"))
    rates = Decimal("2")
    salary = Decimal("35000")


class EmployeeFactory(ModelFactory[Employee]):
    class Meta:
        model = Employee

    organisation = factory.SubFactory(OrganisationFactory)
    last_name = factory.Sequence(lambda n: f"Сотрудникова{n}")
    first_name = "Мария"
    middle_name = "Петровна"
    sex = Employee.Sex.FEMALE
    birth_date = dt.date(1985, 3, 14)


class AssignmentFactory(ModelFactory[Assignment]):
    class Meta:
        model = Assignment

    organisation = factory.SelfAttribute("employee.organisation")
    employee = factory.SubFactory(EmployeeFactory)
    staffing_unit = factory.SubFactory(StaffingUnitFactory, organisation=factory.SelfAttribute("..organisation"))
    rate = Decimal("1")
    start = dt.date(2020, 9, 1)
    basis = "Приказ от 01.09.2020 № 1-к"


class PriorJobFactory(ModelFactory[PriorJob]):
    class Meta:
        model = PriorJob

    organisation = factory.SelfAttribute("employee.organisation")
    employee = factory.SubFactory(EmployeeFactory)
    employer = "МБОУ СОШ № 5"
    position = "учитель математики"
    start = dt.date(2010, 9, 1)
    end = dt.date(2020, 8, 31)
    pedagogical = True
