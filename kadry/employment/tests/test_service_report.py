"""The length-of-service pages: one employee, everyone working on a date, the XLSX; access and queries."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry, Organisation
from kadry.employment.models import Assignment
from kadry.employment.tests.test_length_of_service_api import make_teacher
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PriorJobFactory, StaffingUnitFactory

ON = "2024-03-15"


def newcomer(school: Organisation, unit: Any = None, **names: Any) -> Employee:
    """Return an employee working here from 01.09.2020 with no earlier service."""
    unit = unit or StaffingUnitFactory(organisation=school, position__pedagogical_service=True)
    employee = EmployeeFactory(organisation=school, **names)
    AssignmentFactory(employee=employee, staffing_unit=unit, start=dt.date(2020, 9, 1))
    return employee


def report_url(name: str = "service_report") -> str:
    return f"{reverse(name)}?on={ON}"


def surnames(response: Any) -> list[str]:
    """Return the surnames of the report's rows, as shown."""
    return [row["name"].split()[0] for row in response.context["rows"]]


def read_xlsx(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


# One employee.


def test_employee_page_shows_every_kind_with_periods_and_thresholds(hr_inspector: Any, school: Organisation) -> None:
    teacher = make_teacher(school, last_name="Иванова")

    response = hr_inspector.client.get(f"{reverse('employee_service', args=[teacher.pk])}?on={ON}")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Стаж сотрудника" in text
    # Worked out in test_length_of_service_api: 13 years 15 days in all, 9 years 6 months 15 days pedagogical.
    assert "13 лет 15 дней" in text
    assert "9 лет 6 месяцев 15 дней" in text
    assert "6 лет 6 месяцев 15 дней" in text
    assert "с 01.03.2010 по 31.08.2016 — 6 лет 6 месяцев" in text
    assert "с 01.09.2017 по 15.03.2024 — 6 лет 6 месяцев 15 дней" in text
    assert "ООО «Ромашка»" in text
    assert "100 % среднего заработка" in text
    assert AccessLogEntry.objects.filter(subject_id=teacher.pk, what="Стаж", channel="web").count() == 1


def test_employee_page_shows_when_five_and_eight_years_are_reached(hr_inspector: Any, school: Organisation) -> None:
    employee = newcomer(school)

    text = hr_inspector.client.get(f"{reverse('employee_service', args=[employee.pk])}?on={ON}").content.decode()

    # From 01.09.2020: 59 months to 01.08.2025, then 30 days of August make the 60th month on 30.08.2025.
    assert "будет достигнут 30.08.2025" in text
    assert "будет достигнут 30.08.2028" in text
    assert "60 % среднего заработка" in text


@time_machine.travel(dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC))
def test_malformed_date_on_the_page_means_today(hr_inspector: Any, school: Organisation) -> None:
    employee = newcomer(school)

    response = hr_inspector.client.get(f"{reverse('employee_service', args=[employee.pk])}?on=завтра")

    assert response.status_code == 200
    assert response.context["on"] == dt.date(2024, 3, 15)
    assert "3 года 6 месяцев 15 дней" in response.content.decode()


@pytest.mark.parametrize("persona", ["class_teacher", "outsider"])
def test_employee_page_is_404_without_access(
    request: pytest.FixtureRequest, school: Organisation, persona: str
) -> None:
    employee = newcomer(school)
    client = request.getfixturevalue(persona).client

    assert client.get(reverse("employee_service", args=[employee.pk])).status_code == 404


# Everyone on a date.


def test_report_lists_only_those_working_on_the_date(hr_inspector: Any, school: Organisation) -> None:
    working = newcomer(school, last_name="Работающая")
    dismissed = EmployeeFactory(organisation=school, last_name="Уволенная")
    AssignmentFactory(
        employee=dismissed, staffing_unit__organisation=school, start=dt.date(2015, 9, 1), end=dt.date(2023, 6, 30)
    )
    future = EmployeeFactory(organisation=school, last_name="Будущая")
    AssignmentFactory(employee=future, staffing_unit__organisation=school, start=dt.date(2024, 9, 1))
    EmployeeFactory(organisation=school, last_name="Неоформленная")

    response = hr_inspector.client.get(report_url())

    assert response.status_code == 200
    assert surnames(response) == ["Работающая"]
    text = response.content.decode()
    assert f'href="{reverse("employee_service", args=[working.pk])}?on={ON}"' in text
    assert "3 года 6 месяцев 15 дней" in text
    assert "30.08.2025" in text
    assert f'href="{reverse("service_report_export")}?on={ON}"' in text


def test_report_shows_a_page_of_rows_by_surname_and_the_export_has_everyone(
    hr_inspector: Any, school: Organisation, settings: Any
) -> None:
    settings.KADRY_PAGE_SIZE = 2
    for last_name in ("Васильева", "Антонова", "Борисова"):
        newcomer(school, last_name=last_name)

    first = hr_inspector.client.get(report_url())
    second = hr_inspector.client.get(report_url(), {"on": ON, "page": 2})
    export = read_xlsx(hr_inspector.client.get(report_url("service_report_export")).content)

    assert surnames(first) == ["Антонова", "Борисова"]
    assert surnames(second) == ["Васильева"]
    assert "работающих: 3" in first.content.decode()
    assert f"?on={ON}&page=2" in first.content.decode()
    assert len(export) == 4


def test_report_xlsx_has_durations_thresholds_and_sick_pay(hr_inspector: Any, school: Organisation) -> None:
    make_teacher(school, last_name="Иванова", first_name="Мария", middle_name="Петровна", personnel_number="17")
    newcomer(school, last_name="Петрова", first_name="Анна", middle_name="")

    response = hr_inspector.client.get(report_url("service_report_export"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="length-of-service-2024-03-15.xlsx"'
    rows = read_xlsx(response.content)
    assert rows[0] == (
        "Табельный номер",
        "Сотрудник",
        "Должность",
        "Подразделение",
        "Общий стаж",
        "Страховой стаж",
        "Педагогический стаж",
        "Непрерывный стаж в организации",
        "Страховой стаж 5 лет",
        "Страховой стаж 8 лет",
        "Больничный, % заработка",
    )
    ivanova, petrova = rows[1], rows[2]
    assert ivanova[:2] == ("17", "Иванова Мария Петровна")
    assert ivanova[2] == "Учитель"
    assert ivanova[4:] == (
        "13 лет 15 дней",
        "13 лет 15 дней",
        "9 лет 6 месяцев 15 дней",
        "6 лет 6 месяцев 15 дней",
        "достигнут",
        "достигнут",
        100,
    )
    assert petrova[1] == "Петрова Анна"
    assert petrova[4:8] == ("3 года 6 месяцев 15 дней",) * 4
    assert [value.date() for value in petrova[8:10]] == [dt.date(2025, 8, 30), dt.date(2028, 8, 30)]
    assert petrova[10] == 60


def test_page_and_export_show_the_main_job_of_the_day(hr_inspector: Any, school: Organisation) -> None:
    """The page places its rows from the same rows as the periods; the export from its own query: they agree."""
    employee = EmployeeFactory(organisation=school, last_name="Совместителева")
    ended = StaffingUnitFactory(organisation=school, position__name="Воспитатель")
    main = StaffingUnitFactory(organisation=school, position__name="Учитель")
    extra = StaffingUnitFactory(organisation=school, position__name="Педагог-библиотекарь")
    AssignmentFactory(employee=employee, staffing_unit=ended, start=dt.date(2015, 9, 1), end=dt.date(2019, 8, 31))
    AssignmentFactory(
        employee=employee, staffing_unit=extra, start=dt.date(2019, 9, 1), kind=Assignment.Kind.INTERNAL_PART_TIME
    )
    AssignmentFactory(employee=employee, staffing_unit=main, start=dt.date(2020, 9, 1))
    PriorJobFactory(employee=employee, start=dt.date(2010, 9, 1), end=dt.date(2015, 8, 31))

    page = hr_inspector.client.get(report_url())
    export = read_xlsx(hr_inspector.client.get(report_url("service_report_export")).content)

    assert [row["position"] for row in page.context["rows"]] == ["Учитель"]
    assert export[1][2:4] == ("Учитель", main.department.name)


def test_report_is_404_for_a_class_teacher(class_teacher: Any) -> None:
    assert class_teacher.client.get(report_url()).status_code == 404
    assert class_teacher.client.get(report_url("service_report_export")).status_code == 404


def test_report_of_another_school_shows_nothing_of_this_one(outsider: Any, school: Organisation) -> None:
    newcomer(school)

    response = outsider.client.get(report_url())

    assert response.status_code == 200
    assert response.context["rows"] == []


def test_queries_are_the_same_for_one_and_thirty_employees(
    hr_inspector: Any, school: Organisation, django_assert_max_num_queries: Any
) -> None:
    unit = StaffingUnitFactory(organisation=school, position__pedagogical_service=True)
    make_teacher(school)
    with CaptureQueriesContext(connection) as page_queries:
        hr_inspector.client.get(report_url())
    with CaptureQueriesContext(connection) as export_queries:
        hr_inspector.client.get(report_url("service_report_export"))
    for _ in range(29):
        employee = newcomer(school, unit)
        PriorJobFactory(employee=employee)

    with django_assert_max_num_queries(len(page_queries)):
        response = hr_inspector.client.get(report_url())
    assert len(response.context["rows"]) == 30
    with django_assert_max_num_queries(len(export_queries)):
        response = hr_inspector.client.get(report_url("service_report_export"))
    assert len(read_xlsx(response.content)) == 31
