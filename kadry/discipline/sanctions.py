"""Labour discipline: the sanctions in force on a date (ТК РФ ст. 194 ч. 1) and their lifting early by
order (ст. 194 ч. 2). The orders app calls ``lift_errors``, ``record_lift`` and ``undo_lift`` for the
order lifting a sanction; each change is atomic, takes ``actor=`` and writes the change history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.discipline import rules
from kadry.discipline.models import SECTION, LiftInitiative, SanctionLift, Violation
from kadry.employment.models import Sanction
from kadry.staff.models import Employee

# Sanctions in force (ТК РФ ст. 194).


@dataclass(frozen=True)
class SanctionInForce:
    sanction: Sanction
    expires_after: dt.date  # the last day in force unless a new sanction comes (ст. 194 ч. 1)


def sanctions_in_force(employee: Employee, on: dt.date) -> list[SanctionInForce]:
    """Return the employee's sanctions in force on ``on``: applied by a signed order not cancelled, not expired,
    not lifted early by a signed order (ТК РФ ст. 194 ч. 2) from ``on`` or earlier.

    A cancelled order's sanction is removed with its effects (employment.undo_order_item), a cancelled
    lift order's lift too (``undo_lift``). One query.
    """
    rows = list(
        Sanction.objects.filter(organisation_id=employee.organisation_id, employee=employee, date__lte=on)
        .select_related("lift")
        .order_by("date", "id")
    )
    applied = [rules.Applied(row.pk, row.date, _lifted_on(row)) for row in rows]
    ends = rules.expiry_dates(applied)
    keep = set(rules.in_force(applied, on))
    return [SanctionInForce(row, ends[row.pk]) for row in rows if row.pk in keep]


def _lift_of(sanction: Sanction) -> SanctionLift | None:
    # The reverse one-to-one raises when there is none; select_related has read it already.
    return getattr(sanction, "lift", None)


def _lifted_on(sanction: Sanction) -> dt.date | None:
    lift = _lift_of(sanction)
    return lift.lifted_on if lift is not None else None


# Lifting a sanction early by order (ТК РФ ст. 194 ч. 2): the orders app's calls.


def sanction_of_item(order_item: Any) -> Sanction | None:
    """Return the sanction a signed sanction order's ``order_item`` applied (none once that order is cancelled)."""
    return Sanction.objects.filter(order_item=order_item).select_related("lift").first()


def lift_errors(
    *, employee: Employee, sanction_item: Any, lifted_on: dt.date, order_date: dt.date, exclude_order_item: Any = None
) -> dict[str, str]:
    """Return ``{field: message}`` of an order lifting the sanction of ``sanction_item`` from ``lifted_on``.

    The sanction must be the employee's, applied and not cancelled, not lifted already by another
    order, and in force on the order's date and on the day it is lifted from: ст. 194 ч. 2 lets the
    employer lift it «до истечения года», and an expired one is no longer there to lift.
    """
    sanction = sanction_of_item(sanction_item)
    if sanction is None or sanction.organisation_id != employee.organisation_id:
        return {"lifted_sanction": "Взыскание по этому приказу не применено или приказ о нём отменён."}
    if sanction.employee_id != employee.pk:
        return {"lifted_sanction": "Это взыскание другого сотрудника."}
    lift = _lift_of(sanction)
    if lift is not None and lift.order_item_id != getattr(exclude_order_item, "pk", None):
        return {"lifted_sanction": f"Взыскание уже снято с {lift.lifted_on:%d.%m.%Y}."}
    if lifted_on < order_date:
        return {"date": f"Взыскание снимается не раньше даты приказа ({order_date:%d.%m.%Y})."}
    if lifted_on < sanction.date:
        return {"date": f"Взыскание применено {sanction.date:%d.%m.%Y}: снять его раньше нельзя."}
    for day in (order_date, lifted_on):
        found = [row for row in sanctions_in_force(employee, day) if row.sanction.pk == sanction.pk]
        if found:
            continue
        if day < sanction.date:
            return {"lifted_sanction": f"На {day:%d.%m.%Y} взыскание ещё не применено."}
        earlier = Sanction.objects.filter(organisation_id=employee.organisation_id, employee=employee, date__lte=day)
        end = rules.expiry_dates([rules.Applied(row.pk, row.date) for row in earlier]).get(sanction.pk)
        when = f"последний день его действия — {end:%d.%m.%Y}, " if end else ""
        return {
            "lifted_sanction": (
                f"На {day:%d.%m.%Y} взыскание уже не действует: год со дня его применения истёк "
                f"({when}ТК РФ ст. 194 ч. 1), снимать нечего."
            )
        }
    return {}


def _lift_snapshot(lift: SanctionLift) -> dict[str, str]:
    return {
        "Взыскание": str(lift.sanction),
        "Снято с": f"{lift.lifted_on:%d.%m.%Y}",
        "Инициатива": str(lift.get_initiative_display()),
    }


@transaction.atomic
def record_lift(
    *, actor: Any, employee: Employee, sanction_item: Any, lifted_on: dt.date, initiative: str, order_item: Any
) -> SanctionLift:
    """Record that the signed ``order_item`` lifts the sanction of ``sanction_item`` from ``lifted_on``."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = lift_errors(
        employee=employee, sanction_item=sanction_item, lifted_on=lifted_on, order_date=lifted_on,
        exclude_order_item=order_item,
    )  # fmt: skip
    if initiative not in LiftInitiative.values:
        errors["lift_initiative"] = "Укажите, по чьей инициативе снимается взыскание (ТК РФ ст. 194 ч. 2)."
    if errors:
        raise ValidationError(errors)
    sanction = sanction_of_item(sanction_item)
    assert sanction is not None  # nosec B101 — lift_errors refused a missing one
    lift = SanctionLift.objects.create(
        organisation_id=employee.organisation_id, sanction=sanction, lifted_on=lifted_on, initiative=initiative,
        order_item=order_item, created_by=actor,
    )  # fmt: skip
    record_change(
        actor=actor, organisation_id=employee.organisation_id, subject=employee, section=SECTION,
        action=ChangeRecord.Action.CREATE, obj=lift, before={}, after=_lift_snapshot(lift),
    )  # fmt: skip
    return lift


@transaction.atomic
def undo_lift(*, actor: Any, order_item: Any) -> int:
    """Remove the lift recorded by ``order_item``: its order is cancelled, the sanction is in force again."""
    lifts = list(SanctionLift.objects.filter(order_item=order_item).select_related("sanction__employee"))
    for lift in lifts:
        record_change(
            actor=actor, organisation_id=lift.organisation_id, subject=lift.sanction.employee, section=SECTION,
            action=ChangeRecord.Action.DELETE, obj=lift, before=_lift_snapshot(lift), after={},
        )  # fmt: skip
        lift.delete()
    return len(lifts)


@dataclass(frozen=True)
class CaseSanction:
    """The sanction a case ended in, as its page shows it: in force today, or lifted early and from when."""

    sanction: Sanction
    in_force: bool
    lift: SanctionLift | None


def case_sanction(case: Violation, today: dt.date) -> CaseSanction | None:
    """Return the sanction the case's signed order applied, with whether it is in force on ``today``. Two queries."""
    if case.sanction_item_id is None:
        return None
    sanction = sanction_of_item(case.sanction_item_id)
    if sanction is None:
        return None
    in_force = any(row.sanction.pk == sanction.pk for row in sanctions_in_force(case.employee, today))
    return CaseSanction(sanction, in_force, _lift_of(sanction))
