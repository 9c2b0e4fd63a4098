"""The memory of the terms: computed once per state of the organisations' change chains and day.

The rest of the suite runs with it off (conftest.py): factories write no change records. Here it is
on, and the changes are made by the services, as the users make them.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kadry.core import home
from kadry.core.home import Deadline, DeadlineScope, deadlines_for
from kadry.core.models import Membership, Organisation
from kadry.obligations import rules, services
from kadry.obligations.tests.conftest import works
from kadry.testing.factories import MembershipFactory, OrganisationFactory

D = dt.date
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)  # Thursday 3 December 2026, noon in Moscow
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_on(settings):
    settings.KADRY_MEMORY_SECONDS = 120
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def counted_source(monkeypatch):
    """A source that counts how often it is asked; its one term is of the first organisation asked."""
    asked: list[DeadlineScope] = []

    def source(scope: DeadlineScope) -> list[Deadline]:
        asked.append(scope)
        return [
            Deadline("Тест", "Алексеева", scope.today, "ТК РФ ст. 1", "/a/", "Открыть", "t", scope.organisation_ids[0])
        ]

    monkeypatch.setattr(home, "_scoped_sources", [source])
    monkeypatch.setattr(home, "_deadline_sources", [])
    return asked


def test_the_second_reading_asks_no_source_and_costs_one_query(hr_inspector, counted_source) -> None:
    membership = hr_inspector.membership
    first = deadlines_for(membership, D(2026, 12, 3))
    with CaptureQueriesContext(connection) as queries:
        second = deadlines_for(membership, D(2026, 12, 3))
    assert second == first and len(counted_source) == 1
    assert len(queries) == 1, "only the heads of the change chains are read"


def test_a_change_made_by_a_service_or_a_new_day_asks_again(hr_inspector, counted_source, school) -> None:
    membership = hr_inspector.membership
    deadlines_for(membership, D(2026, 12, 3))
    employee = works(school, "Сидорова")
    services.record_obligation(
        actor=hr_inspector.user, organisation_id=school.pk, employee=employee, kind=rules.FIRST_AID,
        completed_on=D(2026, 12, 1), today=D(2026, 12, 3),
    )  # fmt: skip
    deadlines_for(membership, D(2026, 12, 3))
    assert len(counted_source) == 2, "a change of the school's data is a new state"
    deadlines_for(membership, D(2026, 12, 4))
    assert len(counted_source) == 3, "the terms of another day are other terms"
    deadlines_for(membership, D(2026, 12, 4))
    assert len(counted_source) == 3


def test_each_role_and_each_school_keeps_its_own_terms(hr_inspector, personas, other_school, counted_source) -> None:
    deadlines_for(hr_inspector.membership, D(2026, 12, 3))
    deadlines_for(personas["director"].membership, D(2026, 12, 3))
    other = MembershipFactory(organisation=other_school, role=Membership.Role.HR_INSPECTOR)
    found = deadlines_for(other, D(2026, 12, 3))
    assert len(counted_source) == 3
    assert [d.organisation_id for d in found] == [other_school.pk], "another school's terms are never given"


def test_a_change_in_one_served_school_renews_the_services_terms(counted_source) -> None:
    service = OrganisationFactory(short_name="ЦБ", kind=Organisation.Kind.HR_SERVICE)
    schools = [OrganisationFactory(short_name=f"Школа № {n}", serviced_by=service) for n in (1, 2)]
    membership = MembershipFactory(organisation=service, role=Membership.Role.HR_INSPECTOR)
    deadlines_for(membership, D(2026, 12, 3))
    employee = works(schools[1], "Петрова")
    services.record_obligation(
        actor=membership.user, organisation_id=schools[1].pk, employee=employee, kind=rules.FIRST_AID,
        completed_on=D(2026, 12, 1), today=D(2026, 12, 3),
    )  # fmt: skip
    deadlines_for(membership, D(2026, 12, 3))
    assert len(counted_source) == 2


@time_machine.travel(NOW, tick=False)
def test_recording_a_training_takes_its_term_off_the_deadlines_page(hr_inspector, school) -> None:
    """The real sources: a teacher's first aid training ran out on 01.12.2026; HR records a new one."""
    teacher = works(school, "Сидорова")
    services.record_obligation(
        actor=hr_inspector.user, organisation_id=school.pk, employee=teacher, kind=rules.FIRST_AID,
        completed_on=D(2023, 12, 1), today=D(2026, 12, 3),
    )  # fmt: skip

    def first_aid_terms() -> list[Deadline]:
        page = hr_inspector.client.get(reverse("deadlines"))
        return [d for _s, _l, items in page.context["groups"] for d, _school in items if "первой помощи" in d.kind]

    # 01.12.2023 + 36 months = 01.12.2026, overdue on the 3rd.
    assert [(d.subject, d.due) for d in first_aid_terms()] == [(teacher.short_name, D(2026, 12, 1))]
    assert [(d.subject, d.due) for d in first_aid_terms()] == [(teacher.short_name, D(2026, 12, 1))]
    services.record_obligation(
        actor=hr_inspector.user, organisation_id=school.pk, employee=teacher, kind=rules.FIRST_AID,
        completed_on=D(2026, 12, 2), today=D(2026, 12, 3),
    )  # fmt: skip
    assert first_aid_terms() == []
