"""Security headers on every page, and templates that the Content-Security-Policy lets run as written."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kadry.core.models import Membership
from kadry.school.models import ParentMeeting
from kadry.testing.school import EnrollmentFactory

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _policy(header: str) -> dict[str, str]:
    # django-csp writes the directives in no fixed order.
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy_and_the_https_headers() -> None:
    response = Client().get("/accounts/login/", secure=True)

    assert response.status_code == 200
    assert _policy(response["Content-Security-Policy"]) == POLICY
    # Tests run with DEBUG off: the production values (kadry/settings.py, «Security headers»).
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_cookies_are_sent_over_https_only(hr_inspector) -> None:
    client = Client()
    client.get("/accounts/login/")
    client.post("/accounts/login/", {"username": hr_inspector.user.username, "password": "password"})

    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True
    assert client.cookies[settings.SESSION_COOKIE_NAME]["secure"] is True


@pytest.mark.django_db
def test_print_page_without_pdf_allows_its_own_styles_but_still_no_inline_script(personas, monkeypatch) -> None:
    # Without WeasyPrint the protocol is served as HTML to print from the browser, with its <style>.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    director = personas[Membership.Role.DIRECTOR]
    pupil = EnrollmentFactory(school_class__organisation=director.organisation)
    meeting = ParentMeeting.objects.create(
        organisation=director.organisation, school_class=pupil.school_class, date=timezone.localdate(), agenda="—"
    )

    response = director.client.get(reverse("school:meeting_protocol", args=[pupil.school_class.pk, meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = _policy(response["Content-Security-Policy"])
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


# Templates rendered only into PDF (WeasyPrint reads their <style> and style attributes, no browser does),
# and the protocol and notice pages, which are served as HTML with a CSP allowing their styles.
PRINT_TEMPLATES = re.compile(r"/print/|_pdf\.html$|/school/life/(_print\.css|meeting_protocol|event_notice)\.html$")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)
STYLE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)
HTMX_EVAL = re.compile(r"\shx-on|hx-vals=[\"']\s*js:|hx-vars=", re.IGNORECASE)


def _templates() -> list[Path]:
    return sorted(p for p in (settings.BASE_DIR / "kadry").rglob("templates/**/*.html"))


def test_templates_have_no_inline_scripts_handlers_or_javascript_urls() -> None:
    offences = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0).strip()}"
        for path in _templates()
        for pattern in (INLINE_SCRIPT, HANDLER, JS_URL, HTMX_EVAL)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert len(_templates()) > 100
    assert offences == []


def test_pages_shown_in_the_browser_have_no_inline_styles() -> None:
    offences = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0).strip()}"
        for path in _templates()
        if not PRINT_TEMPLATES.search(path.as_posix())
        for match in STYLE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
