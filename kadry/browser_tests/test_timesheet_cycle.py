"""Acceptance (issue 13): a sick leave recorded on the absences page shows as Б in the department's
timesheet; the month is closed, a change of the closed month is refused, and a corrective timesheet
takes the correction with its reason."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.absences.models import Absence
from kadry.core.models import Membership
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, MembershipFactory, StaffingUnitFactory
from kadry.timesheet.models import Timesheet, TimesheetCorrection

pytestmark = pytest.mark.browser


def _previous_month(today: dt.date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def test_sick_leave_in_the_timesheet_close_and_correct(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    inspector = MembershipFactory(user__username="inspector", role=Membership.Role.HR_INSPECTOR)
    school = inspector.organisation
    unit = StaffingUnitFactory(organisation=school, department__name="Административный отдел",
                               position__name="Секретарь")  # fmt: skip
    secretary = EmployeeFactory(organisation=school, last_name="Козлова", first_name="Анна", middle_name="Ивановна")
    AssignmentFactory(employee=secretary, staffing_unit=unit, start=dt.date(2020, 9, 1))
    year, month = _previous_month(timezone.localdate())
    start, end = dt.date(year, month, 10), dt.date(year, month, 12)

    # 1. The inspector records the sick leave from the absences page, reached through the menu.
    login(page, "inspector", "password")
    nav = page.get_by_role("navigation", name="Разделы")
    nav.locator("summary", has_text="Кадры").click()
    nav.get_by_role("link", name="Неявки").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Неявки")
    page.get_by_role("link", name="Внести неявку").click()
    page.get_by_label("Сотрудник").select_option(label=str(secretary))
    page.get_by_label("Вид неявки").select_option(Absence.Kind.SICK)
    page.get_by_label("С", exact=True).fill(f"{start:%Y-%m-%d}")
    page.get_by_label("По", exact=True).fill(f"{end:%Y-%m-%d}")
    page.get_by_label("Номер ЭЛН").fill("910000000001")
    page.get_by_label("Причина нетрудоспособности").select_option(Absence.SickReason.OWN_ILLNESS)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".messages")).to_contain_text("Сохранено: Козлова А. И.")
    absence = Absence.objects.get()
    assert (absence.employee, absence.start, absence.end) == (secretary, start, end)

    # 2. The department's timesheet of that month, through the menu, has Б on those three days.
    nav.locator("summary", has_text="Кадры").click()
    nav.get_by_role("link", name="Табель").click()
    page.get_by_role("link", name="← предыдущий месяц").click()
    page.get_by_role("link", name="Административный отдел").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Административный отдел: табель за")
    row = page.locator("table.timesheet tbody tr", has_text="Козлова Анна Ивановна")
    # The first cell is the name: day d is cell d.
    for day in (10, 11, 12):
        expect(row.locator("td").nth(day)).to_have_text("Б")
    expect(row.locator("td").nth(9)).not_to_have_text("Б")
    expect(row.locator("td").nth(13)).not_to_have_text("Б")
    expect(row.locator("td").last).to_contain_text("Б: 3")

    # A second tab keeps the correction form open while the month is closed in the first.
    stale = page.context.new_page()
    stale.goto(page.url)
    # The form is built when «Исправить табель» is opened (htmx), not with every view of the month.
    expect(stale.get_by_role("button", name="Внести исправление")).to_have_count(0)
    stale.get_by_text("Исправить табель").click()
    expect(stale.get_by_role("button", name="Внести исправление")).to_be_visible()
    page_before = page.url

    # 3. The inspector closes the month: the correction form is no longer offered.
    page.get_by_role("button", name="Закрыть табель").click()
    expect(page.locator(".messages")).to_contain_text("Табель закрыт.")
    expect(page.get_by_role("button", name="Внести исправление")).to_have_count(0)
    expect(page.get_by_role("button", name="Создать корректирующий табель")).to_be_visible()
    assert page.url == page_before

    # 4. The correction from the form read before the close is refused with the reason.
    stale.get_by_label("С", exact=True).fill(f"{dt.date(year, month, 13):%Y-%m-%d}")
    stale.get_by_label("Код").select_option("Б")
    stale.get_by_label("Основание").fill("ЭЛН № 910000000002")
    stale.get_by_role("button", name="Внести исправление").click()
    expect(stale.locator("form.form")).to_contain_text("Табель закрыт")
    stale.close()
    assert not TimesheetCorrection.objects.exists()

    # 5. A corrective timesheet beside the closed one takes the correction with its reason.
    page.get_by_role("button", name="Создать корректирующий табель").click()
    expect(page.locator(".messages")).to_contain_text("Создан корректирующий табель № 1.")
    expect(page.get_by_role("heading", level=1).locator("xpath=..")).to_contain_text("корректирующий табель № 1")
    page.get_by_text("Исправить табель").click()
    page.get_by_label("С", exact=True).fill(f"{dt.date(year, month, 13):%Y-%m-%d}")
    page.get_by_label("Код").select_option("Б")
    page.get_by_label("Основание").fill("продолжение ЭЛН № 910000000002")
    page.get_by_role("button", name="Внести исправление").click()
    expect(page.locator(".messages")).to_contain_text("Табель исправлен: Козлова А. И.")
    row = page.locator("table.timesheet tbody tr", has_text="Козлова Анна Ивановна")
    expect(row.locator("td").nth(13)).to_have_text("Б")
    # The day that differs from the closed timesheet is marked.
    expect(row.locator("td").nth(13)).to_have_class(re.compile(r"\bchanged\b"))
    expect(row.locator("td").last).to_contain_text("Б: 4")
    # The closed original is kept as it was.
    page.get_by_role("link", name="первичный").click()
    original = page.locator("table.timesheet tbody tr", has_text="Козлова Анна Ивановна")
    expect(original.locator("td").last).to_contain_text("Б: 3")

    sheets = list(Timesheet.objects.order_by("number"))
    assert [(s.number, s.is_closed) for s in sheets] == [(0, True), (1, False)]
    assert sheets[1].corrects == sheets[0]
    correction = TimesheetCorrection.objects.get()
    assert correction.reason == "продолжение ЭЛН № 910000000002" and correction.timesheet == sheets[1]
