"""API tokens: created and revoked through the services the profile page calls; used as bearer tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from kadry.api.tests.conftest import Api
from kadry.core.models import ApiToken, ChangeRecord, SecurityEvent
from kadry.core.services import create_api_token, revoke_api_token

pytestmark = pytest.mark.django_db


def test_created_token_keeps_only_the_digest_of_its_secret(hr_inspector: Any) -> None:
    token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="1С:ЗУП")

    assert secret.startswith("kd_")
    assert (token.prefix, token.digest) == (secret[:8], ApiToken.digest_of(secret))
    assert not ApiToken.objects.filter(digest=secret).exists()
    change = ChangeRecord.objects.get(subject_type="core.membership", subject_id=hr_inspector.membership.pk)
    assert (change.action, change.actor, change.section) == ("create", hr_inspector.user, "Токены API")


def test_token_acts_as_its_membership(hr_inspector: Any) -> None:
    _token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="отчёты")

    assert Api(secret).get("/employees").status_code == 200


def test_revoked_token_gets_401(hr_inspector: Any) -> None:
    token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="старый")
    assert Api(secret).get("/employees").status_code == 200

    revoke_api_token(actor=hr_inspector.user, token=token)

    assert Api(secret).get("/employees").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    change = ChangeRecord.objects.get(action=ChangeRecord.Action.UPDATE)
    ((old, new),) = change.changes.values()  # the revocation time, from empty to set
    assert old == ""
    assert new


def test_revoking_twice_keeps_the_first_time(hr_inspector: Any) -> None:
    token, _secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="старый")
    revoke_api_token(actor=hr_inspector.user, token=token)
    first = token.revoked_at

    revoke_api_token(actor=hr_inspector.user, token=ApiToken.objects.get(pk=token.pk))

    assert ApiToken.objects.get(pk=token.pk).revoked_at == first
    assert ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATE).count() == 1


def test_token_of_an_inactive_membership_gets_401(hr_inspector: Any) -> None:
    _token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="уволен")
    hr_inspector.membership.is_active = False
    hr_inspector.membership.save(update_fields=["is_active"])

    assert Api(secret).get("/employees").status_code == 401


def test_token_of_a_deactivated_user_gets_401(hr_inspector: Any) -> None:
    _token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="уволен")
    hr_inspector.user.is_active = False
    hr_inspector.user.save(update_fields=["is_active"])

    assert Api(secret).get("/employees").status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(hr_inspector: Any) -> None:
    token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="опрос")
    api = Api(secret)
    start = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

    with time_machine.travel(start, tick=False):
        api.get("/employees")
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        api.get("/employees")
    token.refresh_from_db()
    assert token.last_used_at == start

    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        api.get("/employees")
    token.refresh_from_db()
    assert token.last_used_at == start + dt.timedelta(seconds=61)
    assert token.last_used_at <= timezone.now()


def test_token_expires_a_year_after_creation_and_is_refused_after(hr_inspector: Any, settings: Any) -> None:
    assert settings.KADRY_API_TOKEN_LIFETIME_DAYS == 365
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="год")
        assert token.expires_at == start + dt.timedelta(days=365)
        traveller.shift(dt.timedelta(days=364, hours=23))
        assert Api(secret).get("/employees").status_code == 200
        traveller.shift(dt.timedelta(hours=1))
        assert Api(secret).get("/employees").status_code == 401


def test_profile_shows_expiry_and_last_use(hr_inspector: Any) -> None:
    token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="отчёты")
    page = hr_inspector.client.get(reverse("profile")).content.decode()
    assert f"{timezone.localtime(token.expires_at):%d.%m.%Y}" in page and "не использовался" in page

    Api(secret).get("/employees")

    token.refresh_from_db()
    page = hr_inspector.client.get(reverse("profile")).content.decode()
    assert f"{timezone.localtime(token.last_used_at):%d.%m.%Y %H:%M}" in page


def test_token_events_are_in_the_security_log(hr_inspector: Any) -> None:
    token, _secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="t")
    revoke_api_token(actor=hr_inspector.user, token=token)

    kinds = list(
        SecurityEvent.objects.filter(kind__startswith="token").order_by("id").values_list("kind", "organisation_id")
    )
    assert kinds == [("token_created", hr_inspector.organisation.pk), ("token_revoked", hr_inspector.organisation.pk)]
