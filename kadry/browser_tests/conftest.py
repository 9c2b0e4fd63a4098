"""Fixtures that drive Debian's Chromium through Playwright against pytest-django's live server.

Without Chromium the browser tests are skipped, unless KADRY_REQUIRE_BROWSER=1 (set by CI),
when they fail instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from kadry.browser_tests import CHROMIUM_PATH, launch_chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse
# synchronous ORM calls from that thread; the test code here is synchronous all the same.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ARTIFACTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts"
# Milliseconds to wait for an element, a navigation or an expectation before failing.
TIMEOUT_MS = 15_000


def _browser_unavailable(reason: str) -> None:
    """Skip the test, or fail it when the environment requires the browser tests to run."""
    if os.environ.get("KADRY_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (KADRY_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Keep each phase's report on the test item so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Start one headless Chromium per test session (per xdist worker)."""
    if not os.access(CHROMIUM_PATH, os.X_OK):
        _browser_unavailable(f"Chromium not found at {CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _browser_unavailable("The playwright package is not installed: pip install -r requirements.lock")

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


# Runs in every page before its own scripts: hands each Content-Security-Policy violation to the test
# (through the binding below) and keeps it in window.__cspViolations too, for a look from the page.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber} (${event.disposition})`;
  window.__cspViolations.push(text);
  window.__kadryCspViolation(text);
});
"""


def assert_no_csp_violations(violations: list[str]) -> None:
    """Fail with every violation the browser reported: the page needs an inline script or style moved out."""
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations), pytrace=False)


@pytest.fixture
def csp_violations() -> list[str]:
    """The CSP violations Chromium reported on ``browser_page``: its events and its «Refused to …» console lines."""
    return []


@pytest.fixture
def browser_page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest, csp_violations: list[str]
) -> Iterator[Page]:
    """Return a fresh page (own cookies) against the live server; screenshot it if the test fails.

    ``live_server`` makes the test use a transactional database, so rows the test creates are
    visible to the server thread and rows the server writes are visible to the test.
    The test fails at teardown if the browser refused anything under the Content-Security-Policy.
    """
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", timezone_id="Europe/Moscow")
    context.set_default_timeout(TIMEOUT_MS)
    context.expose_function("__kadryCspViolation", lambda text: csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"console: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    # A round trip to the page delivers the events and console lines still on their way.
    if not page.is_closed():
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
        (ARTIFACTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()
    assert_no_csp_violations(csp_violations)


@pytest.fixture
def login(live_server: LiveServer) -> Callable[[Page, str, str], None]:
    """Return ``login(page, username, password)``, which signs in through the login form."""

    def _login(page: Page, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.get_by_role("button", name="Войти").click()

    return _login
