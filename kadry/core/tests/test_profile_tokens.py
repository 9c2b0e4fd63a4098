"""API tokens on the profile page: shown once, stored as a hash, revocable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import ApiToken


@pytest.mark.django_db
def test_token_is_shown_once_and_only_its_hash_is_kept(hr_inspector) -> None:
    response = hr_inspector.client.post(reverse("token_create"), {"name": "Выгрузка в 1С"})

    secret = response.context["secret"]
    token = ApiToken.objects.get()
    assert token.membership == hr_inspector.membership
    assert token.digest == ApiToken.digest_of(secret) and secret not in (token.digest, token.prefix)
    assert secret not in hr_inspector.client.get(reverse("profile")).content.decode()


@pytest.mark.django_db
def test_token_without_a_name_is_refused(hr_inspector) -> None:
    response = hr_inspector.client.post(reverse("token_create"), {"name": ""})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_user_revokes_own_token_but_not_anothers(hr_inspector, director) -> None:
    hr_inspector.client.post(reverse("token_create"), {"name": "мой"})
    token = ApiToken.objects.get()

    assert director.client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    assert hr_inspector.client.post(reverse("token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
