"""The API of the register of incidents and of the messages to parents: the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kadry.core.models import AccessLogEntry, Membership
from kadry.school.models import Incident, ParentMessage

pytestmark = pytest.mark.django_db
R = Membership.Role
MSK = ZoneInfo("Europe/Moscow")
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=MSK)


def body(world, **overrides):
    return {
        "school_class": world.seventh.pk,
        "kind": "accident",
        "occurred_at": "2026-12-07T10:40:00+03:00",
        "place": "Спортзал",
        "students": [world.students[1].pk],
        "description": "Упала с каната",
        "ambulance_called_at": "2026-12-07T10:44:00+03:00",
        **overrides,
    }


@time_machine.travel(NOW, tick=False)
def test_class_teacher_records_an_incident_and_the_director_lists_it(world, class_teacher, director, api_as) -> None:
    created = api_as(class_teacher).post("/school/incidents", body(world))
    assert created.status_code == 201, created.json()
    answer = created.json()
    assert (answer["students"], answer["kind"], answer["acknowledged_at"]) == ([world.students[1].pk], "accident", None)
    assert Incident.objects.get().ambulance_called_at == dt.datetime(2026, 12, 7, 10, 44, tzinfo=MSK)

    listed = api_as(director).get(f"/school/incidents?class_id={world.seventh.pk}")
    assert listed.status_code == 200 and [row["id"] for row in listed.json()] == [answer["id"]]
    entry = AccessLogEntry.objects.get(actor=director.user, channel="api")
    assert entry.what == "Журнал происшествий с обучающимися: 1 обучающийся"


@time_machine.travel(NOW, tick=False)
def test_an_incident_refused_answers_422_by_field(world, class_teacher, api_as) -> None:
    api = api_as(class_teacher)
    early = api.post("/school/incidents", body(world, ambulance_called_at="2026-12-07T10:00:00+03:00"))
    assert early.status_code == 422
    assert early.json()["errors"] == {
        "ambulance_called_at": ["Скорую помощь не могли известить раньше, чем произошло происшествие."]
    }
    foreign = api.post("/school/incidents", body(world, school_class=world.eighth.pk))
    assert foreign.status_code == 422 and "school_class" in foreign.json()["errors"]
    assert not Incident.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_roles_without_the_register_get_404(world, personas, api_as) -> None:
    for role in (R.ADMINISTRATOR, R.AUDITOR):
        assert api_as(personas[role]).get("/school/incidents").status_code == 404, role
    # The director reads the register but does not report: 404 as for any write outside the role.
    assert api_as(personas[R.DIRECTOR]).post("/school/incidents", body(world)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_message_to_the_class_is_recorded_through_the_api(world, class_teacher, api_as) -> None:
    api = api_as(class_teacher)
    sent = api.post(
        f"/school/classes/{world.seventh.pk}/messages",
        {"topic": "event", "title": "Экскурсия 12.12", "text": "Сбор в 9:00", "channel": "messenger"},
    )
    assert sent.status_code == 201, sent.json()
    assert (sent.json()["recipients"], sent.json()["student"]) == (25, None)
    assert ParentMessage.objects.get().recipients.count() == 25
    bad = api.post(
        f"/school/classes/{world.seventh.pk}/messages", {"topic": "x", "title": "", "text": "", "channel": "print"}
    )
    assert bad.status_code == 422
    no_period = api.post(
        f"/school/classes/{world.seventh.pk}/messages",
        {"topic": "grades", "title": "Итоги", "text": "Т", "channel": "print"},
    )
    assert no_period.status_code == 422 and "term" in str(no_period.json())
    grades = api.post(
        f"/school/classes/{world.seventh.pk}/messages",
        {"topic": "grades", "term": "q2", "title": "Итоги", "text": "Т", "channel": "print"},
    )
    assert grades.status_code == 201 and grades.json()["term"] == "q2"
