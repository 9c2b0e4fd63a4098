"""Declined names and titles are shown and can be corrected; corrections win in documents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.lib.declension import Case
from kadry.staff.declension import employee_initials, employee_name, position_name
from kadry.testing.factories import EmployeeFactory, PositionFactory


@pytest.mark.django_db
def test_card_shows_the_automatic_forms(hr_inspector) -> None:
    employee = EmployeeFactory(
        organisation=hr_inspector.organisation, last_name="Иванова", first_name="Мария", middle_name="Петровна"
    )

    body = hr_inspector.client.get(reverse("employee_card", args=[employee.pk])).content.decode()

    assert "Ивановой Марии Петровны" in body  # genitive
    assert "Ивановой Марии Петровне" in body  # dative


@pytest.mark.django_db
def test_a_corrected_form_is_kept_used_and_recorded(hr_inspector) -> None:
    employee = EmployeeFactory(
        organisation=hr_inspector.organisation, last_name="Гусь", first_name="Иван", middle_name="Петрович", sex="M"
    )
    url = reverse("employee_name_forms", args=[employee.pk])
    automatic = hr_inspector.client.get(url).context["form"].initial
    data = {
        case: hr_inspector.client.get(url).context["form"][case].value()
        for case in ("gent", "datv", "accs", "ablt", "loct")
    }
    data["datv"] = "Гусю Ивану Петровичу"

    response = hr_inspector.client.post(url, data)

    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.name_forms == {"datv": "Гусю Ивану Петровичу"}  # only what differs from the automatic form
    assert employee_name(employee, Case.DATIVE) == "Гусю Ивану Петровичу"
    assert employee_initials(employee, Case.DATIVE) == "Гусю И. П."
    assert ChangeRecord.objects.filter(subject_id=employee.pk, action="update").exists()
    assert automatic == {}


@pytest.mark.django_db
def test_position_title_correction_wins(hr_inspector) -> None:
    position = PositionFactory(organisation=hr_inspector.organisation, name="учитель-дефектолог")
    assert position_name(position, Case.GENITIVE) == "учителя-дефектолога"

    position.name_forms = {"gent": "учителя-дефектолога (олигофренопедагога)"}

    assert position_name(position, Case.GENITIVE) == "учителя-дефектолога (олигофренопедагога)"


@pytest.mark.django_db
def test_only_editors_and_only_own_organisation_correct_forms(director, outsider) -> None:
    employee = EmployeeFactory(organisation=director.organisation)
    url = reverse("employee_name_forms", args=[employee.pk])

    assert director.client.get(url).status_code == 404
    assert outsider.client.get(url).status_code == 404
