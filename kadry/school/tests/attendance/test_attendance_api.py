"""API of attendance: the class's day read and replaced whole, 422 per student, 404 outside one's classes."""

from __future__ import annotations

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.services import create_api_token
from kadry.school.models import AttendanceMark
from kadry.testing.school import enrol

pytestmark = pytest.mark.django_db
DAY = {"date": "2026-11-18"}


@pytest.fixture
def teacher_api(class_teacher, seventh) -> Api:
    _token, secret = create_api_token(actor=class_teacher.user, membership=class_teacher.membership, name="тесты")
    return Api(secret)


def path(school_class) -> str:
    return f"/school/classes/{school_class.pk}/attendance?date=2026-11-18"


def test_put_replaces_the_day_and_get_reads_it(teacher_api, seventh, pupils) -> None:
    body = {
        "marks": [
            {"student": pupils[0].pk, "kind": "absent", "reason": "illness"},
            {"student": pupils[1].pk, "kind": "late", "minutes_late": 7},
        ]
    }
    response = teacher_api.put(path(seventh), body)
    assert response.status_code == 200, response.content
    students = {row["id"]: row for row in response.json()["students"]}
    assert students[pupils[0].pk]["reason"] == "illness" and students[pupils[1].pk]["minutes_late"] == 7
    assert students[pupils[2].pk]["kind"] is None
    assert teacher_api.put(path(seventh), {"marks": []}).status_code == 200
    assert not AttendanceMark.objects.exists()
    got = teacher_api.get(f"/school/classes/{seventh.pk}/attendance", **DAY).json()
    assert got["marked"] is True and len(got["students"]) == 5


def test_put_answers_422_with_errors_by_student(teacher_api, seventh, pupils) -> None:
    body = {
        "marks": [
            {"student": pupils[0].pk, "kind": "late"},
            {"student": pupils[1].pk, "kind": "absent", "whole_day": False, "lessons": 9},
        ]
    }
    response = teacher_api.put(path(seventh), body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors[f"students.{pupils[0].pk}.minutes_late"] == ["Укажите опоздание в минутах: от 1 до 240."]
    assert errors[f"students.{pupils[1].pk}.lessons"] == ["Пропущено уроков больше, чем уроков в день (6)."]
    assert not AttendanceMark.objects.exists()


def test_future_day_is_refused(teacher_api, seventh, pupils) -> None:
    response = teacher_api.put(f"/school/classes/{seventh.pk}/attendance?date=2099-01-01", {"marks": []})
    assert response.status_code == 422 and "date" in response.json()["errors"]


def test_teacher_of_7b_gets_404_for_8a_in_the_api(teacher_api, eighth) -> None:
    enrol(eighth, 1)
    assert teacher_api.get(f"/school/classes/{eighth.pk}/attendance", **DAY).status_code == 404
    assert teacher_api.put(path(eighth), {"marks": []}).status_code == 404
