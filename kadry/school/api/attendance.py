"""API of attendance: a class's day read and written whole, through the same service as the grid.

PUT replaces the day: students not listed are present. A refused day answers 422 with ``__all__``
for the day and ``students.<id>.<field>`` for the rows; a class the token's membership does not
reach answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kadry.api.enums import field_enum
from kadry.api.errors import InvalidInput
from kadry.core.http import MemberRequest
from kadry.school import access_log
from kadry.school.access import get_class_for
from kadry.school.models import AttendanceMark, SchoolClass
from kadry.school.queries import attendance as queries
from kadry.school.services import attendance as services

router = Router()
AttendanceKind = field_enum(AttendanceMark, "kind")
AttendanceReason = field_enum(AttendanceMark, "reason")


class DayQuery(Schema):
    date: dt.date | None = Field(None, description="день; по умолчанию сегодня")


class MarkIn(Schema):
    student: int = Field(description="id обучающегося")
    kind: AttendanceKind = Field(description="absent — пропуск, late — опоздание")  # type: ignore[valid-type]
    whole_day: bool = Field(True, description="пропущен весь день")
    lessons: int | None = Field(None, description="пропущено уроков, если не весь день")
    minutes_late: int | None = Field(None, description="опоздание, мин. (1–240)")
    reason: AttendanceReason = Field(AttendanceMark.Reason.UNKNOWN.value, description="причина")  # type: ignore[valid-type]
    note: str = ""


class DayIn(Schema):
    marks: list[MarkIn] = Field(description="пропуски и опоздания; остальные обучающиеся присутствуют")


class StudentDayOut(Schema):
    id: int
    name: str
    kind: AttendanceKind | None  # type: ignore[valid-type]
    whole_day: bool | None
    lessons: int | None
    minutes_late: int | None
    reason: AttendanceReason | None  # type: ignore[valid-type]
    note: str


class DayOut(Schema):
    school_class: int
    name: str
    date: dt.date
    marked: bool
    students: list[StudentDayOut]


def _day(request: MemberRequest, school_class: SchoolClass, day: dt.date) -> DayOut:
    """Return the class's day; the answer names the students, so it is logged (also after a PUT)."""
    students = queries.enrolled_students(school_class, day)
    what = f"{access_log.ATTENDANCE_DAY} {day:%d.%m.%Y}"
    access_log.record_list_access(request, school_class, what, len(students), channel="api")
    marks = queries.day_marks(school_class, day, [student.pk for student in students])
    rows = []
    for student in students:
        mark = marks.get(student.pk)
        rows.append(
            StudentDayOut(
                id=student.pk,
                name=str(student),
                kind=mark.kind if mark else None,
                whole_day=mark.whole_day if mark else None,
                lessons=mark.lessons if mark else None,
                minutes_late=mark.minutes_late if mark else None,
                reason=mark.reason if mark else None,
                note=mark.note if mark else "",
            )
        )
    return DayOut(
        school_class=school_class.pk,
        name=str(school_class),
        date=day,
        marked=school_class.attendance_days.filter(date=day).exists(),
        students=rows,
    )


@router.get("/classes/{class_id}/attendance", response=DayOut, summary="Посещаемость класса за день")
def get_day(request: MemberRequest, class_id: int, query: Query[DayQuery]) -> DayOut:
    day = query.date or timezone.localdate()
    return _day(request, get_class_for(request.membership, class_id, on=day), day)


@router.put("/classes/{class_id}/attendance", response=DayOut, summary="Отметить посещаемость класса за день")
def put_day(request: MemberRequest, class_id: int, query: Query[DayQuery], payload: DayIn) -> DayOut:
    day = query.date or timezone.localdate()
    school_class = get_class_for(request.membership, class_id, on=day)
    marks = [
        services.MarkInput(
            student_id=row.student,
            kind=row.kind,
            whole_day=row.whole_day,
            lessons=row.lessons,
            minutes_late=row.minutes_late,
            reason=row.reason,
            note=row.note,
        )
        for row in payload.marks
    ]
    if len({row.student_id for row in marks}) != len(marks):
        raise InvalidInput({"marks": ["Обучающийся указан дважды."]})
    if any(not row.kind for row in marks):
        raise InvalidInput({"marks": ["Укажите отметку: absent или late (присутствующих не перечисляют)."]})
    try:
        services.save_day(actor=request.user, school_class=school_class, date=day, marks=marks)
    except services.AttendanceErrors as refused:
        raise InvalidInput(refused.as_dict()) from refused
    return _day(request, school_class, day)
