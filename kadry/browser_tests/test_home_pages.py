"""The home pages of the HR inspector, the director and a class teacher, at 1440 px, with the menus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.browser_tests.conftest import ARTIFACTS_DIR
from kadry.core.models import Membership
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE
from kadry.testing.factories import (
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffingUnitFactory,
    UserFactory,
)
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser
R = Membership.Role

# The vertical centres of the top bar's parts differ by at most this many pixels when it is one line.
ONE_LINE_PX = 12


def _school():
    school = OrganisationFactory(short_name="Лицей № 1")
    people = {
        role: MembershipFactory(organisation=school, role=role, user=UserFactory(username=role.value))
        for role in (R.HR_INSPECTOR, R.DIRECTOR, R.CLASS_TEACHER)
    }
    today = timezone.localdate()
    hr, director = people[R.HR_INSPECTOR].user, people[R.DIRECTOR].user
    for last_name, sign in (("Принятая", True), ("Ожидающая", False)):
        order = orders.create_draft(actor=hr, organisation_id=school.pk, kind=Order.Kind.HIRE, date=today)
        unit = StaffingUnitFactory(organisation=school, rates=Decimal("1"))
        employee = EmployeeFactory(organisation=school, last_name=last_name)
        orders.save_item(
            actor=hr, order=order, data={"employee": employee, "date": today, "staffing_unit": unit, **HIRE}
        )
        if sign:
            orders.sign_order(actor=director, order=order)
    orders.create_draft(actor=hr, organisation_id=school.pk, kind=Order.Kind.AWARD, date=today)  # no one in it
    teacher = EmployeeFactory(organisation=school, last_name="Классная")
    people[R.CLASS_TEACHER].employee = teacher
    people[R.CLASS_TEACHER].save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director, teacher, school_class, start)
    enrol(school_class, 3, start=start)
    return school_class


def _assert_top_bar_is_one_line(page: Page) -> None:
    centres = page.evaluate(
        """() => Array.from(document.querySelectorAll('.topbar > *, .mainnav > *')).map((el) => {
             const r = el.getBoundingClientRect(); return r.top + r.height / 2; })"""
    )
    assert max(centres) - min(centres) <= ONE_LINE_PX, centres


def _look(page: Page, name: str) -> None:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"home-{name}.png"), full_page=True)


def test_home_pages_of_inspector_director_and_class_teacher(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    school_class = _school()

    login(page, "hr_inspector", "password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Сегодня")
    deadlines = page.locator("#deadlines")
    expect(deadlines).to_contain_text("ЕФС-1, приём")
    expect(deadlines).to_contain_text("Принятая")
    expect(page.get_by_text("нет ни одного сотрудника")).to_be_visible()
    _assert_top_bar_is_one_line(page)
    # A menu opens without leaving the page; opening another closes it.
    staff, orders_menu = page.locator("summary", has_text="Кадры"), page.locator("summary", has_text="Приказы")
    nav = page.get_by_role("navigation", name="Разделы")
    staff.click()
    expect(nav.get_by_role("link", name="Штатное расписание")).to_be_visible()
    orders_menu.click()
    expect(nav.get_by_role("link", name="Штатное расписание")).to_be_hidden()
    expect(nav.get_by_role("link", name="Сроки ЕФС-1")).to_be_visible()
    _look(page, "hr_inspector-menu")
    page.keyboard.press("Escape")
    expect(nav.get_by_role("link", name="Сроки ЕФС-1")).to_be_hidden()
    _look(page, "hr_inspector")
    page.get_by_role("button", name="Выйти").click()

    login(page, "director", "password")
    queue = page.locator("section", has=page.get_by_role("heading", name="На подпись"))
    expect(queue).to_contain_text("Ожидающая")
    expect(queue).not_to_contain_text("Принятая")
    expect(page.get_by_role("heading", name="Классы сегодня")).to_be_visible()
    _assert_top_bar_is_one_line(page)
    page.locator("summary", has_text="Школа").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Пропуски без уважительной причины")).to_be_visible()
    _look(page, "director-menu")
    page.keyboard.press("Escape")
    _look(page, "director")
    with page.expect_navigation():
        queue.get_by_role("link", name="Открыть очередь на подпись").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("подпис")
    page.get_by_role("button", name="Выйти").click()

    login(page, "class_teacher", "password")
    expect(page.get_by_role("heading", name="Посещаемость моих классов сегодня")).to_be_visible()
    _assert_top_bar_is_one_line(page)
    _look(page, "class_teacher")
    with page.expect_navigation():
        page.get_by_role("link", name="Отметить посещаемость").click()
    expect(page).to_have_url(f"{page.url.split('/school/')[0]}/school/classes/{school_class.pk}/attendance/")
