"""API of the students' activities: the class's clubs, актив and competition results, with the rating; adding one.

Thin like the UI: ``get_class_for`` (404 outside the role's classes) → the UI's form → the service. The
list names students, so it is access-logged; writes need the class teacher's role. A competition
without level or result, or an end before the start, answers 422 keyed by field.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from kadry.api.enums import field_enum
from kadry.api.errors import InvalidInput, validated
from kadry.core.access import require
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school import access_log
from kadry.school.access import get_class_for
from kadry.school.forms_activities import ActivityForm
from kadry.school.models import Activity
from kadry.school.queries.activities import class_activities
from kadry.school.services import activities as services
from kadry.school.views.activities import ACTIVITIES

router = Router()
ActivityKind = field_enum(Activity, "kind")
ActivityLevel = field_enum(Activity, "level")
ActivityPlacement = field_enum(Activity, "placement")


class ActivityIn(Schema):
    student: int = Field(description="id обучающегося класса")
    kind: ActivityKind  # type: ignore[valid-type]
    name: str = Field(description="название кружка, роль в активе, название конкурса или олимпиады")
    start: dt.date
    end: dt.date | None = None
    outside_school: bool = Field(False, description="кружок, секция вне школы")
    organiser: str = Field("", description="организация, которая проводит")
    level: ActivityLevel | None = Field(None, description="для конкурса, олимпиады: уровень")  # type: ignore[valid-type]
    placement: ActivityPlacement | None = Field(None, description="для конкурса, олимпиады: итог")  # type: ignore[valid-type]
    result: str = Field("", description="как в документе: диплом, грамота, место")


class ActivityOut(Schema):
    id: int
    student: int
    student_name: str
    kind: str
    name: str
    start: dt.date
    end: dt.date | None
    outside_school: bool
    organiser: str
    level: str
    placement: str
    result: str
    points: int = Field(description="баллы рейтинга активности (Положение о классном руководителе, §4.16)")


class ActivityListOut(Schema):
    on: dt.date
    students: int
    in_clubs: int
    club_employment: Decimal | None = Field(description="обучающиеся хотя бы в одном кружке ÷ обучающиеся × 100")
    rating: int = Field(description="сумма баллов рейтинга активности класса")
    rating_per_student: Decimal | None
    activities: list[ActivityOut]


def _out(activity: Activity) -> dict:
    return {
        "id": activity.pk,
        "student": activity.student_id,
        "student_name": str(activity.student),
        "kind": activity.kind,
        "name": activity.name,
        "start": activity.start,
        "end": activity.end,
        "outside_school": activity.outside_school,
        "organiser": activity.organiser,
        "level": activity.level,
        "placement": activity.placement,
        "result": activity.result,
        "points": activity.rating_points,
    }


@router.get("/classes/{class_id}/activities", response=ActivityListOut, summary="Занятость и достижения класса")
def list_activities(request: MemberRequest, class_id: int) -> dict:
    """Return the activities of the class's students this school year, the club employment and the rating."""
    school_class = get_class_for(request.membership, class_id)
    data = class_activities(school_class, on=timezone.localdate())
    named = len({a.student_id for a in data.activities})
    access_log.record_list_access(request, school_class, ACTIVITIES, named, channel="api")
    return {
        "on": data.on,
        "students": len(data.students),
        "in_clubs": data.in_clubs,
        "club_employment": data.employment,
        "rating": data.rating.total,
        "rating_per_student": data.rating.per_student,
        "activities": [_out(a) for a in data.activities],
    }


@router.post("/classes/{class_id}/activities", response={201: ActivityOut}, summary="Добавить запись о занятости")
def create_activity(request: MemberRequest, class_id: int, payload: ActivityIn) -> Status:
    """Record a club, a role in the class's актив or a competition result of a student of the class."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    body = payload.model_dump()
    body["level"] = body["level"] or ""
    body["placement"] = body["placement"] or ""
    cleaned = validated(ActivityForm(body, school_class=school_class))
    try:
        activity = services.add_activity(actor=request.user, school_class=school_class, data=cleaned)
    except ValidationError as error:
        raise InvalidInput({key: list(messages) for key, messages in error.message_dict.items()}) from error
    return Status(201, _out(activity))
