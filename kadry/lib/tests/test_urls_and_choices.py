"""Rows' links reversed once, and choice labels without ``get_FOO_display``: the same answers as Django's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import Membership
from kadry.lib.choices import choice_label, value_label
from kadry.lib.urls import url_by_pk
from kadry.orders.models import Order


@pytest.mark.parametrize(("viewname", "args"), [("employee_card", ()), ("structure_edit", ("staffing-units",))])
@pytest.mark.parametrize("pk", [1, 0, 10, 12345])
def test_url_by_pk_is_reverse(viewname: str, args: tuple, pk: int) -> None:
    assert url_by_pk(viewname, *args)(pk) == reverse(viewname, args=[*args, pk])


@pytest.mark.parametrize("role", [*Membership.Role.values, "unknown"])
def test_value_label_is_get_display(role: str) -> None:
    membership = Membership(role=role)

    assert value_label(Membership, "role", role) == membership.get_role_display()
    assert choice_label(membership, "role") == membership.get_role_display()


def test_every_order_kind_has_its_label() -> None:
    assert [value_label(Order, "kind", kind) for kind in Order.Kind.values] == [str(k.label) for k in Order.Kind]
