"""The student's personal file: the page and the print are access-logged, an issue goes to the register."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kadry.core.models import AccessLogEntry, ChangeRecord, Membership
from kadry.school.models import Activity, AttendanceMark, StudentFileIssue
from kadry.school.services import student_file as services

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


@time_machine.travel(NOW, tick=False)
def test_the_file_gathers_guardians_enrolment_attendance_and_activities(world, class_teacher) -> None:
    student = world.students[0]
    Activity.objects.create(
        organisation=student.organisation, student=student, kind="competition", name="ВсОШ по математике",
        start=D(2026, 10, 15), level="municipal", placement="prize_winner",
    )  # fmt: skip
    mark = {"organisation": student.organisation, "student": student, "school_class": world.seventh}
    AttendanceMark.objects.create(
        **mark, date=D(2026, 11, 9), kind="absent", reason="illness", author=class_teacher.user
    )
    AttendanceMark.objects.create(
        **mark, date=D(2026, 11, 10), kind="absent", whole_day=False, lessons=2, reason="unexcused",
        author=class_teacher.user,
    )  # fmt: skip
    AttendanceMark.objects.create(**mark, date=D(2026, 11, 11), kind="late", minutes_late=10, author=class_teacher.user)
    file = services.student_file(student)
    year = file.attendance[0]
    # One whole day of 6 lessons (excused) and 2 lessons (unexcused): 1 day, 8 lessons, 6 excused, 1 late.
    assert (year.year, year.days_absent, year.lessons_missed, year.lessons_excused, year.late) == (
        "2026/2027", 1, 8, 6, 1,
    )  # fmt: skip
    assert len(file.guardians) == 1 and len(file.enrolments) == 1
    assert file.grades is None  # no grades app registered

    before = AccessLogEntry.objects.filter(actor=class_teacher.user).count()
    page = class_teacher.client.get(url("student_file", student.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ВсОШ по математике" in text and "муниципальный уровень, призёр" in text
    assert "в Kadry они не загружены" in text
    printed = class_teacher.client.get(url("student_file_print", student.pk))
    assert printed.status_code == 200
    whats = list(AccessLogEntry.objects.filter(actor=class_teacher.user).order_by("id").values_list("what", flat=True))
    assert whats[before:] == ["Личное дело обучающегося: просмотр", "Личное дело обучающегося: печать"]


@time_machine.travel(NOW, tick=False)
def test_an_issue_is_recorded_in_the_register_and_the_access_log(world, class_teacher) -> None:
    student = world.students[0]
    response = class_teacher.client.post(
        url("student_file_issue", student.pk),
        {"issued_on": "2026-11-16", "issued_to": "Петрова О. В., мать", "purpose": "в связи с выбытием"},
    )
    assert response.status_code == 302
    issue = StudentFileIssue.objects.get(student=student)
    assert (issue.issued_to, issue.issued_by, issue.issued_on) == (
        "Петрова О. В., мать",
        class_teacher.user,
        NOW.date(),
    )
    assert ChangeRecord.objects.filter(section="Личное дело: выдача", subject_id=student.pk).exists()
    assert AccessLogEntry.objects.filter(
        actor=class_teacher.user, what="Личное дело обучающегося: выдано — Петрова О. В., мать"
    ).exists()
    page = class_teacher.client.get(url("student_file", student.pk)).content.decode()
    assert "в связи с выбытием" in page


@time_machine.travel(NOW, tick=False)
def test_an_issue_dated_in_the_future_is_refused_on_its_field(world, class_teacher) -> None:
    response = class_teacher.client.post(
        url("student_file_issue", world.students[0].pk),
        {"issued_on": "2026-12-01", "issued_to": "Петрова", "purpose": "по запросу"},
    )
    assert response.status_code == 400
    assert "Дата выдачи не может быть в будущем." in response.content.decode()
    assert not StudentFileIssue.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_director_reads_the_file_but_does_not_issue_it(world, personas) -> None:
    director = personas[Membership.Role.DIRECTOR]
    student = world.students[0]
    assert director.client.get(url("student_file", student.pk)).status_code == 200
    response = director.client.post(
        url("student_file_issue", student.pk), {"issued_on": "2026-11-16", "issued_to": "X", "purpose": "Y"}
    )
    assert response.status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_registered_grades_provider_fills_the_grades(world, monkeypatch) -> None:
    monkeypatch.setattr(services, "_grades_providers", [])
    services.register_grades_provider(lambda student: [services.GradeRow("2026/2027", "Математика", "5")])
    assert services.student_file(world.students[0]).grades == [services.GradeRow("2026/2027", "Математика", "5")]
