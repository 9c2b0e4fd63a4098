"""The staff registry: search, filters, status, pagination and a query count independent of size."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry
from kadry.staff.models import Employee, Position
from kadry.staff.views.registry import STATUS_TAGS
from kadry.testing.factories import (
    AssignmentFactory,
    DepartmentFactory,
    EmployeeFactory,
    PositionFactory,
    StaffingUnitFactory,
)


def _names(response) -> list[str]:
    return [row["name"].split()[0] for row in response.context["page"].object_list]


@pytest.fixture
def staff(school):
    """Семёнова (teacher, maths), Семенов (cleaner), Алексеева (dismissed), Новикова (no assignment)."""
    maths = DepartmentFactory(organisation=school, name="Кафедра математики")
    service = DepartmentFactory(organisation=school, name="Хозяйственная служба")
    teacher = StaffingUnitFactory(
        organisation=school, department=maths, position=PositionFactory(organisation=school, name="Учитель математики")
    )
    cleaner = StaffingUnitFactory(
        organisation=school,
        department=service,
        position=PositionFactory(organisation=school, name="Уборщик", category=Position.Category.SERVICE),
    )
    people = {
        "semenova": EmployeeFactory(organisation=school, last_name="Семёнова", first_name="Алёна"),
        "semenov": EmployeeFactory(organisation=school, last_name="Семенов", first_name="Пётр", sex="M"),
        "alekseeva": EmployeeFactory(organisation=school, last_name="Алексеева", first_name="Ирина"),
        "novikova": EmployeeFactory(organisation=school, last_name="Новикова", first_name="Ольга"),
    }
    AssignmentFactory(employee=people["semenova"], staffing_unit=teacher)
    AssignmentFactory(employee=people["semenov"], staffing_unit=cleaner)
    AssignmentFactory(
        employee=people["alekseeva"], staffing_unit=teacher, start=dt.date(2015, 9, 1), end=dt.date(2020, 6, 30)
    )
    return {"maths": maths, **people}


@pytest.mark.django_db
def test_list_shows_working_staff_sorted_by_surname_by_default(hr_inspector, staff) -> None:
    response = hr_inspector.client.get(reverse("employee_list"))

    assert _names(response) == ["Семенов", "Семёнова"]
    assert "Учитель математики" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("семен", ["Семенов", "Семёнова"]),  # «е» finds «ё»
        ("СЕМЁН", ["Семенов", "Семёнова"]),  # «ё» finds «е», any case
        ("сем але", ["Семёнова"]),  # surname prefix + name prefix
        ("алена", ["Семёнова"]),  # a name alone
        ("менова", []),  # prefixes only, not the middle of a word
    ],
)
def test_search_by_prefix_ignores_case_and_yo(hr_inspector, staff, query, expected) -> None:
    response = hr_inspector.client.get(reverse("employee_list"), {"q": query})

    assert _names(response) == expected


@pytest.mark.django_db
def test_filters_by_status_department_and_category(hr_inspector, staff) -> None:
    get = lambda **params: _names(hr_inspector.client.get(reverse("employee_list"), params))  # noqa: E731

    assert get(status="dismissed") == ["Алексеева"]
    assert get(status="not_hired") == ["Новикова"]
    assert get(status="") == ["Алексеева", "Новикова", "Семенов", "Семёнова"]
    assert get(department=staff["maths"].pk) == ["Семёнова"]
    assert get(category="service") == ["Семенов"]


@pytest.mark.django_db
def test_htmx_search_returns_only_the_rows(hr_inspector, staff) -> None:
    response = hr_inspector.client.get(reverse("employee_list"), {"q": "сем"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "<table" in body and "<html" not in body


@pytest.mark.django_db
def test_list_is_paginated(hr_inspector, settings) -> None:
    settings.KADRY_PAGE_SIZE = 10
    for index in range(25):
        EmployeeFactory(organisation=hr_inspector.organisation, last_name=f"Фамилия{index:02d}")

    response = hr_inspector.client.get(reverse("employee_list"), {"status": "", "page": 3})

    assert _names(response) == [f"Фамилия{i:02d}" for i in range(20, 25)]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 50])
def test_list_costs_the_same_queries_at_1_and_50_employees(hr_inspector, size, django_assert_max_num_queries) -> None:
    unit = StaffingUnitFactory(organisation=hr_inspector.organisation, rates=100)
    for _ in range(size):
        AssignmentFactory(employee__organisation=hr_inspector.organisation, staffing_unit=unit)

    # session, user, membership, departments of the filter, count, page
    with django_assert_max_num_queries(7):
        response = hr_inspector.client.get(reverse("employee_list"))
    assert response.context["page"].paginator.count == size


@pytest.mark.django_db
def test_employee_model_search_is_a_queryset_method(school) -> None:
    EmployeeFactory(organisation=school, last_name="Ёлкина")

    assert Employee.objects.of(school.pk).search("елк").count() == 1


@pytest.mark.django_db
def test_search_without_a_chosen_status_finds_everyone(hr_inspector, staff) -> None:
    assert _names(hr_inspector.client.get(reverse("employee_list"), {"q": "нов"})) == ["Новикова"]
    assert _names(hr_inspector.client.get(reverse("employee_list"), {"q": "нов", "status": "working"})) == []


@pytest.mark.django_db
def test_a_row_and_the_filters_use_the_main_job_of_the_day(hr_inspector, staff) -> None:
    """Семёнова also cleans part-time, and moves to the service department next year: her row and
    the department filter both follow today's main job, never the part-time or the future one."""
    from kadry.employment.models import Assignment

    cleaner = Assignment.objects.get(employee=staff["semenov"]).staffing_unit
    AssignmentFactory(
        employee=staff["semenova"], staffing_unit=cleaner, rate="0.5", kind=Assignment.Kind.INTERNAL_PART_TIME
    )
    AssignmentFactory(
        employee=staff["novikova"], staffing_unit=cleaner, start=timezone.localdate() + dt.timedelta(days=30)
    )

    everyone = hr_inspector.client.get(reverse("employee_list"), {"status": ""}).context["page"].object_list
    rows = {row["name"].split()[0]: row for row in everyone}
    maths_only = hr_inspector.client.get(reverse("employee_list"), {"department": staff["maths"].pk})
    service = Position.Category.SERVICE
    cleaners = hr_inspector.client.get(reverse("employee_list"), {"category": service})

    assert rows["Семёнова"]["position"] == "Учитель математики"
    assert rows["Семёнова"]["department"] == "Кафедра математики"
    assert rows["Семёнова"]["status"] == STATUS_TAGS[Employee.Status.WORKING]
    assert rows["Алексеева"]["status"] == STATUS_TAGS[Employee.Status.DISMISSED]
    assert rows["Алексеева"]["position"] == "—"
    assert rows["Новикова"]["status"] == STATUS_TAGS[Employee.Status.NOT_HIRED]  # hired only from next month
    assert _names(maths_only) == ["Семёнова"]
    assert _names(cleaners) == ["Семенов"]


def _export_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.django_db
def test_export_holds_every_row_of_the_current_filter_and_is_logged(hr_inspector, staff, settings) -> None:
    settings.KADRY_PAGE_SIZE = 1  # the file is the whole filter, not the page on screen
    staff["semenova"].personnel_number = "=1+2"  # typed text stays text in the file
    staff["semenova"].save()

    response = hr_inspector.client.get(reverse("employee_list_export"), {"department": staff["maths"].pk, "status": ""})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _export_rows(response)
    assert rows[0] == ("Таб. №", "Фамилия, имя, отчество", "Должность", "Подразделение", "Статус")
    assert rows[1:] == [("=1+2", "Семёнова Алёна " + staff["semenova"].middle_name, "Учитель математики",
                         "Кафедра математики", "Работает")]  # fmt: skip
    entry = AccessLogEntry.objects.get(actor=hr_inspector.user)
    assert "Список сотрудников" in entry.what and "1 сотр." in entry.what
    # By default, as on the page: the working staff.
    assert [
        row[1].split()[0] for row in _export_rows(hr_inspector.client.get(reverse("employee_list_export")))[1:]
    ] == [
        "Семенов",
        "Семёнова",
    ]


@pytest.mark.django_db
def test_list_links_the_export_of_its_filter(hr_inspector, staff) -> None:
    response = hr_inspector.client.get(reverse("employee_list"), {"q": "сем"}, headers={"HX-Request": "true"})

    assert f'href="{reverse("employee_list_export")}?q=%D1%81%D0%B5%D0%BC"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 50])
def test_export_costs_the_same_queries_at_1_and_50_employees(hr_inspector, size, django_assert_max_num_queries) -> None:
    unit = StaffingUnitFactory(organisation=hr_inspector.organisation, rates=100)
    for _ in range(size):
        AssignmentFactory(employee__organisation=hr_inspector.organisation, staffing_unit=unit)

    with django_assert_max_num_queries(8):
        response = hr_inspector.client.get(reverse("employee_list_export"))
    assert len(_export_rows(response)) == size + 1
