"""The appointment's paperwork: the written consent (§1.7, §11.1) and the additional agreement (§1.6)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.documents.tests.helpers import docx_text
from kadry.lib.dates import long_date
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.school.models import ClassTeacherAssignment
from kadry.school.rules.appointment import consent_refusal
from kadry.testing.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_consent_comes_before_the_leadership_and_the_agreement_after_the_consent() -> None:
    start = D(2026, 9, 1)
    assert consent_refusal(D(2026, 8, 28), start, D(2026, 8, 31)) == {}
    assert consent_refusal(start, start, start) == {}  # the same day is in time
    assert set(consent_refusal(D(2026, 9, 2), start, None)) == {"consent_on"}
    assert set(consent_refusal(D(2026, 8, 28), start, D(2026, 8, 27))) == {"agreement_on"}


def test_the_director_records_the_consent_and_prints_the_agreement(world, director, class_teacher, monkeypatch) -> None:
    leadership = ClassTeacherAssignment.objects.get(school_class=world.seventh)
    page = reverse("school:appointment", args=[leadership.pk])
    assert class_teacher.client.get(page).status_code == 404
    late = director.client.post(page, {"consent_on": "2026-09-02", "agreement": "12", "agreement_on": "2026-09-02"})
    assert late.status_code == 400 and "до начала классного руководства (01.09.2026)" in late.content.decode()
    ok = director.client.post(page, {"consent_on": "2026-08-28", "agreement": "12", "agreement_on": "2026-08-31"})
    assert ok.status_code == 302
    leadership.refresh_from_db()
    assert (leadership.consent_on, leadership.agreement, leadership.agreement_on) == (
        D(2026, 8, 28),
        "12",
        D(2026, 8, 31),
    )
    assert ChangeRecord.objects.filter(section="Классное руководство", object_id=leadership.pk).exists()

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    text = director.client.get(reverse("school:appointment_agreement", args=[leadership.pk])).content.decode()
    # The fixture's allowance is 5000.00 a month (kadry/testing/school.py appoint), printed «5000,00».
    assert "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 12" in text and "5000,00 руб." in text
    assert "письменного согласия от 28 августа 2026" in text and "Соколова" in text
    assert (
        AccessLogEntry.objects.filter(
            actor=director.user, what="Дополнительное соглашение о классном руководстве"
        ).count()
        == 2
    )


def test_the_agreement_as_docx_amends_the_teachers_labour_contract(world, director, hr_inspector) -> None:
    leadership = ClassTeacherAssignment.objects.get(school_class=world.seventh)
    page = reverse("school:appointment_agreement_docx", args=[leadership.pk])
    # No contract on record yet (an employee taken over without orders): the form keeps its blanks.
    blank = docx_text(director.client.get(page).content).splitlines()
    assert "к трудовому договору от «___» ____________ 20___ г. № ______" in blank
    assert "«___» ____________ 20___ г." in blank  # the agreement's own date, not recorded yet

    hire = orders.create_draft(
        actor=hr_inspector.user, organisation_id=leadership.organisation_id, kind=Order.Kind.HIRE, date=D(2019, 8, 30)
    )
    item = OrderItem.objects.create(organisation_id=leadership.organisation_id, order=hire, employee=leadership.teacher,
                                    date=D(2019, 9, 1), contract_number="7/2019", contract_date=D(2019, 8, 30))  # fmt: skip
    AssignmentFactory(employee=leadership.teacher, order_item=item, start=D(2019, 9, 1))
    leadership.consent_on, leadership.agreement, leadership.agreement_on = D(2026, 8, 28), "12", D(2026, 8, 31)
    leadership.save()
    lines = docx_text(director.client.get(page).content).splitlines()
    assert lines[:3] == [
        "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 12",
        "к трудовому договору от 30.08.2019 № 7/2019",
        "31 августа 2026 г.",
    ]
    teacher = leadership.teacher
    assert (f"1. Работник с его письменного согласия от 28 августа 2026 г. выполняет с {long_date(leadership.start)} "
            "наряду с работой, определённой трудовым договором, дополнительную работу по классному руководству в 7Б "
            "классе в соответствии с положением о классном руководстве (п. 1.6, 1.7, 11.1).") in lines  # fmt: skip
    assert (
        "2. За классное руководство Работнику устанавливается ежемесячное вознаграждение в размере 5000,00 руб."
        in lines
    )
    assert f"Работник ______________________ / {teacher.short_name} /" in lines
    assert AccessLogEntry.objects.filter(actor=director.user, what="Дополнительное соглашение о классном руководстве",
                                         subject_id=teacher.pk).count() == 2  # fmt: skip
