"""Corrections and cancellations of the journals (§6.4) with their history; visits by the schedule (§6.3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.school.models import ClassEvent, ClassVisit, DutyRoster
from kadry.school.queries.criteria import year_analysis
from kadry.school.rules.life import visit_refusal
from kadry.school.services import corrections
from kadry.school.services import life as services

pytestmark = pytest.mark.django_db
D = dt.date
MSK = ZoneInfo("Europe/Moscow")
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=MSK)  # Monday


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


def test_a_done_visit_cannot_be_after_today_a_planned_one_can() -> None:
    today = D(2026, 12, 7)
    assert visit_refusal("planned", D(2026, 12, 20), today) is None
    assert visit_refusal("done", today, today) is None
    assert visit_refusal("done", D(2026, 12, 8), today) is not None


@time_machine.travel(NOW, tick=False)
def test_the_author_corrects_an_event_and_the_history_keeps_the_first_version(world, class_teacher, director) -> None:
    event = services.create_event(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"title": "Музей", "date": D(2026, 12, 14), "place": "Краеведческий музей", "participants": world.students[:8],
              "other_escorts": "Петров П. П.", "notice_given_on": D(2026, 12, 7)},
    )  # fmt: skip
    page = url("life_correct", world.seventh.pk, "events", event.pk)
    assert director.client.get(page).status_code == 404  # not a writer of the class
    form = {"title": "Музей", "date": "2026-12-15", "place": "Краеведческий музей", "start_time": "",
            "participants": [s.pk for s in world.students[:12]], "other_escorts": "Петров П. П.",
            "notice_given_on": "2026-12-07"}  # fmt: skip
    # 12 students need ⌈12/10⌉ = 2 adults; one is named: the correction is refused as a new event would be.
    refused = class_teacher.client.post(page, form)
    assert refused.status_code == 400 and "нужно не менее 2" in refused.content.decode()
    ok = class_teacher.client.post(page, {**form, "other_escorts": "Петров П. П., Сидорова А. А."})
    assert ok.status_code == 302, ok.content.decode()
    event.refresh_from_db()
    assert (event.date, event.participants.count()) == (D(2026, 12, 15), 12)
    change = ChangeRecord.objects.filter(section=services.SECTION_EVENTS, action="update").get()
    assert change.changes["Дата"] == ["14.12.2026", "15.12.2026"]
    assert change.changes["Участники"] == ["8", "12"]
    assert "История записи" in class_teacher.client.get(page).content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_event_stays_marked_and_leaves_the_figures(world, class_teacher) -> None:
    event = services.create_event(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"title": "Каток", "date": D(2026, 12, 3), "place": "Каток", "participants": world.students[:5],
              "other_escorts": "Петров П. П.", "notice_given_on": D(2026, 11, 30)},
        today=D(2026, 11, 30),
    )  # fmt: skip
    held_before = year_analysis(world.seventh, today=D(2026, 12, 7)).events_held
    cancel = url("life_cancel", world.seventh.pk, "events", event.pk)
    assert class_teacher.client.get(cancel).status_code == 405
    assert class_teacher.client.post(cancel, {"cancel_reason": " "}).status_code == 302
    event.refresh_from_db()
    assert event.cancelled_at is None  # no reason: refused
    assert class_teacher.client.post(cancel, {"cancel_reason": "Оттепель"}).status_code == 302
    event.refresh_from_db()
    assert (event.cancelled_at, event.cancel_reason) == (NOW, "Оттепель")
    assert ClassEvent.objects.filter(pk=event.pk).exists()  # nothing deleted
    assert "отменено: Оттепель" in class_teacher.client.get(url("events", world.seventh.pk)).content.decode()
    # The yearly analysis counted it held; cancelled, it is one fewer.
    assert held_before - year_analysis(world.seventh, today=D(2026, 12, 7)).events_held == 1
    with pytest.raises(ValidationError):
        corrections.correct_record(
            actor=class_teacher.user, journal=corrections.JOURNALS["events"], row=event, data={"title": "Снова"}
        )


@time_machine.travel(NOW, tick=False)
def test_a_visit_is_planned_by_the_schedule_and_marked_done(world, class_teacher) -> None:
    visits = url("visits", world.seventh.pk)
    planned = {"kind": "lesson", "status": "planned", "date": "2026-12-10", "with_whom": "Иванова Т. П.",
               "subject": "Алгебра", "notes": ""}  # fmt: skip
    early = class_teacher.client.post(visits, {**planned, "status": "done"})
    assert early.status_code == 400 and "не может быть позже сегодняшнего дня" in early.content.decode()
    assert class_teacher.client.post(visits, planned).status_code == 302
    visit = ClassVisit.objects.get()
    assert (visit.status, visit.created_by) == (ClassVisit.Status.PLANNED, class_teacher.user)
    done = url("visit_done", world.seventh.pk, visit.pk)
    assert class_teacher.client.post(done, {"date": "2026-12-10", "notes": ""}).status_code == 400
    with time_machine.travel(dt.datetime(2026, 12, 10, 15, 0, tzinfo=MSK), tick=False):
        response = class_teacher.client.post(done, {"date": "2026-12-10", "notes": "Работают активно"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.notes) == (ClassVisit.Status.DONE, "Работают активно")


@time_machine.travel(NOW, tick=False)
def test_duty_of_another_author_cannot_be_corrected(world, class_teacher, director) -> None:
    shift = services.add_duty_shift(
        actor=director.user, school_class=world.seventh, data={"date": D(2026, 12, 8), "students": world.students[:2]}
    )
    assert shift.created_by == director.user
    assert class_teacher.client.get(url("life_correct", world.seventh.pk, "duty", shift.pk)).status_code == 404
    old = DutyRoster.objects.create(
        organisation=world.seventh.organisation, school_class=world.seventh, date=D(2026, 12, 9)
    )
    # A row kept before authors were: the class teacher corrects it.
    assert class_teacher.client.get(url("life_correct", world.seventh.pk, "duty", old.pk)).status_code == 200
