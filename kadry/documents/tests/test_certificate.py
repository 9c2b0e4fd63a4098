"""The certificate of employment (ТК РФ ст. 62): the text, the formats, the refusals, the access log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from kadry.core.models import AccessLogEntry
from kadry.documents.contexts import DEFAULT_PURPOSE
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.employment.models import Assignment
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory, StaffingUnitFactory

TODAY = dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _url(employee: Employee) -> str:
    return reverse("documents:employment_certificate", args=[employee.pk])


def _post(persona, employee: Employee, **data):
    form = {"issued_on": "2026-11-21", "purpose": DEFAULT_PURPOSE, "fmt": "docx", "number": "17"} | data
    return persona.client.post(_url(employee), form)


@pytest.mark.django_db
def test_form_offers_the_default_purpose_and_today(hr_inspector, teacher: Employee) -> None:
    body = hr_inspector.client.get(_url(teacher)).content.decode()

    assert DEFAULT_PURPOSE in body
    assert 'value="2026-11-21"' in body
    assert "Учитель математики" in body


@pytest.mark.django_db
def test_docx_certificate_names_the_employee_in_the_dative_and_the_position_in_the_genitive(
    hr_inspector, teacher: Employee
) -> None:
    response = _post(hr_inspector, teacher)

    assert response.status_code == 200
    text = docx_text(response_bytes(response))
    assert "СПРАВКА" in text
    assert "Исх. № 17 от 21 ноября 2026 г." in text
    assert (
        "Выдана Ивановой Марии Петровне, 14.03.1985 года рождения, в том, что она действительно работает в "
        f"{_prepositional(teacher)} в должности учителя математики с 01.09.2020 по настоящее время "
        "(основное место работы)."
    ) in text
    assert "Справка выдана для предоставления по месту требования." in text
    assert "оклад" not in text


def _prepositional(employee: Employee) -> str:
    # The factory names schools «Муниципальное бюджетное общеобразовательное учреждение «Лицей № N»».
    return employee.organisation.name.replace(
        "Муниципальное бюджетное общеобразовательное учреждение",
        ("Муниципальном бюджетном общеобразовательном учреждении"),
    )


@pytest.mark.django_db
def test_salary_is_shown_only_when_asked(hr_inspector, teacher: Employee) -> None:
    text = docx_text(response_bytes(_post(hr_inspector, teacher, include_salary="on")))

    assert "по должности «учитель математики» (1 ст.): 35\u00a0000,00\u00a0руб. в месяц" in text


@pytest.mark.django_db
def test_pdf_certificate_holds_the_declined_name(director, teacher: Employee) -> None:
    response = _post(director, teacher, fmt="pdf")

    content = response_bytes(response)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Ивановой Марии Петровне" in text
    assert "21 ноября 2026 г." in text


@pytest.mark.django_db
def test_a_man_is_he_and_a_part_time_job_is_named(hr_inspector, school) -> None:
    main = AssignmentFactory(
        employee__organisation=school,
        employee__last_name="Черных",
        employee__first_name="Олег",
        employee__middle_name="Юрьевич",
        employee__sex=Employee.Sex.MALE,
        staffing_unit=StaffingUnitFactory(organisation=school, position__name="старший воспитатель"),
        start=dt.date(2019, 9, 2),
    )
    AssignmentFactory(
        employee=main.employee,
        staffing_unit=StaffingUnitFactory(organisation=school, position__name="педагог-психолог"),
        kind=Assignment.Kind.INTERNAL_PART_TIME,
        rate=Decimal("0.5"),
        start=dt.date(2024, 1, 9),
    )

    text = docx_text(response_bytes(_post(hr_inspector, main.employee, include_salary="on")))

    assert "Выдана Черных Олегу Юрьевичу" in text
    assert "в том, что он действительно работает" in text
    assert "в должности старшего воспитателя с 02.09.2019 по настоящее время (основное место работы); " in text
    assert "в должности педагога-психолога с 09.01.2024 по настоящее время (внутреннее совместительство)." in text
    assert "«педагог-психолог» (0,5 ст.): 17\u00a0500,00\u00a0руб." in text


@pytest.mark.django_db
def test_a_transfer_shows_when_the_employment_and_the_position_began(hr_inspector, teacher: Employee) -> None:
    first = teacher.assignments.get()
    first.end = dt.date(2024, 8, 31)
    first.save(update_fields=["end"])
    AssignmentFactory(
        employee=teacher,
        staffing_unit=StaffingUnitFactory(organisation=teacher.organisation, position__name="заместитель директора"),
        start=dt.date(2024, 9, 1),
    )

    text = docx_text(response_bytes(_post(hr_inspector, teacher)))

    assert (
        "с 01.09.2020 по настоящее время (основное место работы), в должности заместителя директора — с 01.09.2024."
    ) in text


@pytest.mark.django_db
def test_no_certificate_for_someone_not_working_on_the_date(hr_inspector, teacher: Employee) -> None:
    response = _post(hr_inspector, teacher, issued_on="2019-01-10")

    assert response.status_code == 400
    assert "сотрудник не работает" in response.context["form"].errors["issued_on"][0]
    # No certificate issued; the form shown again with the employee's jobs is logged as the form.
    assert list(AccessLogEntry.objects.values_list("what", flat=True)) == ["Справка с места работы: форма"]


@pytest.mark.django_db
def test_future_date_is_refused(hr_inspector, teacher: Employee) -> None:
    response = _post(hr_inspector, teacher, issued_on="2026-12-01")

    assert response.status_code == 400
    assert response.context["form"].errors["issued_on"] == ["Дата выдачи не может быть в будущем."]


@pytest.mark.django_db
def test_issuing_a_certificate_is_logged(hr_inspector, teacher: Employee) -> None:
    _post(hr_inspector, teacher)

    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.subject_id, entry.actor) == ("Справка с места работы", teacher.pk, hr_inspector.user)


@pytest.mark.django_db
def test_opening_the_form_is_logged_as_the_form(hr_inspector, teacher: Employee) -> None:
    hr_inspector.client.get(_url(teacher))
    entry = AccessLogEntry.objects.get()
    assert (entry.what, entry.subject_id, entry.actor) == (
        "Справка с места работы: форма",
        teacher.pk,
        hr_inspector.user,
    )
