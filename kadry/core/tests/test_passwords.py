"""Passwords: every user changes their own (12 characters, not a common one); the administrator gives a
user of the organisation a temporary one, which must be changed at the next log-in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kadry.core.models import Membership, SecurityEvent
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
NEW = "Zx9-ветер-осень-7"
TEMPORARY = "Временный-пароль-42"


def _change(client: Client, new: str, old: str = "password"):
    return client.post(reverse("password_change"), {"old_password": old, "new_password1": new, "new_password2": new})


def _log_in(username: str, password: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
    return client


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("короткий1", "слишком короткий. Он должен состоять из как минимум 12 символов"),
        ("password1234", "слишком широко распространён"),
    ],
)
def test_short_and_common_passwords_are_refused_in_russian(class_teacher, password, message) -> None:
    response = _change(class_teacher.client, password)

    assert response.status_code == 400
    assert message in response.content.decode()
    class_teacher.user.refresh_from_db()
    assert class_teacher.user.check_password("password")


def test_user_changes_own_password_and_stays_logged_in(class_teacher) -> None:
    assert "Сменить пароль" in class_teacher.client.get(reverse("profile")).content.decode()

    response = _change(class_teacher.client, NEW)

    assert response["Location"] == reverse("profile")
    assert class_teacher.client.get(reverse("profile")).status_code == 200
    class_teacher.user.refresh_from_db()
    assert class_teacher.user.check_password(NEW)
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGED, user=class_teacher.user).exists()


def test_wrong_old_password_is_refused(class_teacher) -> None:
    assert _change(class_teacher.client, NEW, old="не тот").status_code == 400


def test_administrator_sets_a_temporary_password_that_must_be_changed(personas) -> None:
    admin, inspector = personas[Membership.Role.ADMINISTRATOR], personas[Membership.Role.HR_INSPECTOR]
    assert "hr_inspector" in admin.client.get(reverse("users")).content.decode()
    url = reverse("user_password_reset", args=[inspector.user.pk])

    response = admin.client.post(url, {"new_password1": TEMPORARY, "new_password2": TEMPORARY})

    assert response["Location"] == reverse("users")
    # The old session ended with the old password.
    assert inspector.client.get(reverse("employee_list"))["Location"].startswith(reverse("login"))
    event = SecurityEvent.objects.get(kind=Kind.PASSWORD_RESET_BY_ADMIN)
    assert (event.user, event.actor, event.organisation) == (inspector.user, admin.user, admin.organisation)

    client = _log_in("hr_inspector", TEMPORARY)
    for page in ("employee_list", "profile"):
        assert client.get(reverse(page))["Location"].startswith(reverse("password_change"))
    assert "временный пароль" in client.get(reverse("password_change")).content.decode()
    _change(client, NEW, old=TEMPORARY)
    assert client.get(reverse("employee_list")).status_code == 200
    # And the next log-in is an ordinary one.
    assert _log_in("hr_inspector", NEW).get(reverse("employee_list")).status_code == 200


def test_temporary_password_is_validated_too(personas) -> None:
    admin, inspector = personas[Membership.Role.ADMINISTRATOR], personas[Membership.Role.HR_INSPECTOR]
    url = reverse("user_password_reset", args=[inspector.user.pk])

    response = admin.client.post(url, {"new_password1": "qwerty", "new_password2": "qwerty"})

    assert response.status_code == 400
    assert not SecurityEvent.objects.filter(kind=Kind.PASSWORD_RESET_BY_ADMIN).exists()


def test_administrator_cannot_reset_a_user_of_another_organisation_or_a_superuser(personas, outsider) -> None:
    admin = personas[Membership.Role.ADMINISTRATOR]
    root = MembershipFactory(organisation=admin.organisation, user=UserFactory(username="root", is_superuser=True))

    for user in (outsider.user, root.user, admin.user):
        url = reverse("user_password_reset", args=[user.pk])
        assert admin.client.post(url, {"new_password1": TEMPORARY, "new_password2": TEMPORARY}).status_code == 404
    outsider.user.refresh_from_db()
    assert outsider.user.check_password("password")


def test_reset_lifts_a_lock_out(personas) -> None:
    admin, inspector = personas[Membership.Role.ADMINISTRATOR], personas[Membership.Role.HR_INSPECTOR]
    for _ in range(5):
        Client().post(reverse("login"), {"username": "hr_inspector", "password": "wrong"})
    assert Client().post(reverse("login"), {"username": "hr_inspector", "password": "password"}).status_code == 429

    url = reverse("user_password_reset", args=[inspector.user.pk])
    admin.client.post(url, {"new_password1": TEMPORARY, "new_password2": TEMPORARY})

    _log_in("hr_inspector", TEMPORARY)
