"""Messages to parents (§4.8): whom they go to, the record of sending, the print and the messenger's list."""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.school.models import ParentMessage
from kadry.school.rules.messages import recipients, students_without_guardian
from kadry.school.services import messages as services
from kadry.testing.school import GuardianFactory

pytestmark = pytest.mark.django_db
MSK = ZoneInfo("Europe/Moscow")
NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=MSK)


def url(name: str, *args: object) -> str:
    return reverse(f"school:{name}", args=args)


@dataclass
class G:
    name: str
    student_id: int
    receives_notices: bool


def test_marked_guardians_receive_and_a_family_with_none_marked_is_not_left_out() -> None:
    guardians = [
        G("мать 1", 1, True),
        G("отец 1", 1, False),  # student 1 has a marked guardian: the father is not written to
        G("мать 2", 2, False),
        G("отец 2", 2, False),  # nobody of student 2 marked: both are
        G("опекун 3", 3, True),
    ]
    assert [g.name for g in recipients(guardians)] == ["мать 1", "мать 2", "отец 2", "опекун 3"]
    assert students_without_guardian([1, 2, 3, 4], guardians) == [4]


@time_machine.travel(NOW, tick=False)
def test_a_message_to_the_class_goes_to_every_family_and_is_recorded(world, class_teacher, director) -> None:
    # 25 students with one marked mother each; the first also has an unmarked father: 25 recipients.
    GuardianFactory(student=world.students[0], full_name="Отцов Пётр", receives_notices=False)
    response = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": "", "topic": "meeting", "title": "Родительское собрание 17 декабря",
         "text": "Собрание в 18:00, каб. 21.", "channel": "messenger"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    message = ParentMessage.objects.get()
    assert (message.recipients.count(), message.sent_at, message.author) == (25, NOW, class_teacher.user)
    assert not message.recipients.filter(full_name="Отцов Пётр").exists()
    change = ChangeRecord.objects.get(section="Сообщения родителям")
    assert change.changes["Получателей"] == ["", "25"]

    detail = director.client.get(url("parent_message", world.seventh.pk, message.pk))
    assert detail.status_code == 200 and "Получатели (25)" in detail.content.decode()
    assert AccessLogEntry.objects.filter(
        actor=director.user, what="Сообщение родителям 07.12.2026: 25 родителей"
    ).exists()

    xlsx = director.client.get(url("parent_message_xlsx", world.seventh.pk, message.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == services.LIST_HEADERS
    assert len(rows) == 1 + 25 and rows[1][4] == "Собрание в 18:00, каб. 21."
    # The phone a guardian has now is not the one the message went to: the list shows what was sent.
    guardian = world.students[0].guardians.get(receives_notices=True)
    guardian.phone = "+7 999 111-11-11"
    guardian.save(update_fields=["phone"])
    again = openpyxl.load_workbook(io.BytesIO(director.client.get(xlsx.wsgi_request.path).content)).active
    assert "+7 999 111-11-11" not in [row[2] for row in again.iter_rows(values_only=True)]


@time_machine.travel(NOW, tick=False)
def test_a_message_about_one_student_reaches_only_their_guardians_and_prints(world, class_teacher, monkeypatch) -> None:
    student = world.students[3]
    message = services.send_message(
        actor=class_teacher.user,
        school_class=world.seventh,
        data={"student": student, "topic": "grades", "title": "Итоги 2-й четверти", "text": "Две «3».",
              "channel": "print"},
    )  # fmt: skip
    assert [r.student_id for r in message.recipients.all()] == [student.pk]
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    page = class_teacher.client.get(url("parent_message_print", world.seventh.pk, message.pk)).content.decode()
    assert "Итоги 2-й четверти" in page and str(student) in page


@time_machine.travel(NOW, tick=False)
def test_a_student_of_another_class_is_refused(world, class_teacher) -> None:
    response = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": world.others[0].pk, "topic": "other", "title": "Т", "text": "Т", "channel": "print"},
    )
    assert response.status_code == 400
    assert not ParentMessage.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_message_nobody_can_receive_is_refused(world, class_teacher) -> None:
    world.students[5].guardians.all().delete()
    response = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": world.students[5].pk, "topic": "other", "title": "Т", "text": "Т", "channel": "print"},
    )
    assert response.status_code == 400
    assert "Сообщение некому передать" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_list_and_a_message_cost_the_same_for_two_and_six_messages(world, class_teacher, director) -> None:
    def add(count: int) -> ParentMessage:
        for i in range(count):
            message = services.send_message(
                actor=class_teacher.user,
                school_class=world.seventh,
                data={"student": None, "topic": "event", "title": f"Т{i}", "text": "Т", "channel": "print"},
            )
        return message

    def queries(address: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert director.client.get(address).status_code == 200
        return len(captured)

    first = add(2)
    listing, detail = (
        queries(url("parent_messages", world.seventh.pk)),
        queries(url("parent_message", world.seventh.pk, first.pk)),
    )
    add(4)
    assert queries(url("parent_messages", world.seventh.pk)) == listing
    assert queries(url("parent_message", world.seventh.pk, first.pk)) == detail


def _grade(world, student, marks: dict[str, str], term: str = "q2") -> None:
    from kadry.grades.models import PeriodGrade, Subject

    for name, mark in marks.items():
        subject, _created = Subject.objects.get_or_create(organisation=world.seventh.organisation, name=name)
        PeriodGrade.objects.create(
            organisation=world.seventh.organisation, academic_year=world.seventh.academic_year,
            school_class=world.seventh, student=student, subject=subject, term=term, mark=mark, updated_at=NOW,
        )  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_a_message_of_the_periods_grades_gives_each_family_their_childs_grades(
    world, class_teacher, monkeypatch
) -> None:
    first, second = world.students[0], world.students[1]
    _grade(world, first, {"Алгебра": "5", "История": "4", "Физкультура": "exempt"})
    _grade(world, second, {"Алгебра": "2", "История": "3"})
    _grade(world, second, {"Алгебра": "5"}, term="q1")  # another period: not in the message
    refused = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": "", "topic": "grades", "term": "", "title": "Итоги", "text": "Т", "channel": "print"},
    )
    assert refused.status_code == 400 and "Выберите период" in refused.content.decode()
    response = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": "", "topic": "grades", "term": "q2", "title": "Итоги 2-й четверти",
         "text": "Итоги четверти вашего ребёнка.", "channel": "print"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()
    message = ParentMessage.objects.get()
    grades = {r.student_id: r.grades for r in message.recipients.all()}
    assert grades[first.pk] == (
        "Алгебра — 5, История — 4, Физкультура — осв. По итогам периода «2 четверть» успевает на «хорошо» и «отлично»."
    )
    assert grades[second.pk] == (
        "Алгебра — 2, История — 3. По итогам периода «2 четверть» имеет академическую задолженность: алгебра (2)."
    )
    assert grades[world.students[2].pk] == "", "no grades loaded for this student"

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    page = class_teacher.client.get(url("parent_message_print", world.seventh.pk, message.pk)).content.decode()
    assert page.count("Оценки за период «2 четверть»") == 25
    assert grades[first.pk] in page and "оценки за период не выставлены" in page
    xlsx = class_teacher.client.get(url("parent_message_xlsx", world.seventh.pk, message.pk))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert (rows[1][3], rows[1][5]) == (str(first), grades[first.pk])


@time_machine.travel(NOW, tick=False)
def test_another_topic_carries_no_period(world, class_teacher) -> None:
    response = class_teacher.client.post(
        url("parent_message_new", world.seventh.pk),
        {"student": "", "topic": "meeting", "term": "q2", "title": "Собрание", "text": "Т", "channel": "print"},
    )
    assert response.status_code == 302
    message = ParentMessage.objects.get()
    assert message.term == "" and not message.recipients.exclude(grades="").exists()
