"""Gap-free numbering per organisation, journal and year, even when directors sign at the same moment."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections

from kadry.orders import services
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order
from kadry.testing.factories import EmployeeFactory

D = dt.date
SIGNERS = 12


def _award(persona, date: dt.date) -> Order:
    employee = EmployeeFactory(organisation=persona.organisation)
    return make_order(persona, Order.Kind.AWARD, date, {"employee": employee, "date": date, "award": "Благодарность"})


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC), tick=False)  # every order's date has come
def test_numbers_restart_each_year_and_differ_per_organisation(hr_inspector, director, outsider) -> None:
    signed = [services.sign_order(actor=director.user, order=_award(hr_inspector, D(2026, 12, 30))) for _ in range(2)]
    next_year = services.sign_order(actor=director.user, order=_award(hr_inspector, D(2027, 1, 11)))
    elsewhere = services.sign_order(actor=outsider.user, order=_award(outsider, D(2026, 12, 30)))

    assert [order.display_number for order in signed] == ["1-к", "2-к"]
    assert next_year.display_number == "1-к"
    assert elsewhere.display_number == "1-к"


@pytest.mark.django_db
def test_a_refused_signing_gives_its_number_back(hr_inspector, director) -> None:
    services.sign_order(actor=director.user, order=_award(hr_inspector, D(2026, 11, 2)))
    empty = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.AWARD,
        date=D(2026, 11, 3),
    )
    with pytest.raises(Exception, match="нет ни одного сотрудника"):
        services.sign_order(actor=director.user, order=empty)

    assert services.sign_order(actor=director.user, order=_award(hr_inspector, D(2026, 11, 4))).number == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL")
def test_concurrent_signing_gives_numbers_1_to_n_without_gaps_or_duplicates(hr_inspector, director) -> None:
    orders = [_award(hr_inspector, D(2026, 11, 20)) for _ in range(SIGNERS)]
    start = threading.Barrier(SIGNERS)
    failures: list[BaseException] = []

    def sign(order: Order) -> None:
        try:
            start.wait()
            services.sign_order(actor=director.user, order=order)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    numbers = sorted(
        n for n in Order.objects.filter(pk__in=[o.pk for o in orders]).values_list("number", flat=True) if n
    )
    assert numbers == list(range(1, SIGNERS + 1))
