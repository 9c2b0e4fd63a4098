"""All classes at a glance and the effectiveness criteria: what the administration sees, in bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.core.models import Membership
from kadry.school.models import (
    Activity,
    AttendanceDay,
    AttendanceMark,
    ClassEvent,
    ClassHour,
    EducationPlan,
    ParentMeeting,
)
from kadry.school.tests.documents.conftest import TODAY
from kadry.testing.school import SchoolClassFactory, enrol

Role = Membership.Role
pytestmark = pytest.mark.django_db


def test_overview_flags_unmarked_classes_unknown_reasons_missing_meetings_and_late_notices(
    class_7b, personas, school
) -> None:
    other = SchoolClassFactory(
        organisation=school, academic_year=class_7b.school_class.academic_year, grade=8, letter="А"
    )
    enrol(other, 2)
    user = personas[Role.DIRECTOR].user
    AttendanceDay.objects.create(organisation=school, school_class=class_7b.school_class, date=TODAY, marked_by=user)
    AttendanceMark.objects.create(
        organisation=school, student=class_7b.students[0], school_class=class_7b.school_class, date=TODAY,
        kind="absent", reason="unknown", author=user,
    )  # fmt: skip
    ParentMeeting.objects.create(organisation=school, school_class=other, date=dt.date(2026, 11, 10), agenda="Итоги")
    # In time: notice on the 20th for the 23rd; late: notice on the 20th for the 22nd.
    for day in (dt.date(2026, 11, 23), dt.date(2026, 11, 22)):
        ClassEvent.objects.create(
            organisation=school, school_class=other, title="Музей", date=day, place="Музей", notice_given_on=TODAY,
            created_by=user,
        )  # fmt: skip

    response = personas[Role.DEPUTY_DIRECTOR].client.get("/school/overview/")
    assert response.status_code == 200
    rows = {str(row.school_class): row for row in response.context["rows"]}
    assert rows["7Б"].marked_today and not rows["8А"].marked_today
    assert (rows["7Б"].unresolved, rows["8А"].unresolved) == (1, 0)
    assert rows["7Б"].meeting_due and not rows["8А"].meeting_due
    assert (rows["7Б"].late_notice_events, rows["8А"].late_notice_events) == (0, 1)


@pytest.mark.parametrize("classes", [1, 30])
def test_overview_takes_the_same_number_of_queries_for_1_and_30_classes(classes, personas, school, quarters) -> None:
    year = quarters[0].academic_year
    for n in range(classes):
        school_class = SchoolClassFactory(organisation=school, academic_year=year, grade=1 + n % 11, letter=f"Л{n}")
        ParentMeeting.objects.create(organisation=school, school_class=school_class, date=TODAY, agenda="—")
    client = personas[Role.DIRECTOR].client
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/school/overview/").status_code == 200
    # Session, user, memberships; then classes, periods, meetings, events.
    assert len(queries) <= 9, [q["sql"] for q in queries]


def test_class_teacher_and_teacher_do_not_see_the_overview(class_7b, personas) -> None:
    for role in (Role.CLASS_TEACHER, Role.TEACHER, Role.HR_INSPECTOR):
        assert personas[role].client.get("/school/overview/").status_code == 404
        assert personas[role].client.get("/school/criteria/").status_code == 404


def test_criteria_with_the_trend_against_the_previous_quarter(class_7b, personas, quarters, school) -> None:
    school_class, students = class_7b.school_class, class_7b.students
    user = personas[Role.DIRECTOR].user
    # Quarter 1: 2 marked days × 4 students × 6 lessons = 48; one whole day missed → 42/48 = 87.5 %.
    # Quarter 2: 2 marked days, nothing missed → 100 %: ↑ 12.5.
    for day in (dt.date(2026, 10, 1), dt.date(2026, 10, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 10)):
        AttendanceDay.objects.create(organisation=school, school_class=school_class, date=day, marked_by=user)
    AttendanceMark.objects.create(
        organisation=school, student=students[0], school_class=school_class, date=dt.date(2026, 10, 1),
        kind="absent", reason="illness", author=user,
    )  # fmt: skip
    # Clubs: one student in Q1 (ended in October), two in Q2 → 25 % then 50 %.
    Activity.objects.create(
        organisation=school, student=students[0], kind="club", name="Шахматы", start=dt.date(2026, 9, 1),
        end=dt.date(2026, 10, 20),
    )  # fmt: skip
    for student in students[1:3]:
        Activity.objects.create(
            organisation=school, student=student, kind="club", name="Хор", start=dt.date(2026, 11, 6)
        )
    Activity.objects.create(
        organisation=school, student=students[3], kind="self_government", name="староста", start=dt.date(2026, 9, 1)
    )
    event = ClassEvent.objects.create(
        organisation=school, school_class=school_class, title="Экскурсия", date=dt.date(2026, 11, 12), place="Музей",
        notice_given_on=dt.date(2026, 11, 2), created_by=user,
    )  # fmt: skip
    event.participants.add(*students[:3])

    response = personas[Role.DIRECTOR].client.get(f"/school/criteria/?period={quarters[1].pk}")
    assert response.status_code == 200
    assert response.context["previous"] == quarters[0]
    (row,) = response.context["rows"]
    trends = dict(row["trends"])
    attendance = trends["Посещаемость учебных занятий, %"]
    assert (attendance.value, attendance.previous, attendance.arrow) == (Decimal("100.0"), Decimal("87.5"), "↑")
    clubs = trends["Занятость во внеурочной деятельности, % обучающихся"]
    assert (clubs.value, clubs.previous, clubs.difference) == (Decimal("50.0"), Decimal("25.0"), Decimal("25.0"))
    events = trends["Участие в мероприятиях, % обучающихся"]
    assert (events.value, events.previous, events.arrow) == (Decimal("75.0"), Decimal("0.0"), "↑")
    assert trends["Участие в ученическом самоуправлении, % обучающихся"].arrow == "="
    # The director signs orders, HR drafts them: the director is told who prepares the award order.
    assert "его готовит отдел кадров" in response.content.decode()


def test_education_plan_saved_by_the_class_teacher_with_figures_filled_in(class_7b, class_teacher, personas, school):
    school_class = class_7b.school_class
    url = f"/school/classes/{school_class.pk}/plan/"
    response = class_teacher.client.post(url, {"goals": "Сплочение коллектива", "directions": "1 четверть: …"})
    assert response.status_code == 302
    assert EducationPlan.objects.get(school_class=school_class).goals == "Сплочение коллектива"
    ParentMeeting.objects.create(organisation=school, school_class=school_class, date=dt.date(2026, 9, 20), agenda="—")
    ClassHour.objects.create(
        organisation=school, school_class=school_class, date=dt.date(2026, 9, 7), topic="А", status="held"
    )
    ClassHour.objects.create(
        organisation=school, school_class=school_class, date=dt.date(2026, 9, 14), topic="Б", status="cancelled"
    )

    # The figures are on the yearly analysis' page (§7.3).
    response = personas[Role.DEPUTY_DIRECTOR].client.get(url + "analysis/")
    assert response.status_code == 200
    analysis = response.context["draft"].analysis
    assert [row.meetings for row in analysis.rows] == [1, 0]
    assert (analysis.class_hours_held, analysis.class_hours_cancelled) == (1, 1)
    assert analysis.quarters_without_meeting == []  # the second quarter is not over yet
    assert personas[Role.DEPUTY_DIRECTOR].client.post(url, {"goals": "x"}).status_code == 404
    download = class_teacher.client.get(url + "docx/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
