"""State changes of the students' activities: add, correct, remove, and the import from a table, all or nothing.

Every function is atomic, takes ``actor=`` and writes the class's change history (section «Занятость
обучающихся»); the import's rows are checked by ``rules/activities.py`` first and, when any cell is
wrong, nothing is written.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.lib.xlsx import table_to_xlsx
from kadry.school.models import Activity, Enrollment, SchoolClass, Student
from kadry.school.rules.activities import COLUMNS, HEADERS, ActivityPlan, name_key, plan_activity_import

SECTION = "Занятость обучающихся"
FIELDS = ("student", "kind", "name", "start", "end", "outside_school", "organiser", "level", "placement", "result")


def class_roll(school_class: SchoolClass) -> list[Student]:
    """Return every student enrolled in the class at some time of its school year (whose activities it keeps)."""
    year = school_class.academic_year
    enrolled = Enrollment.objects.filter(school_class=school_class, start__lte=year.end).exclude(end__lt=year.start)
    return list(
        Student.objects.filter(organisation_id=school_class.organisation_id, pk__in=enrolled.values("student_id"))
    )


def _check(school_class: SchoolClass, data: dict[str, Any]) -> None:
    """Refuse an activity of a student not in the class, or with its end before its start."""
    if data.get("end") and data["end"] < data["start"]:
        raise ValidationError({"end": "Дата окончания раньше даты начала."})
    if data["student"].pk not in {s.pk for s in class_roll(school_class)}:
        raise ValidationError({"student": "Обучающийся не учится в этом классе."})


def _history(actor: Any, school_class: SchoolClass, activity: Activity, action: str, **kw: Any) -> None:
    record_change(
        actor=actor,
        organisation_id=school_class.organisation_id,
        subject=school_class,
        section=SECTION,
        action=action,
        obj=activity,
        **kw,
    )


@transaction.atomic
def add_activity(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> Activity:
    """Record a club, a role in the class's актив or a competition result of a student of the class."""
    _check(school_class, data)
    activity = Activity.objects.create(
        organisation_id=school_class.organisation_id, author=actor, **{f: data.get(f) for f in FIELDS if f in data}
    )
    _history(actor, school_class, activity, ChangeRecord.Action.CREATE, after=snapshot(activity))
    return activity


@transaction.atomic
def update_activity(*, actor: Any, school_class: SchoolClass, activity: Activity, data: dict[str, Any]) -> Activity:
    """Correct an activity; the history keeps what it was."""
    _check(school_class, data)
    # The stored row, not the one passed: a model form has already written the new values onto it.
    stored = Activity.objects.select_for_update().get(pk=activity.pk, organisation_id=school_class.organisation_id)
    before = snapshot(stored)
    changed = [f for f in FIELDS if f in data and getattr(stored, f) != data[f]]
    for name in changed:
        setattr(stored, name, data[name])
    stored.save(update_fields=changed)
    _history(actor, school_class, stored, ChangeRecord.Action.UPDATE, before=before, after=snapshot(stored))
    return stored


@transaction.atomic
def remove_activity(*, actor: Any, school_class: SchoolClass, activity: Activity) -> None:
    """Remove an activity entered by mistake; the history keeps what it was."""
    before = snapshot(activity)
    _history(actor, school_class, activity, ChangeRecord.Action.DELETE, before=before)
    activity.delete()


# --- import --------------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    """Return the import template: the columns and three example rows."""
    rows = [
        ["125", "", "кружок", "Робототехника", "07.09.2026", "", "да", "Дом детского творчества", "", "", ""],
        ["", "Петрова Анна", "актив", "староста класса", "04.09.2026", "", "", "", "", "", ""],
        ["125", "", "олимпиада", "ВсОШ по математике", "15.10.2026", "", "", "", "муниципальный", "призёр", "диплом"],
    ]
    return table_to_xlsx("Занятость", HEADERS, rows)


def columns() -> tuple[tuple[str, str], ...]:
    return COLUMNS


def plan_for(school_class: SchoolClass, header: list[Any], rows: list[list[Any]]) -> ActivityPlan:
    """Return the import plan of ``rows`` against the class's students (two queries)."""
    year = school_class.academic_year
    students = class_roll(school_class)
    by_name: dict[str, list[int]] = {}
    for student in students:
        for variant in {str(student), f"{student.last_name} {student.first_name}"}:
            by_name.setdefault(name_key(variant), []).append(student.pk)
    return plan_activity_import(
        header,
        rows,
        by_file_number={s.file_number: s.pk for s in students},
        by_name={key: sorted(set(ids)) for key, ids in by_name.items()},
        year_start=year.start,
        year_end=year.end,
    )


@transaction.atomic
def commit_import(*, actor: Any, school_class: SchoolClass, plan: ActivityPlan) -> int:
    """Write every activity of the plan in one transaction and return how many; a plan with errors writes nothing."""
    if plan.errors:
        raise ValidationError("В файле есть ошибки: ничего не загружено.")
    now = timezone.now()
    created = Activity.objects.bulk_create(
        Activity(
            organisation_id=school_class.organisation_id,
            student_id=r.student_id,
            kind=r.kind,
            name=r.name,
            start=r.start,
            end=r.end,
            outside_school=r.outside_school,
            organiser=r.organiser,
            level=r.level,
            placement=r.placement,
            result=r.result,
            author=actor,
        )
        for r in plan.records
    )
    ChangeRecord.objects.bulk_create(
        ChangeRecord(
            organisation_id=school_class.organisation_id,
            actor=actor,
            at=now,
            action=ChangeRecord.Action.CREATE,
            subject_type=SchoolClass._meta.label_lower,
            subject_id=school_class.pk,
            section=SECTION,
            object_id=activity.pk,
            object_repr=str(activity)[:300],
            changes={"Строка файла": ["", str(record.row)]},
        )
        for activity, record in zip(created, plan.records, strict=True)
    )
    return len(created)
