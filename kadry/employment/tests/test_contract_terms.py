"""The terms of a contract on the deadlines registry: probation (ТК РФ ст. 70), a fixed term with its
notice (ст. 79), a temporary transfer (ст. 72.2). Hand-computed dates, from signed orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kadry.absences.models import Absence
from kadry.core.home import deadlines_for
from kadry.employment import term_rules
from kadry.employment.deadlines import (
    FIXED_TERM_KIND,
    NOTICE_KIND,
    PROBATION_CODE,
    PROBATION_KIND,
    TRANSFER_KIND,
    contract_deadlines,
    transfer_deadlines,
)
from kadry.orders import services as orders
from kadry.orders.models import Order, OrderItem
from kadry.testing.factories import EmployeeFactory, StaffingUnitFactory

D = dt.date


# Pure rules.


@pytest.mark.parametrize(
    ("away", "end"),
    [
        # 01.09.2026 + 3 months: the months 01.09–30.09, 01.10–31.10, 01.11–30.11 → last day 30.11.2026.
        ([], D(2026, 11, 30)),
        # A 10-day illness 05.10–14.10 inside: 30.11 + 10 days = 10.12.2026.
        ([(D(2026, 10, 5), D(2026, 10, 14))], D(2026, 12, 10)),
        # The same and an absence 02.12–04.12 that falls inside the added days: 10.12 + 3 = 13.12.2026.
        ([(D(2026, 10, 5), D(2026, 10, 14)), (D(2026, 12, 2), D(2026, 12, 4))], D(2026, 12, 13)),
        # Overlapping periods (sick during an unpaid leave) count their common days once: 05.10–14.10 = 10.
        ([(D(2026, 10, 5), D(2026, 10, 14)), (D(2026, 10, 10), D(2026, 10, 12))], D(2026, 12, 10)),
        # An absence after the probation (11.12 onwards, past 10.12) does not move it.
        ([(D(2026, 10, 5), D(2026, 10, 14)), (D(2026, 12, 11), D(2026, 12, 20))], D(2026, 12, 10)),
        # Before the start: not counted.
        ([(D(2026, 8, 20), D(2026, 8, 31))], D(2026, 11, 30)),
    ],
)
def test_probation_ends_three_months_on_and_moves_by_the_days_away(away, end) -> None:
    assert term_rules.probation_end(D(2026, 9, 1), 3, away) == end


def test_probation_begun_on_the_31st_ends_at_the_end_of_the_shorter_month() -> None:
    # 31.01.2026 + 1 month: no 31 February, the month runs to 28.02.2026 (as in the length of service).
    assert term_rules.probation_end(D(2026, 1, 31), 1) == D(2026, 2, 28)


def test_the_warnings_are_three_days_before() -> None:
    # ст. 79: contract ends 31.12.2026; the three days 29, 30, 31 → notice by 28.12.2026.
    assert term_rules.fixed_term_notice_due(D(2026, 12, 31)) == D(2026, 12, 28)
    # ст. 71: probation ends 10.12.2026 → warn of an unsatisfactory result by 07.12.2026.
    assert term_rules.probation_warning_due(D(2026, 12, 10)) == D(2026, 12, 7)


def test_a_temporary_transfer_longer_than_a_year_is_flagged() -> None:
    # 01.09.2026 + 12 months − 1 day = 31.08.2027 is the longest; 01.09.2027 is one day too many.
    assert not term_rules.temporary_transfer_too_long(D(2026, 9, 1), D(2027, 8, 31))
    assert term_rules.temporary_transfer_too_long(D(2026, 9, 1), D(2027, 9, 1))


# From signed orders.


def _sign(hr, director, kind: str, date: dt.date, item: dict) -> Order:
    order = orders.create_draft(actor=hr.user, organisation_id=hr.organisation.pk, kind=kind, date=date)
    orders.save_item(actor=hr.user, order=order, data=item)
    orders.sign_order(actor=director.user, order=order)
    return order


def _hire(hr, director, school, last_name: str, **contract) -> tuple:
    unit = StaffingUnitFactory(organisation=school, rates=Decimal("2"))
    person = EmployeeFactory(organisation=school, last_name=last_name)
    item = {
        "employee": person,
        "date": D(2026, 9, 1),
        "staffing_unit": unit,
        "rate": Decimal("1"),
        "employment_kind": OrderItem.EmploymentKind.MAIN,
        "contract_term": OrderItem.ContractTerm.INDEFINITE,
        "contract_number": f"{last_name[:3]}/26",
        "contract_date": D(2026, 9, 1),
        **contract,
    }
    _sign(hr, director, Order.Kind.HIRE, D(2026, 9, 1), item)
    return person, unit


@pytest.mark.django_db
def test_the_probation_with_an_illness_inside_ends_on_10_december(hr_inspector, director, school) -> None:
    person, _unit = _hire(hr_inspector, director, school, "Петрова", probation_months=3)
    Absence.objects.create(
        organisation=school,
        employee=person,
        kind=Absence.Kind.SICK,
        sick_reason=Absence.SickReason.OWN_ILLNESS,
        start=D(2026, 10, 5),
        end=D(2026, 10, 14),
    )
    # A business trip is work, lateness too: they do not move the probation.
    Absence.objects.create(organisation=school, employee=person, kind=Absence.Kind.BUSINESS_TRIP,
                           start=D(2026, 11, 2), end=D(2026, 11, 6))  # fmt: skip

    found = [d for d in contract_deadlines([school.pk], D(2026, 12, 1)) if d.kind == PROBATION_KIND]

    assert [(d.due, d.code, d.organisation_id) for d in found] == [(D(2026, 12, 10), PROBATION_CODE, school.pk)]
    assert "по 10.12.2026" in found[0].subject and "не позднее 07.12.2026" in found[0].subject
    assert found[0].source == "ТК РФ ст. 70, 71"


@pytest.mark.django_db
def test_a_fixed_term_contract_asks_for_the_notice_and_the_order(hr_inspector, director, school) -> None:
    _hire(
        hr_inspector,
        director,
        school,
        "Смирнова",
        contract_term=OrderItem.ContractTerm.FIXED,
        end_date=D(2026, 12, 31),
        fixed_term_reason="на время выполнения заведомо определённой работы (ТК РФ ст. 59 ч. 1)",
    )

    found = sorted((d.kind, d.due, d.source) for d in contract_deadlines([school.pk], D(2026, 12, 1)))

    assert found == sorted(
        [
            (NOTICE_KIND, D(2026, 12, 28), "ТК РФ ст. 79 ч. 1"),
            (FIXED_TERM_KIND, D(2026, 12, 31), "ТК РФ ст. 79, ст. 77 ч. 1 п. 2"),
        ]
    )
    # Too far ahead in September (the end is more than three months away): not listed yet.
    assert contract_deadlines([school.pk], D(2026, 9, 15)) == []


@pytest.mark.django_db
def test_a_dismissed_employee_has_no_contract_terms(hr_inspector, director, school) -> None:
    person, _unit = _hire(hr_inspector, director, school, "Орлова", probation_months=3)
    _sign(
        hr_inspector,
        director,
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {
            "employee": person,
            "date": D(2026, 11, 20),
            "dismissal_ground": "77-1-3",
            "statement_date": D(2026, 11, 6),
            "basis": "заявление от 06.11.2026",
        },
    )

    assert contract_deadlines([school.pk], D(2026, 11, 25)) == []


@pytest.mark.django_db
def test_the_end_of_a_temporary_transfer_is_a_term_and_a_permanent_one_is_not(hr_inspector, director, school) -> None:
    temporary, _unit = _hire(hr_inspector, director, school, "Кузнецова")
    permanent, _unit2 = _hire(hr_inspector, director, school, "Лебедева")
    deputy = StaffingUnitFactory(organisation=school, rates=Decimal("2"), position__name="заместитель директора")
    transfer = {"staffing_unit": deputy, "rate": Decimal("1"), "date": D(2026, 10, 1)}
    # Temporary: 01.10.2026–31.01.2027, then back to the former work from 01.02.2027 (ст. 72.2).
    _sign(hr_inspector, director, Order.Kind.TRANSFER, D(2026, 9, 30),
          {"employee": temporary, "end_date": D(2027, 1, 31), **transfer})  # fmt: skip
    _sign(hr_inspector, director, Order.Kind.TRANSFER, D(2026, 9, 30), {"employee": permanent, **transfer})

    found = transfer_deadlines([school.pk], D(2026, 12, 1))

    assert [(d.kind, d.due, d.source) for d in found] == [(TRANSFER_KIND, D(2027, 1, 31), "ТК РФ ст. 72.2 ч. 1")]
    assert "Кузнецова" in found[0].subject and "с 01.10.2026 по 31.01.2027" in found[0].subject
    # Through the registry, for the inspector who drafts the orders; not for a teacher's role.
    assert TRANSFER_KIND in [d.kind for d in deadlines_for(hr_inspector.membership, D(2026, 12, 1))]
