"""The request types views see: what the middleware and the API's token attach to ``HttpRequest``."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from kadry.core.models import Membership


class KadryRequest(HttpRequest):
    """A request after ``CurrentMembershipMiddleware`` and ``HtmxMiddleware``.

    ``membership`` is None for an anonymous user or one without an active membership.
    """

    memberships: list[Membership]
    membership: Membership | None
    htmx: HtmxDetails


class MemberRequest(KadryRequest):
    """A request a view serves only with a membership: behind ``capability_required`` or the API's token.

    Both answer 404 (the token 401) before the view runs when there is none, so the view reads
    ``request.membership`` and ``request.user`` without checking.
    """

    membership: Membership
    user: User
