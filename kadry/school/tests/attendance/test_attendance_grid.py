"""The day's grid: the whole class saved in one request with a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kadry.core.chain import LINK_QUERIES
from kadry.core.models import ChangeRecord
from kadry.school.models import AttendanceDay, AttendanceMark, Holiday
from kadry.school.services.attendance import AttendanceErrors, MarkInput, save_day
from kadry.school.tests.attendance.conftest import WEDNESDAY
from kadry.testing.school import SchoolClassFactory, enrol

pytestmark = pytest.mark.django_db


def grid_url(school_class, day=WEDNESDAY) -> str:
    return f"{reverse('school:attendance_grid', args=[school_class.pk])}?date={day.isoformat()}"


def post_data(students, marks: dict[int, dict[str, str]]) -> dict[str, str]:
    """Return the grid's POST: every student present unless ``marks`` says otherwise."""
    data: dict[str, str] = {}
    for student in students:
        row = {"kind": "present", "whole_day": "on", "reason": "unknown", **marks.get(student.pk, {})}
        data.update({f"s{student.pk}-{name}": value for name, value in row.items()})
    return data


def test_class_teacher_saves_the_whole_class_in_one_post(class_teacher, seventh, pupils) -> None:
    first, second, third = pupils[:3]
    data = post_data(
        pupils,
        {
            first.pk: {"kind": "absent", "reason": "illness"},
            second.pk: {"kind": "late", "minutes_late": "15", "reason": "unknown"},
            third.pk: {"kind": "absent", "whole_day": "", "lessons": "2", "note": "стоматолог"},
        },
    )
    response = class_teacher.client.post(grid_url(seventh), data)
    assert response.status_code == 302
    marks = {mark.student_id: mark for mark in AttendanceMark.objects.all()}
    assert set(marks) == {first.pk, second.pk, third.pk}
    assert marks[first.pk].whole_day and marks[first.pk].reason == "illness"
    assert marks[second.pk].minutes_late == 15 and not marks[second.pk].whole_day
    assert (marks[third.pk].lessons, marks[third.pk].note) == (2, "стоматолог")
    assert AttendanceDay.objects.get(school_class=seventh, date=WEDNESDAY).marked_by == class_teacher.user
    page = class_teacher.client.get(grid_url(seventh))
    assert "стоматолог" in page.content.decode()


def test_saving_again_updates_and_deletes_marks(class_teacher, seventh, pupils) -> None:
    first, second = pupils[:2]
    client = class_teacher.client
    client.post(grid_url(seventh), post_data(pupils, {first.pk: {"kind": "absent"}, second.pk: {"kind": "absent"}}))
    client.post(grid_url(seventh), post_data(pupils, {first.pk: {"kind": "absent", "reason": "family"}}))
    assert list(AttendanceMark.objects.values_list("student_id", "reason")) == [(first.pk, "family")]
    assert ChangeRecord.objects.filter(section="Посещаемость", action="delete", subject_id=second.pk).exists()
    assert AttendanceDay.objects.count() == 1


def _queries_for(teacher, school_class, students) -> int:
    marks = [MarkInput(s.pk, kind="absent") for s in students[::2]] + [
        MarkInput(s.pk, kind="late", minutes_late=5) for s in students[1::2]
    ]
    save_day(actor=teacher, school_class=school_class, date=WEDNESDAY, marks=marks)  # first save: creates
    changed = [MarkInput(m.student_id, kind="absent", reason="illness") for m in marks[: len(marks) // 2]]
    with CaptureQueriesContext(connection) as queries:
        # Second save: updates some, deletes the others — the heavier path.
        save_day(actor=teacher, school_class=school_class, date=WEDNESDAY, marks=changed)
    return len(queries)


def test_query_count_does_not_depend_on_class_size(class_teacher, seventh, school, personas) -> None:
    big = SchoolClassFactory(organisation=school, grade=9, letter="В")
    small_count = _queries_for(class_teacher.user, seventh, enrol(seventh, 5))
    big_count = _queries_for(class_teacher.user, big, enrol(big, 30))
    assert small_count == big_count
    assert big_count <= 14, big_count  # 2 of them lock and move the history's chain head (kadry.core.chain)


def _page_queries(client, school_class) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(grid_url(school_class))
    assert response.status_code == 200
    return len(queries)


def test_grid_page_costs_the_same_queries_for_one_student_and_thirty(personas, seventh, school) -> None:
    big = SchoolClassFactory(organisation=school, grade=9, letter="В")
    students = enrol(big, 31)
    marks = [MarkInput(s.pk, kind="absent") for s in students[::3]]
    save_day(actor=personas["director"].user, school_class=big, date=WEDNESDAY, marks=marks)
    enrol(seventh, 1)
    director = personas["director"].client
    small_count = _page_queries(director, seventh)
    big_count = _page_queries(director, big)
    assert small_count == big_count
    # Session, user, membership; the class, its students with the day's marks, the access-log row, holidays,
    # who marked the day.
    assert big_count <= 8 + LINK_QUERIES[connection.vendor], big_count


def test_grid_shows_the_stored_marks_as_they_were_saved(class_teacher, seventh, pupils) -> None:
    first, second, third, fourth = pupils[:4]
    save_day(
        actor=class_teacher.user,
        school_class=seventh,
        date=WEDNESDAY,
        marks=[
            MarkInput(first.pk, kind="absent", reason="illness"),
            MarkInput(second.pk, kind="late", minutes_late=15, whole_day=False, note='сказал "автобус" <b>'),
            MarkInput(third.pk, kind="absent", whole_day=False, lessons=2, reason="family"),
        ],
    )
    html = class_teacher.client.get(grid_url(seventh)).content.decode()
    assert f'name="s{first.pk}-kind" value="absent" checked' in html
    assert '<option value="illness" selected>болезнь</option>' in html
    assert f'name="s{second.pk}-kind" value="late" checked' in html
    assert f'name="s{second.pk}-minutes_late" value="15"' in html
    assert f'name="s{second.pk}-note" value="сказал &quot;автобус&quot; &lt;b&gt;"' in html
    assert f'name="s{second.pk}-whole_day">' in html  # not checked
    assert f'name="s{third.pk}-lessons" value="2"' in html
    assert f'name="s{fourth.pk}-kind" value="present" checked' in html
    assert f'name="s{fourth.pk}-whole_day" checked>' in html
    assert html.count('<option value="unknown" selected>') == len(pupils) - 2
    assert f'<span id="s{first.pk}-name">{first}</span>' in html


def test_late_needs_minutes_and_errors_stay_on_the_row(class_teacher, seventh, pupils) -> None:
    first, second = pupils[:2]
    data = post_data(
        pupils,
        {
            first.pk: {"kind": "late", "minutes_late": ""},
            second.pk: {"kind": "absent", "whole_day": "", "lessons": "7"},
        },
    )
    response = class_teacher.client.post(grid_url(seventh), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Укажите опоздание в минутах: от 1 до 240." in html
    assert "Пропущено уроков больше, чем уроков в день (6)." in html
    assert not AttendanceMark.objects.exists() and not AttendanceDay.objects.exists()


@pytest.mark.parametrize(("minutes", "valid"), [(0, False), (1, True), (240, True), (241, False)])
def test_minutes_late_bounds(class_teacher, seventh, pupils, minutes, valid) -> None:
    marks = [MarkInput(pupils[0].pk, kind="late", minutes_late=minutes)]
    if valid:
        save_day(actor=class_teacher.user, school_class=seventh, date=WEDNESDAY, marks=marks)
        assert AttendanceMark.objects.get().minutes_late == minutes
    else:
        with pytest.raises(AttendanceErrors) as refused:
            save_day(actor=class_teacher.user, school_class=seventh, date=WEDNESDAY, marks=marks)
        assert refused.value.rows[pupils[0].pk]["minutes_late"]


def test_no_marks_in_the_future_or_in_holidays(class_teacher, seventh, pupils, school) -> None:
    marks = [MarkInput(pupils[0].pk, kind="absent")]
    with pytest.raises(AttendanceErrors) as future:
        save_day(
            actor=class_teacher.user,
            school_class=seventh,
            date=WEDNESDAY,
            marks=marks,
            today=WEDNESDAY - dt.timedelta(days=1),
        )
    assert "ещё не наступил" in future.value.day[0]
    Holiday.objects.create(
        organisation=school,
        academic_year=seventh.academic_year,
        name="Осенние каникулы",
        start=dt.date(2026, 10, 26),
        end=dt.date(2026, 11, 3),
    )
    response = class_teacher.client.post(grid_url(seventh, dt.date(2026, 10, 28)), post_data(pupils, {}))
    assert response.status_code == 422
    assert "каникулы (Осенние каникулы)" in response.content.decode()
    assert not AttendanceMark.objects.exists()


def test_a_student_of_another_class_is_refused(class_teacher, seventh, pupils, eighth) -> None:
    stranger = enrol(eighth, 1)[0]
    with pytest.raises(AttendanceErrors) as refused:
        save_day(
            actor=class_teacher.user,
            school_class=seventh,
            date=WEDNESDAY,
            marks=[MarkInput(stranger.pk, kind="absent")],
        )
    assert stranger.pk in refused.value.rows


def test_teacher_of_7b_gets_404_for_8a(class_teacher, seventh, eighth) -> None:
    enrol(eighth, 2)
    assert class_teacher.client.get(grid_url(eighth)).status_code == 404
    assert class_teacher.client.post(grid_url(eighth), {}).status_code == 404
    week = reverse("school:attendance_week", args=[eighth.pk])
    assert class_teacher.client.get(week).status_code == 404


def test_deputy_director_and_director_may_mark_any_class(personas, seventh, pupils) -> None:
    for role in ("deputy_director", "director"):
        client = personas[role].client
        assert client.get(grid_url(seventh)).status_code == 200
        assert client.post(grid_url(seventh), post_data(pupils, {pupils[0].pk: {"kind": "absent"}})).status_code == 302


def test_subject_teacher_and_hr_get_404(personas, seventh) -> None:
    for role in ("teacher", "hr_inspector", "auditor"):
        assert personas[role].client.get(grid_url(seventh)).status_code == 404
