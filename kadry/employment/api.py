"""API of employment: an employee's length of service on a date.

Thin, like the UI view: access helper → the periods from the database → the rules. An employee of
another organisation, or a role that may not read personal data, answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema

from kadry.api.enums import field_enum
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.employment.models import WorkRecordEvent
from kadry.employment.seniority import ACCESS_LOG_WHAT, KindOfService, length_of_service_on, sources_for_employee
from kadry.staff.access import get_employee_for

router = Router()

SERVICE_TAG = "Стаж"


class DurationOut(Schema):
    years: int
    months: int
    days: int


class LengthOfServiceOut(Schema):
    on: dt.date
    total: DurationOut = Field(description="Общий стаж: все прежние места работы и назначения")
    insurance: DurationOut = Field(
        description="Страховой стаж (Приказ Минтруда № 585н): пока те же периоды работы, что и общий"
    )
    pedagogical: DurationOut = Field(description="Педагогический стаж: работа в педагогических должностях")
    organisation: DurationOut = Field(description="Непрерывный стаж в организации: последний период без перерыва")


def _duration(kind: KindOfService) -> dict[str, int]:
    return kind.duration.as_dict()


@router.get("/employees/{employee_id}/length-of-service", response=LengthOfServiceOut, tags=[SERVICE_TAG])
def length_of_service(request: MemberRequest, employee_id: int, on: dt.date | None = None) -> dict[str, Any]:
    """Return the employee's length of service of every kind on ``on`` (today if left out), the day included.

    Coinciding periods count once; whole calendar months and years count as such, the days left over
    are added up, and every 30 days make a month (Приказ Минтруда № 585н, п. 20–21).
    """
    employee = get_employee_for(request.membership, employee_id)
    on = on or timezone.localdate()
    service = length_of_service_on(sources_for_employee(employee), on)
    record_access(membership=request.membership, subject=employee, what=ACCESS_LOG_WHAT, request=request, channel="api")
    return {
        "on": on,
        "total": _duration(service.total),
        "insurance": _duration(service.insurance),
        "pedagogical": _duration(service.pedagogical),
        "organisation": _duration(service.organisation),
    }


WORK_RECORD_TAG = "Электронная трудовая книжка (ЕФС-1)"
WORK_RECORD_READ = "Сведения о трудовой деятельности (ЕФС-1)"  # what the access log says was opened
WorkRecordEventKind = field_enum(WorkRecordEvent, "kind")


class WorkRecordEventOut(Schema):
    id: int
    kind: WorkRecordEventKind  # type: ignore[valid-type]
    date: dt.date
    position: str
    department: str
    part_time: bool
    ground_wording: str
    document_name: str
    document_date: dt.date
    document_number: str
    deadline: dt.date = Field(description="срок представления ЕФС-1 в СФР")
    reported_on: dt.date | None = Field(description="когда представлено; null — ещё не представлено")
    cancels: int | None = Field(None, validation_alias="cancels_id", description="id отменяемого мероприятия")


@router.get("/employees/{employee_id}/work-record", response=list[WorkRecordEventOut], tags=[WORK_RECORD_TAG])
def work_record(request: MemberRequest, employee_id: int) -> list[WorkRecordEvent]:
    """Return the employee's events of the electronic work record with their ЕФС-1 deadlines, oldest first."""
    employee = get_employee_for(request.membership, employee_id)
    record_access(
        membership=request.membership, subject=employee, what=WORK_RECORD_READ, request=request, channel="api"
    )
    return list(WorkRecordEvent.objects.filter(employee=employee).order_by("date", "id"))
