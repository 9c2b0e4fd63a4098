"""API of classes and students: the same access helpers as the UI (404 outside the scope), reads access-logged."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kadry.api.enums import field_enum, model_schema
from kadry.api.errors import InvalidInput, validated
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.school.access import classes_for, get_class_for, get_student_for, require_school_management
from kadry.school.access_log import CLASS_LIST, record_list_access
from kadry.school.forms_classes import SchoolClassForm
from kadry.school.models import Enrollment, Guardian, SchoolClass, Student
from kadry.school.services import classes as services

router = Router()
STUDENT_FILE = "Личное дело обучающегося"
StudentSex = field_enum(Student, "sex")
StudentHealthGroup = field_enum(Student, "health_group")
GuardianRelation = field_enum(Guardian, "relation")


class ClassOut(Schema):
    id: int
    name: str
    grade: int
    letter: str
    academic_year: str


class StudentBrief(Schema):
    id: int
    file_number: str
    full_name: str
    birth_date: dt.date


class ClassDetail(ClassOut):
    students: list[StudentBrief]


class GuardianOut(Schema):
    relation: GuardianRelation  # type: ignore[valid-type]
    full_name: str
    phone: str
    email: str
    receives_notices: bool


class StudentOut(StudentBrief):
    last_name: str
    first_name: str
    middle_name: str
    sex: StudentSex  # type: ignore[valid-type]
    address: str
    health_group: StudentHealthGroup  # type: ignore[valid-type]
    class_id: int | None
    guardians: list[GuardianOut]


def _class(c: object, **extra: object) -> dict:
    return {
        "id": c.pk,  # type: ignore[attr-defined]
        "name": str(c),
        "grade": c.grade,  # type: ignore[attr-defined]
        "letter": c.letter,  # type: ignore[attr-defined]
        "academic_year": str(c.academic_year),  # type: ignore[attr-defined]
        **extra,
    }


def _brief(s: Student) -> dict:
    return {"id": s.pk, "file_number": s.file_number, "full_name": str(s), "birth_date": s.birth_date}


@router.get("/classes", response=list[ClassOut], summary="Классы, доступные пользователю")
def list_classes(request: MemberRequest) -> list[dict]:
    return [_class(c) for c in classes_for(request.membership).select_related("academic_year")]


@router.get("/classes/{class_id}", response=ClassDetail, summary="Класс с обучающимися на сегодня")
def get_class(request: MemberRequest, class_id: int) -> dict:
    today = timezone.localdate()
    school_class = get_class_for(request.membership, class_id, on=today)
    students = Student.objects.filter(
        pk__in=Enrollment.objects.active(on=today).filter(school_class=school_class).values("student_id")
    )
    briefs = [_brief(s) for s in students]
    record_list_access(request, school_class, CLASS_LIST, len(briefs), channel="api")
    return _class(school_class, students=briefs)


@router.get("/students/{student_id}", response=StudentOut, summary="Личное дело обучающегося")
def get_student(request: MemberRequest, student_id: int) -> dict:
    today = timezone.localdate()
    student = get_student_for(request.membership, student_id)
    student = Student.objects.prefetch_related(
        "guardians", Prefetch("enrollments", queryset=Enrollment.objects.active(on=today), to_attr="current")
    ).get(pk=student.pk)
    record_access(membership=request.membership, subject=student, what=STUDENT_FILE, request=request, channel="api")
    return {
        **_brief(student),
        "last_name": student.last_name,
        "first_name": student.first_name,
        "middle_name": student.middle_name,
        "sex": student.sex,
        "address": student.address,
        "health_group": student.health_group,
        "class_id": student.current[0].school_class_id if student.current else None,
        "guardians": [
            {
                "relation": g.relation,
                "full_name": g.full_name,
                "phone": g.phone,
                "email": g.email,
                "receives_notices": g.receives_notices,
            }
            for g in student.guardians.all()
        ],
    }


if TYPE_CHECKING:
    ClassIn = Schema
else:
    ClassIn = model_schema(
        SchoolClass,
        name="ClassIn",
        fields=["grade", "letter", "lessons_per_day"],
        custom_fields=[("academic_year", int, Field(description="id учебного года организации"))],
    )


def refusal(error: ValidationError) -> InvalidInput:
    """Return a service's refusal as a 422: keyed by field when it names one, else about the whole record."""
    if hasattr(error, "error_dict"):
        return InvalidInput({key: list(messages) for key, messages in error.message_dict.items()})
    return InvalidInput({"__all__": list(error.messages)})


@router.post("/classes", response={201: ClassOut}, summary="Создать класс")
def create_class(request: MemberRequest, payload: ClassIn) -> Status:
    """Create a class of a school year of the organisation; the same grade and letter twice in a year answer 422."""
    membership = require_school_management(request.membership)
    form = SchoolClassForm(payload.model_dump(), organisation_id=membership.organisation_id)
    validated(form)
    try:
        school_class = services.save_class(actor=request.user, school_class=form.save(commit=False))
    except ValidationError as error:
        raise refusal(error) from error
    school_class = SchoolClass.objects.select_related("academic_year").get(pk=school_class.pk)
    return Status(201, _class(school_class))
