"""The order lifting a sanction early (ТК РФ ст. 194 ч. 2), drafted from the case of the misconduct it punished."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from kadry.discipline.models import LiftInitiative
from kadry.orders import services
from kadry.orders.models import UNSIGNED, Order, OrderItem


def pending_lift(sanction_item: OrderItem) -> Order | None:
    """Return the unsigned order already drafted to lift the sanction of ``sanction_item``, if there is one."""
    return (
        Order.objects.filter(
            organisation_id=sanction_item.organisation_id,
            kind=Order.Kind.SANCTION_LIFT,
            status__in=UNSIGNED,
            items__lifted_sanction=sanction_item,
        )
        .order_by("-id")
        .first()
    )


@transaction.atomic
def draft_sanction_lift(*, actor: Any, sanction_item: OrderItem, order_date: dt.date) -> Order:
    """Draft the order lifting the sanction of ``sanction_item`` from ``order_date``, or return the one drafted.

    The initiative is the employer's own until the inspector names another, and the basis is left to
    be typed: the draft's check asks for it.
    """
    existing = pending_lift(sanction_item)
    if existing is not None:
        return existing
    order = services.create_draft(
        actor=actor, organisation_id=sanction_item.organisation_id, kind=Order.Kind.SANCTION_LIFT, date=order_date
    )
    services.save_item(
        actor=actor,
        order=order,
        data={
            "employee": sanction_item.employee,
            "date": order_date,
            "lifted_sanction": sanction_item,
            "lift_initiative": LiftInitiative.EMPLOYER,
        },
    )
    return order
