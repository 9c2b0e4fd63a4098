"""The balances of all employees on a date (issue 12's bench) equal each employee's own balance.

``balances_for_organisations`` reads plain rows and shares what repeats; ``balance_for`` reads one
employee's models. A varied school is built — transfers, part-time jobs, a minor, unpaid leave beyond
14 days, childcare leave, used, recalled and cancelled leave, a 29 February hire, the office's own
rules, a dismissal, a broken employment, a hire yet to come — and both are compared on several dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.employment.models import Assignment
from kadry.leave import balances, services
from kadry.leave.models import LeaveKind, LeaveRule, LedgerEntry
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
ADULT_BIRTH = D(1985, 3, 14)
MAIN, INTERNAL, EXTERNAL = Assignment.Kind.MAIN, Assignment.Kind.INTERNAL_PART_TIME, Assignment.Kind.EXTERNAL_PART_TIME
DATES = [D(2024, 2, 28), D(2024, 3, 1), D(2025, 3, 1), D(2025, 7, 10), D(2025, 12, 31), D(2026, 6, 15), D(2027, 2, 28)]


class School:
    def __init__(self, organisation: Any, actor: Any) -> None:
        self.organisation, self.actor = organisation, actor
        self.positions: dict[str, Any] = {}

    def unit(self, position: str) -> Any:
        if position not in self.positions:
            self.positions[position] = PositionFactory(organisation=self.organisation, name=position)
        return StaffingUnitFactory(organisation=self.organisation, position=self.positions[position])

    def person(self, *jobs: tuple[str, str, dt.date, dt.date | None], born: dt.date = ADULT_BIRTH) -> Any:
        employee = EmployeeFactory(organisation=self.organisation, birth_date=born)
        for kind, position, start, end in jobs:
            AssignmentFactory(employee=employee, staffing_unit=self.unit(position), kind=kind, start=start, end=end)
        return employee

    def item(self, employee: Any, on: dt.date) -> OrderItem:
        order = orders.create_draft(
            actor=self.actor, organisation_id=self.organisation.pk, kind=Order.Kind.LEAVE, date=on
        )
        return OrderItem.objects.create(organisation_id=self.organisation.pk, order=order, employee=employee, date=on)

    def grant(self, employee: Any, kind: str, start: dt.date, days: int) -> OrderItem:
        item = self.item(employee, start)
        services.grant_leave(actor=self.actor, employee=employee, order_item=item, leave_kind=kind, start=start,
                             days=days, document="Приказ")  # fmt: skip
        return item


@pytest.fixture
def varied(school: Any, other_school: Any, hr_inspector: Any) -> list[Any]:
    s = School(school, hr_inspector.user)
    people = [
        # A teacher (56 days) transferred without a break to a deputy for educational work (56).
        s.person(
            (MAIN, "Учитель математики", D(2023, 9, 1), D(2024, 8, 31)),
            (MAIN, "Заместитель директора по учебной работе", D(2024, 9, 1), None),
        ),
        # An external part-timer only (ТК ст. 286: the part-time job has its own leave).
        s.person((EXTERNAL, "Специалист по кадрам", D(2024, 2, 1), None)),
        # A main job and an internal part-time one begun later: the main job's year and position.
        s.person((MAIN, "Бухгалтер", D(2022, 3, 15), None), (INTERNAL, "Лаборант", D(2024, 1, 10), None)),
        # A minor (ТК ст. 267: 31 days until 20.05.2027, then 28).
        s.person((MAIN, "Лаборант", D(2025, 6, 1), None), born=D(2009, 5, 20)),
        # Hired on 29 February.
        s.person((MAIN, "Специалист по охране труда", D(2024, 2, 29), None)),
        # Dismissed on 31.03.2025.
        s.person((MAIN, "Уборщик служебных помещений", D(2021, 4, 5), D(2025, 3, 31))),
        # A broken employment: the working year runs from the second hire.
        s.person((MAIN, "Сторож", D(2018, 1, 1), D(2020, 12, 31)), (MAIN, "Сторож", D(2022, 1, 10), None)),
        # Hired after most of the dates: no balance before.
        s.person((MAIN, "Учитель истории", D(2026, 9, 1), None)),
        # Dismissed on 30.06.2025, to be hired again on 01.09.2026 as a teacher: 28 days in between.
        s.person((MAIN, "Вахтёр", D(2019, 2, 1), D(2025, 6, 30)), (MAIN, "Учитель ИЗО", D(2026, 9, 1), None)),
        # A part-time job ended, the main one goes on.
        s.person((MAIN, "Учитель физики", D(2020, 9, 1), None), (INTERNAL, "Методист", D(2021, 9, 1), D(2023, 6, 30))),
    ]
    secretary = s.person((MAIN, "Секретарь", D(2021, 10, 4), None))
    s.grant(secretary, LeaveKind.UNPAID, D(2025, 2, 3), 30)  # 16 days beyond 14 shift the working year
    s.grant(secretary, LeaveKind.ANNUAL, D(2025, 8, 4), 14)
    mother = s.person((MAIN, "Учитель начальных классов", D(2019, 1, 15), None))
    s.grant(mother, LeaveKind.CHILDCARE, D(2024, 3, 1), 200)
    recalled = s.person((MAIN, "Учитель химии", D(2020, 9, 1), None))
    s.grant(recalled, LeaveKind.ANNUAL, D(2025, 7, 1), 28)
    services.recall_from_leave(actor=s.actor, employee=recalled, order_item=s.item(recalled, D(2025, 7, 15)),
                               back_on=D(2025, 7, 15), document="Приказ об отзыве")  # fmt: skip
    cancelled = s.person((MAIN, "Библиотекарь", D(2022, 11, 30), None))
    item = s.grant(cancelled, LeaveKind.ANNUAL, D(2025, 6, 2), 14)
    s.grant(cancelled, LeaveKind.UNPAID, D(2025, 9, 1), 20)
    services.undo_order_item(actor=s.actor, order_item=item, document="Отмена приказа")
    unpaid = s.grant(cancelled, LeaveKind.UNPAID, D(2024, 5, 6), 30)  # cancelled: shifts nothing
    services.undo_order_item(actor=s.actor, order_item=unpaid, document="Отмена приказа")
    # The office's rules: irregular hours of a person, a collective agreement's days for a position.
    LeaveRule.objects.create(organisation=school, employee=secretary, kind=LeaveRule.Kind.IRREGULAR, days=3,
                             basis="Правила внутреннего распорядка")  # fmt: skip
    LeaveRule.objects.create(organisation=school, position=s.positions["Бухгалтер"], kind=LeaveRule.Kind.AGREEMENT,
                             days=2, basis="Коллективный договор")  # fmt: skip
    LeaveRule.objects.create(organisation=school, employee=people[4], kind=LeaveRule.Kind.BASIC, days=35,
                             basis="Коллективный договор")  # fmt: skip
    # Someone of another school is not counted.
    School(other_school, hr_inspector.user).person((MAIN, "Учитель музыки", D(2020, 9, 1), None))
    assert LedgerEntry.objects.filter(reverses__isnull=False).count() == 2
    return [*people, secretary, mother, recalled, cancelled]


@pytest.mark.parametrize("on", DATES)
def test_the_balances_of_all_equal_each_ones_balance(varied: list[Any], school: Any, on: dt.date) -> None:
    expected = {person.pk: balances.balance_for(person, on) for person in varied}
    expected = {pk: balance for pk, balance in expected.items() if balance is not None}
    with CaptureQueriesContext(connection) as queries:
        found = balances.balances_for_organisations([school.pk], on)
    assert len(queries) <= 6  # units, assignments, the young, rules, reversals, ledger: not one per employee
    assert found == expected
    assert expected  # every date finds someone employed


def test_the_comparison_sees_the_shifts_and_the_returns(varied: list[Any], school: Any) -> None:
    """The data set exercises what it is meant to: without these the equality above proves little."""
    on = D(2025, 12, 31)
    found = balances.balances_for_organisations([school.pk], on)
    secretary, mother, recalled, cancelled = varied[-4:]
    # The secretary: 16 days of unpaid leave not counted move the working year 04.10.2025–03.10.2026
    # to 20.10.2025–19.10.2026; 28 + 3 days a year.
    assert found[secretary.pk].working_year == services.rules.Period(D(2025, 10, 20), D(2026, 10, 19))
    assert found[secretary.pk].entitlement_days == 31
    # Recalled on 15.07.2025 from 28 days begun 01.07.2025: 14 days used, 14 returned.
    assert found[recalled.pk].used == 14
    # The cancelled leave charges nothing, the cancelled unpaid leave shifts nothing; the unpaid leave
    # of 20 days shifts the year by 6.
    assert found[cancelled.pk].used == 0
    assert found[cancelled.pk].working_year.start == D(2025, 12, 6)
    # Childcare leave of 200 days (01.03.–16.09.2024) inside the year 15.01.2024–14.01.2025 moves its
    # end to 02.08.2025: the next year begins on 03.08.2025.
    assert found[mother.pk].working_year.start == D(2025, 8, 3)
    # The minor, 16 years old: 31 days; the 29 February hire's own basic rule of 35 days.
    assert found[varied[3].pk].entitlement_days == 31
    assert found[varied[4].pk].entitlement_days == 35
    assert found[varied[4].pk].working_year == services.rules.Period(D(2025, 3, 1), D(2026, 2, 28))
    # Between jobs the entitlement is the last job's, not the one yet to begin.
    assert found[varied[8].pk].entitlement_days == 28
