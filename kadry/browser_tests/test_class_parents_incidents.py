"""Acceptance: a class teacher sends the parents a message and records an incident; the director receives it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.school.models import Incident, ParentMessage
from kadry.testing.factories import AssignmentFactory, MembershipFactory, UserFactory
from kadry.testing.school import GuardianFactory, SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser


def test_class_teacher_informs_parents_and_reports_an_incident(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    today = timezone.localdate()
    teacher_membership = MembershipFactory(user=UserFactory(username="teacher"), role=Membership.Role.CLASS_TEACHER)
    school = teacher_membership.organisation
    director = MembershipFactory(
        organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR
    )
    teacher = AssignmentFactory(employee__organisation=school, employee__last_name="Классная").employee
    teacher_membership.employee = teacher
    teacher_membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=6, letter="В")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    students = enrol(school_class, 4, start=start)
    for student in students:
        GuardianFactory(student=student)

    login(page, "teacher", "password")
    # From the class page to its messages, then a message to the whole class.
    page.goto(f"/school/classes/{school_class.pk}/")
    page.get_by_role("link", name="Сообщения родителям").first.click()
    page.get_by_role("link", name="Новое сообщение").click()
    page.get_by_label("Тема", exact=True).select_option("meeting")
    page.get_by_label("Заголовок", exact=True).fill("Родительское собрание в пятницу")
    page.get_by_label("Текст", exact=True).fill("Собрание в 18:00 в кабинете 21.")
    page.get_by_label("Как передано", exact=True).select_option("messenger")
    with page.expect_navigation():
        page.get_by_role("button", name="Записать как отправленное").click()
    expect(page.locator(".messages")).to_contain_text("получателей 4")
    expect(page.get_by_role("heading", name="Получатели (4)")).to_be_visible()
    assert ParentMessage.objects.get().recipients.count() == 4

    # The register of incidents from the «Школа» menu's page, then an accident with one student.
    occurred = timezone.localtime() - dt.timedelta(hours=1)
    page.goto("/school/incidents/")
    page.get_by_role("link", name=str(school_class)).click()
    page.get_by_label("Вид", exact=True).select_option("accident")
    page.get_by_label("Когда произошло", exact=True).fill(occurred.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Где произошло", exact=True).fill("Спортивный зал")
    page.get_by_label(str(students[1]), exact=True).check()
    page.get_by_label("Что произошло", exact=True).fill("Подвернул ногу при прыжке.")
    page.get_by_label("Первая помощь: какая и кем оказана", exact=True).fill("Холод, медсестра")
    page.get_by_label("Скорая помощь вызвана", exact=True).fill(
        (occurred + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Записать").click()
    expect(page.locator(".messages")).to_contain_text("Происшествие записано")
    incident = Incident.objects.get()
    assert list(incident.students.all()) == [students[1]] and incident.ambulance_called_at is not None

    # The director sees it on the home page and receives it.
    page.context.clear_cookies()
    login(page, "director", "password")
    expect(page.get_by_text("Новые происшествия с обучающимися")).to_be_visible()
    page.get_by_role("link", name=timezone.localtime(incident.occurred_at).strftime("%d.%m.%Y %H:%M")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Сообщение принято").click()
    incident.refresh_from_db()
    assert incident.acknowledged_at is not None
