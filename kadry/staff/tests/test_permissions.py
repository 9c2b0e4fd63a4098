"""Writes to another school's records are refused; the page × role matrix is in kadry/core/tests/test_url_matrix.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.staff.models import Employee, PriorJob


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
