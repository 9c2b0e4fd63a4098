"""Corrections and cancellations of the class's journals: events, briefings, duty, visits (regulation §6.4).

The author of a record (or, for rows kept before authors were, the class teacher) corrects it or
cancels it with a reason; nothing is deleted. Every correction and cancellation writes a history
row with the values before and after (``record_change``), and the record's page shows that history:
the journal can be put right without losing what it said. A cancelled record stays in the journal,
marked, and no longer counts in the figures derived from it (criteria, overview, characteristics).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import ClassEvent, ClassVisit, DutyRoster, SafetyBriefing, SchoolClass
from kadry.school.rules.life import visit_refusal
from kadry.school.services.life import SECTION_EVENTS, check_event

Action = ChangeRecord.Action


@dataclass(frozen=True)
class Journal:
    """One of the class's journals whose records are corrected: its model, history section and author field."""

    slug: str
    model: type[models.Model]
    section: str
    author_field: str
    list_url: str
    noun: str


JOURNALS = {
    journal.slug: journal
    for journal in (
        Journal("events", ClassEvent, SECTION_EVENTS, "created_by", "school:events", "мероприятие"),
        Journal("briefings", SafetyBriefing, "Журнал инструктажей", "conducted_by", "school:briefings", "инструктаж"),
        Journal("duty", DutyRoster, "График дежурств", "created_by", "school:duty", "дежурство"),
        Journal(
            "visits",
            ClassVisit,
            "Посещения уроков и консультации",
            "created_by",
            "school:visits",
            "посещение, консультация",
        ),
    )
}


def authored_by(journal: Journal, row: Any, user: Any) -> bool:
    """Whether ``user`` may correct ``row``: its author, or anyone of the class's writers when it has none."""
    author_id = getattr(row, f"{journal.author_field}_id")
    return author_id is None or author_id == user.pk


def _snapshot(row: Any) -> dict[str, str]:
    """The row's fields, and how many of each related list (participants, students present…) it names."""
    result = snapshot(row)
    for field in row._meta.many_to_many:
        result[str(field.verbose_name).capitalize()] = str(getattr(row, field.name).count())
    return result


def _history(actor: Any, journal: Journal, row: Any, *, before: dict[str, str]) -> None:
    record_change(
        actor=actor,
        organisation_id=row.organisation_id,
        subject=row.school_class,
        section=journal.section,
        action=Action.UPDATE,
        obj=row,
        before=before,
        after=_snapshot(row),
    )


def history_of(journal: Journal, row: Any) -> QuerySet[ChangeRecord]:
    """Return the history rows of one record, oldest first (one query)."""
    return (
        ChangeRecord.objects.filter(
            organisation_id=row.organisation_id,
            subject_type="school.schoolclass",
            subject_id=row.school_class_id,
            section=journal.section,
            object_id=row.pk,
        )
        .select_related("actor")
        .order_by("at", "pk")
    )


def _refuse_cancelled(row: Any) -> None:
    if row.cancelled_at is not None:
        raise ValidationError({NON_FIELD_ERRORS: "Запись отменена: исправить её уже нельзя."})


@transaction.atomic
def correct_record(
    *, actor: Any, journal: Journal, row: Any, data: dict[str, Any], today: dt.date | None = None
) -> Any:
    """Correct a record with the checks its creation had (§6.9 for an event); the history keeps the old values."""
    today = today or timezone.localdate()
    _refuse_cancelled(row)
    school_class: SchoolClass = row.school_class
    if journal.model is ClassEvent:
        check_event(school_class, data, today)
    if journal.model is ClassVisit:
        refusal = visit_refusal(data.get("status", row.status), data.get("date", row.date), today)
        if refusal:
            raise ValidationError({"date": refusal})
    # A model form has already put the new values on ``row``: the old ones are read back.
    before = _snapshot(journal.model._default_manager.get(pk=row.pk))
    many = {field.name for field in journal.model._meta.many_to_many}
    plain = [name for name in data if name not in many]
    for name in plain:
        setattr(row, name, data[name])
    row.save(update_fields=plain)
    for name in many & set(data):
        getattr(row, name).set(data[name])
    _history(actor, journal, row, before=before)
    return row


@transaction.atomic
def cancel_record(*, actor: Any, journal: Journal, row: Any, reason: str, now: dt.datetime | None = None) -> Any:
    """Cancel a record with its reason; it stays in the journal, marked, and leaves the derived figures."""
    reason = reason.strip()
    _refuse_cancelled(row)
    if not reason:
        raise ValidationError({"cancel_reason": "Укажите причину отмены."})
    before = _snapshot(row)
    row.cancelled_at = now or timezone.now()
    row.cancel_reason = reason
    row.save(update_fields=["cancelled_at", "cancel_reason"])
    _history(actor, journal, row, before=before)
    return row


@transaction.atomic
def mark_visit_done(
    *, actor: Any, visit: ClassVisit, date: dt.date, notes: str, today: dt.date | None = None
) -> ClassVisit:
    """Mark a visit planned by the schedule (§6.3) done on ``date``, with its conclusions."""
    today = today or timezone.localdate()
    _refuse_cancelled(visit)
    if visit.status == ClassVisit.Status.DONE:
        raise ValidationError({NON_FIELD_ERRORS: "Посещение уже отмечено проведённым."})
    refusal = visit_refusal(ClassVisit.Status.DONE, date, today)
    if refusal:
        raise ValidationError({"date": refusal})
    before = _snapshot(visit)
    visit.status, visit.date, visit.notes = ClassVisit.Status.DONE, date, notes
    visit.save(update_fields=["status", "date", "notes"])
    _history(actor, JOURNALS["visits"], visit, before=before)
    return visit
