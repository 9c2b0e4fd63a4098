"""Acceptance: an HR inspector adds an employee, is stopped by a wrong SNILS, then finds the new card."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from kadry.core.models import Membership
from kadry.staff.models import Employee
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def _snils_errors(page: Page) -> Locator:
    """Return the error list inside the SNILS field's own block, i.e. shown next to the field."""
    return page.locator(".field", has=page.locator("#id_snils")).locator(".errorlist")


def test_hr_inspector_adds_employee_and_finds_her_in_the_list(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    membership = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    # Someone the search must leave out.
    EmployeeFactory(organisation=membership.organisation, last_name="Смирнова", first_name="Ольга")
    login(page, "inspector", "password")
    page.goto("/staff/employees/")

    page.get_by_role("link", name="Добавить сотрудника").click()
    expect(page).to_have_url(re.compile(r"/staff/employees/new/$"))
    page.fill("#id_last_name", "Королёва")
    page.fill("#id_first_name", "Анна")
    page.fill("#id_middle_name", "Сергеевна")
    page.select_option("#id_sex", "F")
    page.fill("#id_birth_date", "1990-05-17")
    page.fill("#id_snils", "112-233-445 96")

    # 1. A wrong check sum: the form comes back with the message at the field and keeps the input.
    page.get_by_role("button", name="Сохранить").click()
    expect(_snils_errors(page)).to_contain_text("Неверная контрольная сумма СНИЛС")
    expect(page).to_have_url(re.compile(r"/staff/employees/new/$"))
    expect(page.locator("#id_last_name")).to_have_value("Королёва")
    assert Employee.objects.count() == 1

    # 2. The corrected number is accepted and the new card opens (its tabs keep the chosen tab in ?tab=).
    page.fill("#id_snils", "112-233-445 95")
    page.get_by_role("button", name="Сохранить").click()
    expect(page).to_have_url(re.compile(r"/staff/employees/\d+/(\?tab=[\w-]+)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Королёва Анна Сергеевна")
    employee = Employee.objects.get(last_name="Королёва")
    assert employee.organisation_id == membership.organisation_id
    assert (employee.snils, employee.sex, employee.birth_date) == ("112-233-445 95", "F", dt.date(1990, 5, 17))

    # 3. In the list she is found by a lowercase prefix typed with «е» for «ё». She has no
    # assignment yet, so she is «не оформлен» and the default filter (working staff) hides her.
    navigation = page.get_by_role("navigation", name="Разделы")
    navigation.get_by_text("Кадры", exact=True).click()
    navigation.get_by_role("link", name="Сотрудники").click()
    expect(page).to_have_url(re.compile(r"/staff/employees/$"))
    rows = page.locator("#employee-rows")
    with page.expect_response(re.compile(r"/staff/employees/\?")):
        page.select_option("#id_status", "")
    expect(rows).to_contain_text("Найдено: 2")
    with page.expect_response(re.compile(r"/staff/employees/\?.*q=")):
        page.fill("#id_q", "королев")
    expect(rows.get_by_role("link", name="Королёва Анна Сергеевна")).to_be_visible()
    expect(rows).to_contain_text("Найдено: 1")
