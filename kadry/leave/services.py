"""Leave: the ledger's changes the orders app makes on signing (entitlements and balances are read in ``balances``).

The orders app calls ``grant_leave``, ``recall_from_leave``, ``compensate_on_dismissal`` and
``undo_order_item``; leave never imports orders.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.leave import rules
from kadry.leave.balances import balance_for, balance_from, leave_data
from kadry.leave.models import (
    CHARGED_KINDS,
    EXTENDED_BY_HOLIDAYS,
    LeaveKind,
    LedgerEntry,
)
from kadry.lib.calendar import holidays_between, leave_end
from kadry.staff.models import Employee

SECTION = "Отпуска"
ONE_DAY = dt.timedelta(days=1)


def _record(actor: Any, employee: Employee, entry: LedgerEntry, what: str) -> None:
    record_change(
        actor=actor,
        organisation_id=employee.organisation_id,
        subject=employee,
        section=SECTION,
        action=ChangeRecord.Action.CREATE,
        obj=entry,
        after={
            "Отпуск": f"{what}: {entry.get_leave_kind_display()}, {entry.start:%d.%m.%Y}–{entry.end:%d.%m.%Y}, {entry.calendar_days} дн."
        },
    )


def span(leave_kind: str, start: dt.date, days: int) -> tuple[dt.date, tuple[dt.date, ...]]:
    """Return the last day of a leave and the public holidays that extended it (annual kinds only)."""
    if leave_kind in EXTENDED_BY_HOLIDAYS:
        result = leave_end(start, days)
        return result.end, result.holidays_inside
    return start + dt.timedelta(days=days - 1), ()


@transaction.atomic
def grant_leave(
    *,
    actor: Any,
    employee: Employee,
    order_item: Any,
    leave_kind: str,
    start: dt.date,
    days: int,
    additional_days: int = 0,
    document: str,
) -> list[LedgerEntry]:
    """Record a leave granted by a signed order: the main part, then the additional part right after."""
    data = leave_data(employee)
    balance = balance_from(data, start)
    year = balance.working_year if balance else None
    created = []
    parts = [(leave_kind, days)]
    if additional_days:
        parts.append((LeaveKind.ADDITIONAL, additional_days))
    day = start
    for kind, part_days in parts:
        end, _holidays = span(kind, day, part_days)
        entry = LedgerEntry.objects.create(
            organisation_id=employee.organisation_id,
            employee=employee,
            kind=LedgerEntry.Kind.USED,
            leave_kind=kind,
            start=day,
            end=end,
            calendar_days=part_days,
            charged=Decimal(part_days) if kind in CHARGED_KINDS else Decimal(0),
            working_year_start=year.start if year else None,
            working_year_end=year.end if year else None,
            order_item=order_item,
            document=document,
        )
        _record(actor, employee, entry, "Предоставлен")
        created.append(entry)
        day = end + ONE_DAY
    return created


@transaction.atomic
def recall_from_leave(
    *, actor: Any, employee: Employee, order_item: Any, back_on: dt.date, document: str
) -> LedgerEntry:
    """Recall from an annual leave (ТК РФ ст. 125 ч. 2): the days from ``back_on`` return to the balance."""
    current = (
        LedgerEntry.objects.filter(
            employee=employee,
            kind=LedgerEntry.Kind.USED,
            leave_kind__in=CHARGED_KINDS,
            start__lt=back_on,
            end__gte=back_on,
            reversed_by__isnull=True,
        )
        .order_by("-start")
        .first()
    )
    if current is None:
        raise ValidationError({"date": "Сотрудник не в ежегодном отпуске в этот день — отзывать не из чего."})
    unused = current.calendar_days - _counted_days(current.start, back_on - ONE_DAY)
    entry = LedgerEntry.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        kind=LedgerEntry.Kind.RECALLED,
        leave_kind=current.leave_kind,
        start=back_on,
        end=current.end,
        calendar_days=unused,
        charged=-Decimal(unused),
        working_year_start=current.working_year_start,
        working_year_end=current.working_year_end,
        order_item=order_item,
        document=document,
    )
    _record(actor, employee, entry, "Отозван из отпуска")
    return entry


def _counted_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1 - len(holidays_between(start, end))


def recall_errors(employee: Employee, back_on: dt.date) -> dict[str, str]:
    exists = LedgerEntry.objects.filter(
        employee=employee,
        kind=LedgerEntry.Kind.USED,
        leave_kind__in=CHARGED_KINDS,
        start__lt=back_on,
        end__gte=back_on,
        reversed_by__isnull=True,
    ).exists()
    return {} if exists else {"date": "Сотрудник не в ежегодном отпуске в этот день — отзывать не из чего."}


def compensation_on(employee: Employee, last_day: dt.date) -> tuple[str, Decimal] | None:
    """Return ('compensate' | 'withhold', days) at dismissal on ``last_day`` (ТК РФ ст. 127, 137)."""
    balance = balance_for(employee, last_day)
    return rules.compensation_days(balance.balance) if balance else None


@transaction.atomic
def compensate_on_dismissal(
    *, actor: Any, employee: Employee, order_item: Any, last_day: dt.date, document: str
) -> LedgerEntry | None:
    """Write off the balance at dismissal: compensated in money, or withheld for days taken in advance."""
    balance = balance_for(employee, last_day)
    if balance is None or balance.balance == 0:
        return None
    entry = LedgerEntry.objects.create(
        organisation_id=employee.organisation_id,
        employee=employee,
        kind=LedgerEntry.Kind.COMPENSATED,
        leave_kind=LeaveKind.ANNUAL,
        start=last_day,
        end=last_day,
        calendar_days=0,
        charged=balance.balance,
        working_year_start=balance.working_year.start,
        working_year_end=balance.working_year.end,
        order_item=order_item,
        document=document,
    )
    _record(actor, employee, entry, "Компенсация при увольнении" if balance.balance > 0 else "Удержание при увольнении")
    return entry


@transaction.atomic
def undo_order_item(*, actor: Any, order_item: Any, document: str) -> None:
    """Reverse every ledger entry ``order_item`` made by a reversing entry (the ledger is append-only)."""
    for entry in LedgerEntry.objects.filter(
        order_item=order_item, reverses__isnull=True, reversed_by__isnull=True
    ).select_related("employee"):
        reversal = LedgerEntry.objects.create(
            organisation_id=entry.organisation_id,
            employee=entry.employee,
            kind=LedgerEntry.Kind.CANCELLED,
            leave_kind=entry.leave_kind,
            start=entry.start,
            end=entry.end,
            calendar_days=entry.calendar_days,
            charged=-entry.charged,
            working_year_start=entry.working_year_start,
            working_year_end=entry.working_year_end,
            order_item=order_item,
            reverses=entry,
            document=document,
        )
        _record(actor, entry.employee, reversal, "Отменён")
