"""Acceptance: the HR inspector drafts a hire, the director signs it from the queue, and the staff records follow."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kadry.core.models import Membership
from kadry.orders.models import Order
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    StaffingUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def test_inspector_drafts_a_hire_and_the_director_signs_it_from_the_queue(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    inspector = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    school = inspector.organisation
    MembershipFactory(organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR)
    unit = StaffingUnitFactory(
        organisation=school,
        department__name="МО учителей математики",
        position__name="учитель математики",
        rates=Decimal("1"),
    )
    EmployeeFactory(organisation=school, last_name="Иванова", first_name="Мария", middle_name="Петровна", sex="F")
    EmployeeFactory(organisation=school, last_name="Смирнова", first_name="Анна", middle_name="Ивановна", sex="F")
    AssignmentFactory(employee__organisation=school, employee__last_name="Петров")
    today = timezone.localdate()

    # 1. The inspector chooses the kind on a card, dates the order, and adds the employee.
    login(page, "inspector", "password")
    navigation = page.get_by_role("navigation", name="Разделы")
    navigation.get_by_text("Приказы", exact=True).click()
    navigation.get_by_role("link", name="Все приказы").click()
    expect(page).to_have_url(re.compile(r"/orders/$"))
    page.get_by_role("link", name="Подготовить приказ").click()
    page.get_by_role("link", name=re.compile("Приём на работу")).click()
    expect(page.locator("#id_date")).to_have_value(today.isoformat())
    page.get_by_role("button", name="Создать проект").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Проект приказа «О приёме на работу»")

    # The picker offers who may be hired (not the working Петров) and narrows down as one types.
    picker = page.locator("#id_employee option")
    expect(picker).to_have_text(["— выберите сотрудника —", "Иванова Мария Петровна", "Смирнова Анна Ивановна"])
    page.fill("#id_employee_search", "иванова")
    expect(picker).to_have_text(["— выберите сотрудника —", "Иванова Мария Петровна"])
    page.select_option("#id_employee", label="Иванова Мария Петровна")
    page.select_option("#id_staffing_unit", value=str(unit.pk))
    expect(page.locator("#id_rate")).to_have_value("1")
    page.fill("#id_contract_number", "15/26")
    page.get_by_role("button", name="Добавить в приказ").click()
    text = page.locator(".order-text")
    expect(text).to_contain_text(
        "Принять Иванову Марию Петровну на должность учителя математики (МО учителей математики)"
    )
    expect(text).to_contain_text("ставка 1, основное место работы, бессрочный трудовой договор № 15/26")
    page.get_by_role("link", name="Проверить").click()
    expect(page.locator(".messages")).to_contain_text("Проверка пройдена")
    assert Order.objects.get().status == Order.Status.DRAFT
    page.get_by_role("button", name="На подпись").click()
    expect(page.locator(".messages")).to_contain_text("Проект отправлен директору на подпись.")
    assert Order.objects.get().status == Order.Status.SUBMITTED

    # 2. The director finds it in the queue (the badge counts it) and signs it.
    page.get_by_role("button", name="Выйти").click()
    login(page, "director", "password")
    queue_link = page.get_by_role("navigation", name="Разделы").get_by_role("link", name=re.compile("На подпись"))
    expect(queue_link).to_contain_text("1")
    queue_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Приказы на подпись")
    expect(page.locator(".queue")).to_contain_text("Принять Иванову Марию Петровну")
    page.get_by_role("button", name=re.compile("^Подписать проект")).click()
    expect(page.locator(".messages")).to_contain_text("Подписан приказ № 1-к")
    expect(page.get_by_text("Нет приказов, ожидающих подписи.")).to_be_visible()

    # 3. The staffing table shows the rate occupied, the registry shows her working.
    page.goto("/staff/staffing/")
    row = page.locator("table.staffing tr", has_text="учитель математики")
    expect(row.locator("td").nth(5)).to_have_text("1")  # Занято
    expect(row.locator("td").nth(6)).to_have_text("0")  # Вакантно
    page.goto("/staff/employees/")
    employee_row = page.locator("#employee-rows tr", has_text="Иванова Мария Петровна")
    expect(employee_row).to_contain_text("учитель математики")
    expect(employee_row).to_contain_text("работает")

    # 4. The inspector opens the signed order and downloads its Т-1 as PDF.
    page.get_by_role("button", name="Выйти").click()
    login(page, "inspector", "password")
    page.goto(f"/orders/{Order.objects.get().pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert "Иванову" in "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf)).pages)
