"""State changes of the school's register: the year's calendar, classes, students, guardians, enrolments.

Every change of a student's record is written to the change history with the student as subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import (
    AcademicYear,
    ClassTeacherSubstitution,
    Enrollment,
    Guardian,
    Holiday,
    Period,
    SchoolClass,
    Student,
    StudentCategory,
)

Action = ChangeRecord.Action
STUDENT = "Личное дело обучающегося"
GUARDIANS = "Родители (законные представители)"
CATEGORIES = "Социальные категории"
ENROLMENT = "Зачисление в класс"
CALENDAR = "Календарь учебного года"
CLASS = "Класс"
_CALENDAR_EXCLUDED = frozenset({"academic_year"})

D = dt.date


def default_calendar(
    first_year: int, kinds: dict[tuple[int, int], str]
) -> tuple[list[tuple[str, int, int, int, D, D]], list[tuple[str, D, D]]]:
    """Return the default periods ``(kind, number, grade_from, grade_to, start, end)`` and holidays of a year.

    Dates follow the usual Russian calendar of a school year starting on 1 September (four quarters
    with autumn, winter and spring holidays; trimesters and half-years share the same edges); the
    school edits them afterwards.
    """
    y, z = first_year, first_year + 1
    edges: dict[str, list[tuple[dt.date, dt.date]]] = {
        Period.Kind.QUARTER: [(D(y, 9, 1), D(y, 10, 24)), (D(y, 11, 5), D(y, 12, 28)), (D(z, 1, 12), D(z, 3, 20)), (D(z, 3, 30), D(z, 5, 26))],
        Period.Kind.TRIMESTER: [(D(y, 9, 1), D(y, 11, 30)), (D(y, 12, 1), D(z, 2, 28)), (D(z, 3, 1), D(z, 5, 26))],
        Period.Kind.HALF_YEAR: [(D(y, 9, 1), D(y, 12, 28)), (D(z, 1, 12), D(z, 5, 26))],
    }  # fmt: skip
    periods = [
        (kind, number, band[0], band[1], start, end)
        for band, kind in kinds.items()
        for number, (start, end) in enumerate(edges[kind], start=1)
    ]
    holidays = [
        ("Осенние каникулы", D(y, 10, 25), D(y, 11, 4)),
        ("Зимние каникулы", D(y, 12, 29), D(z, 1, 11)),
        ("Весенние каникулы", D(z, 3, 21), D(z, 3, 29)),
        ("Летние каникулы", D(z, 5, 27), D(z, 8, 31)),
    ]
    return periods, holidays


@transaction.atomic
def create_year(
    *, actor: Any, organisation_id: int, name: str, start: D, end: D, kinds: dict[tuple[int, int], str]
) -> AcademicYear:
    """Create an academic year with the default periods of each grade band and the usual holidays."""
    year = AcademicYear.objects.create(organisation_id=organisation_id, name=name, start=start, end=end)
    periods, holidays = default_calendar(start.year, kinds)
    Period.objects.bulk_create(
        Period(
            organisation_id=organisation_id,
            academic_year=year,
            kind=kind,
            number=number,
            grade_from=grade_from,
            grade_to=grade_to,
            start=p_start,
            end=p_end,
        )
        for kind, number, grade_from, grade_to, p_start, p_end in periods
    )
    Holiday.objects.bulk_create(
        Holiday(organisation_id=organisation_id, academic_year=year, name=h_name, start=h_start, end=h_end)
        for h_name, h_start, h_end in holidays
    )
    record_change(
        actor=actor, organisation_id=organisation_id, subject=year, section=CALENDAR,
        action=ChangeRecord.Action.CREATE, obj=year, after=snapshot(year),
    )  # fmt: skip
    return year


@transaction.atomic
def save_calendar(*, actor: Any, year: AcademicYear, saved: Iterable[Model], deleted: Iterable[Model]) -> None:
    """Save the periods and holidays of a year as edited (the calendar page's formsets), each in the history.

    The periods' ends decide the terms of the grades and of attendance: a change moves the school's
    change chain, so the figures kept in memory (``kadry.core.memory``) are computed again.
    """
    for row in saved:
        stored = type(row)._default_manager.filter(pk=row.pk).first() if row.pk else None
        row.organisation_id, row.academic_year = year.organisation_id, year  # type: ignore[attr-defined]
        row.save()
        record_change(
            actor=actor, organisation_id=year.organisation_id, subject=year, section=CALENDAR,
            action=ChangeRecord.Action.UPDATE if stored else ChangeRecord.Action.CREATE, obj=row,
            before=snapshot(stored, _CALENDAR_EXCLUDED) if stored else {}, after=snapshot(row, _CALENDAR_EXCLUDED),
        )  # fmt: skip
    for row in deleted:
        record_change(
            actor=actor, organisation_id=year.organisation_id, subject=year, section=CALENDAR,
            action=ChangeRecord.Action.DELETE, obj=row, before=snapshot(row, _CALENDAR_EXCLUDED),
        )  # fmt: skip
        row.delete()


@transaction.atomic
def save_class(*, actor: Any, school_class: SchoolClass) -> SchoolClass:
    """Create or change a class (grade, letter, lessons per day)."""
    school_class.full_clean()
    stored = SchoolClass.objects.filter(pk=school_class.pk).first() if school_class.pk else None
    school_class.save()
    record_change(
        actor=actor, organisation_id=school_class.organisation_id, subject=school_class, section=CLASS,
        action=ChangeRecord.Action.UPDATE if stored else ChangeRecord.Action.CREATE, obj=school_class,
        before=snapshot(stored) if stored else {}, after=snapshot(school_class),
    )  # fmt: skip
    return school_class


def _history(actor: Any, student: Student, section: str, action: str, obj: Model, before: dict, after: dict) -> None:
    record_change(
        actor=actor,
        organisation_id=student.organisation_id,
        subject=student,
        section=section,
        action=action,
        obj=obj,
        before=before,
        after=after,
    )


@transaction.atomic
def create_student(
    *, actor: Any, student: Student, school_class: SchoolClass, enrolled_on: D, guardians: Iterable[Guardian]
) -> Student:
    """Create a student's file, enrol them in ``school_class`` from ``enrolled_on`` and add their guardians."""
    student.organisation_id = school_class.organisation_id
    student.save()
    _history(actor, student, STUDENT, Action.CREATE, student, {}, snapshot(student))
    enrolment = Enrollment.objects.create(
        organisation_id=student.organisation_id, student=student, school_class=school_class, start=enrolled_on
    )
    _history(actor, student, ENROLMENT, Action.CREATE, enrolment, {}, snapshot(enrolment))
    save_guardians(actor=actor, student=student, guardians=guardians, removed=())
    return student


@transaction.atomic
def update_student(*, actor: Any, student: Student, before: dict[str, str], fields: Iterable[str]) -> Student:
    """Save the changed fields of a student's file; ``before`` is the snapshot taken before the form changed it."""
    student.save(update_fields=list(fields))
    _history(actor, student, STUDENT, Action.UPDATE, student, before, snapshot(student))
    return student


@transaction.atomic
def save_guardians(*, actor: Any, student: Student, guardians: Iterable[Guardian], removed: Iterable[Guardian]) -> None:
    """Add or change ``guardians`` and delete ``removed``; at least one of those left must receive notices."""
    for guardian in removed:
        _history(actor, student, GUARDIANS, Action.DELETE, guardian, snapshot(guardian), {})
        guardian.delete()
    for guardian in guardians:
        before = snapshot(Guardian.objects.get(pk=guardian.pk)) if guardian.pk else {}
        guardian.organisation_id = student.organisation_id
        guardian.student = student
        guardian.save()
        _history(
            actor, student, GUARDIANS, Action.UPDATE if before else Action.CREATE, guardian, before, snapshot(guardian)
        )
    left = Guardian.objects.filter(student=student)
    if left.exists() and not left.filter(receives_notices=True).exists():
        raise ValidationError("Отметьте представителя, который получает уведомления.")


@transaction.atomic
def save_categories(
    *, actor: Any, student: Student, categories: Iterable[StudentCategory], removed: Iterable[StudentCategory]
) -> None:
    """Add or change a student's social categories and delete ``removed``."""
    for category in removed:
        _history(actor, student, CATEGORIES, Action.DELETE, category, snapshot(category), {})
        category.delete()
    for category in categories:
        before = snapshot(StudentCategory.objects.get(pk=category.pk)) if category.pk else {}
        category.organisation_id = student.organisation_id
        category.student = student
        category.save()
        _history(
            actor, student, CATEGORIES, Action.UPDATE if before else Action.CREATE, category, before, snapshot(category)
        )


def current_enrolment(student: Student, on: D) -> Enrollment:
    enrolment = Enrollment.objects.active(on=on).filter(student=student).select_related("school_class").first()
    if enrolment is None:
        raise ValidationError(f"{student} не зачислен(а) ни в один класс на {on:%d.%m.%Y}.")
    return enrolment


def _end(
    actor: Any, student: Student, enrolment: Enrollment, last_day: D, reason: str, destination: str, basis: str
) -> None:
    if last_day < enrolment.start:
        raise ValidationError({"date": f"Зачисление в {enrolment.school_class} начинается {enrolment.start:%d.%m.%Y}."})
    before = snapshot(enrolment)
    enrolment.end, enrolment.end_reason, enrolment.destination, enrolment.basis = last_day, reason, destination, basis
    enrolment.save(update_fields=["end", "end_reason", "destination", "basis"])
    _history(actor, student, ENROLMENT, Action.UPDATE, enrolment, before, snapshot(enrolment))


@transaction.atomic
def transfer_student(*, actor: Any, student: Student, to_class: SchoolClass, on: D, basis: str = "") -> Enrollment:
    """Move a student to ``to_class`` from ``on``: the current enrolment ends the day before, a new one starts."""
    enrolment = current_enrolment(student, on)
    if enrolment.school_class_id == to_class.pk:
        raise ValidationError({"to_class": f"{student} уже в {to_class} классе."})
    _end(
        actor, student, enrolment, on - dt.timedelta(days=1), Enrollment.EndReason.CLASS_TRANSFER, str(to_class), basis
    )
    new = Enrollment.objects.create(
        organisation_id=student.organisation_id, student=student, school_class=to_class, start=on, basis=basis
    )
    _history(actor, student, ENROLMENT, Action.CREATE, new, {}, snapshot(new))
    return new


@transaction.atomic
def withdraw_student(
    *, actor: Any, student: Student, last_day: D, reason: str, destination: str, basis: str = ""
) -> Enrollment:
    """End the student's enrolment on ``last_day`` with the reason and where they went (for ОО-1 and graduates)."""
    if reason == Enrollment.EndReason.CLASS_TRANSFER:
        raise ValidationError({"reason": "Перевод в другой класс оформляется переводом, а не выбытием."})
    enrolment = current_enrolment(student, last_day)
    _end(actor, student, enrolment, last_day, reason, destination, basis)
    return enrolment


@transaction.atomic
def assign_substitute(*, actor: Any, substitution: ClassTeacherSubstitution) -> ClassTeacherSubstitution:
    """Let a teacher lead a class from ``start`` to ``end`` while its class teacher is away."""
    if substitution.end < substitution.start:
        raise ValidationError({"end": "Дата окончания раньше даты начала."})
    substitution.organisation_id = substitution.school_class.organisation_id
    substitution.assigned_by = actor
    substitution.save()
    record_change(
        actor=actor, organisation_id=substitution.organisation_id, subject=substitution.school_class, section=CLASS,
        action=ChangeRecord.Action.CREATE, obj=substitution, after=snapshot(substitution, frozenset({"school_class"})),
    )  # fmt: skip
    return substitution
