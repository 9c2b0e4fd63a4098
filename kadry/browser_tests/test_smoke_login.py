"""An HR inspector signs in through the login form, lands on the day's page and opens the employee list."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def test_hr_inspector_logs_in_and_sees_employees(browser_page: Page, login: Callable[[Page, str, str], None]) -> None:
    MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)

    login(browser_page, "inspector", "password")

    expect(browser_page).to_have_url(re.compile(r"/$"))
    expect(browser_page.get_by_role("heading", name="Сегодня", level=1)).to_be_visible()
    navigation = browser_page.get_by_role("navigation", name="Разделы")
    navigation.get_by_text("Кадры", exact=True).click()
    navigation.get_by_role("link", name="Сотрудники").click()
    expect(browser_page).to_have_url(re.compile(r"/staff/employees/$"))
    expect(browser_page.get_by_role("heading", name="Сотрудники")).to_be_visible()
