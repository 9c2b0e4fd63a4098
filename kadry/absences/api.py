"""API of absences: recording one, and an employee's absences with what each of them means.

Thin, like the views: access helper → the service, whose field errors answer 422 on the field
(an overlap and a sick leave after the dismissal on ``start`` or ``end``, a bad number on ``number``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema, Status

from kadry.absences import rules, services
from kadry.absences.models import Absence
from kadry.api.enums import field_enum
from kadry.api.errors import InvalidInput
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.employment.seniority import sources_for_employee
from kadry.staff.access import get_employee_for
from kadry.staff.models import Employee

router = Router(tags=["Неявки"])

ACCESS_LOG_WHAT = "Неявки"
AbsenceKind = field_enum(Absence, "kind")
AbsenceSickReason = field_enum(Absence, "sick_reason")
# The service's field names → the API's.
API_FIELD = {"sick_leave_number": "number"}


class AbsenceIn(Schema):
    kind: AbsenceKind  # type: ignore[valid-type]
    employee: int
    start: dt.date
    end: dt.date
    number: str = Field("", max_length=12, description="номер ЭЛН (12 цифр) — для листка нетрудоспособности")
    sick_reason: AbsenceSickReason = AbsenceSickReason("")  # type: ignore[valid-type]
    continues: int | None = Field(None, description="id листка, продолжением которого является этот")
    care_child_age: int | None = Field(None, ge=0, le=17, description="возраст ребёнка при уходе за ним")
    care_outpatient: bool = True
    destination: str = Field("", max_length=300)
    purpose: str = Field("", max_length=300)
    minutes_late: int | None = Field(None, ge=1, le=600)
    note: str = Field("", max_length=500)


class EffectOut(Schema):
    working_year: str = Field(description="стаж для ежегодного отпуска (ТК РФ ст. 121): yes, no, pending")
    insurance_service: str
    pedagogical_service: str
    suspends_discipline_month: bool = Field(description="месяц ТК РФ ст. 193 ч. 3 не течёт")
    opens_discipline_case: bool
    sources: list[str]


class SickPayOut(Schema):
    percent: int
    later_percent: int | None
    later_from: int | None
    capped_at_minimum_wage: bool
    source: str


class AbsenceOut(Schema):
    id: int
    employee: int
    kind: AbsenceKind  # type: ignore[valid-type]
    start: dt.date
    end: dt.date
    calendar_days: int
    number: str
    sick_reason: AbsenceSickReason  # type: ignore[valid-type]
    continues: int | None
    care_child_age: int | None
    care_outpatient: bool
    destination: str
    purpose: str
    minutes_late: int | None
    note: str
    timesheet_code: str = Field(description="код табеля Т-13: буквенный/цифровой, например «Б/19»")
    effect: EffectOut
    sick_pay: SickPayOut | None
    warnings: list[str] = Field(
        description="болезнь во время ежегодного отпуска: отпуск продлевается или переносится (ТК РФ ст. 124 ч. 1)"
    )


def _out(absence: Absence, sick_pay: rules.SickPay | None, notices: list[services.LeaveNotice]) -> dict[str, Any]:
    effect = rules.effect_of(absence.kind)
    return {
        "id": absence.pk, "employee": absence.employee_id, "kind": AbsenceKind(absence.kind), "start": absence.start,
        "end": absence.end, "calendar_days": absence.calendar_days, "number": absence.sick_leave_number,
        "sick_reason": AbsenceSickReason(absence.sick_reason), "continues": absence.continues_id, "care_child_age": absence.care_child_age,
        "care_outpatient": absence.care_outpatient, "destination": absence.destination, "purpose": absence.purpose,
        "minutes_late": absence.minutes_late, "note": absence.note,
        "timesheet_code": str(rules.timesheet_code(absence.kind, absence.sick_reason)),
        "effect": {
            "working_year": effect.working_year, "insurance_service": effect.insurance_service,
            "pedagogical_service": effect.pedagogical_service,
            "suspends_discipline_month": effect.suspends_discipline_month,
            "opens_discipline_case": effect.opens_discipline_case,
            "sources": [effect.working_year_source, effect.insurance_service_source,
                        effect.pedagogical_service_source, effect.code_source, effect.discipline_source],
        },
        "sick_pay": None if sick_pay is None else {
            "percent": sick_pay.percent, "later_percent": sick_pay.later_percent, "later_from": sick_pay.later_from,
            "capped_at_minimum_wage": sick_pay.capped_at_minimum_wage, "source": sick_pay.source,
        },
        "warnings": [str(notice) for notice in notices],
    }  # fmt: skip


@router.post("/absences", response={201: AbsenceOut})
def absence_create(request: MemberRequest, payload: AbsenceIn) -> Status:
    """Record an absence: sick leave (with its ЭЛН number), business trip, unexcused absence, no-show, lateness.

    422 on the field: ``end`` before ``start``; ``start`` overlapping another absence of the employee;
    a sick leave on days after the dismissal (``start`` or ``end``); ``number`` not of 12 digits.
    """
    membership = require(request.membership, Capability.EDIT_PERSONAL_DATA)
    employee = Employee.objects.of(membership.organisation_id).filter(pk=payload.employee).first()
    if employee is None:
        raise InvalidInput({"employee": ["Сотрудник не найден в организации."]})
    data = payload.model_dump(exclude={"employee", "number", "continues"})
    data["sick_leave_number"] = payload.number
    data["continues"] = None
    if payload.continues is not None:
        data["continues"] = Absence.objects.filter(
            organisation_id=membership.organisation_id, employee=employee, kind=Absence.Kind.SICK, pk=payload.continues
        ).first()
        if data["continues"] is None:
            raise InvalidInput({"continues": ["Листок этого сотрудника с таким id не внесён."]})
    try:
        absence = services.record_absence(actor=request.user, employee=employee, data=data)
    except ValidationError as error:
        raise InvalidInput(
            {API_FIELD.get(field, field): texts for field, texts in error.message_dict.items()}
        ) from error
    return Status(201, _out(absence, services.sick_pay_of(absence), services.leave_notices(absence)))


class PeriodQuery(Schema):
    start: dt.date | None = Field(None, description="неявки, заканчивающиеся не раньше этой даты")
    end: dt.date | None = Field(None, description="неявки, начинающиеся не позже этой даты")


@router.get("/employees/{employee_id}/absences", response=list[AbsenceOut])
def employee_absences(request: MemberRequest, employee_id: int, query: Query[PeriodQuery]) -> list[dict[str, Any]]:
    """Return the employee's absences, newest first, each with its timesheet code, effects and sick-pay rate."""
    employee = get_employee_for(request.membership, employee_id)
    rows = Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    if query.start:
        rows = rows.filter(end__gte=query.start)
    if query.end:
        rows = rows.filter(start__lte=query.end)
    absences = list(rows.order_by("-start", "-id"))
    # The periods of work are read once for all the sheets.
    sources = sources_for_employee(employee) if any(a.kind == Absence.Kind.SICK for a in absences) else []
    notices = services.leave_notices_of(employee, absences)
    record_access(membership=request.membership, subject=employee, what=ACCESS_LOG_WHAT, request=request, channel="api")
    return [_out(absence, services.sick_pay_of(absence, sources), notices.get(absence.pk, [])) for absence in absences]
