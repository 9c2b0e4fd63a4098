"""State changes of employment. The orders app calls these when an order is signed or cancelled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.employment.certificate_rules import certificate_due
from kadry.employment.models import (
    Assignment,
    CertificateApplication,
    Contract,
    Sanction,
    WorkRecordEntry,
    WorkRecordEvent,
)
from kadry.employment.work_record_rules import efs_deadline, invalid_entry_wording
from kadry.staff.models import Employee, StaffingUnit

HISTORY_SECTION = "Назначения"


def free_rates(staffing_unit: StaffingUnit, on: dt.date, *, excluding: Assignment | None = None) -> Decimal:
    """Return the rates of ``staffing_unit`` not occupied on ``on``."""
    occupied = Assignment.objects.filter(staffing_unit=staffing_unit).active(on=on)
    if excluding is not None:
        occupied = occupied.exclude(pk=excluding.pk)
    total = occupied.aggregate(total=Sum("rate"))["total"] or Decimal("0")
    return staffing_unit.rates - total


def _check_fits(staffing_unit: StaffingUnit, rate: Decimal, on: dt.date) -> None:
    free = free_rates(staffing_unit, on)
    if rate > free:
        raise ValidationError(
            {
                "rate": f"В штатной единице «{staffing_unit}» свободно {free} ст. из {staffing_unit.rates} — ставка {rate} не помещается."
            }
        )


@transaction.atomic
def record_opening_assignment(
    *,
    actor: Any,
    employee: Employee,
    staffing_unit: StaffingUnit,
    rate: Decimal,
    start: dt.date,
    basis: str,
    kind: str = Assignment.Kind.MAIN,
) -> Assignment:
    """Record an assignment that began before the school kept its records in Kadry.

    ``basis`` names the paper order it rests on («Приказ от 01.09.2015 № 45-к»). Refuses a rate
    beyond the staffing unit's free rates on ``start``.
    """
    if staffing_unit.organisation_id != employee.organisation_id:
        raise ValidationError({"staffing_unit": "Штатная единица другой организации."})
    _check_fits(staffing_unit, rate, start)
    assignment = Assignment.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        staffing_unit=staffing_unit,
        rate=rate,
        kind=kind,
        start=start,
        basis=basis,
    )
    record_change(
        actor=actor,
        organisation_id=employee.organisation_id,
        subject=employee,
        section=HISTORY_SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=assignment,
        after=snapshot(assignment, frozenset({"employee"})),
    )
    return assignment


def start_assignment(
    *,
    employee: Employee,
    staffing_unit: StaffingUnit,
    rate: Decimal,
    kind: str,
    start: dt.date,
    end: dt.date | None,
    basis: str,
    order_item: Any,
) -> Assignment:
    """Place the employee on a staffing unit from ``start`` (to ``end``), if the rate fits."""
    _check_fits(staffing_unit, rate, start)
    return Assignment.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        staffing_unit=staffing_unit,
        rate=rate,
        kind=kind,
        start=start,
        end=end,
        basis=basis,
        order_item=order_item,
    )


def close_assignment(assignment: Assignment, *, last_day: dt.date) -> dt.date | None:
    """End ``assignment`` on ``last_day``; return its previous end so a cancellation can restore it."""
    previous = assignment.end
    assignment.end = last_day
    assignment.save(update_fields=["end"])
    return previous


def reopen_assignment(assignment: Assignment, *, end: dt.date | None) -> None:
    assignment.end = end
    assignment.save(update_fields=["end"])


def create_contract(*, employee: Employee, order_item: Any, **fields: Any) -> Contract:
    return Contract.objects.create(
        organisation_id=employee.organisation_id, employee=employee, order_item=order_item, **fields
    )


def add_work_record_entry(
    *,
    employee: Employee,
    date: dt.date,
    kind: str,
    wording: str,
    document: str,
    order_item: Any,
    invalidates: WorkRecordEntry | None = None,
) -> WorkRecordEntry:
    """Append an entry to the employee's work record with the next number."""
    last = WorkRecordEntry.objects.filter(employee=employee).aggregate(last=Max("number"))["last"] or 0
    return WorkRecordEntry.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        number=last + 1,
        date=date,
        kind=kind,
        wording=wording,
        document=document,
        order_item=order_item,
        invalidates=invalidates,
    )


def add_work_record_event(
    *, employee: Employee, kind: str, order_date: dt.date, order_item: Any, **fields: Any
) -> WorkRecordEvent:
    """Register an ЕФС-1 event with its reporting deadline."""
    return WorkRecordEvent.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        kind=kind,
        document_date=order_date,
        deadline=efs_deadline(kind, order_date),
        order_item=order_item,
        **fields,
    )


def add_sanction(*, employee: Employee, order_item: Any, **fields: Any) -> Sanction:
    return Sanction.objects.create(
        organisation_id=employee.organisation_id, employee=employee, order_item=order_item, **fields
    )


def undo_order_item(order_item: Any, *, cancellation_date: dt.date, cancellation_document: str) -> None:
    """Reverse what ``order_item`` did to employment, keeping what the law requires to keep.

    Assignments, contracts and sanctions it created are removed and the assignment it ended is
    reopened. Work-record entries stay and are declared invalid by a new entry (Приказ Минтруда
    № 320н, п. 30); ЕФС-1 events already made are reported again with the cancellation flag.
    """
    Assignment.objects.filter(order_item=order_item).delete()
    Contract.objects.filter(order_item=order_item).delete()
    Sanction.objects.filter(order_item=order_item).delete()
    if order_item.closed_assignment_id is not None:
        reopen_assignment(order_item.closed_assignment, end=order_item.closed_assignment_end)
    employee = order_item.employee
    for entry in WorkRecordEntry.objects.filter(order_item=order_item, invalidates__isnull=True):
        add_work_record_entry(
            employee=employee,
            date=cancellation_date,
            kind=WorkRecordEntry.Kind.INVALIDATION,
            wording=invalid_entry_wording(entry.number),
            document=cancellation_document,
            order_item=order_item,
            invalidates=entry,
        )
    for event in WorkRecordEvent.objects.filter(order_item=order_item, cancels__isnull=True):
        WorkRecordEvent.objects.create(
            organisation_id=event.organisation_id,
            employee=employee,
            kind=event.kind,
            date=event.date,
            position=event.position,
            department=event.department,
            part_time=event.part_time,
            ground_wording=event.ground_wording,
            ground_article=event.ground_article,
            ground_part=event.ground_part,
            ground_item=event.ground_item,
            document_name=event.document_name,
            document_date=event.document_date,
            document_number=event.document_number,
            deadline=efs_deadline(event.kind, cancellation_date),
            cancels=event,
            order_item=order_item,
        )


@transaction.atomic
def mark_events_reported(*, actor: Any, events: list[WorkRecordEvent], on: dt.date) -> int:
    """Record that ``events`` were reported to the Social Fund in ЕФС-1 on ``on``; return how many were marked.

    An event already marked keeps its first date: the deadline of 27-ФЗ ст. 11 п. 6 is met (or
    missed) by the first report. Each employee's history gets a row per event.
    """
    pending = list(
        WorkRecordEvent.objects.select_for_update(of=("self",))
        .filter(pk__in=[event.pk for event in events], reported_on__isnull=True)
        .select_related("employee")
        .order_by("pk")
    )
    WorkRecordEvent.objects.filter(pk__in=[event.pk for event in pending]).update(reported_on=on)
    label = "Представлено в СФР (ЕФС-1)"
    for event in pending:
        record_change(
            actor=actor,
            organisation_id=event.organisation_id,
            subject=event.employee,
            section="Сведения о трудовой деятельности",
            action=ChangeRecord.Action.UPDATE,
            obj=event,
            before={label: ""},
            after={label: f"{on:%d.%m.%Y}"},
        )
    return len(pending)


CERTIFICATE_SECTION = "Заявления о выдаче справок"


@transaction.atomic
def apply_for_certificate(*, actor: Any, employee: Employee, purpose: str, on: dt.date) -> CertificateApplication:
    """Record an employee's application for a certificate of employment, due in three working days (ТК ст. 62).

    One open application at a time: a second click before the first is issued returns the first.
    """
    open_one = CertificateApplication.objects.filter(
        organisation_id=employee.organisation_id, employee=employee, issued_on__isnull=True
    ).first()
    if open_one is not None:
        return open_one
    application = CertificateApplication.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        purpose=purpose.strip()[:200],
        applied_on=on,
        due=certificate_due(on),
        applied_by=actor,
    )
    record_change(
        actor=actor,
        organisation_id=employee.organisation_id,
        subject=employee,
        section=CERTIFICATE_SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=application,
        after=snapshot(application),
    )
    return application


@transaction.atomic
def mark_certificate_issued(*, actor: Any, application: CertificateApplication, on: dt.date) -> CertificateApplication:
    """Record that the certificate applied for was issued on ``on``."""
    if application.issued_on is not None:
        raise ValidationError("Справка по этому заявлению уже выдана.")
    before = snapshot(application)
    application.issued_on, application.issued_by = on, actor
    application.save(update_fields=["issued_on", "issued_by"])
    record_change(
        actor=actor,
        organisation_id=application.organisation_id,
        subject=application.employee,
        section=CERTIFICATE_SECTION,
        action=ChangeRecord.Action.UPDATE,
        obj=application,
        before=before,
        after=snapshot(application),
    )
    return application
