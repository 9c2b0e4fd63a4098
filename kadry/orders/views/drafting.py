"""Drafting orders: the wizard, the draft page with its items, the check before signing, cancellation drafts.

Every write goes through the services, which refuse to change a signed order: the refusal is shown
as a message on the order's page, never as an error page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.orders import services
from kadry.orders.access import get_item_for, get_order_for
from kadry.orders.forms import OrderForm, OrderItemForm, item_form_class, item_initial
from kadry.orders.kinds import KIND_CARDS, MULTIPLE_ITEMS, ONE_ITEM_ONLY
from kadry.orders.models import Order, OrderItem
from kadry.orders.validation import ItemWarning
from kadry.orders.views.preview import kind_title, order_texts

NOT_A_DRAFT = "Подписанный приказ изменить нельзя: его можно только отменить другим приказом."
NO_ITEMS_IN_CANCELLATION = "В приказе об отмене нет сотрудников: он отменяет указанный в нём приказ целиком."
_ITEM_KEY = re.compile(r"items\.(\d+)\.(\w+)")


@dataclass
class ItemRow:
    """An item of the draft page: its sentence, and the problems the check found in it."""

    item: OrderItem | None
    text: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Problems:
    by_item: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    # What the check warns of (never blocks signing), by item.
    warnings: dict[int, list[str]] = field(default_factory=dict)

    def add_warnings(self, warnings: list[ItemWarning]) -> None:
        for warning in warnings:
            self.warnings.setdefault(warning.item.pk, []).append(warning.message)


def _field_label(name: str) -> str:
    try:
        return str(cast(models.Field, OrderItem._meta.get_field(name)).verbose_name).capitalize()  # its own field
    except FieldDoesNotExist:
        return name


def problems_of(error: ValidationError, items: list[OrderItem]) -> Problems:
    """Sort the check's errors by item: ``items.<n>.<field>`` goes to the n-th item under the field's name."""
    problems = Problems()
    if not hasattr(error, "error_dict"):
        problems.general.extend(error.messages)
        return problems
    for key, key_messages in error.message_dict.items():
        match = _ITEM_KEY.fullmatch(key)
        if match and int(match[1]) < len(items):
            item = items[int(match[1])]
            label = _field_label(match[2])
            # The services name the employee in each message; next to the item it goes without saying.
            prefix = f"{item.employee.short_name}: "
            problems.by_item.setdefault(item.pk, []).extend(
                f"{label}: {message.removeprefix(prefix)}" for message in key_messages
            )
        elif key == "cancels":
            problems.general.extend(f"Отменяемый приказ: {message}" for message in key_messages)
        else:
            problems.general.extend(key_messages if key == NON_FIELD_ERRORS else [f"{key}: {m}" for m in key_messages])
    return problems


def item_form(order: Order, data: Any, **kwargs: Any) -> OrderItemForm:
    """Return the item form of the draft's kind, its employee picker searching among those who fit."""
    return item_form_class(order.kind)(
        data,
        organisation_id=order.organisation_id,
        employee_search_url=reverse("orders:employee_search", args=[order.pk]),
        **kwargs,
    )


def can_add_item(order: Order) -> bool:
    """Return whether the draft takes another employee (one-employee kinds take one)."""
    if order.kind == Order.Kind.CANCELLATION:
        return False
    return order.kind in MULTIPLE_ITEMS or not order.items.all()


def draft_page(
    request: MemberRequest,
    order: Order,
    *,
    form: OrderItemForm | None = None,
    problems: Problems | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render a draft with its text, each item's problems and the form adding the next employee."""
    problems = problems or Problems()
    rows = [
        ItemRow(item, text, problems.by_item.get(item.pk, []), problems.warnings.get(item.pk, []))
        if item
        else ItemRow(item, text)
        for item, text in order_texts(order)
    ]
    # Only a role that drafts sees the form: its choices cost queries the others need not pay.
    may_add = can_add_item(order) and role_can(request.membership.role, Capability.DRAFT_ORDERS)
    if form is None and may_add:
        form = item_form(order, None, initial=item_initial(order))
    context = {
        "order": order,
        "title": kind_title(order.kind),
        "card": KIND_CARDS[order.kind],
        "rows": rows,
        "form": form if may_add else None,
        "problems": problems.general,
    }
    return render(request, "orders/draft.html", context, status=status)


def _refused(request: HttpRequest, order: Order, error: ValidationError) -> HttpResponse:
    """Tell why the service refused and go back to the order."""
    messages.error(request, " ".join(error.messages))
    return redirect("orders:detail", pk=order.pk)


def _signed(request: HttpRequest, order: Order) -> HttpResponse:
    messages.error(request, NOT_A_DRAFT)
    return redirect("orders:detail", pk=order.pk)


@capability_required(Capability.DRAFT_ORDERS)
def order_new(request: MemberRequest) -> HttpResponse:
    """Step 1: choose the kind (cards); step 2: the date (and the order cancelled) — then the draft exists."""
    organisation_id = request.membership.organisation_id
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in KIND_CARDS:
        return render(request, "orders/new.html", {"cards": KIND_CARDS.items()})
    initial: dict[str, Any] = {"kind": kind, "date": timezone.localdate()}
    form = OrderForm(request.POST or None, initial=initial, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        order = services.create_draft(
            actor=request.user,
            organisation_id=organisation_id,
            kind=data["kind"],
            date=data["date"],
            note=data["note"],
            cancels=data["cancels"],
        )
        messages.success(request, "Проект приказа создан. Добавьте сотрудников.")
        return redirect("orders:detail", pk=order.pk)
    context = {"form": form, "kind": kind, "card": KIND_CARDS[kind], "title": kind_title(kind)}
    return render(request, "orders/order_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.DRAFT_ORDERS)
def order_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Change the heading of a draft: its date, note, the order it cancels."""
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    if not order.is_draft:
        return _signed(request, order)
    form = OrderForm(request.POST or None, instance=order, organisation_id=order.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(actor=request.user, order=order, data=form.draft_data())
        except ValidationError as error:
            return _refused(request, order, error)
        messages.success(request, "Изменения сохранены.")
        return redirect("orders:detail", pk=order.pk)
    context = {"form": form, "order": order, "kind": order.kind, "title": kind_title(order.kind)}
    return render(request, "orders/order_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def order_delete(request: MemberRequest, pk: int) -> HttpResponse:
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    try:
        services.delete_draft(actor=request.user, order=order)
    except ValidationError as error:
        return _refused(request, order, error)
    messages.success(request, "Проект приказа удалён.")
    return redirect("orders:list")


@capability_required(Capability.DRAFT_ORDERS)
def item_add(request: MemberRequest, pk: int) -> HttpResponse:
    """Add an employee to a draft; the form comes back on the draft page with its messages."""
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    if not order.is_draft:
        return _signed(request, order)
    if not can_add_item(order):
        cancellation = order.kind == Order.Kind.CANCELLATION
        messages.error(request, NO_ITEMS_IN_CANCELLATION if cancellation else str(ONE_ITEM_ONLY))
        return redirect("orders:detail", pk=order.pk)
    form = item_form(order, request.POST or None, initial=item_initial(order))
    if request.method != "POST":
        return render(request, "orders/item_form.html", {"form": form, "order": order, "title": kind_title(order.kind)})
    if not form.is_valid():
        return draft_page(request, order, form=form, status=400)
    try:
        item = services.save_item(actor=request.user, order=order, data=form.field_data())
    except ValidationError as error:
        return _refused(request, order, error)
    messages.success(request, f"Добавлен(а): {item.employee.short_name}.")
    response = redirect("orders:detail", pk=order.pk)
    response["Location"] += "#add-item"
    return response


@capability_required(Capability.DRAFT_ORDERS)
def item_edit(request: MemberRequest, pk: int, item: int) -> HttpResponse:
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    instance = get_item_for(order, item)
    if not order.is_draft:
        return _signed(request, order)
    form = item_form(order, request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(actor=request.user, order=order, item=instance, data=form.field_data())
        except ValidationError as error:
            return _refused(request, order, error)
        messages.success(request, "Изменения сохранены.")
        return redirect("orders:detail", pk=order.pk)
    context = {"form": form, "order": order, "item": instance, "title": kind_title(order.kind)}
    return render(request, "orders/item_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def item_delete(request: MemberRequest, pk: int, item: int) -> HttpResponse:
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    instance = get_item_for(order, item)
    try:
        services.delete_item(actor=request.user, item=instance)
    except ValidationError as error:
        return _refused(request, order, error)
    messages.success(request, f"Удалён(а) из приказа: {instance.employee.short_name}.")
    return redirect("orders:detail", pk=order.pk)


@capability_required(Capability.VIEW_ORDERS)
def order_check(request: MemberRequest, pk: int) -> HttpResponse:
    """Run the signing checks without signing and show each problem next to its item."""
    order = get_order_for(request.membership, pk)
    if not order.is_draft:
        return redirect("orders:detail", pk=order.pk)
    result = services.review(order)
    try:
        result.raise_if_errors()
    except ValidationError as error:
        problems = problems_of(error, list(order.items.all()))
        problems.add_warnings(result.warnings)
        return draft_page(request, order, problems=problems)
    problems = Problems()
    problems.add_warnings(result.warnings)
    messages.success(request, "Проверка пройдена: приказ можно подписывать.")
    if result.warnings:
        messages.warning(request, "Есть предупреждения: они не мешают подписанию, но их стоит проверить.")
    return draft_page(request, order, problems=problems)


@capability_required(Capability.DRAFT_ORDERS)
@require_POST
def order_submit(request: MemberRequest, pk: int) -> HttpResponse:
    """Send a draft «на подпись»: it reaches the director only if it passes the check."""
    order = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    if not order.is_draft:
        return _signed(request, order)
    try:
        services.submit_order(actor=request.user, order=order)
    except ValidationError as error:
        messages.error(request, "Проект не отправлен на подпись: проверка нашла ошибки.")
        return draft_page(request, order, problems=problems_of(error, list(order.items.all())), status=400)
    messages.success(request, "Проект отправлен директору на подпись.")
    return redirect("orders:detail", pk=order.pk)


@capability_required(Capability.DRAFT_ORDERS)
def order_cancel(request: MemberRequest, pk: int) -> HttpResponse:
    """Draft the order that cancels a signed one (ТК РФ: a signed order is never edited or deleted)."""
    target = get_order_for(request.membership, pk, Capability.DRAFT_ORDERS)
    # select_related gave the cancellation or nothing; the reverse one-to-one raises when there is none.
    existing = getattr(target, "cancelled_by", None)
    if existing is not None:
        messages.info(request, "Приказ об отмене уже подготовлен.")
        return redirect("orders:detail", pk=existing.pk)
    if target.status != Order.Status.SIGNED or target.kind == Order.Kind.CANCELLATION:
        messages.error(request, "Отменить приказом можно только подписанный приказ (не приказ об отмене).")
        return redirect("orders:detail", pk=target.pk)
    data = None
    if request.method == "POST":
        data = {**request.POST.dict(), "kind": Order.Kind.CANCELLATION, "cancels": target.pk}
    form = OrderForm(
        data,
        initial={"kind": Order.Kind.CANCELLATION, "cancels": target.pk, "date": timezone.localdate()},
        organisation_id=target.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        order = services.create_draft(
            actor=request.user,
            organisation_id=target.organisation_id,
            kind=Order.Kind.CANCELLATION,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            cancels=form.cleaned_data["cancels"],
        )
        messages.success(request, "Проект приказа об отмене создан. Его подписывает директор.")
        return redirect("orders:detail", pk=order.pk)
    context = {"form": form, "target": target, "kind": Order.Kind.CANCELLATION, "title": kind_title("cancellation")}
    return render(request, "orders/order_form.html", context, status=400 if form.errors else 200)
