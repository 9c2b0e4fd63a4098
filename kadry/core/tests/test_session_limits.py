"""Sessions end after 30 minutes without a request, and a personal-data role's 12 hours after log-in."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kadry.core.models import Membership, SecurityEvent
from kadry.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _limits_on(settings) -> None:
    settings.KADRY_SESSION_IDLE_MINUTES = 30
    settings.KADRY_SESSION_MAX_HOURS = 12


def _client(role: str) -> Client:
    client = Client()
    client.force_login(MembershipFactory(role=role).user)
    return client


def _logged_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_cookie_ends_with_the_browser(settings) -> None:
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_thirty_minutes_without_a_request_end_the_session() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = _client(Membership.Role.TEACHER)
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("profile")).status_code == 200
        traveller.shift(dt.timedelta(minutes=29))  # 58 minutes after log-in, 29 after the last request
        assert client.get(reverse("profile")).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("profile"))
        assert _logged_out(response)
        assert _logged_out(client.get(reverse("profile")))
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SESSION_EXPIRED).count() == 1


def test_a_personal_data_role_is_logged_out_twelve_hours_after_log_in() -> None:
    with time_machine.travel(START, tick=False) as traveller:
        inspector, teacher = _client(Membership.Role.HR_INSPECTOR), _client(Membership.Role.TEACHER)
        for _ in range(12 * 3):  # busy all day: a request every 20 minutes
            traveller.shift(dt.timedelta(minutes=20))
            inspector.get(reverse("profile"))
            teacher.get(reverse("profile"))
        traveller.shift(dt.timedelta(minutes=1))
        assert _logged_out(inspector.get(reverse("profile")))
        assert teacher.get(reverse("profile")).status_code == 200


def test_activity_is_written_to_the_session_at_most_once_a_minute(django_assert_num_queries) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = _client(Membership.Role.TEACHER)
        client.get(reverse("profile"))
        traveller.shift(dt.timedelta(seconds=30))
        with django_assert_num_queries(5):  # session, user, memberships, authenticator, tokens; no write
            client.get(reverse("profile"))
