"""Hire → transfer → dismissal through signed orders, and cancelling restores the previous state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kadry.employment.models import Assignment, Contract, WorkRecordEntry, WorkRecordEvent
from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.queries import staffing_table

D = dt.date


def _draft_hire(persona, units, employee):
    """Draft the hire of ``employee`` into the maths rate from 1 September 2026."""
    return make_order(
        persona,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": employee, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE},
    )


def _occupied(school, unit, on):
    sections, _total = staffing_table(school.pk, on)
    return next(line.occupied for section in sections for u, line in section.rows if u.pk == unit.pk)


@pytest.mark.django_db
def test_hire_transfer_dismissal_leave_the_right_history(hr_inspector, director, units, ivanova) -> None:
    school = hr_inspector.organisation
    hire = _draft_hire(hr_inspector, units, ivanova)
    services.sign_order(actor=director.user, order=hire)
    transfer = make_order(
        hr_inspector,
        Order.Kind.TRANSFER,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 6), "staffing_unit": units["deputy"], "rate": Decimal("1")},
    )
    services.sign_order(actor=director.user, order=transfer)
    dismissal = make_order(
        hr_inspector,
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {
            "employee": ivanova,
            "date": D(2026, 11, 20),
            "dismissal_ground": "77-1-3",
            "statement_date": D(2026, 11, 6),
            "basis": "заявление от 06.11.2026",
        },
    )
    services.sign_order(actor=director.user, order=dismissal)

    assert [(o.number, o.display_number) for o in (hire, transfer, dismissal) if o.refresh_from_db() is None] == [
        (1, "1-к"),
        (2, "2-к"),
        (3, "3-к"),
    ]
    assignments = list(
        Assignment.objects.filter(employee=ivanova).order_by("start").values_list("staffing_unit", "start", "end")
    )
    assert assignments == [
        (units["maths"].pk, D(2026, 9, 1), D(2026, 10, 5)),
        (units["deputy"].pk, D(2026, 10, 6), D(2026, 11, 20)),
    ]
    assert Contract.objects.get(employee=ivanova).number == "15/26"
    entries = list(WorkRecordEntry.objects.filter(employee=ivanova).values_list("number", "wording", "document"))
    assert entries == [
        (1, "Принята на должность учителя математики", "Приказ от 01.09.2026 № 1-к"),
        (
            2,
            "Переведена на должность заместителя директора по учебно-воспитательной работе",
            "Приказ от 05.10.2026 № 2-к",
        ),
        (
            3,
            "Трудовой договор расторгнут по инициативе работника, пункт 3 части первой статьи 77 "
            "Трудового кодекса Российской Федерации",
            "Приказ от 20.11.2026 № 3-к",
        ),
    ]
    events = list(
        WorkRecordEvent.objects.filter(employee=ivanova).order_by("date").values_list("kind", "date", "deadline")
    )
    assert events == [
        ("hire", D(2026, 9, 1), D(2026, 9, 2)),  # the working day after the order
        ("transfer", D(2026, 10, 6), D(2026, 11, 25)),  # the 25th of the next month
        ("dismissal", D(2026, 11, 20), D(2026, 11, 23)),  # Friday's order → Monday
    ]
    assert _occupied(school, units["maths"], D(2026, 9, 15)) == Decimal("1")
    assert _occupied(school, units["maths"], D(2026, 10, 15)) == Decimal("0")
    assert _occupied(school, units["deputy"], D(2026, 11, 21)) == Decimal("0")


@pytest.mark.django_db
def test_signed_order_refuses_edits_and_deletion(hr_inspector, director, units, ivanova) -> None:
    order = _draft_hire(hr_inspector, units, ivanova)
    services.sign_order(actor=director.user, order=order)
    item = order.items.get()

    with pytest.raises(ValidationError, match="Подписанный приказ изменить нельзя"):
        services.update_draft(actor=hr_inspector.user, order=order, data={"note": "правка"})
    with pytest.raises(ValidationError, match="Подписанный приказ изменить нельзя"):
        services.save_item(actor=hr_inspector.user, order=order, item=item, data={"rate": Decimal("0.5")})
    with pytest.raises(ValidationError):
        services.delete_draft(actor=hr_inspector.user, order=order)
    with pytest.raises(ValidationError):
        services.sign_order(actor=director.user, order=order)
    item.refresh_from_db()
    assert item.rate == Decimal("1")


@pytest.mark.django_db
def test_cancelling_a_dismissal_restores_the_assignment_and_invalidates_the_entry(
    hr_inspector, director, units, ivanova
) -> None:
    hire = _draft_hire(hr_inspector, units, ivanova)
    services.sign_order(actor=director.user, order=hire)
    dismissal = make_order(
        hr_inspector,
        Order.Kind.DISMISSAL,
        D(2026, 11, 20),
        {
            "employee": ivanova,
            "date": D(2026, 11, 20),
            "dismissal_ground": "77-1-1",
            "basis": "соглашение от 19.11.2026",
        },
    )
    services.sign_order(actor=director.user, order=dismissal)

    cancellation = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 11, 23),
        cancels=dismissal,
    )
    services.sign_order(actor=director.user, order=cancellation)

    dismissal.refresh_from_db()
    assert dismissal.status == Order.Status.CANCELLED
    assert Assignment.objects.get(employee=ivanova).end is None
    entries = list(WorkRecordEntry.objects.filter(employee=ivanova).values_list("number", "kind", "wording"))
    assert entries[-1] == (3, "invalidation", "Запись за номером 2 недействительна")
    cancelled_event = WorkRecordEvent.objects.get(employee=ivanova, cancels__isnull=False)
    assert cancelled_event.cancels is not None
    assert cancelled_event.cancels.kind == "dismissal"
    assert cancelled_event.deadline == D(2026, 11, 24)


@pytest.mark.django_db
def test_cancelling_a_hire_frees_the_rate_and_needs_later_orders_cancelled_first(
    hr_inspector, director, units, ivanova
) -> None:
    hire = _draft_hire(hr_inspector, units, ivanova)
    services.sign_order(actor=director.user, order=hire)
    award = make_order(
        hr_inspector,
        Order.Kind.AWARD,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 5), "award": "Почётная грамота лицея"},
    )
    services.sign_order(actor=director.user, order=award)
    cancel_hire = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 10, 10),
        cancels=hire,
    )

    with pytest.raises(ValidationError, match="Сначала отмените более поздние приказы"):
        services.sign_order(actor=director.user, order=cancel_hire)

    cancel_award = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 10, 10),
        cancels=award,
    )
    services.sign_order(actor=director.user, order=cancel_award)
    services.sign_order(actor=director.user, order=cancel_hire)
    assert not Assignment.objects.filter(employee=ivanova).exists()
    assert not Contract.objects.filter(employee=ivanova).exists()
    assert not ivanova.awards.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("item", "field", "message"),
    [
        ({"rate": Decimal("3")}, "rate", "занята"),
        ({"contract_term": "fixed"}, "end_date", "дата окончания"),
        (
            {"contract_term": "fixed", "end_date": D(2032, 9, 2), "fixed_term_reason": "на время отпуска"},
            "end_date",
            "пять лет",
        ),
        ({"contract_number": ""}, "contract_number", "номер трудового договора"),
    ],
)
def test_hire_with_a_problem_is_refused_and_nothing_changes(
    hr_inspector, director, units, ivanova, item, field, message
) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["maths"], **HIRE, **item},
    )

    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)

    assert message in refused.value.message_dict[f"items.0.{field}"][0]
    order.refresh_from_db()
    assert (order.status, order.number) == ("draft", None)
    assert not Assignment.objects.exists() and not WorkRecordEntry.objects.exists()


@pytest.mark.django_db
def test_two_hires_into_one_rate_in_the_same_order_are_refused_whole(hr_inspector, director, units, school) -> None:
    from kadry.testing.factories import EmployeeFactory

    first, second = EmployeeFactory(organisation=school), EmployeeFactory(organisation=school)
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": first, "date": D(2026, 9, 1), "staffing_unit": units["deputy"], **HIRE},
        {"employee": second, "date": D(2026, 9, 1), "staffing_unit": units["deputy"], **HIRE},
    )

    with pytest.raises(ValidationError, match="свободно"):
        services.sign_order(actor=director.user, order=order)

    assert not Assignment.objects.exists()
    order.refresh_from_db()
    assert order.number is None


@pytest.mark.django_db
def test_no_transfer_of_a_dismissed_person_and_no_dismissal_before_hire(hr_inspector, director, units, ivanova) -> None:
    hire = _draft_hire(hr_inspector, units, ivanova)
    early = make_order(
        hr_inspector,
        Order.Kind.DISMISSAL,
        D(2026, 8, 1),
        {"employee": ivanova, "date": D(2026, 8, 1), "dismissal_ground": "77-1-3", "basis": "заявление"},
    )
    with pytest.raises(ValidationError, match="не работает"):
        services.sign_order(actor=director.user, order=early)
    services.sign_order(actor=director.user, order=hire)
    services.sign_order(
        actor=director.user,
        order=make_order(
            hr_inspector,
            Order.Kind.DISMISSAL,
            D(2026, 9, 30),
            {
                "employee": ivanova,
                "date": D(2026, 9, 30),
                "dismissal_ground": "77-1-3",
                "basis": "заявление",
                "statement_date": D(2026, 9, 16),
            },
        ),
    )
    transfer = make_order(
        hr_inspector,
        Order.Kind.TRANSFER,
        D(2026, 10, 5),
        {"employee": ivanova, "date": D(2026, 10, 5), "staffing_unit": units["deputy"], "rate": Decimal("1")},
    )

    with pytest.raises(ValidationError, match="не работает на дату перевода"):
        services.sign_order(actor=director.user, order=transfer)
