from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kadry.core.models import Organisation
from kadry.staff.models import Award, Education, Employee, FamilyMember, MilitaryRecord, Training
from kadry.testing.factories import AssignmentFactory, PriorJobFactory, StaffingUnitFactory


@pytest.fixture(autouse=True)
def _documents_settings(settings, tmp_path) -> None:
    """Files under a temporary MEDIA_ROOT, tasks run at once, and the app's URLs mounted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.ROOT_URLCONF = "kadry.documents.tests.urls"


@pytest.fixture
def teacher(school: Organisation) -> Employee:
    """Иванова Мария Петровна, a mathematics teacher of ``school`` since 01.09.2020, with a filled card."""
    unit = StaffingUnitFactory(
        organisation=school,
        position__name="учитель математики",
        department__name="Кафедра математики",
        salary=Decimal("35000"),
    )
    assignment = AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Иванова",
        employee__first_name="Мария",
        employee__middle_name="Петровна",
        employee__personnel_number="0042",
        employee__snils="112-233-445 95",
        staffing_unit=unit,
        start=dt.date(2020, 9, 1),
    )
    employee = assignment.employee
    PriorJobFactory(employee=employee)
    Education.objects.create(
        organisation=school,
        employee=employee,
        level=Education.Level.SPECIALIST,
        institution="Калужский государственный университет им. К. Э. Циолковского",
        graduation_year=2007,
        specialty="Математика",
        qualification="Учитель математики",
    )
    Training.objects.create(
        organisation=school,
        employee=employee,
        kind=Training.Kind.TRAINING,
        program="Школа современного учителя математики",
        institution="Академия Минпросвещения России",
        start=dt.date(2023, 3, 1),
        end=dt.date(2023, 3, 31),
        hours=72,
    )
    FamilyMember.objects.create(
        organisation=school,
        employee=employee,
        relation=FamilyMember.Relation.SON,
        full_name="Иванов Артём Сергеевич",
        birth_date=dt.date(2012, 5, 4),
    )
    Award.objects.create(
        organisation=school,
        employee=employee,
        name="Почётная грамота Министерства просвещения",
        awarded_on=dt.date(2022, 10, 5),
    )
    MilitaryRecord.objects.create(organisation=school, employee=employee, commissariat="Военный комиссариат г. Калуги")
    return employee
