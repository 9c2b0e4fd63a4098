"""API of class life: recording an event, planning and cancelling a class hour, the quarterly parent-meeting check.

Thin like the UI: ``get_class_for`` (404 outside the role's classes) → the UI's form → the service.
The regulation's refusals answer 422 keyed by field: ``notice_given_on`` and ``escorts`` (§6.9),
``cancel_reason`` and ``cancel_notified_at`` (§6.6), ``date`` of a class hour on a day without
lessons. Writes need the class teacher's role.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kadry.api.enums import choices_enum, named_enum
from kadry.api.errors import InvalidInput, validated
from kadry.core.access import require
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school.access import get_class_for
from kadry.school.forms_life import ClassEventForm, ClassHourPlanForm
from kadry.school.models import ClassEvent, ClassHour
from kadry.school.rules.life import Level
from kadry.school.services import life as services

router = Router()
ClassHourStatus = choices_enum(ClassHour, ClassHour.Status)
MeetingCheckLevel = named_enum("MeetingCheckLevel", [(level.value, level.value) for level in Level])


class EventIn(Schema):
    title: str
    date: dt.date
    start_time: dt.time | None = None
    place: str
    outside_school: bool = False
    participants: list[int] | None = Field(None, description="id обучающихся класса; по умолчанию — весь класс")
    escorts: list[int] = Field([], description="id сопровождающих сотрудников школы")
    other_escorts: str = Field("", description="другие сопровождающие взрослые: ФИО через запятую")
    notice_given_on: dt.date = Field(description="дата письменного уведомления администрации")


class EventOut(Schema):
    id: int
    title: str
    date: dt.date
    start_time: dt.time | None
    place: str
    outside_school: bool
    participants: list[int]
    escorts: list[int]
    other_escorts: str
    notice_given_on: dt.date

    @staticmethod
    def resolve_participants(event: ClassEvent) -> list[int]:
        return [student.pk for student in event.participants.all()]

    @staticmethod
    def resolve_escorts(event: ClassEvent) -> list[int]:
        return [employee.pk for employee in event.escorts.all()]


class ClassHourIn(Schema):
    date: dt.date = Field(description="учебный день: в пределах учебного года, не выходной и не каникулы")
    topic: str


class CancelIn(Schema):
    reason: str = Field(description="причина отмены (обоснование для администрации)")


class ClassHourOut(Schema):
    id: int
    date: dt.date
    topic: str
    status: ClassHourStatus  # type: ignore[valid-type]
    cancel_reason: str
    cancel_notified_at: dt.datetime | None
    notes: str


class MissingMeetingOut(Schema):
    period: int = Field(description="id учебного периода")
    name: str
    start: dt.date
    end: dt.date
    level: MeetingCheckLevel = Field(  # type: ignore[valid-type]
        description="violation — период закончился без собрания; warning — до конца ≤ 14 дней"
    )
    days_left: int
    message: str


class MeetingCheckOut(Schema):
    today: dt.date
    ok: bool
    missing: list[MissingMeetingOut]


def _refusal(error: ValidationError) -> InvalidInput:
    if hasattr(error, "error_dict"):
        return InvalidInput({key: list(messages) for key, messages in error.message_dict.items()})
    return InvalidInput({NON_FIELD_ERRORS: list(error.messages)})


@router.get("/classes/{class_id}/events", response=list[EventOut], summary="Внеклассные мероприятия класса")
def list_events(request: MemberRequest, class_id: int) -> list[ClassEvent]:
    """Return the class's events, newest first; students and escorts by id (their names are in the class's list)."""
    school_class = get_class_for(request.membership, class_id)
    events = ClassEvent.objects.filter(school_class=school_class).prefetch_related("participants", "escorts")
    return list(events.order_by("-date", "-id"))


@router.post("/classes/{class_id}/events", response={201: EventOut}, summary="Записать внеклассное мероприятие")
def create_event(request: MemberRequest, class_id: int, payload: EventIn) -> Status:
    """Record an event; a notice later than 3 days before or fewer adults than ⌈n/10⌉ answer 422 (§6.9)."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    data = payload.model_dump()
    if data["participants"] is None:
        data["participants"] = list(services.class_students(school_class).values_list("pk", flat=True))
    cleaned = validated(ClassEventForm(data, school_class=school_class))
    try:
        event = services.create_event(actor=request.user, school_class=school_class, data=cleaned)
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(201, event)


@router.post("/classes/{class_id}/class-hours", response={201: ClassHourOut}, summary="Запланировать классный час")
def plan_class_hour(request: MemberRequest, class_id: int, payload: ClassHourIn) -> Status:
    """Plan a class hour; a day off, a public holiday, school holidays or a day outside the school year answer 422."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    cleaned = validated(ClassHourPlanForm(payload.model_dump(), school_class=school_class))
    try:
        hour = services.plan_class_hour(actor=request.user, school_class=school_class, **cleaned)
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(201, hour)


@router.post("/classes/{class_id}/class-hours/{hour_id}/cancel", response=ClassHourOut, summary="Отменить классный час")
def cancel_class_hour(request: MemberRequest, class_id: int, hour_id: int, payload: CancelIn) -> ClassHour:
    """Cancel a planned class hour with a reason; later than a day before answers 422 (§6.6)."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    hour = get_object_or_404(
        ClassHour.objects.filter(organisation_id=school_class.organisation_id, school_class=school_class), pk=hour_id
    )
    try:
        return services.cancel_class_hour(actor=request.user, class_hour=hour, reason=payload.reason)
    except ValidationError as error:
        raise _refusal(error) from error


@router.get("/classes/{class_id}/meeting-check", response=MeetingCheckOut, summary="Собрания по четвертям")
def meeting_check(request: MemberRequest, class_id: int) -> dict:
    """Return the periods without a parent meeting (§6.7): ended ones and the current one near its end."""
    school_class = get_class_for(request.membership, class_id)
    today = timezone.localdate()
    missing = [
        {
            "period": warning.period.pk,
            "name": str(warning.period),
            "start": warning.period.start,
            "end": warning.period.end,
            "level": warning.level,
            "days_left": (warning.period.end - today).days,
            "message": warning.text,
        }
        for warning in services.meeting_warnings(school_class, today)
    ]
    return {"today": today, "ok": not missing, "missing": missing}
