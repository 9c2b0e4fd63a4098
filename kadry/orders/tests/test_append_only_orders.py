"""Signed orders and their items cannot be rewritten: database triggers, and the hash stored on signing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from kadry.core import append_only
from kadry.core.integrity import verify_all
from kadry.orders import services
from kadry.orders.integrity import content_hash
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import make_order
from kadry.testing.factories import EmployeeFactory

D = dt.date
REFUSED = "append-only"


def _award(persona, text: str = "Благодарность") -> Order:
    employee = EmployeeFactory(organisation=persona.organisation)
    return make_order(
        persona, Order.Kind.AWARD, D(2026, 11, 2), {"employee": employee, "date": D(2026, 11, 2), "award": text}
    )


def _signed(hr_inspector, director) -> Order:
    return services.sign_order(actor=director.user, order=_award(hr_inspector))


def _cancel(hr_inspector, director, order: Order) -> Order:
    draft = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 11, 10),
        cancels=order,
    )
    return services.sign_order(actor=director.user, order=draft)


def _run(sql: str, params: list) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _refused(sql: str, params: list) -> None:
    with pytest.raises(IntegrityError, match=REFUSED):
        _run(sql, params)


@pytest.mark.django_db
def test_signing_stores_the_hash_of_the_heading_and_the_items(hr_inspector, director) -> None:
    order = Order.objects.get(pk=_signed(hr_inspector, director).pk)

    assert order.content_hash == content_hash(order, list(order.items.all()))
    assert len(order.content_hash) == 64
    assert list(verify_all()) == []


@pytest.mark.django_db
def test_a_signed_order_and_its_items_refuse_update_and_delete(hr_inspector, director) -> None:
    order = _signed(hr_inspector, director)
    item = order.items.get()

    _refused("UPDATE orders_order SET note = %s WHERE id = %s", ["подложный", order.pk])
    _refused("UPDATE orders_order SET status = %s WHERE id = %s", ["draft", order.pk])
    _refused("DELETE FROM orders_order WHERE id = %s", [order.pk])
    _refused("UPDATE orders_orderitem SET award = %s WHERE id = %s", ["Орден", item.pk])
    _refused("DELETE FROM orders_orderitem WHERE id = %s", [item.pk])
    # Nor can a draft's item be moved into a signed order.
    draft_item = _award(hr_inspector).items.get()
    _refused("UPDATE orders_orderitem SET order_id = %s WHERE id = %s", [order.pk, draft_item.pk])


@pytest.mark.django_db
def test_drafts_stay_editable_and_deletable(hr_inspector, director) -> None:
    draft = _award(hr_inspector)
    _run("UPDATE orders_order SET note = %s WHERE id = %s", ["черновик", draft.pk])
    _run("UPDATE orders_orderitem SET award = %s WHERE order_id = %s", ["Грамота", draft.pk])

    services.delete_draft(actor=hr_inspector.user, order=draft)  # its items first: they PROTECT the order
    assert not Order.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_cancelling_changes_only_the_status_of_the_cancelled_order(hr_inspector, director) -> None:
    order = _signed(hr_inspector, director)
    _cancel(hr_inspector, director, order)

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert list(verify_all()) == []  # the status is not part of the hash; the rest is unchanged
    # The cancellation is the one transition allowed, and only on its own.
    _refused("UPDATE orders_order SET status = %s WHERE id = %s", ["signed", order.pk])
    other = _signed(hr_inspector, director)
    _refused("UPDATE orders_order SET status = %s, note = %s WHERE id = %s", ["cancelled", "x", other.pk])


@pytest.mark.django_db
def test_an_order_altered_with_the_triggers_disabled_is_named(hr_inspector, director) -> None:
    intact, altered = _signed(hr_inspector, director), _signed(hr_inspector, director)
    append_only.uninstall(connection, tables=["orders_orderitem"])
    OrderItem.objects.filter(order=altered).update(award="Орден")
    append_only.install(connection, tables=["orders_orderitem"])

    [broken] = verify_all()
    assert (broken.organisation_id, broken.table, broken.row_id) == (
        altered.organisation_id,
        "orders_order",
        altered.pk,
    )
    assert intact.pk != broken.row_id
