"""Class hours, parent meetings, events and journals through the pages, with the regulation's refusals."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.school.models import ClassEvent, ClassHour, ParentMeeting, SafetyBriefing
from kadry.school.services import life as services
from kadry.testing.factories import AssignmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
D = dt.date
MSK = ZoneInfo("Europe/Moscow")
# Monday 7 December 2026, 10:00 in Moscow.
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=MSK)


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


@time_machine.travel(NOW, tick=False)
def test_class_teacher_plans_a_class_hour_and_marks_it_held(world, class_teacher) -> None:
    c = class_teacher.client
    response = c.post(url("class_hours", world.seventh.pk), {"date": "2026-12-10", "topic": "Правила поведения зимой"})
    assert response.status_code == 302
    hour = ClassHour.objects.get(school_class=world.seventh)
    page = c.get(url("class_hours", world.seventh.pk)).content.decode()
    assert "Правила поведения зимой" in page and "2-я четверть" in page

    assert c.post(url("class_hour_held", world.seventh.pk, hour.pk), {"notes": "Провели беседу"}).status_code == 302
    hour.refresh_from_db()
    assert (hour.status, hour.notes) == (ClassHour.Status.HELD, "Провели беседу")


@time_machine.travel(NOW, tick=False)
def test_cancelling_a_class_hour_three_days_ahead_is_accepted(world, class_teacher) -> None:
    hour = services.plan_class_hour(
        actor=class_teacher.user, school_class=world.seventh, date=D(2026, 12, 10), topic="Т"
    )
    response = class_teacher.client.post(
        url("class_hour_cancel", world.seventh.pk, hour.pk), {"cancel_reason": "Экскурсия"}
    )
    assert response.status_code == 302
    hour.refresh_from_db()
    assert (hour.status, hour.cancel_reason, hour.cancel_notified_at) == (ClassHour.Status.CANCELLED, "Экскурсия", NOW)


@time_machine.travel(NOW, tick=False)
def test_cancelling_tomorrows_class_hour_is_refused_with_the_reason(world, class_teacher) -> None:
    # The deadline for 08.12 was 00:00 on 07.12; it is 10:00 on 07.12.
    hour = services.plan_class_hour(
        actor=class_teacher.user, school_class=world.seventh, date=D(2026, 12, 8), topic="Т"
    )
    cancel = url("class_hour_cancel", world.seventh.pk, hour.pk)
    assert "не позднее 00:00 07.12.2026" in class_teacher.client.get(cancel).content.decode()

    response = class_teacher.client.post(cancel, {"cancel_reason": "Заболел"})

    assert response.status_code == 400
    page = response.content.decode()
    # Said once: the refusal on the form, not again in the notice above it.
    assert page.count("не менее чем за сутки (п. 6.6 положения), то есть не позднее 00:00 07.12.2026") == 1
    hour.refresh_from_db()
    assert hour.status == ClassHour.Status.PLANNED


@time_machine.travel(NOW, tick=False)
def test_cancelling_without_a_reason_is_refused(world, class_teacher) -> None:
    hour = services.plan_class_hour(
        actor=class_teacher.user, school_class=world.seventh, date=D(2026, 12, 17), topic="Т"
    )
    response = class_teacher.client.post(url("class_hour_cancel", world.seventh.pk, hour.pk), {"cancel_reason": " "})
    assert response.status_code == 400
    assert ClassHour.objects.get(pk=hour.pk).status == ClassHour.Status.PLANNED


def _event(world, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Экскурсия в музей оружия",
        "date": "2026-12-10",
        "start_time": "10:00",
        "place": "Тульский государственный музей оружия",
        "outside_school": "on",
        "participants": [s.pk for s in world.students],  # 25: three adults needed
        "escorts": [],
        "other_escorts": "Петров Павел Петрович, Сидорова Анна Ивановна",
        "notice_given_on": "2026-12-07",
    }
    return {**data, **changes}


@time_machine.travel(NOW, tick=False)
def test_an_event_with_too_few_adults_is_refused_on_the_escorts_field(world, class_teacher) -> None:
    response = class_teacher.client.post(url("event_new", world.seventh.pk), _event(world))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["escorts"] == [
        "Сопровождающих взрослых 2, а для 25 обучающихся нужно не менее 3: 1 взрослый на 10 обучающихся (п. 6.9 положения)."
    ]
    assert "notice_given_on" not in errors
    assert not ClassEvent.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_event_with_a_late_notice_is_refused_on_the_notice_field(world, class_teacher) -> None:
    # 07.12 for an event on 09.12: two days; the deadline was 06.12.
    response = class_teacher.client.post(url("event_new", world.seventh.pk), _event(world, date="2026-12-09"))
    assert response.status_code == 400
    assert response.context["form"].errors["notice_given_on"] == [
        "Уведомление 07.12.2026 подано поздно: о мероприятии 09.12.2026 администрацию уведомляют письменно "
        "не менее чем за 3 дня, то есть не позднее 06.12.2026 (п. 6.9 положения)."
    ]


@time_machine.travel(NOW, tick=False)
def test_event_escorts_are_chosen_among_the_schools_working_employees(world, class_teacher) -> None:
    school = world.seventh.organisation
    working = AssignmentFactory(employee__organisation=school, employee__last_name="Работающая").employee
    dismissed = AssignmentFactory(
        employee__organisation=school, employee__last_name="Уволенная", end=D(2025, 6, 30)
    ).employee
    never_hired = EmployeeFactory(organisation=school, last_name="Неоформленная")
    outsider = AssignmentFactory(employee__last_name="Чужая").employee  # works at another school

    choices = class_teacher.client.get(url("event_new", world.seventh.pk)).context["form"].fields["escorts"].queryset

    assert working in choices
    assert not {dismissed, never_hired, outsider} & set(choices)
    for other in (dismissed, never_hired):
        response = class_teacher.client.post(url("event_new", world.seventh.pk), _event(world, escorts=[other.pk]))
        assert response.status_code == 400
        errors = response.context["form"].errors["escorts"]
        assert errors[0] == "Сопровождающим можно выбрать только работающего сотрудника школы."
    assert not ClassEvent.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_escort_who_leaves_before_the_event_is_refused(world, class_teacher) -> None:
    leaving = AssignmentFactory(
        employee__organisation=world.seventh.organisation, employee__last_name="Уходящая", end=D(2026, 12, 8)
    ).employee

    response = class_teacher.client.post(url("event_new", world.seventh.pk), _event(world, escorts=[leaving.pk]))

    assert response.status_code == 400
    assert response.context["form"].errors["escorts"][0] == (
        f"Сопровождающим может быть только работающий сотрудник школы: {leaving.short_name} не работает на "
        "10.12.2026. Других взрослых впишите в поле ниже."
    )
    with pytest.raises(ValidationError) as refused:
        services.create_event(
            actor=class_teacher.user,
            school_class=world.seventh,
            data={"title": "Э", "date": D(2026, 12, 10), "place": "М", "participants": world.students[:5],
                  "escorts": [leaving], "notice_given_on": D(2026, 12, 7)},
        )  # fmt: skip
    assert "не работает на 10.12.2026" in refused.value.message_dict["escorts"][0]


@time_machine.travel(NOW, tick=False)
def test_an_event_in_time_with_enough_adults_is_recorded_and_its_briefing_prefilled(world, class_teacher) -> None:
    escort = AssignmentFactory(employee__organisation=world.seventh.organisation).employee
    response = class_teacher.client.post(url("event_new", world.seventh.pk), _event(world, escorts=[escort.pk]))
    assert response.status_code == 302
    event = ClassEvent.objects.get()
    assert event.participants.count() == 25 and list(event.escorts.all()) == [escort]
    detail = class_teacher.client.get(response.url).content.decode()
    assert "Инструктаж перед мероприятием не записан" in detail

    form = class_teacher.client.get(url("briefing_new", world.seventh.pk) + f"?event={event.pk}").context["form"]
    assert form.initial["kind"] == SafetyBriefing.Kind.EVENT and form.initial["event"] == event
    posted = {
        "date": "2026-12-09",
        "kind": "event",
        "topic": "Правила поведения в музее и в автобусе",
        "event": event.pk,
        "present": [s.pk for s in world.students[:24]],
    }
    assert class_teacher.client.post(url("briefing_new", world.seventh.pk), posted).status_code == 302
    assert event.briefings.get().present.count() == 24

    notice = class_teacher.client.get(url("event_notice", world.seventh.pk, event.pk))
    assert notice.status_code == 200 and notice["Content-Type"] in ("application/pdf", "text/html; charset=utf-8")


@time_machine.travel(NOW, tick=False)
def test_the_event_form_offers_the_whole_class_by_default(world, class_teacher) -> None:
    form = class_teacher.client.get(url("event_new", world.seventh.pk)).context["form"]
    assert len(form.initial["participants"]) == 25
    assert form.initial["notice_given_on"] == D(2026, 12, 7)


@time_machine.travel(dt.datetime(2026, 11, 21, 12, 0, tzinfo=MSK), tick=False)
def test_meetings_page_warns_that_the_first_quarter_ended_without_a_meeting(world, class_teacher) -> None:
    page = class_teacher.client.get(url("meetings", world.seventh.pk)).content.decode()
    assert "1-я четверть (01.09.2026–25.10.2026) закончилась без родительского собрания" in page


@time_machine.travel(NOW, tick=False)
def test_a_meeting_with_guardians_present_and_its_protocol(world, class_teacher) -> None:
    guardians = [s.guardians.get() for s in world.students[:2]]
    data = {
        "date": "2026-10-20",
        "agenda": "Итоги 1-й четверти",
        "attended": [g.pk for g in guardians],
        "minutes": "Слушали классного руководителя.",
        "decisions": "Принять к сведению.",
    }
    assert class_teacher.client.post(url("meeting_new", world.seventh.pk), data).status_code == 302
    meeting = ParentMeeting.objects.get()
    assert set(meeting.attended.all()) == set(guardians)
    assert services.meeting_warnings(world.seventh, D(2026, 11, 21)) == []
    protocol = class_teacher.client.get(url("meeting_protocol", world.seventh.pk, meeting.pk))
    assert protocol.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_a_guardian_of_another_class_cannot_be_marked_present(world, class_teacher) -> None:
    from kadry.testing.school import GuardianFactory

    stranger = GuardianFactory(student=world.others[0])
    data = {"date": "2026-10-20", "agenda": "Итоги", "attended": [stranger.pk]}
    response = class_teacher.client.post(url("meeting_new", world.seventh.pk), data)
    assert response.status_code == 400 and "attended" in response.context["form"].errors


@time_machine.travel(NOW, tick=False)
def test_duty_and_visits_are_logged(world, class_teacher) -> None:
    c = class_teacher.client
    duty = {"date": "2026-12-08", "place": "класс", "students": [s.pk for s in world.students[:2]]}
    assert c.post(url("duty", world.seventh.pk), duty).status_code == 302
    visit = {"kind": "lesson", "date": "2026-12-04", "with_whom": "Орлова Т. В.", "subject": "Алгебра", "notes": ""}
    assert c.post(url("visits", world.seventh.pk), visit).status_code == 302
    assert "Алгебра" in c.get(url("visits", world.seventh.pk)).content.decode()
    assert world.students[0].last_name in c.get(url("duty", world.seventh.pk)).content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_administration_reads_but_does_not_write(world, personas) -> None:
    director = personas["director"].client
    assert director.get(url("class_hours", world.seventh.pk)).status_code == 200
    assert director.post(url("class_hours", world.seventh.pk), {"date": "2026-12-10", "topic": "Т"}).status_code == 404
    assert director.get(url("event_new", world.seventh.pk)).status_code == 404
    assert not ClassHour.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", ["class_hours", "meetings", "events", "briefings", "duty", "visits", "event_new"])
def test_teacher_of_7b_gets_404_for_8a(world, class_teacher, name) -> None:
    assert class_teacher.client.get(url(name, world.eighth.pk)).status_code == 404
    assert class_teacher.client.get(url(name, world.seventh.pk)).status_code == 200


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("page", "field"), [("event_new", "participants"), ("briefing_new", "present"), ("duty", "students")]
)
def test_the_forms_list_every_student_of_the_class_to_tick(world, class_teacher, page, field) -> None:
    # The students' checkboxes were rendered empty (the widget was swapped in after the queryset
    # had handed its choices to the old one), and the field is required: nothing could be saved.
    html = class_teacher.client.get(url(page, world.seventh.pk)).content.decode()
    ticked = {int(value) for value in re.findall(rf'name="{field}" value="(\d+)"', html)}
    assert ticked == {s.pk for s in world.students}
