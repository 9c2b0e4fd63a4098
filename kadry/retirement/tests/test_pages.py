"""The page «Предпенсионеры и пенсионеры», its files and the API, on hand-computed people."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.core.models import AccessLogEntry
from kadry.employment.seniority import sources_for_employee
from kadry.retirement.queries import years_reached_on
from kadry.testing.factories import AssignmentFactory, PriorJobFactory, StaffingUnitFactory

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)
TODAY = D(2026, 12, 3)


@pytest.fixture
def people(school):
    teaching = StaffingUnitFactory(organisation=school, position__name="учитель", position__pedagogical_service=True)
    caretaker = StaffingUnitFactory(organisation=school, position__name="завхоз", position__pedagogical_service=False)
    # A teacher: pedagogical work 12.09.1996–31.08.2020 = 23 y 11 m 20 d (12.09.1996–11.08.2020, then 20 days
    # of August), then here from 01.09.2020: 1 y by 31.08.2021, and 10 more days make 30 days = a month
    # (Приказ № 585н п. 21): 25 years on 10.09.2021, so the right from 10.09.2024 (Приложение 7: +36 months).
    teacher = AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Педагогова",
        employee__sex="F",
        employee__birth_date=D(1975, 5, 5),
        staffing_unit=teaching,
        start=D(2020, 9, 1),
    ).employee
    PriorJobFactory(employee=teacher, start=D(1996, 9, 12), end=D(2020, 8, 31), pedagogical=True)
    # A man born 20.04.1962: 64 → 20.04.2026, entitled.
    AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Старшов",
        employee__sex="M",
        employee__birth_date=D(1962, 4, 20),
        staffing_unit=caretaker,
    )
    # A man born 01.06.1965: 60 in 2025 → 65 → 01.06.2030; pre-retirement from 01.06.2025.
    AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Предов",
        employee__sex="M",
        employee__birth_date=D(1965, 6, 1),
        staffing_unit=caretaker,
    )
    # A woman born 10.08.1971: 55 in 2026 → 60 → 10.08.2031; pre-retirement from 10.08.2026.
    AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Будущева",
        employee__sex="F",
        employee__birth_date=D(1971, 8, 10),
        staffing_unit=caretaker,
    )
    # A young one: never listed.
    AssignmentFactory(employee__organisation=school, employee__last_name="Молодова", employee__sex="F",
                      employee__birth_date=D(1995, 1, 1), staffing_unit=caretaker)  # fmt: skip
    return teacher


def test_the_day_of_25_years_is_found_in_the_past_and_projected_in_the_future(people, school) -> None:
    sources = sources_for_employee(people)
    assert years_reached_on(sources, TODAY) == D(2021, 9, 10)
    # On 01.01.2021 the 25 years are still ahead: projected from the work running that day.
    assert years_reached_on(sources, D(2021, 1, 1)) == D(2021, 9, 10)
    assert years_reached_on([], TODAY) is None


@time_machine.travel(NOW)
def test_hr_sees_who_is_pre_retirement_or_entitled_with_dates(people, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("retirement:upcoming"), {"months": "12"})
    rows = [(row.employee.last_name, row.status, row.outlook.right_on) for row in response.context["rows"]]
    assert rows == [
        ("Педагогова", "pension", D(2024, 9, 10)),
        ("Старшов", "pension", D(2026, 4, 20)),
        ("Предов", "pre", D(2030, 6, 1)),
        ("Будущева", "pre", D(2031, 8, 10)),
    ]
    page = response.content.decode()
    assert "10.09.2019" in page  # the teacher's pre-retirement age: five years before 10.09.2024
    assert "ТК РФ ст. 185.1 ч. 3" in page
    assert AccessLogEntry.objects.filter(what__startswith="Предпенсионеры и пенсионеры").count() == 1


@time_machine.travel(NOW)
def test_the_page_costs_the_same_queries_for_more_people(
    people, school, hr_inspector, django_assert_max_num_queries
) -> None:
    hr_inspector.client.get(reverse("retirement:upcoming"))  # warm the session
    with django_assert_max_num_queries(8):
        hr_inspector.client.get(reverse("retirement:upcoming"))
    for number in range(10):
        AssignmentFactory(employee__organisation=school, employee__sex="M", employee__birth_date=D(1962, 1, 1 + number))
    with django_assert_max_num_queries(8):
        response = hr_inspector.client.get(reverse("retirement:upcoming"))
    assert len(response.context["rows"]) == 14


@time_machine.travel(NOW)
def test_the_list_downloads_as_xlsx_and_pdf(people, hr_inspector) -> None:
    xlsx = hr_inspector.client.get(reverse("retirement:export", args=["xlsx"]), {"months": "12"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]][1:3] == [people.full_name, "учитель"]
    assert sheet.max_row == 5
    pdf = hr_inspector.client.get(reverse("retirement:export", args=["pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@time_machine.travel(NOW)
def test_the_api_gives_the_same_dates_and_checks_the_horizon(people, hr_inspector, api_as) -> None:  # noqa: F811
    api = api_as(hr_inspector)
    body = api.get("/retirement/upcoming", months=60).json()
    teacher = next(row for row in body["rows"] if row["employee"] == people.pk)
    assert (teacher["teacher_25_years_on"], teacher["teacher_right_on"], teacher["pre_retirement_from"]) == (
        "2021-09-10", "2024-09-10", "2019-09-10"
    )  # fmt: skip
    assert teacher["checkup_days"] == 2 and teacher["status"] == "pension"
    assert len(body["rows"]) == 4
    # Within 60 months (to 03.12.2031): the rights of 01.06.2030 and 10.08.2031 arise; the others' are past.
    assert {row["name"].split()[0]: row["in_window"] for row in body["rows"]} == {
        "Педагогова": False, "Старшов": False, "Предов": True, "Будущева": True
    }  # fmt: skip
    wrong = api.get("/retirement/upcoming", months=0)
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["months"]


@time_machine.travel(NOW)
def test_a_class_teacher_cannot_open_the_list(people, class_teacher) -> None:
    assert class_teacher.client.get(reverse("retirement:upcoming")).status_code == 404
