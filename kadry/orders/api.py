"""API of orders: drafts with their items in one request, reading, signing (the director), deleting drafts.

Thin like the UI views: access helper → the UI's forms → services. A draft and its items are validated
as a whole before anything is written, so an invalid item leaves nothing behind; item errors are keyed
``items.<n>.<field>``. A refusal of the services (a signed order, a problem found on signing) answers
422 with their messages; what the role may not reach answers 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator, create_model

from kadry.api.endpoints import Pagination, typed
from kadry.api.enums import choices_enum, field_enum
from kadry.api.errors import Errors, InvalidInput
from kadry.core.access import require
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability
from kadry.discipline.models import LiftInitiative
from kadry.leave.models import LeaveKind
from kadry.orders import services
from kadry.orders.access import get_order_for, orders_for
from kadry.orders.forms import OrderForm, item_defaults, item_form_class
from kadry.orders.kinds import ITEM_FIELDS, MULTIPLE_ITEMS, ONE_ITEM_ONLY
from kadry.orders.models import Order, OrderItem
from kadry.orders.views.preview import order_texts
from kadry.orders.views.reading import ORDER_READ
from kadry.staff.models import Employee

router = Router()

# Every field an item of some kind takes, with its JSON type for the docs. The values are checked by
# the item form of the order's kind (so a wrong value is keyed ``items.<n>.<field>`` like any other).
ITEM_INPUT_TYPES: dict[str, tuple[dict[str, Any], str]] = {
    "employee": ({"type": "integer"}, "id сотрудника"),
    "date": (
        {"type": "string", "format": "date"},
        "дата начала работы, перевода, увольнения…; по умолчанию — дата приказа",
    ),
    "staffing_unit": ({"type": "integer"}, "id штатной единицы (приём, перевод)"),
    "rate": ({"type": "string", "format": "decimal"}, "ставка: «1», «0.5» (приём, перевод)"),
    "employment_kind": (
        {"type": "string", "enum": [member.value for member in field_enum(OrderItem, "employment_kind")]},
        "вид работы",
    ),
    "contract_term": (
        {"type": "string", "enum": [member.value for member in field_enum(OrderItem, "contract_term")]},
        "трудовой договор (приём)",
    ),
    "end_date": (
        {"type": "string", "format": "date"},
        "окончание срочного договора или временного перевода; последний день командировки",
    ),
    "fixed_term_reason": ({"type": "string"}, "основание срочного договора (ТК РФ ст. 59)"),
    "contract_number": ({"type": "string"}, "номер трудового договора (приём)"),
    "contract_date": ({"type": "string", "format": "date"}, "дата трудового договора (приём)"),
    "probation_months": ({"type": "integer"}, "испытательный срок, мес. (приём)"),
    "personnel_number": (
        {"type": "string"},
        "табельный номер (приём); не указан — номер сотрудника, а если его нет, следующий свободный",
    ),
    "basis": ({"type": "string"}, "основание (документ)"),
    "dismissal_ground": ({"type": "string"}, "код основания увольнения: «77-1-3» (статья-часть-пункт)"),
    "statement_date": ({"type": "string", "format": "date"}, "дата заявления работника (увольнение по ст. 80)"),
    "by_agreement": ({"type": "boolean"}, "увольнение ранее двух недель по соглашению сторон (ст. 80)"),
    "award": ({"type": "string"}, "вид поощрения"),
    "sanction_kind": (
        {"type": "string", "enum": [member.value for member in field_enum(OrderItem, "sanction_kind")]},
        "взыскание",
    ),
    "misconduct": ({"type": "string"}, "проступок"),
    "misconduct_date": ({"type": "string", "format": "date"}, "дата проступка"),
    "misconduct_discovered_on": ({"type": "string", "format": "date"}, "дата обнаружения проступка"),
    "explanation_requested_on": ({"type": "string", "format": "date"}, "когда затребовано объяснение"),
    "new_last_name": ({"type": "string"}, "новая фамилия"),
    "school_class": ({"type": "integer"}, "id класса (классное руководство)"),
    "monthly_allowance": (
        {"type": "string", "format": "decimal"},
        "вознаграждение в месяц, руб.; по умолчанию — размер из настроек организации на дату приказа",
    ),
    "agreement": ({"type": "string"}, "дополнительное соглашение"),
    "leave_kind": ({"type": "string", "enum": LeaveKind.values}, "вид отпуска (отпуск)"),
    "leave_days": ({"type": "integer"}, "календарных дней основной части (отпуск)"),
    "leave_additional_days": ({"type": "integer"}, "календарных дней дополнительного отпуска следом (отпуск)"),
    "destination": ({"type": "string"}, "место назначения: страна, город, организация (командировка)"),
    "purpose": ({"type": "string"}, "цель командировки"),
    "lifted_sanction": (
        {"type": "integer"},
        "id пункта подписанного приказа о взыскании, которое снимается досрочно (ТК РФ ст. 194 ч. 2)",
    ),
    "lift_initiative": (
        {"type": "string", "enum": LiftInitiative.values},
        "по чьей инициативе снимается взыскание: employer — работодателя, employee — по просьбе работника, "
        "manager — по ходатайству непосредственного руководителя, representative — представительного органа",
    ),
}
assert set(ITEM_INPUT_TYPES) == {name for fields in ITEM_FIELDS.values() for name in fields}


OrderKind = choices_enum(Order, Order.Kind)
OrderStatus = choices_enum(Order, Order.Status)


def _of_json_type(schema: dict[str, Any]) -> Any:
    """Return the field's type: any value of the JSON type its schema names (null too), checked by the form after.

    A list, an object or a boolean where the form takes a date or a number made it fail (a 500).
    """
    expected: tuple[type, ...] = (str,) if schema["type"] == "string" else (int,)

    def check(value: Any) -> Any:
        if value is not None and (isinstance(value, bool) or not isinstance(value, expected)):
            raise ValueError(f"{schema['type']} expected")
        return value

    return Annotated[Any, AfterValidator(check)]


# Built at import from ITEM_INPUT_TYPES; the checker knows it as a schema.
if TYPE_CHECKING:
    OrderItemIn = Schema
else:
    OrderItemIn = create_model(
        "OrderItemIn",
        __base__=Schema,
        __doc__="One employee's part of the order; which fields count depends on the order's kind.",
        **{
            name: (_of_json_type(schema), Field(None, description=description, json_schema_extra=schema))
            for name, (schema, description) in ITEM_INPUT_TYPES.items()
        },
    )


class OrderIn(Schema):
    kind: OrderKind  # type: ignore[valid-type]
    date: dt.date
    note: str = ""
    cancels: int | None = Field(None, description="id отменяемого приказа (только для приказа об отмене)")
    items: list[OrderItemIn] = []


class OrderItemOut(Schema):
    id: int
    employee: int = Field(validation_alias="employee_id")
    employee_name: str
    date: dt.date
    end_date: dt.date | None
    basis: str
    staffing_unit: int | None = Field(None, validation_alias="staffing_unit_id")
    rate: Decimal | None
    employment_kind: str
    contract_term: str
    fixed_term_reason: str
    contract_number: str
    contract_date: dt.date | None
    probation_months: int | None
    personnel_number: str
    dismissal_ground: str
    statement_date: dt.date | None
    by_agreement: bool
    award: str
    sanction_kind: str
    misconduct: str
    misconduct_date: dt.date | None
    misconduct_discovered_on: dt.date | None
    explanation_requested_on: dt.date | None
    new_last_name: str
    school_class: int | None = Field(None, validation_alias="school_class_id")
    monthly_allowance: Decimal | None
    agreement: str
    leave_kind: str
    leave_days: int | None
    leave_additional_days: int | None
    destination: str
    purpose: str
    lifted_sanction: int | None = Field(None, validation_alias="lifted_sanction_id")
    lift_initiative: str

    @staticmethod
    def resolve_employee_name(item: OrderItem) -> str:
        return item.employee.full_name


class OrderSummary(Schema):
    id: int
    kind: OrderKind  # type: ignore[valid-type]
    date: dt.date
    number: int | None
    display_number: str = Field(description="номер с индексом журнала: «12-к»; пусто у проекта")
    status: OrderStatus  # type: ignore[valid-type]
    employees: list[str]

    @staticmethod
    def resolve_employees(order: Order) -> list[str]:
        return [item.employee.short_name for item in order.items.all()]


class OrderOut(OrderSummary):
    note: str
    return_comment: str = Field(
        description="замечания директора, с которыми проект возвращён; пусто, если не возвращался"
    )
    submitted_warnings: list[str] = Field(description="предупреждения проверки при отправке на подпись")
    cancels: int | None = Field(None, validation_alias="cancels_id")
    created_at: dt.datetime
    signed_at: dt.datetime | None
    text: list[str] = Field(description="текст приказа: по предложению на сотрудника")
    items: list[OrderItemOut]

    @staticmethod
    def resolve_text(order: Order) -> list[str]:
        return [text for _item, text in order_texts(order)]

    @staticmethod
    def resolve_items(order: Order) -> list[OrderItem]:
        return list(order.items.all())


class OrderFilters(Schema):
    status: OrderStatus | None = None  # type: ignore[valid-type]
    kind: OrderKind | None = None  # type: ignore[valid-type]
    year: int | None = None
    q: str = Field("", description="Начало фамилии сотрудника из приказа")


def _refusal(error: ValidationError) -> InvalidInput:
    """Return the services' refusal as a 422: their ``message_dict`` or their messages under ``__all__``."""
    if hasattr(error, "error_dict"):
        return InvalidInput({key: list(messages) for key, messages in error.message_dict.items()})
    return InvalidInput({NON_FIELD_ERRORS: list(error.messages)})


def _validated(
    membership: Membership, payload: OrderIn, instance: Order | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Validate the heading and every item with the UI's forms; return their data, or raise with all the errors."""
    organisation_id = membership.organisation_id
    errors: Errors = {}
    heading = {"kind": payload.kind, "date": payload.date, "note": payload.note, "cancels": payload.cancels}
    form = OrderForm(heading, instance=instance, organisation_id=organisation_id)
    if not form.is_valid():
        errors.update({name: [str(message) for message in messages] for name, messages in form.errors.items()})
    kind = instance.kind if instance else payload.kind
    if instance and payload.kind != instance.kind:
        errors["kind"] = ["Вид приказа не меняется: для другого вида подготовьте новый проект."]
    items = []
    if kind == Order.Kind.CANCELLATION:
        if payload.items:
            errors["items"] = ["В приказе об отмене нет сотрудников: он отменяет приказ, указанный в «cancels»."]
    elif kind not in MULTIPLE_ITEMS and len(payload.items) > 1:
        errors["items"] = [str(ONE_ITEM_ONLY)]
    else:
        defaults = item_defaults(Order(organisation_id=organisation_id, kind=kind, date=payload.date))
        for index, item in enumerate(payload.items):
            item_form = item_form_class(kind)(
                {**defaults, **item.model_dump(exclude_unset=True)}, organisation_id=organisation_id
            )
            if item_form.is_valid():
                items.append(item_form.field_data())
            else:
                errors.update(
                    {
                        f"items.{index}.{name}": [str(message) for message in messages]
                        for name, messages in item_form.errors.items()
                    }
                )
    if errors:
        raise InvalidInput(errors)
    return {**form.cleaned_data, "kind": kind}, items


def _read(membership: Membership, order_id: int) -> Order:
    return get_order_for(membership, order_id)


@router.get("", response=list[OrderSummary])
@paginate(Pagination)
@typed()
def order_list(request: MemberRequest, filters: Query[OrderFilters]) -> QuerySet[Order]:
    """List orders, newest first, with the names of their employees."""
    orders = orders_for(request.membership)
    if filters.status:
        orders = orders.filter(status=filters.status)
    if filters.kind:
        orders = orders.filter(kind=filters.kind)
    if filters.year:
        orders = orders.filter(year=filters.year)
    if filters.q.strip():
        found = Employee.objects.of(request.membership.organisation_id).search(filters.q)
        orders = orders.filter(Exists(OrderItem.objects.filter(order=OuterRef("pk"), employee__in=found)))
    items = OrderItem.objects.select_related("employee").order_by("id")
    return orders.select_related("journal").prefetch_related(Prefetch("items", queryset=items))


@router.post("", response={201: OrderOut})
def order_create(request: MemberRequest, payload: OrderIn) -> Status:
    """Create a draft with its items, all or nothing."""
    membership = require(request.membership, Capability.DRAFT_ORDERS)
    heading, items = _validated(membership, payload)
    with transaction.atomic():
        order = services.create_draft(
            actor=request.user,
            organisation_id=membership.organisation_id,
            kind=heading["kind"],
            date=heading["date"],
            note=heading["note"],
            cancels=heading["cancels"],
        )
        for data in items:
            services.save_item(actor=request.user, order=order, data=data)
    return Status(201, _read(membership, order.pk))


@router.get("/{order_id}", response=OrderOut)
def order_read(request: MemberRequest, order_id: int) -> Order:
    """Return an order with its items and its text (logged: the text carries its employees' data)."""
    order = _read(request.membership, order_id)
    record_access(membership=request.membership, subject=order, what=ORDER_READ, request=request, channel="api")
    return order


@router.put("/{order_id}", response=OrderOut)
def order_replace(request: MemberRequest, order_id: int, payload: OrderIn) -> Order:
    """Replace a draft's heading and items, all or nothing; a signed order is refused."""
    order = get_order_for(request.membership, order_id, Capability.DRAFT_ORDERS)
    if not order.is_draft:
        # Refused before the items are validated: they may no longer fit (the hire made them working).
        raise _refusal(ValidationError(services.NOT_A_DRAFT))
    heading, items = _validated(request.membership, payload, instance=order)
    try:
        with transaction.atomic():
            data = {name: heading[name] for name in ("date", "note", "cancels")}
            services.update_draft(actor=request.user, order=order, data=data)
            for item in order.items.all():
                services.delete_item(actor=request.user, item=item)
            for item_data in items:
                services.save_item(actor=request.user, order=order, data=item_data)
    except ValidationError as error:
        raise _refusal(error) from error
    replaced = _read(request.membership, order.pk)
    # The answer is the order's text, as the GET's: logged alike.
    what = f"{ORDER_READ} (ответ на изменение)"
    record_access(membership=request.membership, subject=replaced, what=what, request=request, channel="api")
    return replaced


@router.delete("/{order_id}", response={204: None})
def order_delete(request: MemberRequest, order_id: int) -> Status:
    """Delete a draft; a signed order is refused (it is cancelled by another order)."""
    order = get_order_for(request.membership, order_id, Capability.DRAFT_ORDERS)
    try:
        services.delete_draft(actor=request.user, order=order)
    except ValidationError as error:
        raise _refusal(error) from error
    return Status(204, None)


class ReturnIn(Schema):
    comment: str = Field(description="что исправить: его видит отдел кадров")


@router.post("/{order_id}/submit", response=OrderOut)
def order_submit(request: MemberRequest, order_id: int) -> Order:
    """Send a draft «на подпись» (HR): only a draft passing the check goes; its problems answer 422."""
    order = get_order_for(request.membership, order_id, Capability.DRAFT_ORDERS)
    try:
        services.submit_order(actor=request.user, order=order)
    except ValidationError as error:
        raise _refusal(error) from error
    return _read(request.membership, order.pk)


@router.post("/{order_id}/return", response=OrderOut)
def order_return(request: MemberRequest, order_id: int, payload: ReturnIn) -> Order:
    """Return a draft sent for signature to HR with the director's comment; 422 without a comment."""
    order = get_order_for(request.membership, order_id, Capability.SIGN_ORDERS)
    try:
        services.return_order(actor=request.user, order=order, comment=payload.comment)
    except ValidationError as error:
        raise _refusal(error) from error
    return _read(request.membership, order.pk)


@router.post("/{order_id}/sign", response=OrderOut)
def order_sign(request: MemberRequest, order_id: int) -> Order:
    """Sign a draft sent «на подпись» (the director): it gets its number and its effects apply; problems answer 422."""
    order = get_order_for(request.membership, order_id, Capability.SIGN_ORDERS)
    if order.is_draft and not order.is_submitted:
        raise InvalidInput({NON_FIELD_ERRORS: [services.NOT_SUBMITTED]})
    try:
        services.sign_order(actor=request.user, order=order)
    except ValidationError as error:
        raise _refusal(error) from error
    return _read(request.membership, order.pk)
