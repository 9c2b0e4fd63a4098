"""The student's personal file (regulation on class teachers, §6.5 «оформляет личные дела», §8.2): what Kadry
holds about a student, gathered for the page and the print, and the register of the copies issued.

The grades are kept by the grades app when it is installed; this module never imports it. The app
registers a provider with ``register_grades_provider`` and the file shows what it returns; without
one, the file says the grades are kept in the journal.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import Activity, AttendanceMark, Enrollment, Student, StudentFileIssue

SECTION = "Личное дело: выдача"


@dataclass(frozen=True)
class GradeRow:
    """One final grade of a year as the grades app gives it to the personal file."""

    year: str  # «2026/2027»
    subject: str
    grade: str  # «5», «зачтено»


# The grades hook: a callable (student) → rows, registered by the grades app's AppConfig.ready().
GradesProvider = Callable[[Student], list[GradeRow]]
_grades_providers: list[GradesProvider] = []


def register_grades_provider(provider: GradesProvider) -> GradesProvider:
    """Let another app (kadry.grades) give the personal file a student's grades per year; usable as a decorator."""
    if provider not in _grades_providers:
        _grades_providers.append(provider)
    return provider


def student_file_grades(student: Student) -> list[GradeRow] | None:
    """Return the student's grades per year from the registered providers; None when no app provides them."""
    if not _grades_providers:
        return None
    return [row for provider in _grades_providers for row in provider(student)]


@dataclass(frozen=True)
class AttendanceYear:
    year: str
    days_absent: int
    lessons_missed: int
    lessons_excused: int
    late: int


@dataclass
class StudentFile:
    student: Student
    guardians: list[Any]
    enrolments: list[Enrollment]
    attendance: list[AttendanceYear]
    activities: dict[str, list[Activity]]  # kind label → activities
    grades: list[GradeRow] | None
    issues: list[StudentFileIssue] = field(default_factory=list)
    made_on: dt.date = field(default_factory=timezone.localdate)


def _attendance(student: Student) -> list[AttendanceYear]:
    rows = AttendanceMark.objects.filter(organisation_id=student.organisation_id, student=student).values_list(
        "school_class__academic_year__name",
        "school_class__academic_year__start",
        "kind",
        "whole_day",
        "lessons",
        "school_class__lessons_per_day",
        "reason",
    )
    years: dict[str, list[int]] = OrderedDict()
    for name, _start, kind, whole_day, lessons, per_day, reason in sorted(rows, key=lambda r: r[1]):
        days_absent, missed, excused, late = years.setdefault(name, [0, 0, 0, 0])
        if kind == AttendanceMark.Kind.LATE:
            late += 1
        else:
            count = per_day if whole_day else lessons
            days_absent += 1 if whole_day else 0
            missed += count
            excused += count if reason in AttendanceMark.EXCUSED else 0
        years[name] = [days_absent, missed, excused, late]
    return [AttendanceYear(name, *figures) for name, figures in years.items()]


def student_file(student: Student) -> StudentFile:
    """Return everything the personal file shows (a fixed number of queries, whatever the years)."""
    activities: dict[str, list[Activity]] = OrderedDict((str(label), []) for _kind, label in Activity.Kind.choices)
    for activity in Activity.objects.filter(organisation_id=student.organisation_id, student=student).order_by(
        "start", "id"
    ):
        activities[activity.get_kind_display()].append(activity)
    return StudentFile(
        student=student,
        guardians=list(student.guardians.all()),
        enrolments=list(
            Enrollment.objects.filter(organisation_id=student.organisation_id, student=student)
            .select_related("school_class__academic_year")
            .order_by("start", "id")
        ),
        attendance=_attendance(student),
        activities={label: rows for label, rows in activities.items() if rows},
        grades=student_file_grades(student),
        issues=list(
            StudentFileIssue.objects.filter(organisation_id=student.organisation_id, student=student).select_related(
                "issued_by"
            )
        ),
    )


@transaction.atomic
def issue_file(*, actor: Any, student: Student, data: dict[str, Any]) -> StudentFileIssue:
    """Record that the personal file was issued: when, to whom and for what; who did it."""
    issue = StudentFileIssue.objects.create(
        organisation_id=student.organisation_id,
        student=student,
        issued_on=data["issued_on"],
        issued_to=data["issued_to"],
        purpose=data["purpose"],
        issued_by=actor,
        issued_at=timezone.now(),
    )
    record_change(
        actor=actor,
        organisation_id=student.organisation_id,
        subject=student,
        section=SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=issue,
        after=snapshot(issue),
    )
    return issue
