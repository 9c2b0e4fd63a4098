"""Acceptance: a class teacher marks today's attendance of 30 students from the keyboard in under a minute, in one POST."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Request, expect

from kadry.core.models import Membership
from kadry.school.models import AttendanceDay, AttendanceMark, Student
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser

ABSENT = {2, 7, 11, 19, 28}  # rows (0-based) marked «Н»
LATE = {4, 23}  # rows marked «О», 10 minutes


def test_class_teacher_marks_30_students_by_keyboard_in_one_request(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    today = timezone.localdate()
    teacher_membership = MembershipFactory(user=UserFactory(username="teacher"), role=Membership.Role.CLASS_TEACHER)
    school = teacher_membership.organisation
    director = MembershipFactory(
        organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR
    )
    teacher = EmployeeFactory(organisation=school, last_name="Классная")
    teacher_membership.employee = teacher
    teacher_membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    # In the grid's order: the class list's (by name), not the order of creation.
    students = list(Student.objects.filter(pk__in=[s.pk for s in enrol(school_class, 30, start=start)]))

    login(page, "teacher", "password")
    posts: list[Request] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.goto(f"/school/classes/{school_class.pk}/attendance/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Посещаемость 7Б")
    rows = page.locator("tr[data-row]")
    expect(rows).to_have_count(30)
    expect(rows.first).to_be_focused()
    # Each field is named by its caption and the row's student (aria-labelledby), as a screen reader reads it.
    first = students[0]
    expect(page.get_by_role("row", name=str(first), exact=True)).to_have_count(1)
    expect(page.get_by_role("radiogroup", name=f"Отметка: {first}", exact=True)).to_have_count(1)
    # A present student has no lateness, absence or reason to give: those fields appear with the mark
    # (test_layout_1440.test_present_students_show_no_absence_fields_in_the_grid).
    expect(page.get_by_role("combobox", name=f"Причина: {first}", exact=True)).to_have_count(0)
    expect(page.get_by_role("textbox", name=f"Примечание: {first}", exact=True)).to_have_count(1)

    started = time.monotonic()
    for index in range(30):
        if index in ABSENT:
            page.keyboard.press("y")  # the key of «Н» on the Russian layout: marks and moves to the next student
        elif index in LATE:
            page.keyboard.press("j")  # the key of «О»: marks and moves into the minutes
            page.keyboard.type("10")
            page.keyboard.press("Enter")  # to the next student, not a submit
        elif index % 2:
            page.keyboard.press("p")  # latin «P»: present, and on to the next student
        else:
            page.keyboard.press("ArrowDown")
    expect(page.locator("#grid-summary")).to_have_text("Отсутствуют: 5, опоздали: 2, присутствуют: 23.")
    with page.expect_navigation():
        page.keyboard.press("Control+Enter")
    expect(page.locator(".messages")).to_contain_text("отсутствуют — 5, опоздали — 2, присутствуют — 23")
    elapsed = time.monotonic() - started

    assert elapsed < 60, f"marking took {elapsed:.1f} s"
    assert len(posts) == 1, [request.url for request in posts]
    marks = AttendanceMark.objects.filter(school_class=school_class, date=today)
    absent = {students.index(mark.student) for mark in marks if mark.kind == AttendanceMark.Kind.ABSENT}
    late = {students.index(mark.student): mark.minutes_late for mark in marks if mark.kind == AttendanceMark.Kind.LATE}
    assert absent == ABSENT
    assert late == dict.fromkeys(LATE, 10)
    assert all(mark.reason == AttendanceMark.Reason.UNKNOWN for mark in marks)
    assert AttendanceDay.objects.filter(school_class=school_class, date=today).exists()
