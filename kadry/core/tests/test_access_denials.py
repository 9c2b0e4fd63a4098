"""Denied attempts in the access log, and the client address behind a configured number of proxies."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.access import client_ip
from kadry.core.models import AccessLogEntry
from kadry.testing.factories import EmployeeFactory

# The client address ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.1"),
        # No proxy configured: the header is the client's own words.
        (0, "198.51.100.7", "10.0.0.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        # The client wrote the first entry, the one proxy appended the address it saw.
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 203.0.113.5", "198.51.100.7"),
        (2, "2001:db8::1 , 203.0.113.5", "2001:db8::1"),
        # Fewer entries than proxies: the header did not come through them.
        (2, "198.51.100.7", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies: int, forwarded: str, expected: str) -> None:
    settings.KADRY_TRUSTED_PROXIES = proxies
    meta: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)

    assert client_ip(request) == expected


@pytest.mark.django_db
def test_logged_address_is_the_proxied_client_only_behind_a_trusted_proxy(settings, director) -> None:
    employee = EmployeeFactory(organisation=director.organisation)
    url = reverse("employee_card", args=[employee.pk])
    spoofed = {"HTTP_X_FORWARDED_FOR": "6.6.6.6", "REMOTE_ADDR": "10.0.0.1"}

    director.client.get(url, **spoofed)
    settings.KADRY_TRUSTED_PROXIES = 1
    director.client.get(url, **spoofed)

    assert list(AccessLogEntry.objects.order_by("id").values_list("ip_address", flat=True)) == ["10.0.0.1", "6.6.6.6"]


# Denials -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_denied_card_is_logged_in_the_actors_school_without_the_employees_name(outsider, school) -> None:
    employee = EmployeeFactory(organisation=school, last_name="Секретова")

    response = outsider.client.get(reverse("employee_card", args=[employee.pk]), REMOTE_ADDR="192.0.2.9")

    assert response.status_code == 404
    entry = AccessLogEntry.objects.get()
    assert entry.organisation_id == outsider.membership.organisation_id
    assert (entry.actor, entry.role, entry.denied) == (outsider.user, "hr_inspector", True)
    assert (entry.subject_type, entry.subject_id, entry.subject_repr) == ("staff.employee", employee.pk, "")
    assert (entry.what, entry.ip_address, entry.channel) == ("Отказ в доступе: сотрудник", "192.0.2.9", "web")


@pytest.mark.django_db
def test_a_card_that_does_not_exist_is_logged_alike(outsider) -> None:
    """Whether the id exists elsewhere or nowhere, the answer and the log row are the same."""
    assert outsider.client.get(reverse("employee_card", args=[987654])).status_code == 404

    assert AccessLogEntry.objects.get().subject_id == 987654


@pytest.mark.django_db
def test_unauthenticated_requests_are_not_logged(school) -> None:
    employee = EmployeeFactory(organisation=school)

    response = Client().get(reverse("employee_card", args=[employee.pk]))
    api = Client().get(f"/api/v1/employees/{employee.pk}")

    assert response.status_code == 302 and api.status_code == 401
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_log_page_filters_and_marks_the_denials(hr_head, hr_inspector, outsider, school) -> None:
    employee = EmployeeFactory(organisation=school, last_name="Иванова")
    assert hr_inspector.client.get(reverse("employee_card", args=[employee.pk])).status_code == 200
    # A denial in our school: the inspector asks for a card of the other school.
    stranger = EmployeeFactory(organisation=outsider.organisation, last_name="Чужая")
    assert hr_inspector.client.get(reverse("employee_card", args=[stranger.pk])).status_code == 404

    everything = hr_head.client.get(reverse("access_log"))
    denials = hr_head.client.get(reverse("access_log"), {"denied": "on"})

    assert everything.context["page"].paginator.count == 2
    assert denials.context["page"].paginator.count == 1
    page = denials.content.decode()
    assert '<tr class="denied">' in page and "отказ</span>" in page
    assert f"запрошен № {stranger.pk}" in page
    assert "Чужая" not in everything.content.decode()
    assert "Иванова" not in page


@pytest.mark.django_db
def test_export_says_which_rows_are_denials(auditor, hr_inspector, outsider) -> None:
    stranger = EmployeeFactory(organisation=outsider.organisation)
    hr_inspector.client.get(reverse("employee_card", args=[stranger.pk]))

    response = auditor.client.get(reverse("access_log_export"), {"denied": "on"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][3:5] == (f"запрошен № {stranger.pk}", "Отказ в доступе: сотрудник")
    assert rows[1][-1] == "отказ"
