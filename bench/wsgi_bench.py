"""The product's WSGI application plus one bench-only reference view, ``/bench/ping/``.

The reference is the cheapest page Django can serve through the same middleware stack, so a page's
throughput divided by the ping's (measured in the same run, on the same server) says how much of the
framework's ceiling the page keeps. The view is added here only; the product's URLs never have it.
"""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kadry.settings")

from django.urls import path

from kadry.wsgi import application  # noqa: F401  (the product's entry point, as production serves it)


def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pong", content_type="text/plain")


import kadry.urls  # noqa: E402  (loaded by kadry.wsgi)

kadry.urls.urlpatterns.insert(0, path("bench/ping/", ping))
