"""Every page a role may open is reachable by following links from its home page.

The walk starts at the home page and follows what a user can follow without typing an address: links
(``href``), the panels htmx loads (``hx-get``) and search forms (``<form method="get">``). A page naming
an object counts as reached when the walk reaches that page for some object.
"""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from kadry.core.tests.test_url_matrix import MATRIX, world  # noqa: F401  (the objects the pages name)

# Pages of one URL name opened at most this many times (a list links to each of its rows); the
# words of an address (a card's tab, a file format) make different pages, its object ids do not.
VISITS_PER_PAGE = 3
# Pages a user reaches by sending a form from another page, which the walk (GET only) does not send:
# page → the page whose form leads there, which the walk must reach instead.
REACHED_BY_FORM = {
    # The draft page holds the form adding an item; its own GET page is that form alone.
    "orders:item_add": "orders:detail",
    # An import's progress is shown after its file is sent.
    "employee_import_job": "employee_import",
    "school:import_job": "school:import",
    "absences:import_job": "absences:import",
    "grades:import_job": "grades:import",
    # A draft schedule's file is sent from the schedule's page.
    "leave:schedule_import": "leave:schedule",
    # The filling of a month's timesheets is started from the month's list.
    "timesheet:job": "timesheet:index",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.found.append(values["href"] or "")
        if values.get("hx-get"):
            self.found.append(values["hx-get"] or "")
        if tag == "form" and (values.get("method") or "get").lower() == "get" and values.get("action"):
            self.found.append(values["action"] or "")


def links_of(page: str, base: str) -> list[str]:
    """Return the addresses of this site that ``page`` (found at ``base``) links to."""
    parser = _Links()
    parser.feed(page)
    result = []
    for href in parser.found:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme or parts.netloc or parts.path.startswith(("/api/", "/static/")):
            continue  # not a page of the application (the API has its own matrix)
        result.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return result


def walk(client, start: str) -> tuple[set[str], list[str]]:
    """Follow links from ``start``; return the URL names reached (answering 200) and the broken links."""
    queue, seen, visits = deque([start]), {start}, Counter[tuple[Any, ...]]()
    reached: set[str] = set()
    broken: list[str] = []
    while queue:
        url = queue.popleft()
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            broken.append(f"{url}: no such page")
            continue
        name = match.view_name
        page = (name, *(value for value in match.kwargs.values() if not isinstance(value, int)))
        if visits[page] >= VISITS_PER_PAGE:
            continue
        visits[page] += 1
        response = client.get(url)
        if response.status_code != 200:
            if response.status_code not in (302, 405):
                broken.append(f"{url}: {response.status_code}")
            continue
        reached.add(name)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        # The window's title is plain text: markup in it means a block of the page ended up in the title.
        title = html.partition("<title>")[2].partition("</title>")[0]
        if "<" in title or ">" in title:
            broken.append(f"{url}: markup in the title")
        for link in links_of(html, url):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return reached, broken


@pytest.mark.django_db
def test_every_page_of_a_role_is_reachable_from_its_home_page(personas, world) -> None:  # noqa: F811
    failures = []
    for role, persona in personas.items():
        allowed = {name for name, (roles, status) in MATRIX.items() if role in roles and status == 200}
        reached, broken = walk(persona.client, reverse("home"))
        by_form = {name for name, source in REACHED_BY_FORM.items() if source in reached}
        missing = sorted(allowed - reached - by_form)
        if missing:
            failures.append(f"{role} cannot reach: {', '.join(missing)}")
        failures += [f"{role} follows a broken link {link}" for link in broken]
    assert not failures, "\n".join(failures)


def test_links_of_keeps_this_sites_pages_only() -> None:
    page = (
        '<a href="/staff/">a</a><a href="https://example.org/">b</a><a href="?page=2">c</a>'
        '<span hx-get="/orders/queue/count/"></span><form method="get" action="/school/attendance/report/"></form>'
        '<form method="post" action="/logout/"></form><a href="/api/v1/docs">d</a>'
    )
    assert links_of(page, "/orders/") == [
        "/staff/",
        "/orders/?page=2",
        "/orders/queue/count/",
        "/school/attendance/report/",
    ]
