"""The business-trip order (Т-9, Т-9а): signing records the trip in the absences, cancelling removes it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kadry.absences import services as absences
from kadry.absences.models import Absence
from kadry.orders import services
from kadry.orders.forms import item_form_class
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order
from kadry.orders.validation import review_order
from kadry.orders.views.preview import item_text
from kadry.staff.models import Position
from kadry.testing.factories import DepartmentFactory
from kadry.timesheet import month_grid as timesheet_month_grid
from kadry.timesheet.tests.conftest import worker

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def office(school):
    return DepartmentFactory(organisation=school, name="Административный отдел")


@pytest.fixture
def secretary(school, office):
    return worker(school, office, "Козлова", "Секретарь", Position.Category.ADMINISTRATIVE)


def _trip(**changes):
    return {"date": D(2026, 11, 16), "end_date": D(2026, 11, 18), "destination": "г. Москва, Минпросвещения России",
            "purpose": "участие в семинаре", "basis": "служебное задание от 10.11.2026 № 4", **changes}  # fmt: skip


def _codes(school, office, days):
    row = next(
        r for r in timesheet_month_grid.derive(timesheet_month_grid.timesheet_for(school.pk, office, 2026, 11)).rows
    )
    return [row.cells[day - 1].code for day in days]


def _cancel(hr_inspector, director, order):
    cancellation = services.create_draft(
        actor=hr_inspector.user, organisation_id=hr_inspector.organisation.pk, kind=Order.Kind.CANCELLATION,
        date=D(2026, 11, 20), cancels=order,
    )  # fmt: skip
    services.sign_order(actor=director.user, order=cancellation)


def test_signing_records_the_trip_the_timesheet_shows_k_and_cancelling_removes_it(
    hr_inspector, director, school, office, secretary
) -> None:
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": secretary, **_trip()})
    services.sign_order(actor=director.user, order=order)
    item = order.items.get()
    trip = Absence.objects.get(employee=secretary)
    assert (trip.kind, trip.start, trip.end, trip.destination, trip.purpose, trip.order_item_id) == (
        "business_trip", D(2026, 11, 16), D(2026, 11, 18), "г. Москва, Минпросвещения России", "участие в семинаре",
        item.pk,
    )  # fmt: skip
    order.refresh_from_db()
    assert trip.note == f"Приказ от 12.11.2026 № {order.display_number}"
    assert _codes(school, office, (13, 16, 17, 18, 19)) == ["Я", "К", "К", "К", "Я"]
    # The register does not delete a trip an order made: the order's cancellation does.
    with pytest.raises(ValidationError) as refused:
        absences.delete_absence(actor=hr_inspector.user, absence=trip)
    assert "order_item" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        absences.correct_absence(
            actor=hr_inspector.user, absence=trip, data={"start": trip.start, "end": D(2026, 11, 19)}
        )
    assert "order_item" in refused.value.message_dict
    assert item_text(order, item) == (
        "Направить Козлову Марию Петровну в командировку в г. Москва, Минпросвещения России с 16 ноября 2026 г. по 18 ноября 2026 г. "
        "с целью: участие в семинаре. Основание: служебное задание от 10.11.2026 № 4."
    )

    _cancel(hr_inspector, director, order)
    assert not Absence.objects.filter(employee=secretary).exists()
    assert _codes(school, office, (16, 17, 18)) == ["Я", "Я", "Я"]


def test_two_employees_in_one_order_t9a(hr_inspector, director, school, office, secretary) -> None:
    other = worker(school, office, "Орлова", "Делопроизводитель", Position.Category.ADMINISTRATIVE)
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": secretary, **_trip()},
                       {"employee": other, **_trip(end_date=D(2026, 11, 17))})  # fmt: skip
    services.sign_order(actor=director.user, order=order)
    assert sorted(Absence.objects.values_list("employee__last_name", "end")) == [
        ("Козлова", D(2026, 11, 18)), ("Орлова", D(2026, 11, 17))
    ]  # fmt: skip


def _errors(order):
    return {field: message for p in review_order(order, list(order.items.all()), today=D(2026, 12, 1)).problems
            for field, message in p.errors.items()}  # fmt: skip


def test_missing_fields_and_an_overlap_with_another_absence_are_refused(
    hr_inspector, director, school, secretary
) -> None:
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12),
                       {"employee": secretary, "date": D(2026, 11, 16)})  # fmt: skip
    assert _errors(order) == {
        "end_date": "Укажите последний день командировки.",
        "destination": "Укажите место назначения (страна, город, организация).",
        "purpose": "Укажите цель командировки.",
        "basis": "Укажите основание (служебное задание, приглашение и т. п.).",
    }
    Absence.objects.create(organisation=school, employee=secretary, kind=Absence.Kind.SICK, start=D(2026, 11, 17),
                           end=D(2026, 11, 20), sick_leave_number="910000000001", sick_reason="own_illness")  # fmt: skip
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": secretary, **_trip()})
    assert _errors(order) == {"date": "Пересекается с другой неявкой сотрудника: 17.11.2026–20.11.2026."}
    with pytest.raises(ValidationError):
        services.sign_order(actor=director.user, order=order)
    assert Absence.objects.filter(kind=Absence.Kind.BUSINESS_TRIP).count() == 0


def test_a_trip_past_the_dismissal_and_overlapping_trips_in_one_order_are_refused(
    hr_inspector, school, secretary
) -> None:
    secretary.assignments.update(end=D(2026, 11, 17))
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": secretary, **_trip()})
    assert _errors(order) == {"end_date": "Сотрудник уволен 17.11.2026: неявка вносится только на дни работы."}
    secretary.assignments.update(end=None)
    order = make_order(hr_inspector, Order.Kind.BUSINESS_TRIP, D(2026, 11, 12), {"employee": secretary, **_trip()},
                       {"employee": secretary, **_trip(date=D(2026, 11, 18), end_date=D(2026, 11, 19))})  # fmt: skip
    assert _errors(order) == {"date": "Командировка пересекается с командировкой сотрудника выше в этом приказе."}


def test_the_form_asks_for_every_field_and_refuses_an_end_before_the_start(hr_inspector, secretary) -> None:
    form_class = item_form_class(Order.Kind.BUSINESS_TRIP)
    empty = form_class(data={"employee": secretary.pk, "date": "2026-11-16"}, organisation_id=secretary.organisation_id)
    assert empty.errors == {
        "end_date": ["Укажите последний день командировки."],
        "destination": ["Укажите место назначения (страна, город, организация)."],
        "purpose": ["Укажите цель командировки."],
        "basis": ["Укажите основание (служебное задание, приглашение и т. п.)."],
    }
    data = {**_trip(end_date="2026-11-15"), "employee": secretary.pk, "date": "2026-11-16"}
    backwards = form_class(data=data, organisation_id=secretary.organisation_id)
    assert backwards.errors == {"end_date": ["Дата окончания раньше даты начала."]}
    assert form_class(data={**data, "end_date": "2026-11-16"}, organisation_id=secretary.organisation_id).is_valid()
