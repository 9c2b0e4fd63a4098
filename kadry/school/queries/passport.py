"""Rows for the social passport of a class: the students enrolled on a date and their categories (two queries)."""

from __future__ import annotations

import datetime as dt

from kadry.school.models import Enrollment, SchoolClass, Student, StudentCategory
from kadry.school.rules.passport import CategoryRow, Passport, StudentRow, social_passport


def enrolled_students(school_class: SchoolClass, *, on: dt.date) -> list[Student]:
    """Return the students enrolled in ``school_class`` on ``on``, in the class list's order."""
    enrolled = Enrollment.objects.active(on=on).filter(
        organisation_id=school_class.organisation_id, school_class=school_class
    )
    return list(
        Student.objects.filter(organisation_id=school_class.organisation_id, pk__in=enrolled.values("student_id"))
    )


def class_passport(school_class: SchoolClass, *, on: dt.date) -> Passport:
    """Return the social passport of ``school_class`` on ``on``."""
    students = enrolled_students(school_class, on=on)
    categories = StudentCategory.objects.filter(
        organisation_id=school_class.organisation_id,
        student_id__in=[student.pk for student in students],
        valid_from__lte=on,
    ).values_list("student_id", "category", "valid_from", "valid_to", "evidence")
    return social_passport(
        (StudentRow(id=s.pk, name=str(s), sex=s.sex, health_group=s.health_group) for s in students),
        (CategoryRow(*row) for row in categories),
        on=on,
    )
