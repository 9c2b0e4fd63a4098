from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect

from kadry.core.access import DeniedObject, choose_membership, memberships_of
from kadry.core.denials import record_denied
from kadry.core.http import KadryRequest


class CurrentMembershipMiddleware:
    """Attach ``request.memberships`` and ``request.membership`` (the one the user acts in now).

    One query per authenticated request; the list also feeds the organisation switcher. The 404 of
    an object the membership may not reach is written to the access log here, where the membership is known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: KadryRequest) -> HttpResponse:
        memberships = memberships_of(request.user)
        request.memberships = memberships
        request.membership = choose_membership(memberships, request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        """Log a denied attempt on an object; Django goes on to answer the 404 as usual."""
        if isinstance(exception, DeniedObject):
            record_denied(request, exception)


class HtmxLoginRedirectMiddleware:
    """Send the whole page to the login form when a fragment is asked for after the session has ended.

    htmx follows a redirect itself and would put the login page inside the panel or table it was
    loading; ``HX-Redirect`` makes the browser go there instead.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and isinstance(response, HttpResponseRedirectBase)
            and response.url.startswith(resolve_url(settings.LOGIN_URL))
        ):
            return HttpResponseClientRedirect(response.url)
        return response
