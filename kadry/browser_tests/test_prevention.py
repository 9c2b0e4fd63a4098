"""Acceptance: the social pedagogue opens a case at the Council's sitting, adds a measure, records its result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.prevention.models import Measure, PreventionCase
from kadry.testing.factories import AssignmentFactory, MembershipFactory, UserFactory
from kadry.testing.school import SchoolClassFactory, enrol

pytestmark = pytest.mark.browser


def test_social_pedagogue_opens_a_case_adds_a_measure_and_records_its_result(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    today = timezone.localdate()
    social = MembershipFactory(user=UserFactory(username="social"), role=Membership.Role.SOCIAL_PEDAGOGUE)
    school = social.organisation
    pedagogue = AssignmentFactory(employee__organisation=school, employee__last_name="Педагогова").employee
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    student = enrol(school_class, 3, start=min(today - dt.timedelta(days=30), dt.date(2026, 9, 1)))[0]

    login(page, "social", "password")
    # From the «Школа» menu to the Council, a sitting that puts the student on the internal register.
    page.goto("/")
    page.get_by_text("Школа", exact=True).click()
    page.get_by_role("link", name="Профилактический учёт").click()
    page.get_by_role("link", name="Записать заседание").click()
    page.get_by_label("№ протокола", exact=True).fill("3")
    page.get_by_label("Присутствовали (ФИО, должность)", exact=True).fill("Члены Совета профилактики")
    first = page.locator("fieldset.decision").first
    first.get_by_label("Решение", exact=True).select_option("open")
    first.get_by_label("Обучающийся (для «поставить на учёт»)", exact=True).select_option(str(student.pk))
    first.get_by_label("Вид учёта", exact=True).select_option("internal")
    first.get_by_label("Основание и причина", exact=True).fill("Систематические пропуски уроков")
    first.get_by_label("Ответственный за план", exact=True).select_option(str(pedagogue.pk))
    first.get_by_label("Формулировка решения", exact=True).fill("Поставить на внутришкольный учёт")
    with page.expect_navigation():
        page.get_by_role("button", name="Записать заседание и решения").click()
    expect(page.locator(".messages")).to_contain_text("решения применены")
    case = PreventionCase.objects.get(student=student)

    # The case from the sitting's page; a measure of the plan, then its result.
    page.get_by_role("link", name=str(student)).click()
    expect(page.get_by_role("heading", name=f"{student}: внутришкольный учёт")).to_be_visible()
    page.get_by_label("Мероприятие", exact=True).fill("Беседа с обучающимся и родителями")
    page.get_by_label("Ответственный", exact=True).fill("социальный педагог")
    page.get_by_label("Срок", exact=True).fill((today + dt.timedelta(days=14)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Добавить мероприятие").click()
    expect(page.locator(".messages")).to_contain_text("Мероприятие добавлено")
    page.get_by_role("link", name="Записать результат").click()
    page.get_by_label("Результат", exact=True).fill("Беседа проведена, мать обещала контроль")
    with page.expect_navigation():
        page.get_by_role("button", name="Записать результат").click()
    expect(page.locator(".messages")).to_contain_text("Результат мероприятия записан")
    expect(page.get_by_text("Беседа проведена, мать обещала контроль")).to_be_visible()
    measure = Measure.objects.get(case=case)
    assert measure.result_on == today and measure.result_by_id == social.user_id
