"""Transfer between classes and withdrawal: one transaction, the reason and where to kept, history written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kadry.core.models import ChangeRecord
from kadry.school.models import Enrollment
from kadry.school.services.classes import transfer_student, withdraw_student
from kadry.testing.school import SchoolClassFactory, enrol

D = dt.date


@pytest.fixture
def classes(school):
    seventh_b = SchoolClassFactory(organisation=school, grade=7, letter="Б")
    seventh_a = SchoolClassFactory(organisation=school, grade=7, letter="А", academic_year=seventh_b.academic_year)
    return seventh_b, seventh_a


@pytest.mark.django_db
def test_transfer_ends_one_enrolment_the_day_before_and_starts_another(hr_inspector, classes) -> None:
    seventh_b, seventh_a = classes
    (student,) = enrol(seventh_b, 1)

    transfer_student(
        actor=hr_inspector.user, student=student, to_class=seventh_a, on=D(2026, 11, 16), basis="приказ № 5-у"
    )

    enrolments = list(
        Enrollment.objects.filter(student=student)
        .order_by("start")
        .values_list("school_class", "start", "end", "end_reason")
    )
    assert enrolments == [
        (seventh_b.pk, D(2026, 9, 1), D(2026, 11, 15), "class_transfer"),
        (seventh_a.pk, D(2026, 11, 16), None, ""),
    ]
    assert ChangeRecord.objects.filter(subject_type="school.student", subject_id=student.pk).count() == 2


@pytest.mark.django_db
def test_transfer_into_the_same_class_or_before_enrolment_is_refused(hr_inspector, classes) -> None:
    seventh_b, seventh_a = classes
    (student,) = enrol(seventh_b, 1, start=D(2026, 11, 1))

    with pytest.raises(ValidationError, match="уже в"):
        transfer_student(actor=hr_inspector.user, student=student, to_class=seventh_b, on=D(2026, 11, 16))
    with pytest.raises(ValidationError, match="не зачислен"):
        transfer_student(actor=hr_inspector.user, student=student, to_class=seventh_a, on=D(2026, 10, 1))
    assert Enrollment.objects.filter(student=student).count() == 1


@pytest.mark.django_db
def test_withdrawal_keeps_the_reason_and_destination(hr_inspector, classes) -> None:
    seventh_b, _ = classes
    (student,) = enrol(seventh_b, 1)

    withdraw_student(
        actor=hr_inspector.user,
        student=student,
        last_day=D(2026, 11, 20),
        reason=Enrollment.EndReason.OTHER_SCHOOL,
        destination="МБОУ СОШ № 12 г. Калуги",
        basis="приказ № 7-у",
    )

    enrolment = Enrollment.objects.get(student=student)
    assert (enrolment.end, enrolment.end_reason, enrolment.destination) == (
        D(2026, 11, 20),
        "other_school",
        "МБОУ СОШ № 12 г. Калуги",
    )
    with pytest.raises(ValidationError, match="оформляется переводом"):
        withdraw_student(
            actor=hr_inspector.user,
            student=student,
            last_day=D(2026, 11, 20),
            reason=Enrollment.EndReason.CLASS_TRANSFER,
            destination="",
        )
