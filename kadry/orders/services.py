"""Orders: drafting, signing (numbering + effects in one transaction) and cancelling."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.orders.effects import EFFECTS, ItemErrors, raise_if_any
from kadry.orders.models import Order, OrderCounter, OrderItem, OrderJournal
from kadry.orders.rules import missing_fields

SECTION = "Приказы"
# The journal each kind of order is registered in: leave orders have their own, «-о».
PERSONNEL_JOURNAL = ("к", "Журнал регистрации приказов по личному составу")
LEAVE_JOURNAL = ("о", "Журнал регистрации приказов по отпускам")
LEAVE_KINDS = frozenset({Order.Kind.LEAVE, Order.Kind.LEAVE_RECALL})


def _refuse_unless_draft(order: Order) -> None:
    if order.status != Order.Status.DRAFT:
        raise ValidationError("Подписанный приказ изменить нельзя: его можно только отменить другим приказом.")


def journal_for(organisation_id: int, kind: str = "") -> OrderJournal:
    suffix, name = LEAVE_JOURNAL if kind in LEAVE_KINDS else PERSONNEL_JOURNAL
    journal, _created = OrderJournal.objects.get_or_create(
        organisation_id=organisation_id, suffix=suffix, defaults={"name": name}
    )
    return journal


@transaction.atomic
def create_draft(
    *, actor: Any, organisation_id: int, kind: str, date: dt.date, note: str = "", cancels: Order | None = None
) -> Order:
    order = Order(
        organisation_id=organisation_id,
        journal=cancels.journal if cancels else journal_for(organisation_id, kind),
        kind=kind,
        date=date,
        note=note,
        cancels=cancels,
        created_by=actor,
    )
    order.save()
    return order


@transaction.atomic
def update_draft(*, actor: Any, order: Order, data: dict[str, Any]) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    _refuse_unless_draft(order)
    for name, value in data.items():
        setattr(order, name, value)
    order.save(update_fields=list(data))
    return order


@transaction.atomic
def delete_draft(*, actor: Any, order: Order) -> None:
    order = Order.objects.select_for_update().get(pk=order.pk)
    _refuse_unless_draft(order)
    order.delete()


@transaction.atomic
def save_item(*, actor: Any, order: Order, item: OrderItem | None = None, data: dict[str, Any]) -> OrderItem:
    """Add an item to a draft, or change one."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _refuse_unless_draft(order)
    item = item or OrderItem(organisation_id=order.organisation_id, order=order)
    for name, value in data.items():
        setattr(item, name, value)
    item.save()
    return item


@transaction.atomic
def delete_item(*, actor: Any, item: OrderItem) -> None:
    order = Order.objects.select_for_update().get(pk=item.order_id)
    _refuse_unless_draft(order)
    item.delete()


def _next_number(order: Order) -> int:
    """Take the next number of the order's journal and year, holding the counter's row lock.

    The lock lasts until the signing transaction ends, so two directors signing at once get
    consecutive numbers and a failed signing gives its number back (gap-free).
    """
    key = {"organisation_id": order.organisation_id, "journal_id": order.journal_id, "year": order.date.year}
    counter = OrderCounter.objects.select_for_update().filter(**key).first()
    if counter is None:
        try:
            with transaction.atomic():
                OrderCounter.objects.create(**key)
        except IntegrityError:
            pass  # another signer created it first; lock theirs
        counter = OrderCounter.objects.select_for_update().get(**key)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _items(order: Order) -> list[OrderItem]:
    return list(
        order.items.select_related(
            "employee",
            "staffing_unit__position",
            "staffing_unit__department",
            "closed_assignment__staffing_unit",
            "school_class",
        ).order_by("id")
    )


def check_order(order: Order) -> None:
    """Raise ValidationError with every problem that prevents signing ``order``."""
    if order.kind == Order.Kind.CANCELLATION:
        _check_cancellation(order)
        return
    items = _items(order)
    if not items:
        raise ValidationError("В приказе нет ни одного сотрудника.")
    effect = EFFECTS[order.kind]
    problems = []
    for index, item in enumerate(items):
        errors = missing_fields(order.kind, model_to_dict(item)) or effect.check(item, order)
        if errors:
            problems.append(ItemErrors(index, item, errors))
    raise_if_any(problems)


@transaction.atomic
def sign_order(*, actor: Any, order: Order) -> Order:
    """Sign a draft: validate it, give it the next number and apply every item's effects, all or nothing."""
    order = Order.objects.select_for_update(of=("self",)).select_related("journal", "cancels").get(pk=order.pk)
    _refuse_unless_draft(order)
    check_order(order)
    order.number = _next_number(order)
    order.status = Order.Status.SIGNED
    order.signed_by = actor
    order.signed_at = timezone.now()
    order.save(update_fields=["number", "status", "signed_by", "signed_at"])
    if order.kind == Order.Kind.CANCELLATION:
        _apply_cancellation(order, actor)
    else:
        effect = EFFECTS[order.kind]
        for item in _items(order):
            try:
                effect.apply(item, order, actor)
            except ValidationError as error:
                # The state changed between the check and the effect (e.g. two items into one rate).
                raise ValidationError(f"{item.employee.short_name}: {' '.join(error.messages)}") from error
    _record(order, actor, "Подписан")
    return order


def _later_items(order: Order) -> list[OrderItem]:
    """Return signed items of other orders that came after ``order`` for the same employees."""
    employees = order.items.values("employee_id")
    return list(
        OrderItem.objects.filter(
            employee_id__in=employees, order__status=Order.Status.SIGNED, order__signed_at__gt=order.signed_at
        )
        .exclude(order=order)
        .exclude(order__kind=Order.Kind.CANCELLATION)
        .select_related("order__journal", "employee")
    )


def _check_cancellation(order: Order) -> None:
    target = order.cancels
    if target is None:
        raise ValidationError({"cancels": "Укажите отменяемый приказ."})
    if target.organisation_id != order.organisation_id or target.status != Order.Status.SIGNED:
        raise ValidationError({"cancels": "Отменить можно только подписанный и не отменённый приказ."})
    later = _later_items(target)
    if later:
        names = "; ".join(f"{item.employee.short_name} — {item.order}" for item in later)
        raise ValidationError({"cancels": f"Сначала отмените более поздние приказы по этим сотрудникам: {names}."})


def _apply_cancellation(order: Order, actor: Any) -> None:
    target = Order.objects.select_for_update().get(pk=order.cancels_id)
    effect = EFFECTS[target.kind]
    for item in reversed(_items(target)):
        effect.undo(item, target, actor, order)
    target.status = Order.Status.CANCELLED
    target.save(update_fields=["status"])
    _record(target, actor, f"Отменён приказом № {order.display_number}")


def _record(order: Order, actor: Any, what: str) -> None:
    """Write the order into each employee's history."""
    for item in order.items.select_related("employee"):
        record_change(
            actor=actor,
            organisation_id=order.organisation_id,
            subject=item.employee,
            section=SECTION,
            action=ChangeRecord.Action.UPDATE,
            obj=order,
            before={"Приказ": ""},
            after={"Приказ": f"{what}: {order}"},
        )
