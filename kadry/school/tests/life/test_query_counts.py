"""The lists cost the same number of queries for 2 rows as for 8: no query per row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kadry.school.models import ClassVisit, IndividualWork
from kadry.school.services import life as services

pytestmark = pytest.mark.django_db
D = dt.date
# Class hours are planned on school days only: Monday 9 November 2026 to Monday 16 November.
SCHOOL_DAYS = [D(2026, 11, 9), D(2026, 11, 10), D(2026, 11, 11), D(2026, 11, 12), D(2026, 11, 13), D(2026, 11, 16)]


def _add_rows(world, user, count: int) -> None:
    seventh, students = world.seventh, world.students
    for i in range(count):
        day = SCHOOL_DAYS[i]
        services.plan_class_hour(actor=user, school_class=seventh, date=day, topic=f"Тема {i}")
        services.save_meeting(
            actor=user,
            school_class=seventh,
            data={"date": day, "agenda": "П", "attended": [s.guardians.get() for s in students[:3]]},
        )
        services.create_event(
            actor=user,
            school_class=seventh,
            data={"title": "Э", "date": day + dt.timedelta(days=5), "place": "М", "participants": students[:5],
                  "other_escorts": "Петров", "notice_given_on": day},
            today=day,
        )  # fmt: skip
        services.record_briefing(
            actor=user,
            school_class=seventh,
            data={"date": day, "kind": "fire", "topic": "ППБ", "present": students[:5]},
        )
        services.add_duty_shift(actor=user, school_class=seventh, data={"date": day, "students": students[:2]})
        ClassVisit.objects.create(
            organisation=seventh.organisation, school_class=seventh, kind="lesson", date=day, with_whom="У", subject="С"
        )
        IndividualWork.objects.create(
            organisation=seventh.organisation,
            student=students[0],
            date=day,
            kind="conversation",
            content="Б",
            author=user,
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["class_hours", "meetings", "events", "briefings", "duty", "visits", "individual_work"]
)
def test_list_queries_do_not_grow_with_rows(world, class_teacher, name) -> None:
    pk = world.students[0].pk if name == "individual_work" else world.seventh.pk
    url = reverse(f"school:{name}", args=[pk])
    _add_rows(world, class_teacher.user, 2)
    few = _queries(class_teacher.client, url)
    _add_rows(world, class_teacher.user, 6)
    assert _queries(class_teacher.client, url) == few
    assert few <= 25
