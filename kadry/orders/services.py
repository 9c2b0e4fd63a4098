"""Orders: drafting, signing (numbering + effects in one transaction) and cancelling."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.orders.effects import EFFECTS
from kadry.orders.integrity import content_hash
from kadry.orders.models import Order, OrderCounter, OrderItem, OrderJournal
from kadry.orders.validation import CheckResult, ItemWarning, review_order, signing_date_error

SECTION = "Приказы"
# The journal each kind of order is registered in: leave orders have their own, «-о».
PERSONNEL_JOURNAL = ("к", "Журнал регистрации приказов по личному составу")
LEAVE_JOURNAL = ("о", "Журнал регистрации приказов по отпускам")
LEAVE_KINDS = frozenset({Order.Kind.LEAVE, Order.Kind.LEAVE_RECALL})
NOT_SUBMITTED = "Проект ещё не отправлен на подпись: его отправляет отдел кадров после проверки."
NOT_A_DRAFT = "Подписанный приказ изменить нельзя: его можно только отменить другим приказом."


def _refuse_unless_draft(order: Order) -> None:
    if not order.is_draft:
        raise ValidationError(NOT_A_DRAFT)


def _editable(order: Order) -> None:
    """Refuse a signed order; a draft sent for signature goes back to drafting when it changes.

    The director signs what passed the check: a change made afterwards is checked and sent again.
    """
    _refuse_unless_draft(order)
    if order.status == Order.Status.SUBMITTED:
        order.status = Order.Status.DRAFT
        order.save(update_fields=["status"])


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
    _editable(order)
    for name, value in data.items():
        setattr(order, name, value)
    order.save(update_fields=list(data))
    return order


@transaction.atomic
def delete_draft(*, actor: Any, order: Order) -> None:
    order = Order.objects.select_for_update().get(pk=order.pk)
    _refuse_unless_draft(order)
    order.items.all().delete()  # the items PROTECT their order
    order.delete()


@transaction.atomic
def save_item(*, actor: Any, order: Order, item: OrderItem | None = None, data: dict[str, Any]) -> OrderItem:
    """Add an item to a draft, or change one."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    _editable(order)
    item = item or OrderItem(organisation_id=order.organisation_id, order=order)
    for name, value in data.items():
        setattr(item, name, value)
    item.save()
    return item


@transaction.atomic
def delete_item(*, actor: Any, item: OrderItem) -> None:
    order = Order.objects.select_for_update().get(pk=item.order_id)
    _editable(order)
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


def review(order: Order, *, today: dt.date | None = None) -> CheckResult:
    """Return the problems and the warnings of ``order`` if it were signed ``today`` (default: today)."""
    today = today or timezone.localdate()
    if order.kind != Order.Kind.CANCELLATION:
        return review_order(order, _items(order), today=today)
    result = CheckResult()
    date_error = signing_date_error(order, today)
    if date_error:
        result.general.append(date_error)
    try:
        _check_cancellation(order)
    except ValidationError as error:
        result.refusal = error
    return result


def check_order(order: Order, *, today: dt.date | None = None) -> list[ItemWarning]:
    """Raise ValidationError with every problem that prevents signing ``order``; return its warnings.

    «Проверить», «На подпись» and signing all call this, so what the check passes signing accepts.
    """
    result = review(order, today=today)
    result.raise_if_errors()
    return result.warnings


@transaction.atomic
def submit_order(*, actor: Any, order: Order) -> Order:
    """Send a draft to the director «на подпись»: only a draft that passes the check goes."""
    order = Order.objects.select_for_update(of=("self",)).select_related("journal", "cancels").get(pk=order.pk)
    _refuse_unless_draft(order)
    if order.status == Order.Status.SUBMITTED:
        raise ValidationError("Проект уже отправлен на подпись.")
    warnings = check_order(order)
    order.status = Order.Status.SUBMITTED
    order.submitted_by = actor
    order.submitted_at = timezone.now()
    order.submitted_warnings = [str(warning) for warning in warnings]
    order.return_comment = ""
    order.save(update_fields=["status", "submitted_by", "submitted_at", "submitted_warnings", "return_comment"])
    return order


@transaction.atomic
def return_order(*, actor: Any, order: Order, comment: str) -> Order:
    """Return a draft sent for signature to the inspector with the director's comment."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.SUBMITTED:
        raise ValidationError("Вернуть можно только проект, отправленный на подпись.")
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": "Напишите, что нужно исправить."})
    order.status = Order.Status.DRAFT
    order.return_comment = comment
    order.returned_by = actor
    order.returned_at = timezone.now()
    order.save(update_fields=["status", "return_comment", "returned_by", "returned_at"])
    return order


@transaction.atomic
def sign_order(*, actor: Any, order: Order) -> Order:
    """Sign a draft: validate it, give it the next number and apply every item's effects, all or nothing.

    The UI and the API offer signing only for drafts sent «на подпись» (``submitted``); the service
    itself signs any unsigned draft, as the demo data and the tests of effects do.
    """
    order = Order.objects.select_for_update(of=("self",)).select_related("journal", "cancels").get(pk=order.pk)
    _refuse_unless_draft(order)
    check_order(order)
    order.number = _next_number(order)
    order.signed_by = actor
    order.signed_at = timezone.now()
    # Still a draft while the effects run: they write into its items, which a signed order's triggers refuse.
    order.save(update_fields=["number", "signed_by", "signed_at"])
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
    order.status = Order.Status.SIGNED
    order.content_hash = content_hash(order, list(order.items.all()))
    order.save(update_fields=["status", "content_hash"])
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
    target = Order.objects.select_for_update().get(pk=cast(int, order.cancels_id))  # a cancellation names its order
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
