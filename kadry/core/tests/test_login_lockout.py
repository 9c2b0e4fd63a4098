"""Logging in: the lock-out after five failures (per account and per address), and the security log."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kadry.core.models import Membership, SecurityEvent
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
LOCKED = "Вход временно заблокирован"


def _try(username: str, password: str, ip: str = "10.0.0.1") -> tuple[int, str]:
    """Post the login form from ``ip`` with a fresh client; return the status."""
    response = Client().post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)
    return response.status_code, response.content.decode()


@pytest.fixture
def inspector() -> Membership:
    return MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)


def test_fifth_failure_locks_the_account_for_15_minutes_even_with_the_right_password(inspector) -> None:
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for attempt in range(4):
            status, page = _try("inspector", "wrong", ip=f"10.0.0.{attempt + 1}")
            assert status == 200 and "Неверное имя пользователя или пароль" in page
        status, page = _try("inspector", "wrong", ip="10.0.0.5")
        assert status == 429 and LOCKED in page and "на 15 минут" in page

        # From a new address, with the right password: the account itself is locked.
        status, page = _try("inspector", "password", ip="10.0.0.9")
        assert status == 429 and LOCKED in page

        traveller.shift(dt.timedelta(minutes=14))
        assert _try("inspector", "password", ip="10.0.0.9")[0] == 429
        traveller.shift(dt.timedelta(minutes=1, seconds=1))
        assert _try("inspector", "password", ip="10.0.0.9")[0] == 302

    kinds = list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))
    # The fifth failure: axes announces the lock-out while the failure is being handled.
    assert kinds[:6] == [Kind.LOGIN_FAILED] * 4 + [Kind.LOCKOUT, Kind.LOGIN_FAILED]
    assert kinds[-1] == Kind.LOGIN
    failed = SecurityEvent.objects.filter(kind=Kind.LOGIN_FAILED).order_by("id").first()
    assert failed is not None
    assert (failed.user, failed.username, failed.ip_address) == (inspector.user, "inspector", "10.0.0.1")


def test_five_failures_from_one_address_lock_that_address_for_every_account(inspector) -> None:
    for n in range(5):
        _try(f"guess{n}", "wrong", ip="192.0.2.7")

    assert _try("inspector", "password", ip="192.0.2.7")[0] == 429
    assert _try("inspector", "password", ip="192.0.2.8")[0] == 302


def test_four_failures_do_not_lock(inspector) -> None:
    for _ in range(4):
        _try("inspector", "wrong")

    assert _try("inspector", "password")[0] == 302


def test_unknown_username_is_logged_without_a_user() -> None:
    _try("nobody-here", "wrong", ip="198.51.100.1")

    event = SecurityEvent.objects.get()
    assert (event.kind, event.user, event.username, event.ip_address) == (
        Kind.LOGIN_FAILED,
        None,
        "nobody-here",
        "198.51.100.1",
    )


def test_login_and_logout_are_logged(inspector) -> None:
    client = Client()
    client.post(reverse("login"), {"username": "inspector", "password": "password"}, REMOTE_ADDR="10.1.1.1")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.1.2")

    events = list(SecurityEvent.objects.order_by("id").values_list("kind", "user", "ip_address"))
    assert events == [(Kind.LOGIN, inspector.user_id, "10.1.1.1"), (Kind.LOGOUT, inspector.user_id, "10.1.1.2")]


def test_security_events_are_never_rewritten(inspector) -> None:
    _try("inspector", "wrong")
    event = SecurityEvent.objects.get()

    event.username = "someone-else"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_security_log_shows_the_organisations_users_only(hr_head, hr_inspector, outsider) -> None:
    for username in ("hr_inspector", "outsider", "stranger"):
        _try(username, "wrong")

    page = hr_head.client.get(reverse("security_log")).content.decode()

    assert "hr_inspector" in page and "неудачный вход" in page
    assert "outsider" not in page and "stranger" not in page
    filtered = hr_head.client.get(reverse("security_log"), {"kind": Kind.LOGIN}).content.decode()
    assert "неудачный вход" not in filtered.split("<tbody>")[1]


def test_security_log_is_in_the_navigation_next_to_the_access_log(hr_head) -> None:
    page = hr_head.client.get(reverse("access_log")).content.decode()

    assert page.index(reverse("access_log")) < page.index(reverse("security_log"))
