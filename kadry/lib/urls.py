"""Links of a list's rows, reversed once per page."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse


def url_by_pk(viewname: str, *args: object) -> Callable[[object], str]:
    """Return a function giving the URL of ``viewname`` for a primary key, its last argument.

    The URLs of a list's rows differ by the pk only, and ``reverse`` costs ≈ 50 µs: a page of 50 rows
    reverses once, then fills the pk in.
    """
    before, after = reverse(viewname, args=[*args, 0]).rsplit("/0/", 1)
    return lambda pk: f"{before}/{pk}/{after}"
