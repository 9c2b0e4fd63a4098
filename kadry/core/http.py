"""The request types views see: what the middleware and the API's token attach to ``HttpRequest``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from kadry.core.models import Membership

if TYPE_CHECKING:

    class OTPUser(User):
        """The user as django-otp's ``OTPMiddleware`` leaves it (django-otp ships no types)."""

        otp_device: object | None

        def is_verified(self) -> bool: ...


class KadryRequest(HttpRequest):
    """A request after ``CurrentMembershipMiddleware`` and ``HtmxMiddleware``.

    ``membership`` is None for an anonymous user or one without an active membership.
    """

    user: User | AnonymousUser
    memberships: list[Membership]
    membership: Membership | None
    htmx: HtmxDetails
    # Set by the login middlewares: the session just ended for a limit, the log-in steps left.
    kadry_session_expired: bool
    login_steps_pending: bool


class LoggedInRequest(KadryRequest):
    """A request in a view behind ``login_required``: a session's user, which ``OTPMiddleware`` has seen."""

    user: OTPUser


class MemberRequest(KadryRequest):
    """A request a view serves only with a membership: behind ``capability_required`` or the API's token.

    Both answer 404 (the token 401) before the view runs when there is none, so the view reads
    ``request.membership`` and ``request.user`` without checking.
    """

    membership: Membership
    user: User
