"""Every staff and core URL × every role, and every object URL from another organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import Membership
from kadry.staff.models import Employee, PriorJob, StaffingUnit

Role = Membership.Role

ALL = set(Role)
STAFF_READERS = {Role.ADMINISTRATOR, Role.HR_HEAD, Role.HR_INSPECTOR, Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.AUDITOR}
CARD_READERS = {Role.HR_HEAD, Role.HR_INSPECTOR, Role.DIRECTOR, Role.AUDITOR}
CARD_EDITORS = {Role.HR_HEAD, Role.HR_INSPECTOR}
STRUCTURE_EDITORS = {Role.ADMINISTRATOR, Role.HR_HEAD, Role.HR_INSPECTOR}
LOG_READERS = {Role.HR_HEAD, Role.AUDITOR}


def _urls(employee: Employee) -> list[tuple[str, set[str]]]:
    """Return (url, roles that may GET it) for every page; written out by hand, not derived from the code."""
    job = PriorJob.objects.get(employee=employee)
    unit = StaffingUnit.objects.get(organisation=employee.organisation)
    return [
        (reverse("profile"), ALL),
        (reverse("employee_list"), STAFF_READERS),
        (reverse("employee_create"), CARD_EDITORS),
        (reverse("employee_card", args=[employee.pk]), CARD_READERS),
        (reverse("employee_edit", args=[employee.pk]), CARD_EDITORS),
        (reverse("military_edit", args=[employee.pk]), CARD_EDITORS),
        (reverse("section_add", args=[employee.pk, "prior-jobs"]), CARD_EDITORS),
        (reverse("section_edit", args=[employee.pk, "prior-jobs", job.pk]), CARD_EDITORS),
        (reverse("structure"), STAFF_READERS),
        (reverse("structure_create", args=["departments"]), STRUCTURE_EDITORS),
        (reverse("structure_edit", args=["departments", unit.department_id]), STRUCTURE_EDITORS),
        (reverse("structure_edit", args=["positions", unit.position_id]), STRUCTURE_EDITORS),
        (reverse("structure_edit", args=["staffing-units", unit.pk]), STRUCTURE_EDITORS),
        (reverse("staffing_table"), STAFF_READERS),
        (reverse("staffing_table_export"), STAFF_READERS),
        (reverse("access_log"), LOG_READERS),
        (reverse("access_log_export"), LOG_READERS),
    ]


@pytest.mark.django_db
def test_every_page_answers_each_role_as_the_matrix_says(personas, employee: Employee) -> None:
    failures = []
    for url, allowed in _urls(employee):
        for role, persona in personas.items():
            expected = 200 if role in allowed else 404
            status = persona.client.get(url).status_code
            if status != expected:
                failures.append(f"{role} GET {url}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_outsider_gets_404_for_every_object_of_another_school(outsider, employee: Employee) -> None:
    object_urls = [url for url, _allowed in _urls(employee) if str(employee.pk) in url or "/edit/" in url]
    assert len(object_urls) >= 8
    for url in object_urls:
        assert outsider.client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_outsider_cannot_write_to_another_schools_card(outsider, employee: Employee) -> None:
    job = PriorJob.objects.get(employee=employee)
    delete_url = reverse("section_delete", args=[employee.pk, "prior-jobs", job.pk])
    edit_url = reverse("employee_edit", args=[employee.pk])

    assert outsider.client.post(delete_url).status_code == 404
    assert outsider.client.post(edit_url, {"last_name": "Взлом"}).status_code == 404
    assert PriorJob.objects.filter(pk=job.pk).exists()
    employee.refresh_from_db()
    assert employee.last_name != "Взлом"


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login(client, employee: Employee) -> None:
    response = client.get(reverse("employee_card", args=[employee.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_list_of_another_school_does_not_show_our_employees(outsider, employee: Employee) -> None:
    response = outsider.client.get(reverse("employee_list"), {"status": ""})
    assert employee.last_name not in response.content.decode()
