"""State changes of the register of incidents: a report, its correction, the administration's receipt, the act.

Every function is atomic, takes ``actor=`` and writes the incident's change history. The free texts
(what happened, the injuries, the first aid, the commission's findings) are health data: the history
names the fields changed and the times, never their text (152-ФЗ ст. 10).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.school.models import Incident, SafetyBriefing, SchoolClass, Student
from kadry.school.rules import incidents as rules
from kadry.school.services.life import class_students

Action = ChangeRecord.Action
SECTION = "Журнал происшествий"
# The texts kept out of the change history (health data).
PRIVATE_TEXTS = frozenset(
    {"description", "injuries", "first_aid", "witnesses", "causes", "responsible", "measures", "commission"}
)
REPORT_FIELDS = (
    "kind",
    "occurred_at",
    "place",
    "during",
    "description",
    "injuries",
    "first_aid",
    "ambulance_called_at",
    "administration_informed_at",
    "administration_informed_whom",
    "parents_informed_at",
    "parents_informed_whom",
    "witnesses",
)
ACT_FIELDS = ("act_number", "act_date", "commission", "days_off", "causes", "responsible", "measures")


def _history(actor: Any, incident: Incident, action: str, **kw: Any) -> None:
    record_change(
        actor=actor,
        organisation_id=incident.organisation_id,
        subject=incident,
        section=SECTION,
        action=action,
        obj=incident,
        **kw,
    )


def _snapshot(incident: Incident) -> dict[str, str]:
    return snapshot(incident, exclude=PRIVATE_TEXTS)


def _stored(incident: Incident) -> dict[str, str]:
    """Return the snapshot of the row as stored: a model form has already put the new values on ``incident``."""
    return _snapshot(Incident.objects.get(pk=incident.pk))


def _check(school_class: SchoolClass, data: dict[str, Any], students: list[Student], now: dt.datetime) -> None:
    problems: dict[str, Any] = dict(
        rules.time_problems(
            occurred_at=data["occurred_at"],
            now=now,
            ambulance_called_at=data.get("ambulance_called_at"),
            administration_informed_at=data.get("administration_informed_at"),
            parents_informed_at=data.get("parents_informed_at"),
        )
    )
    if not students:
        problems["students"] = "Отметьте обучающихся, с которыми произошло происшествие."
    else:
        day = timezone.localtime(data["occurred_at"]).date()
        enrolled = set(class_students(school_class, on=day).values_list("pk", flat=True))
        if any(student.pk not in enrolled for student in students):
            problems["students"] = "Отмечены обучающиеся, которые в день происшествия не учились в этом классе."
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def record_incident(
    *, actor: Any, school_class: SchoolClass, data: dict[str, Any], now: dt.datetime | None = None
) -> Incident:
    """Report an incident with students of the class; the report is the notice to the administration (§4.17)."""
    now = now or timezone.now()
    students = list(data.get("students", []))
    _check(school_class, data, students, now)
    incident = Incident.objects.create(
        organisation_id=school_class.organisation_id,
        school_class=school_class,
        reported_by=actor,
        reported_at=now,
        **{name: data[name] for name in REPORT_FIELDS if name in data},
    )
    incident.students.set(students)
    _history(actor, incident, Action.CREATE, after=_snapshot(incident))
    return incident


@transaction.atomic
def correct_incident(
    *, actor: Any, incident: Incident, data: dict[str, Any], now: dt.datetime | None = None
) -> Incident:
    """Correct a report (a time learnt later, the parents told); the history keeps what it said before."""
    now = now or timezone.now()
    students = list(data.get("students", incident.students.all()))
    _check(incident.school_class, data, students, now)
    before = _stored(incident)
    fields = [name for name in REPORT_FIELDS if name in data]
    for name in fields:
        setattr(incident, name, data[name])
    incident.save(update_fields=fields)
    incident.students.set(students)
    _history(actor, incident, Action.UPDATE, before=before, after=_snapshot(incident))
    return incident


@transaction.atomic
def acknowledge_incident(*, actor: Any, incident: Incident, now: dt.datetime | None = None) -> Incident:
    """Mark the report received by the administration; it leaves their home page. Receiving twice changes nothing."""
    if incident.acknowledged_at is not None:
        return incident
    before = _snapshot(incident)
    incident.acknowledged_by = actor
    incident.acknowledged_at = now or timezone.now()
    incident.save(update_fields=["acknowledged_by", "acknowledged_at"])
    _history(actor, incident, Action.UPDATE, before=before, after=_snapshot(incident))
    return incident


@transaction.atomic
def save_act(*, actor: Any, incident: Incident, data: dict[str, Any]) -> Incident:
    """Fill the commission's part of the accident act (Приказ Минобрнауки № 602); only an accident has one."""
    if incident.kind != Incident.Kind.ACCIDENT:
        raise ValidationError({"act_number": "Акт о расследовании составляют только о несчастном случае."})
    act_date = data.get("act_date")
    if act_date is not None and act_date < timezone.localtime(incident.occurred_at).date():
        raise ValidationError({"act_date": "Акт не может быть составлен раньше несчастного случая."})
    before = _stored(incident)
    fields = [name for name in ACT_FIELDS if name in data]
    for name in fields:
        setattr(incident, name, data[name])
    incident.save(update_fields=fields)
    _history(actor, incident, Action.UPDATE, before=before, after=_snapshot(incident))
    return incident


def unacknowledged(organisation_id: int) -> QuerySet[Incident]:
    """Return the reports the administration has not yet received, newest first."""
    return (
        Incident.objects.filter(organisation_id=organisation_id, acknowledged_at__isnull=True)
        .select_related("school_class")
        .order_by("-occurred_at")
    )


def reminders_of(incident: Incident) -> list[rules.Reminder]:
    """Return what is still to be done or recorded for the incident (§1.8, §4.17)."""
    return rules.reminders(
        kind=incident.kind,
        ambulance_called=incident.ambulance_called_at is not None,
        administration_informed=incident.administration_informed_at is not None,
        parents_informed=incident.parents_informed_at is not None,
        acknowledged=incident.acknowledged_at is not None,
    )


def act_context(incident: Incident, *, organisation: Any, students: list[Student]) -> dict[str, Any]:
    """Return the context of the act, one act per injured student, with the safety briefings each attended.

    The briefings (ОТ и ТБ, ПДД, ППБ, before an event) are those of the class before the accident's
    day with the student present: the act asks when the student was last instructed (two queries).
    """
    day = timezone.localtime(incident.occurred_at).date()
    briefings = list(
        SafetyBriefing.objects.filter(
            organisation_id=incident.organisation_id, school_class_id=incident.school_class_id, date__lte=day
        )
        .prefetch_related("present")
        .order_by("-date")
    )
    acts = []
    for student in students:
        attended = [b for b in briefings if any(p.pk == student.pk for p in b.present.all())]
        latest: dict[str, SafetyBriefing] = {}
        for briefing in attended:
            latest.setdefault(briefing.kind, briefing)
        acts.append({"student": student, "briefings": sorted(latest.values(), key=lambda b: b.date)})
    return {
        "incident": incident,
        "organisation": organisation,
        "organisation_name": organisation.name or organisation.short_name,
        "school_class": incident.school_class,
        "occurred_at": timezone.localtime(incident.occurred_at),
        "acts": acts,
    }


def act_docx_context(context: dict[str, Any]) -> dict[str, Any]:
    """Return the act's context for its DOCX: strings and lines only, with a form's blanks where nothing is recorded.

    ``context`` is :func:`act_context`'s; the DOCX prints the same points as the PDF (Приказ Минобрнауки
    России от 27.06.2017 № 602, приложение № 3).
    """
    incident: Incident = context["incident"]
    occurred: dt.datetime = context["occurred_at"]
    organisation = context["organisation"]
    address = getattr(organisation, "address", "")
    blank = "____________________"

    def lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.strip()] or [blank]

    ambulance = incident.ambulance_called_at
    first_aid = incident.first_aid.strip() or blank
    if ambulance:
        first_aid += f"; скорая медицинская помощь вызвана {timezone.localtime(ambulance):%d.%m.%Y %H:%M}"
    return {
        "number": incident.act_number or "____",
        "hour": f"{occurred:%H}",
        "minute": f"{occurred:%M}",
        "day": f"{occurred:%d.%m.%Y}",
        "organisation": context["organisation_name"] + (f", {address}" if address else ""),
        "commission": lines(incident.commission),
        "school_class": str(context["school_class"]),
        "acts": [
            {
                "student": " ".join(p for p in (act["student"].last_name, act["student"].first_name,
                                                act["student"].middle_name) if p),
                "sex": act["student"].get_sex_display(),
                "birth_date": f"{act['student'].birth_date:%d.%m.%Y}",
                "briefings": [f"{b.get_kind_display()}, {b.date:%d.%m.%Y}" + (f": {b.topic}" if b.topic else "")
                              for b in act["briefings"]] or ["инструктажи в журнале класса не записаны"],
            }
            for act in context["acts"]
        ],
        "place": incident.place,
        "during": incident.during or blank,
        "description": lines(incident.description),
        "injuries": " ".join(lines(incident.injuries)),
        "first_aid": first_aid,
        "witnesses": " ".join(lines(incident.witnesses)),
        "days_off": "" if incident.days_off is None else f"{incident.days_off} дн.",
        "causes": lines(incident.causes),
        "responsible": lines(incident.responsible),
        "measures": lines(incident.measures),
        "act_date": f"{incident.act_date:%d.%m.%Y}" if incident.act_date else "«___» ____________ 20___ г.",
    }  # fmt: skip
