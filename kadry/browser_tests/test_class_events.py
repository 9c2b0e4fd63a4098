"""Acceptance: a class teacher records an out-of-class event and its safety briefing from the forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.school.models import ClassEvent, SafetyBriefing
from kadry.testing.factories import AssignmentFactory, MembershipFactory, UserFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser


def test_class_teacher_records_an_event_and_its_briefing(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    today = timezone.localdate()
    teacher_membership = MembershipFactory(user=UserFactory(username="teacher"), role=Membership.Role.CLASS_TEACHER)
    school = teacher_membership.organisation
    director = MembershipFactory(
        organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR
    )
    # A working employee of the school: only those escort an event.
    teacher = AssignmentFactory(
        employee__organisation=school, employee__last_name="Классная", employee__first_name="Вера",
        employee__middle_name="Ивановна",
    ).employee  # fmt: skip
    teacher_membership.employee = teacher
    teacher_membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=5, letter="А")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    students = enrol(school_class, 8, start=start)  # up to ten students: one adult escorts them
    day = today + dt.timedelta(days=5)

    login(page, "teacher", "password")
    page.goto(f"/school/classes/{school_class.pk}/events/new/")
    participants = page.locator('input[name="participants"]')
    expect(participants).to_have_count(8)
    # The whole class is ticked by default; one student stays at home.
    for index in range(8):
        expect(participants.nth(index)).to_be_checked()
    page.get_by_label(str(students[0]), exact=True).uncheck()
    page.get_by_label("Мероприятие", exact=True).fill("Экскурсия в краеведческий музей")
    page.get_by_label("Дата", exact=True).fill(day.isoformat())
    page.get_by_label("Начало", exact=True).fill("10:00")
    page.get_by_label("Место", exact=True).fill("Краеведческий музей")
    page.locator('select[name="escorts"]').select_option(str(teacher.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Записать").click()
    expect(page.locator(".messages")).to_contain_text("Мероприятие записано")

    event = ClassEvent.objects.get(school_class=school_class)
    assert (event.title, event.date, event.notice_given_on) == ("Экскурсия в краеведческий музей", day, today)
    assert set(event.participants.values_list("pk", flat=True)) == {s.pk for s in students[1:]}
    assert list(event.escorts.all()) == [teacher]

    # The briefing before the event, prefilled from it: its participants are ticked.
    page.goto(f"/school/classes/{school_class.pk}/briefings/new/?event={event.pk}")
    present = page.locator('input[name="present"]')
    expect(present).to_have_count(8)
    expect(page.get_by_label(str(students[0]), exact=True)).not_to_be_checked()
    page.get_by_label(str(students[1]), exact=True).uncheck()  # absent on the day of the briefing
    with page.expect_navigation():
        page.get_by_role("button", name="Записать").click()
    expect(page.locator(".messages")).to_contain_text("Инструктаж записан")

    briefing = SafetyBriefing.objects.get(school_class=school_class)
    assert (briefing.kind, briefing.event_id) == (SafetyBriefing.Kind.EVENT, event.pk)
    assert set(briefing.present.values_list("pk", flat=True)) == {s.pk for s in students[2:]}
