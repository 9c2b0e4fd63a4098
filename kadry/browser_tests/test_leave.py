"""Acceptance: next year's vacation schedule drafted, approved, notices printed, leave orders drafted from it
and signed; the balance and the card's section VIII follow."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
import time_machine
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.leave.balances import balance_for
from kadry.leave.models import LedgerEntry
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    StaffingUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


@time_machine.travel(dt.datetime(2026, 12, 20, 9, tzinfo=dt.UTC), tick=True)
def test_the_whole_cycle_of_a_vacation_schedule(browser_page: Page, login: Callable[[Page, str, str], None]) -> None:
    page = browser_page
    inspector = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    school = inspector.organisation
    MembershipFactory(organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR)
    unit = StaffingUnitFactory(
        organisation=school, department__name="МО учителей математики", position__name="учитель математики"
    )
    teacher = EmployeeFactory(
        organisation=school, last_name="Иванова", first_name="Мария", middle_name="Петровна", sex="F"
    )
    AssignmentFactory(employee=teacher, staffing_unit=unit, start=dt.date(2020, 9, 1))
    opening = balance_for(teacher, dt.date(2027, 1, 31))
    assert opening is not None
    before = opening.balance

    # 1. The inspector drafts next year's plan of the department: 14 days in January, 42 in July.
    login(page, "inspector", "password")
    # The schedule was due on 18.12 (ТК РФ ст. 123): the home page lists it overdue.
    expect(page.locator("#deadlines")).to_contain_text("утвердить график на 2027 год")
    nav = page.get_by_role("navigation", name="Разделы")
    nav.locator("summary", has_text="Кадры").click()
    nav.get_by_role("link", name="Отпуска").click()
    page.get_by_role("link", name="2027 →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("График отпусков на 2027 год")
    page.get_by_role("link", name="МО учителей математики").click()
    page.fill(f"[name=start-{teacher.pk}-0]", "2027-01-11")
    page.fill(f"[name=days-{teacher.pk}-0]", "14")
    page.fill(f"[name=start-{teacher.pk}-1]", "2027-07-01")
    page.fill(f"[name=days-{teacher.pk}-1]", "42")
    page.get_by_role("button", name="Сохранить план подразделения").click()
    expect(page.locator(".messages")).to_contain_text("План подразделения сохранён")
    expect(page.locator("table")).to_contain_text("по 24.01.2027")

    # 2. The director approves the schedule.
    page.get_by_role("button", name="Выйти").click()
    login(page, "director", "password")
    page.goto("/leave/schedule/2027/")
    page.get_by_role("button", name="Утвердить график").click()
    expect(page.locator(".messages")).to_contain_text("График отпусков на 2027 год утверждён")

    # 3. The inspector prints the notice due (two weeks before 11.01.2027) and marks it handed.
    page.get_by_role("button", name="Выйти").click()
    login(page, "inspector", "password")
    page.goto("/leave/notices/")
    row = page.locator("tr", has_text="Иванова Мария Петровна")
    expect(row).to_contain_text("28.12.2026")
    page.goto("/leave/schedule/2027/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Т-7 (PDF)").click()
    assert download.value.suggested_filename == "Т-7 график отпусков 2027.pdf"
    page.goto("/leave/notices/")
    row = page.locator("tr", has_text="Иванова Мария Петровна")
    row.get_by_role("link", name="Печать").click()
    expect(page.locator("body")).to_contain_text("с 11.01.2027 по 24.01.2027")
    page.go_back()
    page.locator("tr", has_text="Иванова Мария Петровна").get_by_role("button", name="Вручено").click()
    expect(page.locator(".messages")).to_contain_text("отмечено как вручённое")

    # 4. The leave order for January is drafted from the schedule, and the director signs it.
    page.goto("/leave/schedule/2027/")
    page.fill("[name=start]", "2027-01-01")
    page.fill("[name=end]", "2027-01-31")
    page.get_by_role("button", name=re.compile("Подготовить приказ")).click()
    expect(page.locator(".order-text")).to_contain_text("Предоставить Ивановой Марии Петровне ежегодный основной")
    page.get_by_role("button", name="На подпись").click()
    expect(page.locator(".messages")).to_contain_text("Проект отправлен директору на подпись.")
    # The July part moves by the employee's request; the department page keeps the move.
    page.goto("/leave/schedule/2027/")
    page.get_by_role("link", name="МО учителей математики").click()
    page.locator("details.move").last.locator("summary").click()
    page.get_by_label("Иванова М. П.: новая дата начала части 2").fill("2027-08-02")
    page.get_by_label("Иванова М. П.: основание переноса части 2").fill("заявление работника от 18.12.2026")
    page.locator("details.move").last.get_by_role("button", name="Перенести").click()
    expect(page.locator(".messages")).to_contain_text("перенесён на 02.08.2027")
    history = page.locator("table", has_text="Было")
    expect(history).to_contain_text("01.07.2027")
    expect(history).to_contain_text("заявление работника от 18.12.2026")
    page.get_by_role("button", name="Выйти").click()
    login(page, "director", "password")
    page.get_by_role("navigation", name="Разделы").get_by_role("link", name=re.compile("На подпись")).click()
    page.get_by_role("button", name=re.compile("^Подписать проект")).click()
    expect(page.locator(".messages")).to_contain_text("Подписан приказ № 1-о")

    # 5. The balance drops by 14 days and section VIII of the card shows the leave.
    closing = balance_for(teacher, dt.date(2027, 1, 31))
    assert closing is not None and closing.balance == before - 14
    assert LedgerEntry.objects.get().end == dt.date(2027, 1, 24)
    page.goto(f"/staff/employees/{teacher.pk}/?tab=leave")
    expect(page.locator("body")).to_contain_text("11.01.2027")
