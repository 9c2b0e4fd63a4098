"""The class's documents: characteristics (register, draft, copies issued), rendering.

State changes are atomic, take ``actor=`` and write the change history; rendering turns the derived
figures into DOCX (docxtpl templates under ``templates_docx/``) or PDF (HTML through WeasyPrint).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord, Membership, Organisation
from kadry.lib.dates import long_date, short_date
from kadry.lib.declension import Case, decline_phrase
from kadry.lib.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, render_docx, render_pdf
from kadry.lib.numbers import decimal_comma
from kadry.lib.text import counted, quoted
from kadry.school.models import (
    Activity,
    AttendanceMark,
    Characteristic,
    DutyRoster,
    Enrollment,
    SchoolClass,
    Student,
)
from kadry.school.performance import student_performance
from kadry.school.rules.passport import Passport

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_docx"
# What the access log says was opened.
PASSPORT_ACCESS = "Социальный паспорт класса"
CHARACTERISTIC_ACCESS = "Характеристика обучающегося"


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def docx(kind: str, context: dict[str, Any], stem: str) -> Rendered:
    content = render_docx(TEMPLATES_DIR / f"{kind}.docx", context)
    return Rendered(content, f"{stem}.docx", DOCX_CONTENT_TYPE)


def pdf(template: str, context: dict[str, Any], stem: str) -> Rendered:
    return Rendered(render_pdf(render_to_string(template, context)), f"{stem}.pdf", PDF_CONTENT_TYPE)


# --- Addressing the administration -------------------------------------------------------------------


def organisation_genitive(organisation: Organisation) -> str:
    """Return the school as «Директору …» needs it: «МАОУ «Лицей № 7»», or the full name in the genitive.

    A short name opening with an abbreviation (МАОУ, МБОУ, ГБОУ) does not decline; a full name does
    («муниципального автономного общеобразовательного учреждения …»), lower-cased mid-sentence.
    """
    short = organisation.short_name.strip()
    first = short.split(maxsplit=1)[0] if short else ""
    if len(first) > 1 and first.isupper():
        return short
    name = decline_phrase(organisation.name or short, Case.GENITIVE)
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def author_genitive(user: Any, organisation_id: int) -> str:
    """Return «Соколовой И. О.»: the employee behind ``user`` in the genitive, else the user's name as written."""
    # Imported here: staff's declension reads the name forms the office corrected; a plain function call.
    from kadry.staff.declension import employee_initials

    membership = (
        Membership.objects.filter(user=user, organisation_id=organisation_id, employee__isnull=False)
        .select_related("employee")
        .first()
    )
    if membership is not None and membership.employee is not None:  # the filter asked for one
        return employee_initials(membership.employee, Case.GENITIVE)
    return user.get_full_name() or user.username


# --- Event notice and meeting protocol (print HTML → PDF) ---------------------------------------------


def event_notice_context(
    event: Any, *, school_class: SchoolClass, organisation: Organisation, data: dict[str, Any]
) -> dict[str, Any]:
    """Return the context of the written notice of an event (§6.9) from the event's data (participants, escorts)."""
    adults = data["adults"]
    return {
        **data,
        "school_class": school_class,
        "organisation": organisation,
        "addressee": f"Директору {organisation_genitive(organisation)}",
        "author": author_genitive(event.created_by, organisation.pk),
        "title": quoted(event.title),
        "date_text": long_date(event.date),
        "notice_text": long_date(event.notice_given_on),
        "adults_text": counted(adults, "взрослый", "взрослых", "взрослых"),
        "participants_text": counted(len(data["participants"]), "обучающийся", "обучающихся", "обучающихся"),
        "escort_names": ", ".join([e.full_name for e in data["escorts"]] + list(data["other_escorts"])),
    }


def meeting_protocol_context(
    meeting: Any, *, school_class: SchoolClass, organisation: Organisation, attended: list[Any], guardians_total: int
) -> dict[str, Any]:
    """Return the context of a parent meeting's protocol."""
    return {
        "school_class": school_class,
        "meeting": meeting,
        "attended": attended,
        "guardians_total": guardians_total,
        "present_text": f"{len(attended)} из {counted(guardians_total, 'родителя', 'родителей', 'родителей')}",
        "organisation": organisation,
        "organisation_name": organisation.name or organisation.short_name,
        "date_text": long_date(meeting.date),
    }


# --- Social passport ---------------------------------------------------------------------------------


def passport_context(
    passport: Passport, *, school_class: SchoolClass, organisation: Organisation, named: bool
) -> dict[str, Any]:
    """Return the context of the passport document; the named lists only when ``named``."""
    return {
        "organisation": organisation.name,
        "school_class": str(school_class),
        "year": str(school_class.academic_year),
        "on": short_date(passport.on),
        "students": passport.students,
        "boys": passport.boys,
        "girls": passport.girls,
        "with_any": passport.with_any_category,
        "health": [{"group": label, "count": passport.health_groups[value]} for value, label in _health_labels()],
        "lines": [
            {
                # A cell of a table starts with a capital, in the DOCX as in the PDF.
                "label": str(line.label)[:1].upper() + str(line.label)[1:],
                "count": line.count,
                "names": ", ".join(student.name for student in line.students) if named else "",
            }
            for line in passport.lines
        ],
        "named": named,
    }


def _health_labels() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in Student.HealthGroup.choices]


# --- Characteristic ----------------------------------------------------------------------------------


def school_year_start(today: dt.date) -> dt.date:
    """Return 1 September of the school year ``today`` belongs to."""
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def characteristic_draft(student: Student, *, today: dt.date, with_family: bool) -> str:
    """Return the text of a new characteristic filled in from the records; the teacher edits it.

    Family composition goes in only ``with_family`` (who may see social data, 152-ФЗ ст. 10).
    """
    enrolment = (
        Enrollment.objects.active(on=today)
        .filter(organisation_id=student.organisation_id, student=student)
        .select_related("school_class")
        .first()
    )
    since = (
        Enrollment.objects.filter(organisation_id=student.organisation_id, student=student)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    start = school_year_start(today)
    marks = AttendanceMark.objects.filter(
        organisation_id=student.organisation_id, student=student, date__range=(start, today)
    ).select_related("school_class")
    days = lessons = late = 0
    reasons: Counter[str] = Counter()
    for mark in marks:
        if mark.kind == AttendanceMark.Kind.LATE:
            late += 1
            continue
        missed = mark.school_class.lessons_per_day if mark.whole_day else mark.lessons
        lessons += missed
        days += 1 if mark.whole_day else 0
        reasons[mark.get_reason_display()] += missed
    duties = DutyRoster.objects.filter(
        organisation_id=student.organisation_id, students=student, date__range=(start, today), cancelled_at__isnull=True
    ).count()
    activities = list(
        Activity.objects.filter(organisation_id=student.organisation_id, student=student)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .order_by("start")
    )
    she = student.sex == Student.Sex.FEMALE
    name = f"{student.last_name} {student.first_name} {student.middle_name}".strip()
    parts = [
        f"{name}, {short_date(student.birth_date)} г. р., "
        + (f"обучается в {enrolment.school_class} классе" if enrolment else "обучается в лицее")
        + (f" (в лицее с {short_date(since)})." if since else "."),
    ]
    if lessons or late:
        detail = "; ".join(f"{reason} — {count}" for reason, count in reasons.most_common())
        parts.append(
            f"С {short_date(start)} пропущено дней: {days}, уроков: {lessons}"
            + (f" (по причинам: {detail})" if detail else "")
            + f"; опозданий: {late}."
        )
    else:
        parts.append(f"С {short_date(start)} занятий без пропусков и опозданий не имеет.")
    if duties:
        parts.append(f"Дежурил{'а' if she else ''} по классу {counted(duties, 'раз', 'раза', 'раз')}.")
    clubs = [a.name for a in activities if a.kind == Activity.Kind.CLUB]
    roles = [a.name for a in activities if a.kind == Activity.Kind.SELF_GOVERNMENT]
    contests = [
        f"{a.name}{f' ({a.result})' if a.result else ''}" for a in activities if a.kind == Activity.Kind.COMPETITION
    ]
    if clubs:
        parts.append("Занимается во внеурочной деятельности: " + ", ".join(clubs) + ".")
    if roles:
        parts.append("Участвует в ученическом самоуправлении: " + ", ".join(roles) + ".")
    if contests:
        parts.append("Участие в конкурсах и соревнованиях: " + ", ".join(contests) + ".")
    # The results of the grades loaded from the electronic journal (kadry.school.performance).
    parts.extend(student_performance(student, today))
    if with_family:
        guardians = list(student.guardians.all())
        if guardians:
            parts.append(
                "Состав семьи: " + "; ".join(f"{g.get_relation_display()} — {g.full_name}" for g in guardians) + "."
            )
    parts.append("Характеристика выдана для представления по месту требования.")
    return "\n\n".join(parts)


CHARACTERISTIC_EXCLUDE = frozenset({"author"})


@transaction.atomic
def create_characteristic(*, actor: Any, student: Student, data: dict[str, Any]) -> Characteristic:
    """Register a request for a characteristic with its text."""
    characteristic = Characteristic.objects.create(
        organisation_id=student.organisation_id, student=student, author=actor, **data
    )
    record_change(
        actor=actor,
        organisation_id=student.organisation_id,
        subject=student,
        section="Характеристики",
        action=ChangeRecord.Action.CREATE,
        obj=characteristic,
        after=snapshot(characteristic, CHARACTERISTIC_EXCLUDE),
    )
    return characteristic


@transaction.atomic
def update_characteristic(*, actor: Any, characteristic: Characteristic, data: dict[str, Any]) -> Characteristic:
    """Save the teacher's edits of a characteristic (the register's fields and the text)."""
    before = snapshot(characteristic, CHARACTERISTIC_EXCLUDE)
    for name, value in data.items():
        setattr(characteristic, name, value)
    characteristic.save(update_fields=list(data))
    record_change(
        actor=actor,
        organisation_id=characteristic.organisation_id,
        subject=characteristic.student,
        section="Характеристики",
        action=ChangeRecord.Action.UPDATE,
        obj=characteristic,
        before=before,
        after=snapshot(characteristic, CHARACTERISTIC_EXCLUDE),
    )
    return characteristic


def issue_copy(*, actor: Any, characteristic: Characteristic, issued_on: dt.date, issued_to: str) -> Characteristic:
    """Record that a copy of the characteristic was given to ``issued_to`` on ``issued_on``."""
    return update_characteristic(
        actor=actor, characteristic=characteristic, data={"issued_on": issued_on, "issued_to": issued_to}
    )


def characteristic_context(
    characteristic: Characteristic, *, organisation: Organisation, school_class: SchoolClass | None, teacher: str
) -> dict[str, Any]:
    return {
        "organisation": organisation.name,
        "student": str(characteristic.student),
        "birth_date": short_date(characteristic.student.birth_date),
        "school_class": str(school_class) if school_class else "",
        "paragraphs": [p.strip() for p in characteristic.text.split("\n") if p.strip()],
        "purpose": characteristic.purpose,
        "requested_by": characteristic.requested_by,
        "date": short_date(characteristic.issued_on or characteristic.requested_on),
        "teacher": teacher,
    }


def pct(value: Any) -> str:
    """Return a percentage as a document prints it: «94,3 %», or «—» when there is none."""
    return "—" if value is None else f"{decimal_comma(value)} %"
