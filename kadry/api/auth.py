"""Bearer-token authentication of the API: ``Authorization: Bearer <token>``."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from kadry.core.http import MemberRequest
from kadry.core.models import ApiToken
from kadry.core.permissions import Capability, role_can

# Recording every use would turn each read into a write; a minute is precise enough for
# "last used" on the profile page.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """Return the live token and act as its membership; None (401) for an unknown, revoked or expired one.

        A role without the API capability gets 404, like every other thing it may not reach.
        """
        now = timezone.now()
        api_token = (
            ApiToken.objects.select_related("membership__organisation", "membership__user")
            .filter(
                digest=ApiToken.digest_of(token),
                revoked_at__isnull=True,
                expires_at__gt=now,
                membership__is_active=True,
                membership__user__is_active=True,
            )
            .first()
        )
        if api_token is None:
            return None
        membership = api_token.membership
        if not role_can(membership.role, Capability.USE_API):
            raise Http404
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
            api_token.last_used_at = now
        # The same attributes the session middleware sets, so access helpers and services
        # work unchanged behind the API.
        api_request = cast(MemberRequest, request)
        api_request.membership = membership
        api_request.user = membership.user
        return api_token
