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
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.employment.models import WorkRecordEntry, WorkRecordEvent
from kadry.employment.seniority import ACCESS_LOG_WHAT, KindOfService, length_of_service_on, sources_for_employee
from kadry.employment.work_record_views import working_days_left
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


class DeadlineOut(WorkRecordEventOut):
    employee: int = Field(validation_alias="employee_id")
    employee_name: str
    working_days_left: int = Field(description="рабочих дней до срока; отрицательное — просрочено на столько")
    overdue: bool

    @staticmethod
    def resolve_employee_name(event: WorkRecordEvent) -> str:
        return str(event.employee)


@router.get("/work-record-events", response=list[DeadlineOut], tags=[WORK_RECORD_TAG])
def efs_deadlines(request: MemberRequest) -> list[WorkRecordEvent]:
    """Return the organisation's ЕФС-1 events not yet reported, soonest deadline first, as the deadlines page.

    Deadlines as ``work_record_rules.efs_deadline`` set them (Федеральный закон № 27-ФЗ, ст. 11 п. 6):
    the working day after the order for a hire or a dismissal, the 25th of the next month otherwise.
    """
    membership = require(request.membership, Capability.VIEW_ORDERS)
    today = timezone.localdate()
    events = list(
        WorkRecordEvent.objects.filter(organisation_id=membership.organisation_id, reported_on__isnull=True)
        .select_related("employee")
        .order_by("deadline", "employee__last_name", "employee__first_name", "id")
    )
    left: dict[dt.date, int] = {}
    for event in events:
        if event.deadline not in left:
            left[event.deadline] = working_days_left(today, event.deadline)
        event.working_days_left = left[event.deadline]  # type: ignore[attr-defined]
        event.overdue = event.deadline < today  # type: ignore[attr-defined]
    return events


WORK_RECORD_ENTRIES_READ = "Сведения о трудовой деятельности: записи"  # what the access log says was opened
WorkRecordEntryKind = field_enum(WorkRecordEntry, "kind")


class WorkRecordEntryOut(Schema):
    id: int
    number: int
    date: dt.date
    kind: WorkRecordEntryKind  # type: ignore[valid-type]
    wording: str
    document: str
    invalidates: int | None = Field(
        validation_alias="invalidates_id", description="id записи, признанной недействительной"
    )


@router.get("/employees/{employee_id}/work-record-entries", response=list[WorkRecordEntryOut], tags=[WORK_RECORD_TAG])
def work_record_entries(request: MemberRequest, employee_id: int) -> list[WorkRecordEntry]:
    """Return the entries of the employee's work record in their order (Приказ Минтруда № 320н)."""
    employee = get_employee_for(request.membership, employee_id)
    record_access(
        membership=request.membership, subject=employee, what=WORK_RECORD_ENTRIES_READ, request=request, channel="api"
    )
    return list(WorkRecordEntry.objects.filter(employee=employee).order_by("number"))
