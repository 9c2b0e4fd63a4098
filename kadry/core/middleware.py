from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kadry.core.access import choose_membership, memberships_of


class CurrentMembershipMiddleware:
    """Attach ``request.memberships`` and ``request.membership`` (the one the user acts in now).

    One query per authenticated request; the list also feeds the organisation switcher.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        memberships = memberships_of(request.user)
        request.memberships = memberships  # type: ignore[attr-defined]
        request.membership = choose_membership(memberships, request)  # type: ignore[attr-defined]
        return self.get_response(request)
