"""Messages to parents (regulation §4.8): recording who a message went to, and the list for the messenger.

Kadry sends nothing: ``send_message`` records the message and a row per guardian as they are at
that moment; the print and the XLSX list are made from those rows, so they show what was sent even
after a phone number changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import Guardian, ParentMessage, ParentMessageRecipient, SchoolClass
from kadry.school.performance import grade_terms, students_grades
from kadry.school.rules import messages as rules
from kadry.school.services.life import class_guardians, class_students

SECTION = "Сообщения родителям"
LIST_HEADERS = ("№", "Родитель (законный представитель)", "Телефон", "Обучающийся", "Текст сообщения",
                "Оценки за период")  # fmt: skip


def guardians_to_reach(school_class: SchoolClass, *, student: Any = None) -> list[Guardian]:
    """Return the guardians a message of the class (or of one student) goes to (one query)."""
    guardians: QuerySet[Guardian] = class_guardians(school_class)
    if student is not None:
        guardians = guardians.filter(student=student)
    return rules.recipients(guardians)


@transaction.atomic
def send_message(
    *, actor: Any, school_class: SchoolClass, data: dict[str, Any], now: dt.datetime | None = None
) -> ParentMessage:
    """Record a message to the class's guardians (or one student's) with its recipients; refuse one nobody gets."""
    now = now or timezone.now()
    student = data.get("student")
    if student is not None and not class_students(school_class).filter(pk=student.pk).exists():
        raise ValidationError({"student": "Обучающийся не учится в этом классе."})
    guardians = guardians_to_reach(school_class, student=student)
    if not guardians:
        raise ValidationError(
            {
                "student"
                if student is not None
                else "text": "Сообщение некому передать: у обучающихся не записаны родители."
            }
        )
    message = ParentMessage.objects.create(
        organisation_id=school_class.organisation_id,
        school_class=school_class,
        student=student,
        topic=data["topic"],
        title=data["title"],
        text=data["text"],
        channel=data["channel"],
        term=data.get("term") or "",
        author=actor,
        sent_at=now,
    )
    grades = (
        students_grades(school_class, message.term, sorted({g.student_id for g in guardians})) if message.term else {}
    )
    ParentMessageRecipient.objects.bulk_create(
        ParentMessageRecipient(
            organisation_id=school_class.organisation_id,
            message=message,
            guardian=guardian,
            student_id=guardian.student_id,
            full_name=guardian.full_name,
            phone=guardian.phone,
            grades=grades.get(guardian.student_id, ""),
        )
        for guardian in guardians
    )
    record_change(
        actor=actor,
        organisation_id=school_class.organisation_id,
        subject=school_class,
        section=SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=message,
        after={**snapshot(message, exclude=frozenset({"text"})), "Получателей": str(len(guardians))},
    )
    return message


def recipients_of(message: ParentMessage) -> list[ParentMessageRecipient]:
    """Return the message's recipients with their students, ordered by student and name (one query)."""
    return list(
        message.recipients.select_related("student").order_by("student__last_name", "student__first_name", "full_name")
    )


def list_rows(message: ParentMessage, recipients: Sequence[ParentMessageRecipient]) -> list[tuple[Any, ...]]:
    """Return the rows of the messenger's list: guardian, phone, student, text."""
    return [
        (number, row.full_name, row.phone, str(row.student), message.text, row.grades)
        for number, row in enumerate(recipients, start=1)
    ]


def print_context(
    message: ParentMessage, *, organisation: Any, recipients: Sequence[ParentMessageRecipient]
) -> dict[str, Any]:
    """Return the context of the printed message: one sheet per student, addressed to their guardians."""
    families: dict[int, list[ParentMessageRecipient]] = {}
    for row in recipients:
        families.setdefault(row.student_id, []).append(row)
    return {
        "message": message,
        "organisation_name": organisation.name or organisation.short_name,
        "school_class": message.school_class,
        "families": [
            (rows[0].student, ", ".join(r.full_name for r in rows), rows[0].grades) for rows in families.values()
        ],
        "term_label": dict(grade_terms()).get(message.term, ""),
        "date": timezone.localtime(message.sent_at).date(),
    }
