"""The security log: log-ins, failures, lock-outs and account changes, written as they happen.

Authentication events come from Django's and django-axes' signals: this is logging, not a business
effect, and the log-in flow belongs to those libraries. Account changes (passwords, second factor,
tokens) are recorded by the services that make them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django_otp import user_has_device

from kadry.core.access import client_ip
from kadry.core.models import SecurityEvent

Kind = SecurityEvent.Kind
# Session keys: when the user logged in and was last seen (Unix seconds), and whether the password
# must be changed before anything else.
LOGIN_AT_KEY = "kadry_login_at"
SEEN_AT_KEY = "kadry_seen_at"
MUST_CHANGE_PASSWORD_KEY = "kadry_must_change_password"
# Whether the user has a second factor, read once at log-in: one who set one up is asked for it
# even where it is not required of their role.
HAS_SECOND_FACTOR_KEY = "kadry_has_second_factor"


def record_security_event(
    kind: str,
    *,
    ip: str | None = None,
    user: Any = None,
    username: str = "",
    actor: Any = None,
    organisation_id: int | None = None,
) -> SecurityEvent:
    """Insert one event; ``ip`` is the client's address as ``kadry.core.access.client_ip`` reads it."""
    if user is not None and not username:
        username = user.get_username()
    return SecurityEvent.objects.create(
        at=timezone.now(),
        kind=kind,
        user=user,
        actor=actor,
        username=username[:150],
        ip_address=ip,
        organisation_id=organisation_id,
    )


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def must_change_password(user: Any) -> bool:
    """Return whether the user's password was last set by an administrator (a temporary one)."""
    last = (
        SecurityEvent.objects.filter(user=user, kind__in=[Kind.PASSWORD_CHANGED, Kind.PASSWORD_RESET_BY_ADMIN])
        .order_by("-at", "-id")
        .values_list("kind", flat=True)
        .first()
    )
    return last == Kind.PASSWORD_RESET_BY_ADMIN


@receiver(user_logged_in, dispatch_uid="kadry_security_logged_in")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None:
        return
    now = int(timezone.now().timestamp())
    request.session[LOGIN_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now
    if must_change_password(user):
        request.session[MUST_CHANGE_PASSWORD_KEY] = True
    if user_has_device(user):
        request.session[HAS_SECOND_FACTOR_KEY] = True
    record_security_event(Kind.LOGIN, ip=_ip(request), user=user)


@receiver(user_logged_out, dispatch_uid="kadry_security_logged_out")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        kind = Kind.SESSION_EXPIRED if getattr(request, "kadry_session_expired", False) else Kind.LOGOUT
        record_security_event(kind, ip=_ip(request), user=user)


@receiver(user_login_failed, dispatch_uid="kadry_security_login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    user = get_user_model().objects.filter(username=username).first() if username else None
    record_security_event(Kind.LOGIN_FAILED, ip=_ip(request), user=user, username=username)


def _locked_out(sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    username = username or ""
    user = get_user_model().objects.filter(username=username).first() if username else None
    record_security_event(Kind.LOCKOUT, ip=_ip(request), user=user, username=username)


def connect_axes() -> None:
    """Listen to axes' lock-out signal (imported late: axes reads its settings on import)."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="kadry_security_locked_out")
