"""The obligations terms of a centralised HR service: every school's in the same queries, each with its school."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.core.home import Deadline, DeadlineScope, kept_organisations
from kadry.core.models import Membership, Organisation
from kadry.obligations import deadlines
from kadry.obligations.models import SchoolKind
from kadry.obligations.tests.conftest import works
from kadry.staff.models import Training
from kadry.testing.factories import MembershipFactory, OrganisationFactory

D = dt.date
TODAY = D(2026, 2, 11)
OWN_KIND = "Инструктаж по антитеррору"
pytestmark = pytest.mark.django_db


def _school_with_terms(service: Organisation, n: int) -> Organisation:
    """A school with a teacher whose further education ran out; the first school also has a kind of its own."""
    school = OrganisationFactory(short_name=f"Школа № {n + 10}", serviced_by=service)
    teacher = works(school, f"Учительница{n}")
    Training.objects.create(
        organisation=school, employee=teacher, kind=Training.Kind.TRAINING, program="Обновлённые ФГОС",
        institution="ИРО", start=D(2023, 2, 1), end=D(2023, 2, 10), hours=72,
    )  # fmt: skip
    if n == 0:
        SchoolKind.objects.create(organisation=school, name=OWN_KIND, period_months=12, basis="Приказ № 5")
    return school


def _service_with_schools(count: int) -> Membership:
    """A centralised HR service keeping ``count`` schools (adding to those it already keeps)."""
    service = Organisation.objects.filter(kind=Organisation.Kind.HR_SERVICE).first() or OrganisationFactory(
        short_name="ЦБ", kind=Organisation.Kind.HR_SERVICE
    )
    for n in range(Organisation.objects.filter(serviced_by=service).count(), count):
        _school_with_terms(service, n)
    membership = Membership.objects.filter(organisation=service).first() or MembershipFactory(organisation=service)
    return Membership.objects.select_related("organisation").get(pk=membership.pk)


def _ask(membership: Membership) -> tuple[int, list[Deadline]]:
    scope = DeadlineScope(membership, tuple(kept_organisations(membership)), TODAY)
    with CaptureQueriesContext(connection) as queries:
        found = list(deadlines.membership_obligation_deadlines(scope))
    return len(queries), found


def test_a_service_gets_every_schools_obligation_terms_in_the_same_queries_for_three_schools_or_six() -> None:
    few, found_few = _ask(_service_with_schools(3))
    membership = _service_with_schools(6)
    many, found = _ask(membership)
    schools = kept_organisations(membership)

    # Each teacher's course ended 10.02.2023: three years later, 10.02.2026, it ran out (overdue on 11.02.2026).
    further = {(d.organisation_id, d.due) for d in found if d.kind.startswith("Повышение")}
    assert further == {(school, D(2026, 2, 10)) for school in schools}
    # The first school's own kind, never done since the hire of 01.09.2020: nothing recorded for years is
    # left to the register, not a term «due since 2020».
    assert [d for d in found if d.kind == OWN_KIND] == []
    assert {d.code for d in found} == {deadlines.CODE}
    assert {d.organisation_id for d in found} == set(schools)
    assert len(found) == 2 * len(found_few)
    # The schools' kinds, the working, their jobs, and the records, training and documents of hire.
    assert many == few == 6, "the obligation terms of a service cost more queries with more schools"


def test_a_service_user_without_personal_data_gets_no_obligation_terms() -> None:
    membership = _service_with_schools(3)
    membership.role = Membership.Role.TEACHER
    scope = DeadlineScope(membership, tuple(kept_organisations(membership)), TODAY)
    assert deadlines.membership_obligation_deadlines(scope) == []


def test_a_kind_never_recorded_is_a_term_for_a_recent_hire_only(school) -> None:
    works(school, "Давняя")  # hired 01.09.2020, nothing recorded
    works(school, "Новенькая", start=D(2026, 1, 10))
    membership = MembershipFactory(organisation=school, role=Membership.Role.HR_INSPECTOR)

    found = deadlines.membership_obligation_deadlines(DeadlineScope(membership, (school.pk,), TODAY))

    assert {d.subject.split()[0] for d in found} == {"Новенькая"}
    by_kind = {d.kind: d.due for d in found}
    # The examination at hire was due on the day of hire (10.01.2026: overdue); first aid within 60 days of
    # it: 10.01 + 60 days = 11.03.2026, within the 30 days the register calls «срок подходит».
    assert by_kind["Обучение оказанию первой помощи"] == D(2026, 3, 11)
    assert all(due >= TODAY - deadlines.NEVER_RECORDED_REACH for due in by_kind.values())
