"""Characteristics: a draft filled in from the data, the register of requests, copies issued, DOCX."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.models import AccessLogEntry, Membership
from kadry.school.models import Activity, AttendanceMark, Characteristic, DutyRoster
from kadry.testing.school import GuardianFactory

Role = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def student(class_7b, class_teacher):
    student = class_7b.students[0]
    school_class = class_7b.school_class
    user = class_teacher.user
    org = school_class.organisation
    for day, reason in ((dt.date(2026, 10, 5), "illness"), (dt.date(2026, 10, 6), "illness")):
        AttendanceMark.objects.create(
            organisation=org,
            student=student,
            school_class=school_class,
            date=day,
            kind="absent",
            reason=reason,
            author=user,
        )
    AttendanceMark.objects.create(
        organisation=org, student=student, school_class=school_class, date=dt.date(2026, 10, 7), kind="absent",
        whole_day=False, lessons=2, reason="unexcused", author=user,
    )  # fmt: skip
    AttendanceMark.objects.create(
        organisation=org, student=student, school_class=school_class, date=dt.date(2026, 10, 8), kind="late",
        minutes_late=10, reason="unexcused", author=user,
    )  # fmt: skip
    duty = DutyRoster.objects.create(organisation=org, school_class=school_class, date=dt.date(2026, 10, 9))
    duty.students.add(student)
    Activity.objects.create(organisation=org, student=student, kind="club", name="Шахматы", start=dt.date(2026, 9, 10))
    Activity.objects.create(
        organisation=org, student=student, kind="self_government", name="староста класса", start=dt.date(2026, 9, 5)
    )
    GuardianFactory(student=student, full_name="Ученикова Ольга Викторовна")
    return student


def test_new_characteristic_is_prefilled_from_the_data(student, class_teacher) -> None:
    response = class_teacher.client.get(f"/school/students/{student.pk}/characteristics/new/")
    assert response.status_code == 200
    text = response.context["form"].initial["text"]
    assert "7Б" in text and "01.09.2026" in text
    # 2 whole days × 6 lessons + 2 lessons = 14 lessons; 12 by illness, 2 unexcused; one lateness.
    assert "пропущено дней: 2, уроков: 14" in text
    assert "болезнь — 12" in text and "неуважительная — 2" in text and "опозданий: 1" in text
    assert "Дежурила по классу 1 раз." in text
    assert "Шахматы" in text and "староста класса" in text
    assert "Ученикова Ольга Викторовна" in text  # the class teacher sees the family
    assert AccessLogEntry.objects.filter(what="Характеристика обучающегося").count() == 1


def test_register_edit_issue_and_docx(student, class_teacher) -> None:
    client = class_teacher.client
    base = f"/school/students/{student.pk}/characteristics/"
    response = client.post(
        base + "new/",
        {"requested_by": "ПДН ОМВД", "requested_on": "2026-11-18", "purpose": "по запросу ПДН", "text": "Текст."},
    )
    assert response.status_code == 302
    characteristic = Characteristic.objects.get(student=student)
    assert characteristic.author == class_teacher.user

    response = client.post(
        base + f"{characteristic.pk}/",
        {"requested_by": "ПДН ОМВД", "requested_on": "2026-11-18", "purpose": "по запросу ПДН", "text": "Новый текст."},
    )
    assert response.status_code == 302
    response = client.post(
        base + f"{characteristic.pk}/issue/", {"issued_on": "2026-11-20", "issued_to": "Иванову И. И."}
    )
    assert response.status_code == 302
    characteristic.refresh_from_db()
    assert characteristic.text == "Новый текст."
    assert (characteristic.issued_on, characteristic.issued_to) == (dt.date(2026, 11, 20), "Иванову И. И.")

    register = client.get(base)
    assert "Иванову И. И." in register.content.decode()
    download = client.get(base + f"{characteristic.pk}/docx/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_administration_reads_the_register_but_does_not_write(student, personas) -> None:
    director = personas[Role.DIRECTOR].client
    assert director.get(f"/school/students/{student.pk}/characteristics/").status_code == 200
    assert director.get(f"/school/students/{student.pk}/characteristics/new/").status_code == 404
    assert personas[Role.TEACHER].client.get(f"/school/students/{student.pk}/characteristics/").status_code == 404
