"""Reasons not yet found out: the list, the inline resolution, the week's check, flags and thresholds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kadry.school.models import AttendanceMark, AttendanceThresholds
from kadry.school.services.attendance import MarkInput, save_day
from kadry.school.tests.attendance.conftest import WEDNESDAY
from kadry.testing.school import enrol

pytestmark = pytest.mark.django_db
UNRESOLVED = "/school/attendance/unresolved/"


@pytest.fixture
def unknown_marks(class_teacher, personas, seventh, pupils, eighth):
    """An unknown-reason absence in 7Б and another in 8А; an illness in 7Б."""
    stranger = enrol(eighth, 1)[0]
    save_day(
        actor=class_teacher.user,
        school_class=seventh,
        date=WEDNESDAY,
        marks=[MarkInput(pupils[0].pk, kind="absent"), MarkInput(pupils[1].pk, kind="absent", reason="illness")],
    )
    save_day(
        actor=personas["director"].user,
        school_class=eighth,
        date=WEDNESDAY,
        marks=[MarkInput(stranger.pk, kind="absent")],
    )
    return {"own": AttendanceMark.objects.get(student=pupils[0]), "other": AttendanceMark.objects.get(student=stranger)}


def test_unresolved_list_shows_own_classes_to_the_teacher_and_all_to_the_deputy(
    class_teacher, personas, unknown_marks
) -> None:
    own, other = unknown_marks["own"], unknown_marks["other"]
    teacher_page = class_teacher.client.get(UNRESOLVED).content.decode()
    assert str(own.student) in teacher_page and str(other.student) not in teacher_page
    deputy_page = personas["deputy_director"].client.get(UNRESOLVED).content.decode()
    assert str(own.student) in deputy_page and str(other.student) in deputy_page


def test_reason_is_resolved_inline_and_leaves_the_list(class_teacher, unknown_marks) -> None:
    own = unknown_marks["own"]
    url = reverse("school:attendance_set_reason", args=[own.pk])
    response = class_teacher.client.post(url, {"reason": "note"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Сохранено" in response.content.decode()
    own.refresh_from_db()
    assert own.reason == "note"
    assert str(own.student) not in class_teacher.client.get(UNRESOLVED).content.decode()


def test_teacher_cannot_resolve_a_mark_of_another_class(class_teacher, unknown_marks) -> None:
    other = unknown_marks["other"]
    url = reverse("school:attendance_set_reason", args=[other.pk])
    assert class_teacher.client.post(url, {"reason": "note"}).status_code == 404
    other.refresh_from_db()
    assert other.reason == "unknown"


def test_week_check_counts_marks_without_reason(class_teacher, seventh, unknown_marks) -> None:
    page = class_teacher.client.get(reverse("school:attendance_week", args=[seventh.pk]), {"date": "2026-11-20"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Причина не выяснена: 1." in html


def test_flags_list_students_over_the_thresholds(class_teacher, personas, seventh, pupils) -> None:
    # Mon 16, Tue 17, Wed 18 November: three whole days, the last reason still unknown → a run of 3.
    for day, reason in (
        (dt.date(2026, 11, 16), "unexcused"),
        (dt.date(2026, 11, 17), "unexcused"),
        (WEDNESDAY, "unknown"),
    ):
        save_day(
            actor=class_teacher.user,
            school_class=seventh,
            date=day,
            marks=[MarkInput(pupils[0].pk, kind="absent", reason=reason)],
        )
    save_day(
        actor=class_teacher.user,
        school_class=seventh,
        date=dt.date(2026, 11, 19),
        marks=[MarkInput(pupils[1].pk, kind="absent", reason="illness")],
    )
    page = personas["social_pedagogue"].client.get("/school/attendance/flags/", {"date": "2026-11-19"}).content.decode()
    assert str(pupils[0]) in page and "3 дн. подряд без уважительной причины (порог — 3)" in page
    assert str(pupils[1]) not in page
    assert class_teacher.client.get("/school/attendance/flags/").status_code == 404


def test_deputy_sets_the_thresholds_and_the_teacher_cannot(class_teacher, personas, school) -> None:
    deputy = personas["deputy_director"].client
    assert deputy.post("/school/attendance/thresholds/", {"days_in_row": 5, "monthly_share": 25}).status_code == 302
    thresholds = AttendanceThresholds.objects.get(organisation=school)
    assert (thresholds.days_in_row, thresholds.monthly_share) == (5, 25)
    assert deputy.post("/school/attendance/thresholds/", {"days_in_row": 0, "monthly_share": 101}).status_code == 200
    assert (
        class_teacher.client.post("/school/attendance/thresholds/", {"days_in_row": 1, "monthly_share": 1}).status_code
        == 404
    )
