"""The one check of an order, run by «Проверить», by «На подпись» and by signing, so they never disagree.

It looks at every item alone (the fields its kind needs, the effect's check against the current state)
and at the items together: a person repeated where that cannot be signed, and the rates of a staffing
unit summed over the items in the order signing applies them. Warnings are shown and never block.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from kadry.employment import services as employment
from kadry.orders.effects import EFFECTS, ItemErrors, active_assignment, raise_if_any
from kadry.orders.models import Order, OrderItem
from kadry.orders.rules import missing_fields

NO_ITEMS = "В приказе нет ни одного сотрудника."
# Kinds where one employee may appear once: a second item would close, rename or sanction twice.
ONCE_PER_ORDER = frozenset({Order.Kind.TRANSFER, Order.Kind.DISMISSAL, Order.Kind.SANCTION, Order.Kind.SURNAME_CHANGE})


@dataclass
class ItemWarning:
    index: int
    item: OrderItem
    message: str

    def __str__(self) -> str:
        return f"{self.item.employee.short_name}: {self.message}"


@dataclass
class CheckResult:
    problems: list[ItemErrors] = field(default_factory=list)
    general: list[str] = field(default_factory=list)
    warnings: list[ItemWarning] = field(default_factory=list)
    refusal: ValidationError | None = None  # a cancellation's problems, keyed ``cancels``

    def raise_if_errors(self) -> None:
        """Raise one ValidationError: the order's own problems, or every item's keyed ``items.<n>.<field>``."""
        if self.refusal is not None:
            raise self.refusal
        if self.general:
            raise ValidationError(self.general)
        raise_if_any(self.problems)


def signing_date_error(order: Order, today: dt.date) -> str | None:
    """An order takes effect when signed, so it is not signed before the date it bears."""
    if order.date > today:
        return f"Приказ датирован {order.date:%d.%m.%Y}: подписать его можно не раньше этой даты."
    return None


def _repeated(order: Order, items: list[OrderItem]) -> dict[int, dict[str, str]]:
    """Return the errors of the items that repeat a person of an earlier item where that cannot be signed."""
    errors: dict[int, dict[str, str]] = {}
    main = OrderItem.EmploymentKind.MAIN
    for index, item in enumerate(items):
        earlier = [other for other in items[:index] if other.employee_id == item.employee_id]
        if not earlier:
            continue
        if order.kind in ONCE_PER_ORDER:
            errors[index] = {"employee": "Сотрудник уже указан в этом приказе выше."}
        elif order.kind == Order.Kind.HIRE:
            if any(other.staffing_unit_id == item.staffing_unit_id for other in earlier):
                errors[index] = {"staffing_unit": "Сотрудник принимается на эту штатную единицу дважды."}
            elif item.employment_kind == main and any(other.employment_kind == main for other in earlier):
                errors[index] = {"employment_kind": "Основное место работы у сотрудника одно."}
        elif order.kind == Order.Kind.SANCTION_LIFT and item.lifted_sanction_id is not None:
            if any(other.lifted_sanction_id == item.lifted_sanction_id for other in earlier):
                errors[index] = {"lifted_sanction": "Это взыскание уже снимается в этом приказе выше."}
        elif order.kind == Order.Kind.BUSINESS_TRIP and item.end_date is not None:
            end = item.end_date
            if any(other.date <= end and (other.end_date is None or item.date <= other.end_date) for other in earlier):
                errors[index] = {"date": "Командировка пересекается с командировкой сотрудника выше в этом приказе."}
    return errors


def _covers(item: OrderItem, day: dt.date) -> bool:
    return item.date <= day and (item.end_date is None or item.end_date >= day)


def _summed_rates(order: Order, items: list[OrderItem]) -> dict[int, dict[str, str]]:
    """Return the rate errors of items that do not fit together with the earlier items of the order.

    Signing applies the items one after another, so each item must fit into what the earlier ones
    left: their rates on the same unit on its date are taken, and a transfer out of the unit frees its rate.
    """
    if order.kind not in (Order.Kind.HIRE, Order.Kind.TRANSFER):
        return {}
    errors: dict[int, dict[str, str]] = {}
    current = {
        index: active_assignment(item, item.date) if order.kind == Order.Kind.TRANSFER else None
        for index, item in enumerate(items)
    }
    for index, item in enumerate(items):
        unit = item.staffing_unit
        if unit is None or not item.rate or not any(i.staffing_unit_id == unit.pk for i in items[:index]):
            continue  # alone on its unit: the item's own check compared it with the free rates
        taken = Decimal("0")
        for earlier_index, earlier in enumerate(items[:index]):
            if earlier.staffing_unit_id == unit.pk and earlier.rate and _covers(earlier, item.date):
                taken += earlier.rate
            left = current[earlier_index]
            if left is not None and left.staffing_unit_id == unit.pk and earlier.date <= item.date:
                taken -= left.rate
        free = employment.free_rates(unit, item.date, excluding=current[index]) - taken
        if item.rate > free:
            free_text = max(free, Decimal("0")).normalize()
            errors[index] = {
                "rate": f"Вместе с сотрудниками выше в этом приказе в штатной единице «{unit}» свободно {free_text} ст."
            }
    return errors


def review_order(order: Order, items: list[OrderItem], *, today: dt.date) -> CheckResult:
    """Return everything that prevents signing ``order`` on ``today``, and what signing should be warned of."""
    result = CheckResult()
    date_error = signing_date_error(order, today)
    if date_error:
        result.general.append(date_error)
    if not items:
        result.general.append(NO_ITEMS)
        return result
    effect = EFFECTS[order.kind]
    together = [_repeated(order, items), _summed_rates(order, items)]
    for index, item in enumerate(items):
        errors = missing_fields(order.kind, model_to_dict(item)) or effect.check(item, order)
        if not errors:
            for found in together:
                errors = {**found.get(index, {}), **errors}
        if errors:
            result.problems.append(ItemErrors(index, item, errors))
        result.warnings.extend(ItemWarning(index, item, message) for message in effect.warnings(item, order, items))
    return result
