"""Session limits and the steps after the password: the second factor and a forced password change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

from kadry.core.http import KadryRequest
from kadry.core.permissions import sees_personal_data
from kadry.core.security_log import HAS_SECOND_FACTOR_KEY, LOGIN_AT_KEY, MUST_CHANGE_PASSWORD_KEY, SEEN_AT_KEY

if TYPE_CHECKING:
    from kadry.core.http import OTPUser

# The last-activity time is written to the session at most once a minute: writing it on every
# request would turn each page view into a session write; the idle limit is exact to a minute.
SEEN_AT_PRECISION_SECONDS = 60


def _session_expired(request: KadryRequest) -> str:
    """Return why the session is over ("" while it is not), and note the activity otherwise."""
    idle = settings.KADRY_SESSION_IDLE_MINUTES * 60
    lifetime = settings.KADRY_SESSION_MAX_HOURS * 3600
    if not idle and not lifetime:
        return ""
    session = request.session
    now = int(timezone.now().timestamp())
    seen = session.get(SEEN_AT_KEY)
    if seen is None:  # a session opened before the limits were installed: count from now
        session[LOGIN_AT_KEY] = session[SEEN_AT_KEY] = now
        return ""
    if idle and now - seen > idle:
        return f"Сеанс завершён: не было действий {settings.KADRY_SESSION_IDLE_MINUTES} минут. Войдите снова."
    if lifetime and now - session.get(LOGIN_AT_KEY, now) > lifetime and sees_personal_data(request.memberships):
        return f"Сеанс завершён: прошло {settings.KADRY_SESSION_MAX_HOURS} часов после входа. Войдите снова."
    if now - seen >= SEEN_AT_PRECISION_SECONDS:
        session[SEEN_AT_KEY] = now
    return ""


class SessionLimitsMiddleware:
    """End a session after ``KADRY_SESSION_IDLE_MINUTES`` without requests, and a personal-data
    role's session ``KADRY_SESSION_MAX_HOURS`` after log-in (kept in the session: no query)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: KadryRequest) -> HttpResponse:
        if request.user.is_authenticated and (reason := _session_expired(request)):
            request.kadry_session_expired = True  # logged as such
            logout(request)
            messages.info(request, reason)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


# Pages a user can reach before finishing the steps (the steps themselves and the way out).
OPEN_BEFORE_SECOND_FACTOR = frozenset({"two_factor_setup", "two_factor_verify", "logout", "login"})
OPEN_BEFORE_PASSWORD_CHANGE = OPEN_BEFORE_SECOND_FACTOR | {"password_change"}


def second_factor_required(request: HttpRequest) -> bool:
    """Return whether this user must pass a second factor: a personal-data role with ``KADRY_REQUIRE_2FA``
    on, or anyone who has set one up."""
    if request.session.get(HAS_SECOND_FACTOR_KEY):
        return True
    return settings.KADRY_REQUIRE_2FA and sees_personal_data(getattr(request, "memberships", []))


class LoginStepsMiddleware:
    """Send a user who has not finished logging in to the step left: set up or verify the second
    factor, then change a temporary password. Runs for every page; the API's bearer tokens are not
    sessions and are not affected."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: KadryRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        # OTPMiddleware, which runs before this one, gave the user is_verified.
        factor_pending = second_factor_required(request) and not cast("OTPUser", user).is_verified()
        password_pending = bool(request.session.get(MUST_CHANGE_PASSWORD_KEY))
        # The step pages show no navigation (its links and fragments would only bounce back here).
        request.login_steps_pending = factor_pending or password_pending
        if factor_pending and name not in OPEN_BEFORE_SECOND_FACTOR:
            return _go(request, "two_factor_verify" if user_has_device(user) else "two_factor_setup")
        if password_pending and name not in OPEN_BEFORE_PASSWORD_CHANGE:
            return _go(request, "password_change")
        return None


def _go(request: HttpRequest, step: str) -> HttpResponse:
    url = reverse(step)
    if getattr(request, "htmx", False):
        # A fragment is not a page to come back to: the whole page goes to the step.
        return HttpResponseClientRedirect(url)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
