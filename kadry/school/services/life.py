"""State changes of class life: class hours, parent meetings, events, briefings, duty, visits, individual work.

Every function is atomic, takes ``actor=`` and writes the change history of the class (or of the
student, for individual work). The regulation's checks (§6.6, §6.7, §6.9) live in ``rules/life.py``;
a refusal is a ``ValidationError`` keyed by the field the user has to change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.lib.dates import short_date
from kadry.school.models import (
    ClassEvent,
    ClassHour,
    ClassVisit,
    DutyRoster,
    Enrollment,
    Guardian,
    IndividualWork,
    ParentMeeting,
    Period,
    SafetyBriefing,
    SchoolClass,
    Student,
)
from kadry.school.rules import life as rules
from kadry.school.services.attendance import school_day_refusal
from kadry.staff.models import Employee

Action = ChangeRecord.Action


# --- what the forms choose from -------------------------------------------------------------------


def class_students(school_class: SchoolClass, *, on: dt.date | None = None) -> QuerySet[Student]:
    """Return the students enrolled in ``school_class`` on ``on`` (today by default)."""
    on = on or timezone.localdate()
    enrolled = Enrollment.objects.active(on=on).filter(school_class=school_class)
    return Student.objects.filter(organisation_id=school_class.organisation_id, pk__in=enrolled.values("student_id"))


def class_guardians(school_class: SchoolClass, *, on: dt.date | None = None) -> QuerySet[Guardian]:
    """Return the guardians of the class's students, ordered by the student's name."""
    return (
        Guardian.objects.filter(
            organisation_id=school_class.organisation_id, student__in=class_students(school_class, on=on)
        )
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "full_name")
    )


def class_periods(school_class: SchoolClass) -> QuerySet[Period]:
    """Return the periods (quarters, trimesters…) of the class's year that apply to its grade."""
    return Period.objects.filter(
        organisation_id=school_class.organisation_id,
        academic_year_id=school_class.academic_year_id,
        grade_from__lte=school_class.grade,
        grade_to__gte=school_class.grade,
    ).order_by("start")


def _history(actor: Any, school_class: SchoolClass, section: str, obj: models.Model, action: str, **kw: Any) -> None:
    record_change(
        actor=actor,
        organisation_id=school_class.organisation_id,
        subject=school_class,
        section=section,
        action=action,
        obj=obj,
        **kw,
    )


def _create(model: type[models.Model], school_class: SchoolClass, data: dict[str, Any]) -> Any:
    """Create a row of the class from ``data``; many-to-many values are set after the row exists."""
    many = {field.name for field in model._meta.many_to_many}
    row = model._default_manager.create(
        organisation_id=school_class.organisation_id,
        school_class=school_class,
        **{name: value for name, value in data.items() if name not in many},
    )
    for name in many & set(data):
        getattr(row, name).set(data[name])
    return row


# --- class hours (§6.2, §6.6) ---------------------------------------------------------------------

SECTION_CLASS_HOURS = "Классные часы"


@transaction.atomic
def plan_class_hour(*, actor: Any, school_class: SchoolClass, date: dt.date, topic: str) -> ClassHour:
    """Add a planned class hour on ``date`` with its topic; refuse a day without lessons."""
    refusal = school_day_refusal(school_class, date)
    if refusal:
        raise ValidationError({"date": refusal})
    hour = _create(ClassHour, school_class, {"date": date, "topic": topic})
    _history(actor, school_class, SECTION_CLASS_HOURS, hour, Action.CREATE, after=snapshot(hour))
    return hour


@transaction.atomic
def record_class_hour_held(*, actor: Any, class_hour: ClassHour, notes: str = "") -> ClassHour:
    """Mark a planned class hour held, with its notes."""
    if class_hour.status == ClassHour.Status.CANCELLED:
        raise ValidationError({"notes": "Классный час отменён: отметить его проведённым нельзя."})
    before = snapshot(class_hour)
    class_hour.status = ClassHour.Status.HELD
    class_hour.notes = notes
    class_hour.save(update_fields=["status", "notes"])
    _history(
        actor,
        class_hour.school_class,
        SECTION_CLASS_HOURS,
        class_hour,
        Action.UPDATE,
        before=before,
        after=snapshot(class_hour),
    )
    return class_hour


def cancel_refusal(class_hour: ClassHour, notified_at: dt.datetime) -> str | None:
    """Return why a notice at ``notified_at`` cannot cancel ``class_hour`` (§6.6), or None when it can."""
    tz = timezone.get_current_timezone()
    if rules.cancel_notice_in_time(notified_at, class_hour.date, tz):
        return None
    deadline = rules.cancel_notice_deadline(class_hour.date, tz)
    return (
        f"Отменить классный час {short_date(class_hour.date)} уже нельзя: администрацию нужно уведомить "
        f"не менее чем за сутки (п. 6.6 положения), то есть не позднее {deadline:%H:%M} {short_date(deadline.date())}. "
        f"Уведомление {timezone.localtime(notified_at):%d.%m.%Y %H:%M} опоздало — классный час проводится."
    )


@transaction.atomic
def cancel_class_hour(*, actor: Any, class_hour: ClassHour, reason: str, now: dt.datetime | None = None) -> ClassHour:
    """Cancel a planned class hour; recording the cancellation is the notice to the administration (§6.6).

    Refused with the reason under ``cancel_reason`` (no reason given, the hour held or cancelled) or
    ``cancel_notified_at`` (the notice comes later than a day before).
    """
    now = now or timezone.now()
    reason = reason.strip()
    if class_hour.status != ClassHour.Status.PLANNED:
        raise ValidationError(
            {"cancel_reason": f"Классный час уже {class_hour.get_status_display()}: отменить его нельзя."}
        )
    if not reason:
        raise ValidationError({"cancel_reason": "Укажите причину отмены: без обоснования отмена не принимается."})
    refusal = cancel_refusal(class_hour, now)
    if refusal:
        raise ValidationError({"cancel_notified_at": refusal})
    before = snapshot(class_hour)
    class_hour.status = ClassHour.Status.CANCELLED
    class_hour.cancel_reason = reason
    class_hour.cancel_notified_at = now
    class_hour.save(update_fields=["status", "cancel_reason", "cancel_notified_at"])
    _history(
        actor,
        class_hour.school_class,
        SECTION_CLASS_HOURS,
        class_hour,
        Action.UPDATE,
        before=before,
        after=snapshot(class_hour),
    )
    return class_hour


# --- parent meetings (§6.7) -----------------------------------------------------------------------

SECTION_MEETINGS = "Родительские собрания"


@transaction.atomic
def save_meeting(
    *, actor: Any, school_class: SchoolClass, data: dict[str, Any], meeting: ParentMeeting | None = None
) -> ParentMeeting:
    """Create a parent meeting of the class, or update ``meeting``; ``data['attended']`` lists guardians."""
    attended = list(data.get("attended", []))
    foreign = [g for g in attended if g.organisation_id != school_class.organisation_id]
    if foreign:
        raise ValidationError({"attended": "Отмечены родители не из этой организации."})
    fields: dict[str, Any] = {name: data[name] for name in ("date", "agenda", "minutes", "decisions") if name in data}
    if meeting is None:
        meeting = _create(ParentMeeting, school_class, {**fields, "attended": attended})
        _history(actor, school_class, SECTION_MEETINGS, meeting, Action.CREATE, after=snapshot(meeting))
        return meeting
    before = snapshot(meeting)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(fields))
    meeting.attended.set(attended)
    _history(actor, school_class, SECTION_MEETINGS, meeting, Action.UPDATE, before=before, after=snapshot(meeting))
    return meeting


@dataclass(frozen=True)
class MeetingWarning:
    level: rules.Level
    period: Period
    text: str


def meeting_warnings(school_class: SchoolClass, today: dt.date | None = None) -> list[MeetingWarning]:
    """Return the class's periods without a parent meeting (§6.7), worded for a banner; two queries."""
    today = today or timezone.localdate()
    periods = list(class_periods(school_class))
    dates = ParentMeeting.objects.filter(
        organisation_id=school_class.organisation_id, school_class=school_class
    ).values_list("date", flat=True)
    warnings = []
    for missing in rules.quarters_without_meeting(periods, list(dates), today):
        period: Period = missing.period  # type: ignore[assignment]
        name = f"{period.number}-я {period.get_kind_display()} ({short_date(period.start)}–{short_date(period.end)})"
        if missing.level == rules.Level.VIOLATION:
            text = f"{name} закончилась без родительского собрания (п. 6.7 положения: не реже раза в четверть)."
        else:
            text = (
                f"{name} заканчивается через {missing.days_left} дн., а родительского собрания в ней ещё не было "
                f"(п. 6.7 положения)."
            )
        warnings.append(MeetingWarning(missing.level, period, text))
    return warnings


# --- events (§6.9) --------------------------------------------------------------------------------

SECTION_EVENTS = "Внеклассные мероприятия"


def event_problems(
    *,
    date: dt.date,
    notice_given_on: dt.date | None,
    participants: int,
    escort_employees: int,
    other_escorts: str,
    today: dt.date,
) -> dict[str, list[str]]:
    """Return the §6.9 problems of an event by field: the notice (3 days) and the adults (1 per 10)."""
    problems: dict[str, list[str]] = {}
    if notice_given_on is not None:
        if notice_given_on > today:
            problems["notice_given_on"] = ["Уведомление ещё не подано: дата уведомления позже сегодняшней."]
        elif not rules.notice_in_time(notice_given_on, date):
            deadline = rules.notice_deadline(date)
            problems["notice_given_on"] = [
                f"Уведомление {short_date(notice_given_on)} подано поздно: о мероприятии {short_date(date)} "
                f"администрацию уведомляют письменно не менее чем за 3 дня, то есть не позднее "
                f"{short_date(deadline)} (п. 6.9 положения)."
            ]
    adults = escort_employees + len(other_adults(other_escorts))
    needed = rules.escorts_needed(participants)
    if adults < needed:
        problems["escorts"] = [
            f"Сопровождающих взрослых {adults}, а для {participants} обучающихся нужно не менее {needed}: "
            f"1 взрослый на 10 обучающихся (п. 6.9 положения)."
        ]
    return problems


def working_escorts(organisation_id: int, on: dt.date) -> QuerySet[Employee]:
    """Return the employees who may escort an event of the school on ``on``: those working there that day."""
    return (
        Employee.objects.of(organisation_id)
        .with_status(Employee.Status.WORKING, on)
        .order_by("last_name", "first_name", "middle_name")
    )


def not_working_escorts(escorts: list[Employee], on: dt.date) -> list[Employee]:
    """Return the chosen escorts who do not work at the school on the event's date (one query)."""
    if not escorts:
        return []
    working = set(
        working_escorts(escorts[0].organisation_id, on)
        .filter(pk__in=[e.pk for e in escorts])
        .values_list("pk", flat=True)
    )
    return [employee for employee in escorts if employee.pk not in working]


def escorts_not_working_message(employees: list[Employee], on: dt.date) -> str:
    names = ", ".join(employee.short_name for employee in employees)
    return (
        f"Сопровождающим может быть только работающий сотрудник школы: {names} не работает на "
        f"{short_date(on)}. Других взрослых впишите в поле ниже."
    )


def other_adults(names: str) -> list[str]:
    """Return the other escorting adults written by name, comma-separated."""
    return [name.strip() for name in names.split(",") if name.strip()]


@transaction.atomic
def create_event(
    *, actor: Any, school_class: SchoolClass, data: dict[str, Any], today: dt.date | None = None
) -> ClassEvent:
    """Record an out-of-class event with participants and escorts; refuse what breaks §6.9."""
    today = today or timezone.localdate()
    check_event(school_class, data, today)
    event = _create(ClassEvent, school_class, {**data, "created_by": actor})
    _history(actor, school_class, SECTION_EVENTS, event, Action.CREATE, after=snapshot(event))
    return event


def check_event(school_class: SchoolClass, data: dict[str, Any], today: dt.date) -> None:
    """Raise the §6.9 refusals of an event's data by field (a new event, or a correction of one)."""
    participants = list(data.get("participants", []))
    escorts = list(data.get("escorts", []))
    if not participants:
        raise ValidationError({"participants": "Отметьте участников мероприятия."})
    if any(s.organisation_id != school_class.organisation_id for s in participants) or any(
        e.organisation_id != school_class.organisation_id for e in escorts
    ):
        raise ValidationError({"participants": "Участники и сопровождающие — только из этой организации."})
    not_working = not_working_escorts(escorts, data["date"])
    if not_working:
        raise ValidationError({"escorts": escorts_not_working_message(not_working, data["date"])})
    problems = event_problems(
        date=data["date"],
        notice_given_on=data["notice_given_on"],
        participants=len(participants),
        escort_employees=len(escorts),
        other_escorts=data.get("other_escorts", ""),
        today=today,
    )
    if problems:
        raise ValidationError(problems)


# --- safety briefings, duty, visits ---------------------------------------------------------------


@transaction.atomic
def record_briefing(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> SafetyBriefing:
    """Record a safety briefing with the students present; an event's briefing names the event."""
    event = data.get("event")
    if event is not None and event.school_class_id != school_class.pk:
        raise ValidationError({"event": "Мероприятие другого класса."})
    if not data.get("present"):
        raise ValidationError({"present": "Отметьте присутствовавших обучающихся."})
    briefing = _create(SafetyBriefing, school_class, {**data, "conducted_by": actor})
    _history(actor, school_class, "Журнал инструктажей", briefing, Action.CREATE, after=snapshot(briefing))
    return briefing


@transaction.atomic
def add_duty_shift(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> DutyRoster:
    """Add a day of duty with the students on duty."""
    shift = _create(DutyRoster, school_class, {**data, "created_by": actor})
    _history(actor, school_class, "График дежурств", shift, Action.CREATE, after=snapshot(shift))
    return shift


@transaction.atomic
def add_visit(*, actor: Any, school_class: SchoolClass, data: dict[str, Any]) -> ClassVisit:
    """Log a lesson visited or a consultation received, or plan one by the schedule (§6.3)."""
    refusal = rules.visit_refusal(data.get("status", ClassVisit.Status.DONE), data["date"], timezone.localdate())
    if refusal:
        raise ValidationError({"date": refusal})
    visit = _create(ClassVisit, school_class, {**data, "created_by": actor})
    _history(actor, school_class, "Посещения уроков и консультации", visit, Action.CREATE, after=snapshot(visit))
    return visit


# --- individual work (restricted) -----------------------------------------------------------------


@transaction.atomic
def add_individual_work(*, actor: Any, student: Student, data: dict[str, Any]) -> IndividualWork:
    """Add an entry of individual work or a prevention case to the student's log."""
    entry = IndividualWork.objects.create(
        organisation_id=student.organisation_id, student=student, author=actor, **data
    )
    record_change(
        actor=actor,
        organisation_id=student.organisation_id,
        subject=student,
        section="Индивидуальная работа",
        action=Action.CREATE,
        obj=entry,
        after=snapshot(entry, exclude=frozenset({"content", "outcome"})),
    )
    return entry
