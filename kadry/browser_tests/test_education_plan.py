"""Acceptance: a class teacher writes the plan of educational work and sends it; the deputy director approves it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.school.models import EducationPlan
from kadry.testing.factories import AssignmentFactory, MembershipFactory, UserFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser


def test_class_teacher_sends_the_plan_and_the_deputy_approves_it(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    today = timezone.localdate()
    teacher_membership = MembershipFactory(user=UserFactory(username="teacher"), role=Membership.Role.CLASS_TEACHER)
    school = teacher_membership.organisation
    director = MembershipFactory(
        organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR
    )
    MembershipFactory(organisation=school, user=UserFactory(username="deputy"), role=Membership.Role.DEPUTY_DIRECTOR)
    teacher = AssignmentFactory(employee__organisation=school, employee__last_name="Классная").employee
    teacher_membership.employee = teacher
    teacher_membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=5, letter="А")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    enrol(school_class, 3, start=start)

    login(page, "teacher", "password")
    # From the class page to its plan: goals, then two activities, then the plan is sent.
    page.goto(f"/school/classes/{school_class.pk}/")
    page.get_by_role("link", name="План воспитательной работы").click()
    expect(page.get_by_text("План ещё не составлен")).to_be_visible()
    page.get_by_label("Цели и задачи", exact=True).fill("Сплочение коллектива класса")
    with page.expect_navigation():
        page.get_by_role("button", name="Сохранить цели и задачи").click()
    for month, direction, title in (("11", "parents", "Родительское собрание"), ("9", "health", "Осенний кросс")):
        page.get_by_label("Месяц", exact=True).select_option(month)
        page.get_by_label("Направление", exact=True).select_option(direction)
        page.get_by_label("Мероприятие", exact=True).fill(title)
        with page.expect_navigation():
            page.get_by_role("button", name="Добавить").click()
        expect(page.locator(".messages")).to_contain_text("Мероприятие добавлено")
    # Grouped by month: September before November.
    rows = page.locator("table.table tbody tr").all_inner_texts()
    assert [row.split("\t")[0] for row in rows][:2] == ["Сентябрь", "Здоровьесбережение, здоровый образ жизни"]
    with page.expect_navigation():
        page.get_by_role("button", name="Отправить на утверждение").click()
    expect(page.locator(".messages")).to_contain_text("План отправлен на утверждение")
    expect(page.get_by_role("button", name="Добавить")).to_have_count(0)

    # The deputy sees it waiting on her home page, opens it from her list and approves it.
    page.context.clear_cookies()
    login(page, "deputy", "password")
    expect(page.get_by_text("Планы воспитательной работы на утверждение")).to_be_visible()
    page.goto("/school/plans/?status=submitted")
    page.get_by_role("link", name=str(school_class)).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Утвердить план").click()
    expect(page.locator(".messages")).to_contain_text(f"План воспитательной работы {school_class} класса утверждён")
    plan = EducationPlan.objects.get(school_class=school_class)
    assert plan.status == "approved" and plan.decided_by is not None and plan.decided_by.username == "deputy"
    assert plan.items.count() == 2
