"""Acting in one organisation at a time; switching between memberships."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kadry.core.models import Membership
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory


@pytest.fixture
def central_inspector(school, other_school) -> Client:
    """An inspector of the centralised HR service who keeps the records of both schools."""
    user = UserFactory(username="cks")
    MembershipFactory(user=user, organisation=school, role=Membership.Role.HR_INSPECTOR)
    MembershipFactory(user=user, organisation=other_school, role=Membership.Role.HR_INSPECTOR)
    client = Client()
    client.force_login(user)
    return client


def _listed(client: Client) -> list[str]:
    return [
        row["name"].split()[0]
        for row in client.get(reverse("employee_list"), {"status": ""}).context["page"].object_list
    ]


@pytest.mark.django_db
def test_user_with_two_schools_sees_one_at_a_time_and_switches(central_inspector, school, other_school) -> None:
    ours = EmployeeFactory(organisation=school, last_name="Первая")
    theirs = EmployeeFactory(organisation=other_school, last_name="Вторая")
    membership_in_other = Membership.objects.get(user__username="cks", organisation=other_school)
    first_view = _listed(central_inspector)
    assert len(first_view) == 1

    response = central_inspector.post(reverse("switch_organisation"), {"membership": membership_in_other.pk})

    assert response.status_code == 302
    assert _listed(central_inspector) == ["Вторая"]
    assert central_inspector.get(reverse("employee_card", args=[ours.pk])).status_code == 404
    assert central_inspector.get(reverse("employee_card", args=[theirs.pk])).status_code == 200


@pytest.mark.django_db
def test_switching_to_someone_elses_membership_is_refused(hr_inspector, outsider) -> None:
    response = hr_inspector.client.post(reverse("switch_organisation"), {"membership": outsider.membership.pk})

    assert response.status_code == 404


@pytest.mark.django_db
def test_inactive_membership_gives_no_access(hr_inspector) -> None:
    Membership.objects.filter(pk=hr_inspector.membership.pk).update(is_active=False)

    assert hr_inspector.client.get(reverse("employee_list")).status_code == 404


@pytest.mark.django_db
def test_login_page_is_russian_and_logs_in(client, hr_inspector) -> None:
    page = client.get(reverse("login")).content.decode()
    assert "Войти" in page

    response = client.post(reverse("login"), {"username": "hr_inspector", "password": "password"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Сегодня" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_is_explained_in_russian(client, hr_inspector) -> None:
    response = client.post(reverse("login"), {"username": "hr_inspector", "password": "wrong"})

    assert "Неверное имя пользователя или пароль" in response.content.decode()
