"""The browser tests catch Content-Security-Policy violations: an injected inline script is refused and reported."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from kadry.browser_tests.conftest import assert_no_csp_violations
from kadry.testing.factories import UserFactory

pytestmark = pytest.mark.browser

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.__inlineRan = true";
  document.head.append(script);
  const button = document.createElement("button");
  button.setAttribute("onclick", "window.__handlerRan = true");
  document.body.append(button);
  button.click();
}"""


def _wait_for(violations: list[str], count: int, page: Page) -> None:
    deadline = time.monotonic() + 5
    while len(violations) < count and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def test_injected_inline_script_and_handler_are_refused_and_caught(
    browser_page: Page, csp_violations: list[str]
) -> None:
    response = browser_page.goto("/accounts/login/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert csp_violations == []

    browser_page.evaluate(INJECT)
    # Each refusal arrives twice: the securitypolicyviolation event and Chromium's console line.
    _wait_for(csp_violations, 4, browser_page)

    assert browser_page.evaluate("() => [window.__inlineRan, window.__handlerRan]") == [None, None]
    events = sorted(v.split(" at ")[0] for v in csp_violations if not v.startswith("console:"))
    assert events == ["script-src-attr refused inline", "script-src-elem refused inline"], csp_violations
    console = [v for v in csp_violations if v.startswith("console:")]
    assert len(console) == 2, csp_violations
    assert all("violates the following Content Security Policy directive" in line for line in console)
    with pytest.raises(pytest.fail.Exception, match="script-src-elem"):
        assert_no_csp_violations(csp_violations)
    # Caught as the teardown would catch it; cleared so this test itself passes.
    csp_violations.clear()


def test_api_docs_render_swagger_ui_under_the_policy(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    # Swagger UI is the one third-party page: it must work without inline scripts too.
    UserFactory(username="reader")
    login(browser_page, "reader", "password")

    browser_page.goto("/api/v1/docs")

    expect(browser_page.get_by_role("heading", name=re.compile("Kadry API"))).to_be_visible()
    expect(browser_page.locator(".opblock").first).to_be_visible()
