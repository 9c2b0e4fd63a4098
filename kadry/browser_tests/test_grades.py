"""Acceptance: a class teacher loads the quarter's grades from the journal's export and reads the analysis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.grades.models import PeriodGrade
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory
from kadry.testing.school import SchoolClassFactory, appoint, enrol

pytestmark = pytest.mark.browser
# The hand-computed class of ten (kadry/grades/tests/test_rules.py): quality 60,0 %, success 90,0 %.
TEN = [
    ("5", "5", "5", "5"), ("5", "5", "5", "5"), ("4", "5", "5", "5"), ("4", "4", "4", "4"), ("5", "4", "5", "4"),
    ("4", "4", "5", "5"), ("3", "4", "5", "5"), ("3", "3", "4", "4"), ("3", "3", "3", "3"), ("2", "3", "н/а", "4"),
]  # fmt: skip
SUBJECTS = ("Алгебра", "Русский язык", "История", "Физика")


def test_class_teacher_loads_grades_and_reads_the_analysis(
    browser_page: Page, login: Callable[[Page, str, str], None], settings, tmp_path: Path
) -> None:
    # The job runs in the request that queues it, so the test sees it finish without a worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    today = timezone.localdate()
    membership = MembershipFactory(user=UserFactory(username="teacher"), role=Membership.Role.CLASS_TEACHER)
    school = membership.organisation
    director = MembershipFactory(
        organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR
    )
    teacher = EmployeeFactory(organisation=school, last_name="Классная")
    membership.employee = teacher
    membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    start = min(today - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    students = enrol(school_class, 10, start=start)
    lines = ["Номер личного дела;Предмет;Период;Отметка"]
    lines += [
        f"{student.file_number};{subject};1 четверть;{mark}"
        for student, marks in zip(students, TEN, strict=True)
        for subject, mark in zip(SUBJECTS, marks, strict=True)
    ]
    export = tmp_path / "journal.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")

    login(page, "teacher", "password")
    page.goto(f"/school/classes/{school_class.pk}/")
    page.get_by_role("link", name="Успеваемость").click()
    page.get_by_role("link", name="Загрузить отметки").click()
    page.get_by_label("Файл CSV или XLSX из электронного журнала").set_input_files(str(export))
    page.get_by_role("button", name="Проверить").click()
    expect(page.locator("#import-checked")).to_contain_text("Отметок за период: 40")
    assert PeriodGrade.objects.count() == 0  # the check writes nothing
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("#import-job")).to_contain_text("выполнено")
    assert PeriodGrade.objects.filter(school_class=school_class).count() == 40
    page.get_by_role("link", name="Открыть анализ успеваемости").click()

    expect(page.locator("#quality")).to_have_text("60,0")
    expect(page.locator("#success")).to_have_text("90,0")
    failing = page.locator("tr[data-category='failing']")
    expect(failing).to_contain_text(f"{students[9]} — Алгебра (2), История (н/а)")
