"""API of grades: the journal's period grades of a class, put all or nothing (422 by item and field)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema

from kadry.api.errors import InvalidInput
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.grades import services_import
from kadry.grades.rules_import import DATE, FIELDS, FILE_NUMBER, MARK, PERIOD, STUDENT, SUBJECT
from kadry.school.access import get_class_for
from kadry.school.models import Enrollment

router = Router()


class GradesItemIn(Schema):
    student: int = Field(description="id обучающегося класса")
    subject: str = Field(description="учебный предмет, как в электронном журнале")
    period: str = Field(description="«1 четверть» … «4 четверть», «1 полугодие», «год» или q1…q4, h1, h2, t1…t3, year")
    grade: str = Field(description="5, 4, 3, 2, зачёт, незачёт, н/а, осв.")
    date: dt.date | None = Field(None, description="для текущей отметки (тогда период не учитывается)")


class GradesPutOut(Schema):
    period_grades: int
    current_grades: int
    students: int
    new_subjects: int


@router.put("/classes/{class_id}/grades", response=GradesPutOut, summary="Загрузить отметки класса за период")
def put_grades(request: MemberRequest, class_id: int, payload: list[GradesItemIn]) -> dict[str, int]:
    """Write a class's grades (replacing the same student, subject and period): all of them, or none with 422."""
    membership = request.membership
    school_class = get_class_for(membership, class_id)
    if not (role_can(membership.role, Capability.CLASS_WORK) or role_can(membership.role, Capability.MANAGE_SCHOOL)):
        raise Http404
    numbers = dict(
        Enrollment.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class).values_list(
            "student_id", "student__file_number"
        )
    )
    errors: dict[str, list[str]] = {}
    rows = []
    for index, item in enumerate(payload):
        if item.student not in numbers:
            errors[f"{index}.student"] = ["Обучающийся не найден в классе."]
        rows.append([numbers.get(item.student, ""), "" if item.student in numbers else "?", item.subject,
                     "" if item.date else item.period, item.grade, item.date or None])  # fmt: skip
    plan = services_import.plan_for(
        school_class, [FILE_NUMBER, STUDENT, SUBJECT, PERIOD, MARK, DATE], rows, first_row=0
    )
    for error in plan.errors:
        name = "student" if error.column in (FILE_NUMBER, STUDENT) else FIELDS.get(error.column, "__all__")
        key = f"{error.row}.{name}"
        if key not in errors:
            errors.setdefault(key, []).append(error.message)
    if errors:
        raise InvalidInput(errors)
    services_import.commit_grades(actor=request.user, school_class=school_class, plan=plan)
    return services_import.result_of(plan)
