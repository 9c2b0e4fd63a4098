"""Access helpers: the current membership and capability checks.

Everything a user may not see answers 404, whether it belongs to another organisation or lies
outside the role: the answer must not reveal that the object exists.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from kadry.core.http import KadryRequest
from kadry.core.models import Membership, Organisation
from kadry.core.permissions import Capability, role_can

SESSION_KEY = "kadry_membership_id"


def memberships_of(user: Any) -> list[Membership]:
    """Return the user's active memberships with their organisations (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__short_name", "role")
    )


def choose_membership(memberships: list[Membership], request: HttpRequest) -> Membership | None:
    """Return the membership chosen in this session, else the user's first one."""
    if not memberships:
        return None
    chosen_id = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen_id:
            return membership
    return memberships[0]


def service_memberships(memberships: list[Membership]) -> list[Membership]:
    """Return the memberships in a centralised HR service whose role sees staff personal data.

    Through them a user searches the registry of every school the service keeps (``Organisation.serviced_by``),
    whichever of their memberships they act in now: the list of the user's memberships is already loaded.
    """
    return [
        m
        for m in memberships
        if m.organisation.kind == Organisation.Kind.HR_SERVICE and role_can(m.role, Capability.VIEW_PERSONAL_DATA)
    ]


def require(membership: Membership | None, capability: Capability) -> Membership:
    """Return the membership if its role has ``capability``; otherwise raise 404."""
    if membership is None or not role_can(membership.role, capability):
        raise Http404
    return membership


def capability_required(capability: Capability) -> Callable[..., Any]:
    """Decorate a view: log-in required, then ``capability`` in the current membership, else 404."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapped(request: KadryRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            require(request.membership, capability)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def membership_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Decorate a view: log-in required, then a current membership (of any role), else 404.

    For views whose access helpers decide by role: those answer 404 to no membership too, this says so
    first, so the view is given a ``MemberRequest``.
    """

    @login_required
    @wraps(view)
    def wrapped(request: KadryRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.membership is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class DeniedObject(Http404):
    """The 404 of an object the membership may not reach; the access log records the attempt.

    It carries the model and the id asked for only: never anything read from another organisation.
    """

    def __init__(self, model: type[models.Model], pk: Any) -> None:
        super().__init__()
        self.model = model
        self.pk = pk


@contextmanager
def denied_as(model: type[models.Model], pk: Any) -> Iterator[None]:
    """Turn any 404 raised inside (role or scope) into ``DeniedObject(model, pk)``."""
    try:
        yield
    except DeniedObject:
        raise
    except Http404 as error:
        raise DeniedObject(model, pk) from error


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address: REMOTE_ADDR, or behind ``KADRY_TRUSTED_PROXIES`` proxies the address
    the outermost of them saw, taken that many entries from the right of X-Forwarded-For.

    Entries further left were written by the client and prove nothing; with fewer entries than proxies
    the header was not set by them, so REMOTE_ADDR is the answer.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.KADRY_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
