"""The register of incidents: a report, the refusals, the administration's home panel, the act, corrections."""

from __future__ import annotations

import datetime as dt
import io
import sys
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from kadry.core.models import AccessLogEntry, ChangeRecord, Membership
from kadry.school.models import Incident
from kadry.school.rules import incidents as rules
from kadry.school.services import incidents as services
from kadry.school.services import life

pytestmark = pytest.mark.django_db
R = Membership.Role
MSK = ZoneInfo("Europe/Moscow")
# Monday 7 December 2026, 12:00 in Moscow; the incident happened at 10:40 on the break.
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=MSK)
AT = dt.datetime(2026, 12, 7, 10, 40, tzinfo=MSK)


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


def report(world, class_teacher, **overrides):
    data = {
        "kind": "accident",
        "occurred_at": "2026-12-07T10:40",
        "place": "Рекреация 2-го этажа",
        "during": "перемена после 3-го урока",
        "students": [world.students[0].pk],
        "description": "Поскользнулся, упал на левую руку.",
        "injuries": "Ушиб левого предплечья",
        "first_aid": "Холод, фиксация руки; медсестра Иванова Т. П.",
        "ambulance_called_at": "2026-12-07T10:45",
        "administration_informed_at": "2026-12-07T10:50",
        "administration_informed_whom": "Заместитель директора Петрова А. А.",
        "parents_informed_at": "",
        "parents_informed_whom": "",
        "witnesses": "",
        **overrides,
    }
    return class_teacher.client.post(url("incident_new", world.seventh.pk), data)


# --- rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "days_off", "expected"),
    [
        ("accident", None, False),  # no medical conclusion yet
        ("accident", 0, False),  # back at lessons the next day: not investigated
        ("accident", 1, True),  # «не менее чем на один день» (Приказ № 602)
        ("accident", 14, True),
        ("health", 3, False),  # a complaint is not an accident
        ("emergency", 1, False),
    ],
)
def test_an_accident_is_investigated_from_one_day_off(kind, days_off, expected) -> None:
    assert rules.needs_investigation(kind, days_off) is expected


def test_times_before_the_incident_or_in_the_future_are_refused() -> None:
    problems = rules.time_problems(
        occurred_at=AT,
        now=NOW,
        ambulance_called_at=AT - dt.timedelta(minutes=5),
        administration_informed_at=NOW + dt.timedelta(minutes=1),
        parents_informed_at=AT,  # the same minute is possible
    )
    assert set(problems) == {"ambulance_called_at", "administration_informed_at"}
    assert rules.time_problems(
        occurred_at=NOW + dt.timedelta(hours=1), now=NOW, ambulance_called_at=None,
        administration_informed_at=None, parents_informed_at=None,
    ) == {"occurred_at": "Происшествие не может быть позже текущего момента."}  # fmt: skip


def test_reminders_name_the_ambulance_for_injuries_and_complaints_only() -> None:
    def fields(kind: str, **kw: bool) -> list[str]:
        facts = {"ambulance_called": False, "administration_informed": False, "parents_informed": False,
                 "acknowledged": False, **kw}  # fmt: skip
        return [r.field for r in rules.reminders(kind=kind, **facts)]

    assert fields("accident") == ["ambulance_called_at", "administration_informed_at", "parents_informed_at"]
    assert fields("health", ambulance_called=True) == ["administration_informed_at", "parents_informed_at"]
    # Another emergency needs no ambulance; the administration's receipt is its being informed.
    assert fields("emergency", acknowledged=True, parents_informed=True) == []


# --- the report ------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_class_teacher_reports_an_accident_and_the_director_receives_it(world, class_teacher, director) -> None:
    response = report(world, class_teacher)
    assert response.status_code == 302, response.content.decode()
    incident = Incident.objects.get()
    assert (incident.occurred_at, incident.ambulance_called_at) == (AT, AT + dt.timedelta(minutes=5))
    assert list(incident.students.all()) == [world.students[0]]
    assert incident.reported_by == class_teacher.user and incident.acknowledged_at is None

    home = director.client.get(reverse("home")).content.decode()
    assert "Новые происшествия с обучающимися" in home and "Рекреация 2-го этажа" in home
    # The panel names no student: nothing to log.
    assert str(world.students[0]) not in home

    detail = director.client.get(url("incident_detail", incident.pk)).content.decode()
    assert "Родители (законные представители) ещё не проинформированы." in detail
    assert AccessLogEntry.objects.filter(actor=director.user, what__startswith="Происшествие 07.12.2026").count() == 1

    assert director.client.post(url("incident_acknowledge", incident.pk)).status_code == 302
    incident.refresh_from_db()
    assert incident.acknowledged_by == director.user and incident.acknowledged_at == NOW
    assert "Новые происшествия" not in director.client.get(reverse("home")).content.decode()


@time_machine.travel(NOW, tick=False)
def test_an_ambulance_called_before_the_incident_is_refused_on_its_field(world, class_teacher) -> None:
    response = report(world, class_teacher, ambulance_called_at="2026-12-07T10:30")
    assert response.status_code == 400
    assert "Скорую помощь не могли известить раньше, чем произошло происшествие." in response.content.decode()
    assert not Incident.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_student_of_another_class_cannot_be_named(world, class_teacher) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_incident(
            actor=class_teacher.user,
            school_class=world.seventh,
            data={"kind": "emergency", "occurred_at": AT, "place": "Двор", "description": "Конфликт",
                  "students": [world.others[0]]},
        )  # fmt: skip
    assert "students" in refused.value.message_dict
    assert not Incident.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_author_corrects_the_report_and_the_history_keeps_the_first_version(world, class_teacher, director) -> None:
    report(world, class_teacher)
    incident = Incident.objects.get()
    edit = url("incident_edit", incident.pk)
    # Only the author corrects: the director reads it but gets 404 here.
    assert director.client.get(edit).status_code == 404
    response = class_teacher.client.post(
        edit,
        {
            **{f: getattr(incident, f) for f in ("kind", "place", "during", "description", "injuries", "first_aid")},
            "occurred_at": "2026-12-07T10:40",
            "students": [world.students[0].pk],
            "ambulance_called_at": "2026-12-07T10:45",
            "administration_informed_at": "2026-12-07T10:50",
            "administration_informed_whom": "Петрова А. А.",
            "parents_informed_at": "2026-12-07T11:05",
            "parents_informed_whom": "мать по телефону",
            "witnesses": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    incident.refresh_from_db()
    assert incident.parents_informed_at == dt.datetime(2026, 12, 7, 11, 5, tzinfo=MSK)
    history = list(ChangeRecord.objects.filter(subject_type="school.incident", subject_id=incident.pk).order_by("pk"))
    assert [row.action for row in history] == ["create", "update"]
    assert history[1].changes["Родители проинформированы"][0] == ""
    # Health texts never reach the history.
    assert not any("Ушиб" in str(row.changes) for row in history)
    page = director.client.get(url("incident_detail", incident.pk)).content.decode()
    assert "История записи" in page and "мать по телефону" in page


@time_machine.travel(NOW, tick=False)
def test_the_act_is_filled_by_the_administration_and_printed_with_the_briefings(
    world, class_teacher, director, monkeypatch
) -> None:
    student = world.students[0]
    life.record_briefing(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"date": dt.date(2026, 9, 2), "kind": "safety", "topic": "Вводный ОТ и ТБ", "present": [student]},
    )
    life.record_briefing(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"date": dt.date(2026, 9, 3), "kind": "fire", "topic": "ППБ", "present": world.students[1:3]},
    )
    report(world, class_teacher)
    incident = Incident.objects.get()
    assert class_teacher.client.get(url("incident_act", incident.pk)).status_code == 404
    act = {"act_number": "1", "act_date": "2026-12-09", "commission": "Председатель: Орлова Н. С., директор",
           "days_off": "5", "causes": "Мокрый пол после уборки", "responsible": "", "measures": "Таблички"}  # fmt: skip
    assert director.client.post(url("incident_act", incident.pk), {**act, "act_date": "2026-12-06"}).status_code == 400
    assert director.client.post(url("incident_act", incident.pk), act).status_code == 302
    incident.refresh_from_db()
    assert (incident.act_number, incident.days_off) == ("1", 5)

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the HTML the PDF is made from
    page = director.client.get(url("incident_act_pdf", incident.pk)).content.decode()
    assert "АКТ № 1" in page and student.last_name in page and "Мокрый пол после уборки" in page
    # The student's own briefing, not the fire briefing he missed.
    assert "Вводный ОТ и ТБ" in page and "ППБ" not in page.split("Сведения о проведении инструктажей")[1].split("7.")[0]
    assert AccessLogEntry.objects.filter(what__startswith="Акт о расследовании несчастного случая").exists()


@time_machine.travel(NOW, tick=False)
def test_the_act_as_docx_is_one_act_per_injured_student_with_the_form_blanks_where_nothing_is_recorded(
    world, class_teacher, director
) -> None:
    first, second = world.students[0], world.students[1]
    life.record_briefing(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"date": dt.date(2026, 9, 2), "kind": "safety", "topic": "Вводный ОТ и ТБ", "present": [first]},
    )
    report(world, class_teacher, students=[first.pk, second.pk])
    incident = Incident.objects.get()
    act = {"act_number": "3", "act_date": "2026-12-09", "commission": "Председатель: Орлова Н. С.\nЧлен: Ким А. В.",
           "days_off": "2", "causes": "Мокрый пол", "responsible": "", "measures": "Таблички"}  # fmt: skip
    assert director.client.post(url("incident_act", incident.pk), act).status_code == 302

    response = director.client.get(url("incident_act_docx", incident.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    lines = [p.text for p in document.paragraphs if p.text.strip()]
    # Two students, two acts; the second begins on a page of its own.
    assert lines.count("АКТ № 3 о расследовании несчастного случая с обучающимся") == 2
    assert sum('w:type="page"' in p._p.xml for p in document.paragraphs) == 1
    assert "1. Дата и время несчастного случая: 10 ч 40 мин, 07.12.2026" in lines
    commission = lines.index("3. Лица, проводившие расследование несчастного случая (председатель и члены комиссии):")
    assert lines[commission + 1 : commission + 3] == ["Председатель: Орлова Н. С.", "Член: Ким А. В."]
    # The first was instructed on 02.09, the second never: the form says so rather than leaving a gap.
    briefings = [lines[i + 1] for i, line in enumerate(lines) if line.startswith("6. Сведения о проведении")]
    assert briefings == [
        "охрана труда и техника безопасности (ОТ и ТБ), 02.09.2026: Вводный ОТ и ТБ",
        "инструктажи в журнале класса не записаны",
    ]
    assert ("9.2. Оказанная первая помощь: Холод, фиксация руки; медсестра Иванова Т. П.; скорая медицинская "
            "помощь вызвана 07.12.2026 10:45") in lines  # fmt: skip
    assert "9.3. Очевидцы несчастного случая: ____________________" in lines
    assert "9.4. Освобождение от занятий по медицинскому заключению: 2 дн." in lines
    assert "Акт составлен 09.12.2026" in lines
    assert AccessLogEntry.objects.filter(
        what="Акт о расследовании несчастного случая 07.12.2026: 2 обучающихся"
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_a_health_complaint_has_no_act(world, class_teacher, director) -> None:
    report(world, class_teacher, kind="health", ambulance_called_at="")
    incident = Incident.objects.get()
    assert director.client.get(url("incident_act_pdf", incident.pk)).status_code == 404
    assert director.client.get(url("incident_act_docx", incident.pk)).status_code == 404
    with pytest.raises(ValidationError):
        services.save_act(actor=director.user, incident=incident, data={"act_number": "2"})


@time_machine.travel(NOW, tick=False)
def test_the_register_is_closed_to_roles_without_prevention_data(world, class_teacher, personas) -> None:
    report(world, class_teacher)
    incident = Incident.objects.get()
    for role in (R.ADMINISTRATOR, R.HR_INSPECTOR, R.TEACHER, R.AUDITOR):
        assert personas[role].client.get(url("incidents")).status_code == 404, role
        assert personas[role].client.get(url("incident_detail", incident.pk)).status_code == 404, role


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@time_machine.travel(NOW, tick=False)
def test_the_register_and_the_home_panel_cost_the_same_for_two_and_eight_incidents(world, class_teacher, director):
    def add(count: int) -> None:
        for i in range(count):
            services.record_incident(
                actor=class_teacher.user,
                school_class=world.seventh,
                data={"kind": "emergency", "occurred_at": AT - dt.timedelta(days=i), "place": f"Место {i}",
                      "description": "Д", "students": world.students[i : i + 2]},
            )  # fmt: skip

    add(2)
    register, home = _queries(director.client, url("incidents")), _queries(director.client, reverse("home"))
    add(6)
    assert _queries(director.client, url("incidents")) == register
    assert _queries(director.client, reverse("home")) == home
    assert register <= 12
