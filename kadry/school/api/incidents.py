"""API of the register of incidents (§1.8, §4.17) and of the messages to parents (§4.8).

Thin like the UI: the access helpers (404 outside the role's classes, or for a role that does not read
the register) → the page's form → the service. The register is health data: its list writes the
access log; a creation answers what was sent, with its id.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from ninja import Field, Router, Schema, Status

from kadry.api.enums import choices_enum
from kadry.api.errors import InvalidInput, validated
from kadry.core.access import require
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school import access_log
from kadry.school.access import get_class_for, incidents_for
from kadry.school.api.life import _refusal
from kadry.school.forms_incidents import IncidentForm, ParentMessageForm
from kadry.school.models import Incident, ParentMessage
from kadry.school.services import incidents as services
from kadry.school.services import messages as message_services
from kadry.school.views.incidents import INCIDENTS

router = Router()
IncidentKindEnum = choices_enum(Incident, Incident.Kind)
ParentMessageTopicEnum = choices_enum(ParentMessage, ParentMessage.Topic)
ParentMessageChannelEnum = choices_enum(ParentMessage, ParentMessage.Channel)


class IncidentIn(Schema):
    school_class: int = Field(description="id класса, с обучающимися которого произошло")
    kind: IncidentKindEnum  # type: ignore[valid-type]
    occurred_at: dt.datetime
    place: str
    during: str = ""
    students: list[int] = Field(description="id обучающихся класса")
    description: str
    injuries: str = ""
    first_aid: str = ""
    ambulance_called_at: dt.datetime | None = None
    administration_informed_at: dt.datetime | None = None
    administration_informed_whom: str = ""
    parents_informed_at: dt.datetime | None = None
    parents_informed_whom: str = ""
    witnesses: str = ""


class IncidentOut(Schema):
    id: int
    school_class: int = Field(alias="school_class_id")
    kind: IncidentKindEnum  # type: ignore[valid-type]
    occurred_at: dt.datetime
    place: str
    during: str
    students: list[int]
    description: str
    injuries: str
    first_aid: str
    ambulance_called_at: dt.datetime | None
    administration_informed_at: dt.datetime | None
    administration_informed_whom: str
    parents_informed_at: dt.datetime | None
    parents_informed_whom: str
    witnesses: str
    acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_students(incident: Incident) -> list[int]:
        return [student.pk for student in incident.students.all()]


class ParentMessageIn(Schema):
    student: int | None = Field(None, description="id обучающегося класса; пусто — родителям всего класса")
    topic: ParentMessageTopicEnum  # type: ignore[valid-type]
    term: str = Field("", description="для темы grades — период (q1…q4, t1…t3, h1, h2, year): каждой семье её оценки")
    title: str
    text: str
    channel: ParentMessageChannelEnum  # type: ignore[valid-type]


class ParentMessageOut(Schema):
    id: int
    student: int | None = Field(alias="student_id")
    topic: ParentMessageTopicEnum  # type: ignore[valid-type]
    title: str
    text: str
    channel: ParentMessageChannelEnum  # type: ignore[valid-type]
    term: str
    sent_at: dt.datetime
    recipients: int = Field(description="сколько родителей (законных представителей) получили сообщение")

    @staticmethod
    def resolve_recipients(message: ParentMessage) -> int:
        return message.recipients.count()


@router.get("/incidents", response=list[IncidentOut], summary="Журнал происшествий с обучающимися")
def list_incidents(request: MemberRequest, class_id: int | None = None) -> QuerySet[Incident]:
    """Return the incidents of the classes the caller reaches (``class_id`` narrows), newest first; logged."""
    rows = incidents_for(request.membership).prefetch_related("students")
    subject: Model = request.membership.organisation
    if class_id is not None:
        school_class = get_class_for(request.membership, class_id)
        rows = rows.filter(school_class=school_class)
        subject = school_class
    result = list(rows.order_by("-occurred_at", "-pk"))
    named = {student.pk for incident in result for student in incident.students.all()}
    access_log.record_list_access(request, subject, INCIDENTS, len(named), channel="api")
    return result  # type: ignore[return-value]


@router.post("/incidents", response={201: IncidentOut}, summary="Записать происшествие")
def create_incident(request: MemberRequest, payload: IncidentIn) -> Status:
    """Report an incident; a time in the future, a call before the incident or a student of another class answer 422."""
    incidents_for(request.membership)
    require(request.membership, Capability.CLASS_WORK)
    data = payload.model_dump()
    try:
        school_class = get_class_for(request.membership, data.pop("school_class"))
    except Http404 as error:  # an unknown class is bad input, not a missing address
        raise InvalidInput({"school_class": ["Нет такого класса среди ваших."]}) from error
    cleaned = validated(IncidentForm(data, school_class=school_class))
    try:
        incident = services.record_incident(actor=request.user, school_class=school_class, data=cleaned)
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(201, incident)


@router.post("/classes/{class_id}/messages", response={201: ParentMessageOut}, summary="Записать сообщение родителям")
def send_message(request: MemberRequest, class_id: int, payload: ParentMessageIn) -> Status:
    """Record a message to the class's parents (or one student's) as sent; answers how many it went to."""
    school_class = get_class_for(request.membership, class_id)
    require(request.membership, Capability.CLASS_WORK)
    cleaned = validated(ParentMessageForm(payload.model_dump(), school_class=school_class))
    try:
        message = message_services.send_message(actor=request.user, school_class=school_class, data=cleaned)
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(201, message)
