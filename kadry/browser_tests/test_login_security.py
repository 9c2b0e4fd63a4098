"""Logging in through the browser: the lock-out after five failures, and the second factor's set-up."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def test_fifth_wrong_password_shows_the_lock_out(browser_page: Page, login: Callable[[Page, str, str], None]) -> None:
    MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)

    for _ in range(4):
        login(browser_page, "inspector", "не тот пароль")
        expect(browser_page.get_by_role("alert")).to_contain_text("Неверное имя пользователя или пароль")
    login(browser_page, "inspector", "не тот пароль")

    expect(browser_page.get_by_role("heading", name="Вход временно заблокирован")).to_be_visible()
    expect(browser_page.get_by_role("alert")).to_contain_text("заблокирован на 15 минут")
    login(browser_page, "inspector", "password")
    expect(browser_page.get_by_role("heading", name="Вход временно заблокирован")).to_be_visible()


def test_personal_data_role_is_asked_to_set_up_the_second_factor_with_a_qr_code(
    browser_page: Page, login: Callable[[Page, str, str], None], settings
) -> None:
    settings.KADRY_REQUIRE_2FA = True
    MembershipFactory(user=UserFactory(username="director"), role=Membership.Role.DIRECTOR)

    login(browser_page, "director", "password")

    expect(browser_page).to_have_url(re.compile(r"/profile/two-factor/setup/"))
    expect(browser_page.get_by_role("heading", name="Подключение второго фактора")).to_be_visible()
    # No sections (nor their fragments) until the second factor is passed; the way out stays.
    expect(browser_page.get_by_role("navigation", name="Разделы")).to_have_count(0)
    expect(browser_page.get_by_role("button", name="Выйти")).to_be_visible()
    qr = browser_page.locator("figure.qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150
    expect(browser_page.locator("code.secret")).to_have_text(re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{4})+$"))
