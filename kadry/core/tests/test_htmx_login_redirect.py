"""A fragment asked for after the session has ended takes the whole page to the login form."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kadry.core.models import Organisation
from kadry.testing.factories import EmployeeFactory


def test_htmx_request_without_a_session_gets_hx_redirect_to_login(school: Organisation) -> None:
    employee = EmployeeFactory(organisation=school)
    url = reverse("employee_card_tab", args=[employee.pk, "family"])

    response = Client().get(url, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next={url}"
    assert response.content == b""


def test_plain_request_without_a_session_is_redirected_as_before(school: Organisation) -> None:
    employee = EmployeeFactory(organisation=school)
    url = reverse("employee_card_tab", args=[employee.pk, "family"])

    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert "HX-Redirect" not in response


def test_other_redirects_of_htmx_requests_are_left_to_htmx(hr_inspector: Any) -> None:
    """Only the way to the login form is turned into a full-page navigation."""
    response = hr_inspector.client.post(
        reverse("switch_organisation"), {"membership": hr_inspector.membership.pk}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 302
    assert "HX-Redirect" not in response
