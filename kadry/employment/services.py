"""State changes of employment. Orders (next issue) will call these; for now only the opening balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from kadry.core.audit import record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.employment.models import Assignment
from kadry.staff.models import Employee, StaffingUnit


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
    occupied = Assignment.objects.filter(staffing_unit=staffing_unit).active(on=start).aggregate(total=Sum("rate"))[
        "total"
    ] or Decimal("0")
    if occupied + rate > staffing_unit.rates:
        raise ValidationError(
            {
                "rate": f"Свободно {staffing_unit.rates - occupied} ст. из {staffing_unit.rates} — ставка {rate} не помещается."
            }
        )
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
        section="Назначения",
        action=ChangeRecord.Action.CREATE,
        obj=assignment,
        after=snapshot(assignment, frozenset({"employee"})),
    )
    return assignment
