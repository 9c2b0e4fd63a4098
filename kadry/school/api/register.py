"""API of the school's register, for a regional e-journal to keep it: school years, classes, students, enrolments.

The rights and the rules of the pages that do the same (``school:year_create``, ``class_edit``,
``student_create``, ``student_transfer``; a class is created beside the list of classes, in
``classes.py``): the school's management only (404 for other roles), the
token's organisation only (an id of another organisation's year or class answers 422 on its field,
as an unknown one does), the page's form → the service. Creations answer what was sent, with ids.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from kadry.api.enums import choices_enum, model_schema
from kadry.api.errors import InvalidInput, validated
from kadry.core.access import denied_as
from kadry.core.http import MemberRequest
from kadry.school.access import require_school_management
from kadry.school.api.classes import refusal
from kadry.school.forms_classes import (
    BANDS,
    STUDENT_FIELDS,
    EnrolForm,
    StudentForm,
    TransferForm,
    YearForm,
)
from kadry.school.models import AcademicYear, Enrollment, Period, Student
from kadry.school.services import classes as services

router = Router()
PeriodKind = choices_enum(Period, Period.Kind)


if TYPE_CHECKING:
    YearIn = Schema
else:
    YearIn = model_schema(
        AcademicYear,
        name="YearIn",
        fields=["name", "start", "end"],
        custom_fields=[
            (
                f"kind_{low}_{high}",
                PeriodKind,
                Field(PeriodKind("quarter"), description=f"периоды {low}–{high} классов"),
            )
            for low, high in BANDS
        ],
    )


class YearOut(Schema):
    id: int
    name: str
    start: dt.date
    end: dt.date


if TYPE_CHECKING:
    StudentIn = Schema
else:
    StudentIn = model_schema(
        Student,
        name="StudentIn",
        fields=list(STUDENT_FIELDS),
        custom_fields=[
            ("school_class", int, Field(description="id класса организации, в который зачислен(а)")),
            ("enrolled_on", dt.date, Field(description="дата зачисления")),
        ],
    )


class StudentCreatedOut(Schema):
    id: int
    file_number: str
    full_name: str
    birth_date: dt.date
    class_id: int


class EnrolmentIn(Schema):
    to_class: int = Field(description="id класса, в который переводится обучающийся")
    on: dt.date = Field(description="с какой даты; прежнее зачисление заканчивается днём раньше")
    basis: str = Field("", max_length=300, description="основание (приказ)")


class EnrolmentOut(Schema):
    id: int
    student: int = Field(validation_alias="student_id")
    school_class: int = Field(validation_alias="school_class_id")
    start: dt.date
    basis: str


@router.post("/years", response={201: YearOut}, summary="Создать учебный год")
def create_year(request: MemberRequest, payload: YearIn) -> Status:
    """Create a school year with the usual periods of each band of grades and the holidays, to be checked after."""
    membership = require_school_management(request.membership)
    organisation_id = membership.organisation_id
    form = YearForm(payload.model_dump(), organisation_id=organisation_id)
    data = validated(form)
    year = services.create_year(
        actor=request.user,
        organisation_id=organisation_id,
        name=data["name"],
        start=data["start"],
        end=data["end"],
        kinds=form.kinds(),
    )
    return Status(201, year)


@router.post("/students", response={201: StudentCreatedOut}, summary="Создать личное дело и зачислить в класс")
def create_student(request: MemberRequest, payload: StudentIn) -> Status:
    """Create a student's file and enrol them in a class of the organisation from ``enrolled_on``."""
    membership = require_school_management(request.membership)
    organisation_id = membership.organisation_id
    data = payload.model_dump()
    form = StudentForm(data, organisation_id=organisation_id)
    enrol = EnrolForm(data, organisation_id=organisation_id)
    # Both forms' messages at once, as the page shows them.
    problems = {**({} if form.is_valid() else form.errors), **({} if enrol.is_valid() else enrol.errors)}
    if problems:
        raise InvalidInput({name: [str(message) for message in messages] for name, messages in problems.items()})
    student = services.create_student(
        actor=request.user,
        student=form.save(commit=False),
        school_class=enrol.cleaned_data["school_class"],
        enrolled_on=enrol.cleaned_data["enrolled_on"],
        guardians=(),
    )
    body = {"id": student.pk, "file_number": student.file_number, "full_name": str(student)}
    return Status(201, {**body, "birth_date": student.birth_date, "class_id": enrol.cleaned_data["school_class"].pk})


@router.post("/students/{student_id}/enrolments", response={201: EnrolmentOut}, summary="Перевести в другой класс")
def create_enrolment(request: MemberRequest, student_id: int, payload: EnrolmentIn) -> Status:
    """Enrol a student in another class from ``on``: the current enrolment ends the day before (a transfer)."""
    membership = require_school_management(request.membership)
    organisation_id = membership.organisation_id
    student = _managed_student(organisation_id, student_id)
    data = validated(TransferForm(payload.model_dump(), organisation_id=organisation_id))
    try:
        enrolment: Enrollment = services.transfer_student(
            actor=request.user, student=student, to_class=data["to_class"], on=data["on"], basis=data["basis"]
        )
    except ValidationError as error:
        raise refusal(error) from error
    return Status(201, enrolment)


def _managed_student(organisation_id: int, student_id: int) -> Student:
    """Return the organisation's student (the management reaches every file, also of those who left), else 404."""
    with denied_as(Student, student_id):
        return get_object_or_404(Student, organisation_id=organisation_id, pk=student_id)
