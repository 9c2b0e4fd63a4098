from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kadry.core.models import Organisation
from kadry.school.models import AcademicYear, SchoolClass
from kadry.staff.models import Award, Education, Employee, FamilyMember, MilitaryRecord, Position, Training
from kadry.testing.factories import (
    AssignmentFactory,
    DepartmentFactory,
    EmployeeFactory,
    PositionFactory,
    PriorJobFactory,
    StaffingUnitFactory,
)

D = dt.date


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


# --- The people and staffing units of the printed orders (test_order_forms, test_order_list_columns) ---


@pytest.fixture
def units(school) -> dict[str, Any]:
    maths = DepartmentFactory(organisation=school, name="МО учителей математики")
    return {
        "maths": StaffingUnitFactory(
            organisation=school,
            department=maths,
            rates=Decimal("25"),
            position=PositionFactory(organisation=school, name="учитель математики", pedagogical_service=True),
        ),
        "deputy": StaffingUnitFactory(
            organisation=school,
            department=DepartmentFactory(organisation=school, name="Администрация"),
            rates=Decimal("2"),
            salary=Decimal("52000"),
            position=PositionFactory(
                organisation=school,
                name="заместитель директора по учебно-воспитательной работе",
                category=Position.Category.MANAGEMENT,
            ),
        ),
    }


@pytest.fixture
def ivanova(school) -> Employee:
    return EmployeeFactory(
        organisation=school,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
        sex="F",
        personnel_number="0042",
    )


@pytest.fixture
def sidorov(school) -> Employee:
    return EmployeeFactory(organisation=school, last_name="Сидоров", first_name="Пётр", middle_name="Ильич", sex="M")


@pytest.fixture
def signing_director(director) -> Any:
    """The director's membership linked to her employee record, as the signature names her."""
    director.membership.employee = EmployeeFactory(
        organisation=director.organisation, last_name="Петрова", first_name="Анна", middle_name="Сергеевна"
    )
    director.membership.save(update_fields=["employee"])
    return director


@pytest.fixture
def seventh(school) -> SchoolClass:
    year = AcademicYear.objects.create(organisation=school, name="2026/2027", start=D(2026, 9, 1), end=D(2027, 8, 31))
    return SchoolClass.objects.create(organisation=school, academic_year=year, grade=7, letter="Б")


@pytest.fixture
def people(hr_inspector, signing_director) -> dict[str, Any]:
    return {"hr": hr_inspector, "director": signing_director}
