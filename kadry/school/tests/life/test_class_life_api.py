"""The same rules through the API: events (3 days, 1 per 10), cancelling a class hour, the meeting check."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kadry.school.models import ClassEvent, ClassHour
from kadry.school.services import life as services

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def _event(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Экскурсия",
        "date": "2026-12-10",
        "place": "Музей",
        "outside_school": True,
        "other_escorts": "Петров П. П., Сидорова А. И., Орлов О. О.",
        "notice_given_on": "2026-12-07",
    }
    return {**body, **changes}


@time_machine.travel(NOW, tick=False)
def test_api_refuses_a_late_notice_and_too_few_adults_with_messages_on_the_fields(world, class_teacher, api_as) -> None:
    api = api_as(class_teacher)
    response = api.post(
        f"/school/classes/{world.seventh.pk}/events",
        _event(date="2026-12-09", other_escorts="Петров П. П., Сидорова А. И."),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["notice_given_on"][0].startswith("Уведомление 07.12.2026 подано поздно")
    assert "не позднее 06.12.2026" in errors["notice_given_on"][0]
    assert errors["escorts"] == [
        "Сопровождающих взрослых 2, а для 25 обучающихся нужно не менее 3: 1 взрослый на 10 обучающихся (п. 6.9 положения)."
    ]
    assert not ClassEvent.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_api_records_an_event_for_the_whole_class_by_default(world, class_teacher, api_as) -> None:
    response = api_as(class_teacher).post(f"/school/classes/{world.seventh.pk}/events", _event())
    assert response.status_code == 201
    assert sorted(response.json()["participants"]) == sorted(s.pk for s in world.students)


@time_machine.travel(NOW, tick=False)
def test_api_counts_the_participants_sent(world, class_teacher, api_as) -> None:
    # 10 students: one adult is enough.
    body = _event(participants=[s.pk for s in world.students[:10]], other_escorts="Петров П. П.")
    response = api_as(class_teacher).post(f"/school/classes/{world.seventh.pk}/events", body)
    assert response.status_code == 201 and len(response.json()["participants"]) == 10
    body = _event(participants=[s.pk for s in world.students[:11]], other_escorts="Петров П. П.")
    response = api_as(class_teacher).post(f"/school/classes/{world.seventh.pk}/events", body)
    assert response.status_code == 422 and "нужно не менее 2" in response.json()["errors"]["escorts"][0]


@time_machine.travel(NOW, tick=False)
def test_api_cancels_a_class_hour_in_time_and_refuses_a_late_one(world, class_teacher, api_as) -> None:
    api = api_as(class_teacher)
    actor, seventh = class_teacher.user, world.seventh
    in_time = services.plan_class_hour(actor=actor, school_class=seventh, date=D(2026, 12, 9), topic="Т")
    late = services.plan_class_hour(actor=actor, school_class=seventh, date=D(2026, 12, 8), topic="Т")

    ok = api.post(f"/school/classes/{seventh.pk}/class-hours/{in_time.pk}/cancel", {"reason": "Олимпиада"})
    refused = api.post(f"/school/classes/{seventh.pk}/class-hours/{late.pk}/cancel", {"reason": "Олимпиада"})
    no_reason = api.post(f"/school/classes/{seventh.pk}/class-hours/{late.pk}/cancel", {"reason": ""})

    assert ok.status_code == 200 and ok.json()["status"] == "cancelled"
    assert refused.status_code == 422
    assert "то есть не позднее 00:00 07.12.2026" in refused.json()["errors"]["cancel_notified_at"][0]
    assert no_reason.status_code == 422 and "cancel_reason" in no_reason.json()["errors"]
    assert ClassHour.objects.get(pk=late.pk).status == ClassHour.Status.PLANNED


@time_machine.travel(dt.datetime(2026, 12, 14, 12, 0, tzinfo=ZoneInfo("Europe/Moscow")), tick=False)
def test_api_meeting_check(world, class_teacher, api_as) -> None:
    services.save_meeting(
        actor=class_teacher.user, school_class=world.seventh, data={"date": D(2026, 9, 15), "agenda": "Начало года"}
    )
    body = api_as(class_teacher).get(f"/school/classes/{world.seventh.pk}/meeting-check").json()
    assert body["today"] == "2026-12-14" and body["ok"] is False
    assert [(m["name"], m["level"], m["days_left"]) for m in body["missing"]] == [
        ("2-я четверть (1–11 кл.)", "warning", 14)
    ]


@time_machine.travel(NOW, tick=False)
def test_api_answers_404_for_another_class_and_for_read_only_writers(world, personas, class_teacher, api_as) -> None:
    teacher = api_as(class_teacher)
    assert teacher.get(f"/school/classes/{world.eighth.pk}/meeting-check").status_code == 404
    assert teacher.post(f"/school/classes/{world.eighth.pk}/events", _event()).status_code == 404
    director = api_as(personas["director"])
    assert director.get(f"/school/classes/{world.seventh.pk}/meeting-check").status_code == 200
    assert director.post(f"/school/classes/{world.seventh.pk}/events", _event()).status_code == 404
    assert api_as(personas["teacher"]).get(f"/school/classes/{world.seventh.pk}/meeting-check").status_code == 404
