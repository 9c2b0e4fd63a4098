"""Every orders URL × every role, and every object URL from another organisation.

The expected answers are written out by hand, not derived from the capability table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kadry.core.models import Membership
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.testing.factories import MembershipFactory

Role = Membership.Role
D = dt.date

READERS = {Role.HR_HEAD, Role.HR_INSPECTOR, Role.DIRECTOR, Role.AUDITOR}
DRAFTERS = {Role.HR_HEAD, Role.HR_INSPECTOR}
SIGNERS = {Role.DIRECTOR}


@pytest.fixture
def orders(hr_inspector, director, units, ivanova) -> dict[str, Order]:
    """A signed hire of Иванова and a draft award for her."""
    hire = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )
    services.sign_order(actor=director.user, order=hire)
    draft = make_order(
        hr_inspector,
        Order.Kind.AWARD,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 5), "award": "Грамота"},
    )
    return {"signed": hire, "draft": draft}


def _pages(orders: dict[str, Order]) -> list[tuple[str, set[Role]]]:
    """Return (url, roles that may GET it) for every page of orders."""
    draft, signed = orders["draft"], orders["signed"]
    item = draft.items.get()
    return [
        (reverse("orders:list"), READERS),
        (reverse("orders:new"), DRAFTERS),
        (reverse("orders:new") + "?kind=hire", DRAFTERS),
        (reverse("orders:queue"), SIGNERS),
        (reverse("orders:queue_count"), SIGNERS),
        (reverse("orders:detail", args=[draft.pk]), READERS),
        (reverse("orders:detail", args=[signed.pk]), READERS),
        (reverse("orders:check", args=[draft.pk]), READERS),
        (reverse("orders:edit", args=[draft.pk]), DRAFTERS),
        (reverse("orders:item_add", args=[draft.pk]), DRAFTERS),
        (reverse("orders:item_edit", args=[draft.pk, item.pk]), DRAFTERS),
        (reverse("orders:cancel", args=[signed.pk]), DRAFTERS),
    ]


def test_every_page_answers_each_role_as_the_matrix_says(personas, orders) -> None:
    failures = []
    for url, allowed in _pages(orders):
        for role, persona in personas.items():
            expected = 200 if role in allowed else 404
            status = persona.client.get(url).status_code
            if status != expected:
                failures.append(f"{role} GET {url}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


def _actions(persona: Any, orders: dict[str, Order], ivanova: Any) -> list[tuple[str, dict[str, Any], set[Role]]]:
    """Return (url, data, roles that may POST) for every write; a fresh draft for each, so each can succeed."""
    draft = make_order(
        persona, Order.Kind.AWARD, D(2026, 10, 6), {"employee": ivanova, "date": D(2026, 10, 6), "award": "Грамота"}
    )
    to_delete = make_order(persona, Order.Kind.AWARD, D(2026, 10, 6))
    to_sign = make_order(
        persona, Order.Kind.AWARD, D(2026, 10, 7), {"employee": ivanova, "date": D(2026, 10, 7), "award": "Грамота"}
    )
    in_batch = make_order(
        persona, Order.Kind.AWARD, D(2026, 10, 8), {"employee": ivanova, "date": D(2026, 10, 8), "award": "Грамота"}
    )
    item = draft.items.get()
    award = {"employee": ivanova.pk, "date": "2026-10-06", "award": "Благодарность"}
    return [
        (reverse("orders:new"), {"kind": "award", "date": "2026-10-06"}, DRAFTERS),
        (reverse("orders:edit", args=[draft.pk]), {"date": "2026-10-07"}, DRAFTERS),
        (reverse("orders:item_add", args=[draft.pk]), award, DRAFTERS),
        (reverse("orders:item_edit", args=[draft.pk, item.pk]), award, DRAFTERS),
        (reverse("orders:item_delete", args=[draft.pk, item.pk]), {}, DRAFTERS),
        (reverse("orders:delete", args=[to_delete.pk]), {}, DRAFTERS),
        (reverse("orders:cancel", args=[orders["signed"].pk]), {"date": "2026-10-10"}, DRAFTERS),
        (reverse("orders:sign", args=[to_sign.pk]), {}, SIGNERS),
        (reverse("orders:queue_sign"), {"orders": [in_batch.pk]}, SIGNERS),
    ]


def test_every_write_answers_each_role_as_the_matrix_says(personas, hr_inspector, orders, ivanova) -> None:
    failures = []
    for role, persona in personas.items():
        for url, data, allowed in _actions(hr_inspector, orders, ivanova):
            expected = 302 if role in allowed else 404
            status = persona.client.post(url, data).status_code
            if status != expected:
                failures.append(f"{role} POST {url}: {status}, expected {expected}")
        # Each allowed cancellation drafted one; the next role may draft its own.
        Order.objects.filter(kind=Order.Kind.CANCELLATION).delete()
    assert not failures, "\n".join(failures)


def test_refused_roles_change_nothing(personas, hr_inspector, orders, ivanova) -> None:
    before = (
        sorted(Order.objects.values_list("pk", "status", "date")),
        sorted(OrderItem.objects.values_list("pk", "award")),
    )
    for role in set(Role) - DRAFTERS - SIGNERS:
        persona = personas[role]
        draft = orders["draft"]
        item = draft.items.get()
        persona.client.post(reverse("orders:delete", args=[draft.pk]))
        persona.client.post(reverse("orders:item_delete", args=[draft.pk, item.pk]))
        persona.client.post(reverse("orders:edit", args=[draft.pk]), {"date": "2026-10-07"})
        persona.client.post(reverse("orders:sign", args=[draft.pk]))
        persona.client.post(reverse("orders:queue_sign"), {"orders": [draft.pk]})

    after = (
        sorted(Order.objects.values_list("pk", "status", "date")),
        sorted(OrderItem.objects.values_list("pk", "award")),
    )
    assert after == before


def test_outsider_gets_404_for_every_object_of_another_school(outsider, orders) -> None:
    object_urls = [url for url, _allowed in _pages(orders) if any(f"/{o.pk}/" in url for o in orders.values())]
    assert len(object_urls) >= 7
    for url in object_urls:
        assert outsider.client.get(url).status_code == 404, url


def test_outsider_cannot_write_to_another_schools_orders(outsider, orders, ivanova) -> None:
    draft, signed = orders["draft"], orders["signed"]
    item = draft.items.get()
    writes = [
        (reverse("orders:edit", args=[draft.pk]), {"date": "2026-10-07"}),
        (reverse("orders:delete", args=[draft.pk]), {}),
        (reverse("orders:item_add", args=[draft.pk]), {"employee": ivanova.pk, "date": "2026-10-05", "award": "x"}),
        (reverse("orders:item_edit", args=[draft.pk, item.pk]), {"employee": ivanova.pk, "date": "2026-10-05"}),
        (reverse("orders:item_delete", args=[draft.pk, item.pk]), {}),
        (reverse("orders:cancel", args=[signed.pk]), {"date": "2026-10-10"}),
    ]

    for url, data in writes:
        assert outsider.client.post(url, data).status_code == 404, url
    assert Order.objects.filter(organisation=draft.organisation).count() == 2
    assert OrderItem.objects.filter(pk=item.pk, award="Грамота").exists()


def test_outsiders_director_cannot_sign_our_draft(other_school, orders) -> None:
    their_director = Client()
    their_director.force_login(MembershipFactory(organisation=other_school, role=Role.DIRECTOR).user)

    assert their_director.post(reverse("orders:sign", args=[orders["draft"].pk])).status_code == 404
    their_director.post(reverse("orders:queue_sign"), {"orders": [orders["draft"].pk]})
    assert Order.objects.get(pk=orders["draft"].pk).status == Order.Status.DRAFT


def test_item_of_another_order_is_404(hr_inspector, orders) -> None:
    other = make_order(hr_inspector, Order.Kind.AWARD, D(2026, 10, 5))
    item = orders["draft"].items.get()

    assert hr_inspector.client.get(reverse("orders:item_edit", args=[other.pk, item.pk])).status_code == 404
    assert hr_inspector.client.post(reverse("orders:item_delete", args=[other.pk, item.pk])).status_code == 404


def test_anonymous_user_is_sent_to_login(client, orders) -> None:
    response = client.get(reverse("orders:detail", args=[orders["draft"].pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_navigation_shows_orders_to_readers_and_the_queue_to_the_director(personas) -> None:
    def nav(role: str) -> str:
        html = personas[role].client.get(reverse("profile")).content.decode()
        return html[html.index('<nav class="mainnav"') : html.index("</nav>")]

    assert "Приказы" in nav(Role.HR_INSPECTOR) and "На подпись" not in nav(Role.HR_INSPECTOR)
    assert "Приказы" in nav(Role.DIRECTOR) and reverse("orders:queue_count") in nav(Role.DIRECTOR)
    assert "Приказы" in nav(Role.AUDITOR) and "На подпись" not in nav(Role.AUDITOR)
    assert "Приказы" not in nav(Role.TEACHER) and "Приказы" not in nav(Role.DEPUTY_DIRECTOR)
