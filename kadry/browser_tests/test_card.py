"""Acceptance: the personal card's tabs load on demand, follow #links and arrow keys, and work without JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kadry.core.models import AccessLogEntry, Membership
from kadry.staff.models import Employee, FamilyMember
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def employee() -> Employee:
    """A card with a family member, opened by the HR inspector ``inspector``."""
    membership = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    person = EmployeeFactory(organisation=membership.organisation, last_name="Иванова", first_name="Мария")
    FamilyMember.objects.create(
        organisation=membership.organisation,
        employee=person,
        relation=FamilyMember.Relation.values[0],
        full_name="Иванов Пётр Сергеевич",
        birth_date=dt.date(2015, 4, 1),
    )
    return person


def test_hash_link_opens_the_tab_loaded_and_arrow_keys_load_the_others_once(
    browser_page: Page, login: Callable[[Page, str, str], None], employee: Employee
) -> None:
    page = browser_page
    loads: list[str] = []
    page.on("request", lambda request: loads.append(request.url) if "/tabs/" in request.url else None)
    login(page, "inspector", "password")

    # 1. A #family link shows the family tab, loaded by htmx; the URL then keeps the tab in ?tab=.
    page.goto(f"/staff/employees/{employee.pk}/#family")
    family_tab = page.get_by_role("tab", name="Семья и льготы")
    expect(family_tab).to_have_attribute("aria-selected", "true")
    family = page.get_by_role("tabpanel", name="Семья и льготы")
    expect(family).to_contain_text("Иванов Пётр Сергеевич")
    expect(page.get_by_role("tabpanel", name="Общие сведения")).to_be_hidden()
    expect(page).to_have_url(re.compile(rf"/staff/employees/{employee.pk}/\?tab=family$"))

    # 2. Arrow keys move between tabs (WAI-ARIA): the next panel loads when first shown.
    family_tab.focus()
    page.keyboard.press("ArrowRight")
    documents_tab = page.get_by_role("tab", name="Документы при приёме")
    expect(documents_tab).to_be_focused()
    expect(documents_tab).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Документы при приёме")).to_contain_text(
        "Документы при приёме педагогического работника"
    )
    expect(family).to_be_hidden()
    page.keyboard.press("End")
    expect(page.get_by_role("tabpanel", name="История изменений")).to_contain_text("Изменений пока не было.")
    page.keyboard.press("Home")
    expect(page.get_by_role("tabpanel", name="Общие сведения")).to_contain_text("кого? (родительный)")

    # 3. Back on the family tab nothing is fetched again: each panel loaded once (the general one
    # came with the page, which did not know the #hash).
    family_tab.click()
    expect(family).to_be_visible()
    expect(family).to_contain_text("Иванов Пётр Сергеевич")
    paths = [re.sub(r"^.*?/staff/", "/staff/", url) for url in loads]
    assert sorted(paths) == sorted(
        f"/staff/employees/{employee.pk}/tabs/{slug}/" for slug in ("family", "documents", "history")
    )
    # The card page and each tab shown are in the access log, the tab named.
    assert sorted(AccessLogEntry.objects.values_list("what", flat=True)) == [
        "Личная карточка Т-2",
        "Личная карточка Т-2: Документы при приёме",
        "Личная карточка Т-2: История изменений",
        "Личная карточка Т-2: Семья и льготы",
    ]

    # 4. A reload renders the chosen tab with the page: no fragment request.
    loads.clear()
    page.reload()
    expect(page.get_by_role("tabpanel", name="Семья и льготы")).to_contain_text("Иванов Пётр Сергеевич")
    expect(page.get_by_role("tab", name="Семья и льготы")).to_have_attribute("aria-selected", "true")
    expect(page).to_have_url(re.compile(rf"/staff/employees/{employee.pk}/\?tab=family$"))
    assert loads == []


def test_tabs_are_links_that_work_without_javascript(
    browser: Browser, live_server: LiveServer, login: Callable[[Page, str, str], None], employee: Employee
) -> None:
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, "inspector", "password")
        page.goto(f"/staff/employees/{employee.pk}/")
        expect(page.get_by_text("Иванов Пётр Сергеевич")).to_have_count(0)

        page.get_by_role("tab", name="Семья и льготы").click()

        expect(page).to_have_url(re.compile(rf"/staff/employees/{employee.pk}/\?tab=family$"))
        expect(page.get_by_role("tabpanel", name="Семья и льготы")).to_contain_text("Иванов Пётр Сергеевич")
        expect(page.get_by_role("tabpanel", name="Общие сведения")).to_be_hidden()
    finally:
        context.close()
