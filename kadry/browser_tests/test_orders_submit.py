"""Acceptance of the «на подпись» step: a draft reaches the director only when sent, and comes back with a comment."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.testing.factories import EmployeeFactory, MembershipFactory, StaffingUnitFactory, UserFactory

pytestmark = pytest.mark.browser


def test_inspector_sends_a_draft_the_director_returns_it_with_a_comment(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    inspector = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    school = inspector.organisation
    MembershipFactory(organisation=school, user=UserFactory(username="director"), role=Membership.Role.DIRECTOR)
    unit = StaffingUnitFactory(organisation=school, position__name="учитель математики", rates=Decimal("1"))
    employee = EmployeeFactory(organisation=school, last_name="Иванова", first_name="Мария", middle_name="Петровна")
    today = timezone.localdate()
    order = services.create_draft(actor=inspector.user, organisation_id=school.pk, kind=Order.Kind.HIRE, date=today)
    services.save_item(
        actor=inspector.user,
        order=order,
        data={
            "employee": employee,
            "date": today,
            "staffing_unit": unit,
            "rate": Decimal("1"),
            "employment_kind": OrderItem.EmploymentKind.MAIN,
            "contract_term": OrderItem.ContractTerm.INDEFINITE,
            "contract_number": "15/26",
            "contract_date": today,
        },
    )

    # 1. Not sent yet: the director's queue is empty.
    login(page, "director", "password")
    page.goto("/orders/queue/")
    expect(page.get_by_text("Нет приказов, ожидающих подписи.")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # 2. The inspector sends it «на подпись» from the draft page.
    login(page, "inspector", "password")
    page.goto(f"/orders/{order.pk}/")
    page.get_by_role("button", name="На подпись").click()
    expect(page.locator(".messages")).to_contain_text("Проект отправлен директору на подпись.")
    expect(page.locator(".notice")).to_contain_text("Отправлен на подпись")
    page.get_by_role("button", name="Выйти").click()

    # 3. The director sees it with its check and returns it with a comment.
    login(page, "director", "password")
    page.goto("/orders/queue/")
    expect(page.locator(".queue")).to_contain_text("Принять Иванову Марию Петровну")
    expect(page.locator(".queue")).to_contain_text("Проверка пройдена при отправке")
    page.get_by_text("Вернуть на доработку").click()
    page.get_by_label("Что исправить").fill("Укажите испытательный срок")
    page.get_by_role("button", name="Вернуть с замечанием").click()
    expect(page.locator(".messages")).to_contain_text("Возвращён на доработку")
    expect(page.get_by_text("Нет приказов, ожидающих подписи.")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # 4. The inspector reads the comment on the draft.
    login(page, "inspector", "password")
    page.goto(f"/orders/{order.pk}/")
    expect(page.locator(".form-error")).to_contain_text("Укажите испытательный срок")
    assert re.search("Возвращён директором", page.content())
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT
