"""State changes of the school side. Appointments of class teachers come from signed orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from kadry.school.models import ClassTeacherAssignment, SchoolClass
from kadry.staff.models import Employee


def appoint_class_teacher(
    *,
    teacher: Employee,
    school_class: SchoolClass,
    start: dt.date,
    monthly_allowance: Decimal,
    agreement: str,
    order_item: Any,
) -> ClassTeacherAssignment:
    """Appoint ``teacher`` class teacher of ``school_class`` from ``start``."""
    current = ClassTeacherAssignment.objects.active(on=start)
    if current.filter(school_class=school_class).exists():
        raise ValidationError({"school_class": f"У класса {school_class} уже есть классный руководитель."})
    return ClassTeacherAssignment.objects.create(
        organisation_id=teacher.organisation_id,
        teacher=teacher,
        school_class=school_class,
        start=start,
        monthly_allowance=monthly_allowance,
        agreement=agreement,
        order_item=order_item,
    )


def classes_led(teacher: Employee, on: dt.date) -> int:
    """Return how many classes ``teacher`` leads on ``on``."""
    return ClassTeacherAssignment.objects.active(on=on).filter(teacher=teacher).count()


def release_class_teacher(
    *, teacher: Employee, school_class: SchoolClass, last_day: dt.date, order_item: Any
) -> ClassTeacherAssignment:
    """End the teacher's class leadership on ``last_day``."""
    assignment = (
        ClassTeacherAssignment.objects.active(on=last_day).filter(teacher=teacher, school_class=school_class).first()
    )
    if assignment is None:
        raise ValidationError(
            {"school_class": f"{teacher.short_name} не является классным руководителем {school_class}."}
        )
    assignment.end = last_day
    assignment.release_item = order_item
    assignment.save(update_fields=["end", "release_item"])
    return assignment


def undo_class_teacher_item(order_item: Any) -> None:
    """Reverse an appointment (remove it) or a release (reopen it) made by ``order_item``."""
    ClassTeacherAssignment.objects.filter(order_item=order_item).delete()
    ClassTeacherAssignment.objects.filter(release_item=order_item).update(end=None, release_item=None)
