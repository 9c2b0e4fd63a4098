"""State changes of attendance: saving a class's day at once, resolving a reason, the thresholds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from kadry.core.audit import diff, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import AttendanceDay, AttendanceMark, AttendanceThresholds, SchoolClass
from kadry.school.queries.attendance import enrolled_students, holiday_on
from kadry.school.rules import attendance as rules
from kadry.school.rules.school_days import no_lessons_reason

SECTION = "Посещаемость"
# The mark's own fields go into the history; the student is its subject, the class and author are known.
EXCLUDE = frozenset({"student", "school_class", "author"})


@dataclass(frozen=True)
class MarkInput:
    """One student's row of the grid; ``kind`` "" means present (any stored mark is removed)."""

    student_id: int
    kind: str = ""
    whole_day: bool = True
    lessons: int | None = None
    minutes_late: int | None = None
    reason: str = AttendanceMark.Reason.UNKNOWN
    note: str = ""


@dataclass
class AttendanceErrors(Exception):
    """The day was refused: ``day`` (the date itself), ``general`` messages and ``rows`` (student id → field → message)."""

    general: list[str] = field(default_factory=list)
    rows: dict[int, dict[str, str]] = field(default_factory=dict)
    day: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        """Return the errors as the API answers them: ``date``, ``__all__`` and ``students.<id>.<field>``."""
        errors: dict[str, list[str]] = {}
        if self.day:
            errors["date"] = list(self.day)
        if self.general:
            errors["__all__"] = list(self.general)
        for student_id, fields in self.rows.items():
            for name, message in fields.items():
                errors[f"students.{student_id}.{name}"] = [message]
        return errors


@dataclass(frozen=True)
class SaveResult:
    created: int
    updated: int
    deleted: int


def school_day_refusal(school_class: SchoolClass, day: dt.date) -> str | None:
    """Return why the class has no lessons on ``day`` (outside its school year, holidays, a day off), or None."""
    year = school_class.academic_year
    holiday = holiday_on(school_class, day) if year.start <= day <= year.end else None
    return no_lessons_reason(
        day,
        year_name=year.name,
        year_start=year.start,
        year_end=year.end,
        school_holiday=holiday.name if holiday is not None else None,
    )


def day_refusal(school_class: SchoolClass, day: dt.date, today: dt.date) -> str | None:
    """Return why attendance cannot be marked for ``day`` (future, no lessons that day), or None."""
    if day > today:
        return "Нельзя отметить посещаемость за день, который ещё не наступил."
    return school_day_refusal(school_class, day)


def _row_errors(row: MarkInput, lessons_per_day: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if row.kind not in ("", *AttendanceMark.Kind.values):
        errors["kind"] = "Неизвестная отметка."
    if row.reason not in AttendanceMark.Reason.values:
        errors["reason"] = "Неизвестная причина."
    if len(row.note) > 300:
        errors["note"] = "Примечание длиннее 300 знаков."
    errors.update(
        rules.mark_errors(
            kind=row.kind,
            whole_day=row.whole_day,
            lessons=row.lessons,
            minutes_late=row.minutes_late,
            lessons_per_day=lessons_per_day,
        )
    )
    return errors


def _apply(mark: AttendanceMark, row: MarkInput) -> None:
    mark.kind = row.kind
    late = row.kind == AttendanceMark.Kind.LATE
    mark.whole_day = not late and row.whole_day
    mark.lessons = 0 if late or row.whole_day else int(row.lessons or 0)
    mark.minutes_late = row.minutes_late if late else None
    mark.reason = row.reason
    mark.note = row.note.strip()


@transaction.atomic
def save_day(
    *,
    actor: Any,
    school_class: SchoolClass,
    date: dt.date,
    marks: Sequence[MarkInput],
    today: dt.date | None = None,
) -> SaveResult:
    """Store the class's whole day: upsert the given marks, delete those of students now present, note the day marked.

    Students of the class not in ``marks`` are present. The number of queries does not depend on the
    number of students: one read of the class list, one of the day's marks, then bulk writes.
    Raise AttendanceErrors (nothing written) when the day or any row is invalid.
    """
    today = today or timezone.localdate()
    refusal = day_refusal(school_class, date, today)
    if refusal:
        raise AttendanceErrors(day=[refusal])
    enrolled = {student.pk for student in enrolled_students(school_class, date)}
    errors = AttendanceErrors()
    wanted: dict[int, MarkInput] = {}
    for row in marks:
        if row.student_id not in enrolled:
            errors.rows[row.student_id] = {"student": "Обучающийся не числится в классе в этот день."}
            continue
        row_errors = _row_errors(row, school_class.lessons_per_day)
        if row_errors:
            errors.rows[row.student_id] = row_errors
        elif row.kind:
            wanted[row.student_id] = row
    if errors.rows:
        raise errors

    organisation_id = school_class.organisation_id
    existing = {
        mark.student_id: mark
        for mark in AttendanceMark.objects.filter(organisation_id=organisation_id, student_id__in=enrolled, date=date)
    }
    now = timezone.now()
    changes: list[ChangeRecord] = []

    def change(action: str, mark: AttendanceMark, before: dict[str, str], after: dict[str, str]) -> None:
        changes.append(
            ChangeRecord(
                organisation_id=organisation_id,
                actor=actor,
                at=now,
                action=action,
                subject_type="school.student",
                subject_id=mark.student_id,
                section=SECTION,
                object_id=mark.pk,
                object_repr=f"{date:%d.%m.%Y}"[:300],
                changes=diff(before, after),
            )
        )

    to_create, to_update = [], []
    for student_id, row in wanted.items():
        mark = existing.get(student_id)
        if mark is None:
            mark = AttendanceMark(
                organisation_id=organisation_id, student_id=student_id, school_class=school_class, date=date
            )
            mark.author = actor
            _apply(mark, row)
            to_create.append(mark)
            continue
        before = snapshot(mark, exclude=EXCLUDE)
        _apply(mark, row)
        after = snapshot(mark, exclude=EXCLUDE)
        if before != after or mark.school_class_id != school_class.pk:
            mark.school_class = school_class
            mark.author = actor
            mark.updated_at = now
            to_update.append(mark)
            change(ChangeRecord.Action.UPDATE, mark, before, after)
    to_delete = [mark for student_id, mark in existing.items() if student_id not in wanted]

    fields = ["kind", "whole_day", "lessons", "minutes_late", "reason", "note", "school_class", "author", "updated_at"]
    AttendanceMark.objects.bulk_create(to_create)
    if to_update:
        AttendanceMark.objects.bulk_update(to_update, fields)
    if to_delete:
        for mark in to_delete:
            change(ChangeRecord.Action.DELETE, mark, snapshot(mark, exclude=EXCLUDE), {})
        AttendanceMark.objects.filter(pk__in=[mark.pk for mark in to_delete]).delete()
    for mark in to_create:
        # Created rows have their ids on PostgreSQL and SQLite ≥ 3.35 (RETURNING); the record stays valid without.
        change(ChangeRecord.Action.CREATE, mark, {}, snapshot(mark, exclude=EXCLUDE))
    ChangeRecord.objects.bulk_create(changes)
    AttendanceDay.objects.update_or_create(
        organisation_id=organisation_id,
        school_class=school_class,
        date=date,
        defaults={"marked_by": actor},
    )
    return SaveResult(created=len(to_create), updated=len(to_update), deleted=len(to_delete))


@transaction.atomic
def set_reason(*, actor: Any, mark: AttendanceMark, reason: str) -> AttendanceMark:
    """Record the reason found for a mark (the weekly check of §6.2)."""
    if reason not in AttendanceMark.Reason.values:
        raise AttendanceErrors(rows={mark.student_id: {"reason": "Неизвестная причина."}})
    before = snapshot(mark, exclude=EXCLUDE)
    mark.reason = reason
    mark.author = actor
    mark.save(update_fields=["reason", "author", "updated_at"])
    ChangeRecord.objects.create(
        organisation_id=mark.organisation_id,
        actor=actor,
        at=timezone.now(),
        action=ChangeRecord.Action.UPDATE,
        subject_type="school.student",
        subject_id=mark.student_id,
        section=SECTION,
        object_id=mark.pk,
        object_repr=f"{mark.date:%d.%m.%Y}",
        changes=diff(before, snapshot(mark, exclude=EXCLUDE)),
    )
    return mark


def thresholds_of(organisation_id: int) -> AttendanceThresholds:
    """Return the organisation's thresholds, the defaults when none were set (not saved)."""
    found = AttendanceThresholds.objects.filter(organisation_id=organisation_id).first()
    return found or AttendanceThresholds(organisation_id=organisation_id)


@transaction.atomic
def save_thresholds(*, actor: Any, organisation_id: int, days_in_row: int, monthly_share: int) -> AttendanceThresholds:
    """Set when unexcused absences flag a student."""
    current = thresholds_of(organisation_id)
    before = snapshot(current) if current.pk else {}
    thresholds, _created = AttendanceThresholds.objects.update_or_create(
        organisation_id=organisation_id, defaults={"days_in_row": days_in_row, "monthly_share": monthly_share}
    )
    ChangeRecord.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        at=timezone.now(),
        action=ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE,
        subject_type="core.organisation",
        subject_id=organisation_id,
        section="Пороги посещаемости",
        object_id=thresholds.pk,
        object_repr=str(thresholds),
        changes=diff(before, snapshot(thresholds)),
    )
    return thresholds
