"""The attestation terms of a centralised HR service: every school's in the same queries, each with its school."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.attestation import deadlines
from kadry.attestation.models import Attestation, CategoryDecision, Commission, Schedule
from kadry.core.home import Deadline, DeadlineScope, kept_organisations
from kadry.core.models import Membership, Organisation
from kadry.testing.factories import AssignmentFactory, MembershipFactory, OrganisationFactory

D = dt.date
TODAY = D(2026, 12, 3)
pytestmark = pytest.mark.django_db


def _school_with_terms(service: Organisation, n: int) -> Organisation:
    """A school with one term of each kind: a category's reminder, an acquaintance and an extract."""
    school = OrganisationFactory(short_name=f"Школа № {n + 10}", serviced_by=service)
    categorised, planned, attested = (
        AssignmentFactory(employee__organisation=school, employee__last_name=name, start=D(2015, 9, 1)).employee
        for name in ("Категорийная", "Плановая", "Аттестованная")
    )
    CategoryDecision.objects.create(
        organisation=school, employee=categorised, category="first", decided_on=D(2022, 3, 15),
        issued_by="Министерство", decision_number=f"{n}", valid_until=D(2027, 3, 14),
    )  # fmt: skip
    commission = Commission.objects.create(organisation=school, order_number="45-о", order_date=D(2026, 8, 28))
    schedule = Schedule.objects.create(organisation=school, school_year=2026, commission=commission,
                                       order_number="50-о", order_date=D(2026, 9, 1))  # fmt: skip
    Attestation.objects.create(organisation=school, schedule=schedule, employee=planned, position="учитель",
                               planned_on=D(2027, 1, 15))  # fmt: skip
    Attestation.objects.create(
        organisation=school, schedule=schedule, employee=attested, position="учитель", planned_on=D(2026, 11, 26),
        acquainted_on=D(2026, 10, 20), protocol_number="1", protocol_date=D(2026, 11, 26), result="conforms",
    )  # fmt: skip
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
        found = list(deadlines.membership_attestation_deadlines(scope))
    return len(queries), found


def test_a_service_gets_every_schools_attestation_terms_in_the_same_queries_for_three_schools_or_six() -> None:
    few, found_few = _ask(_service_with_schools(3))
    membership = _service_with_schools(6)
    many, found = _ask(membership)

    # Each school: the first category to 14.03.2027 (on 03.12.2026 + 7 days the six-month reminder of
    # 14.09.2026 is the one reached), the sitting of 15.01.2027 (acquaintance by 15.01 − 30 days =
    # 16.12.2026), the sitting of Thursday 26.11.2026 (extract in two working days: Monday 30.11.2026).
    expected = {
        (school, code, due)
        for school in kept_organisations(membership)
        for code, due in (
            (deadlines.CATEGORY_CODE, D(2026, 9, 14)),
            (deadlines.ACQUAINTANCE_CODE, D(2026, 12, 16)),
            (deadlines.EXTRACT_CODE, D(2026, 11, 30)),
        )
    }
    assert {(d.organisation_id, d.code, d.due) for d in found} == expected
    assert (len(found_few), len(found)) == (9, 18)
    # Two queries of the categories (decisions, the card), one of the attestations, one of the calendar.
    assert many == few == 4, "the attestation terms of a service cost more queries with more schools"


def test_a_service_user_without_personal_data_gets_no_attestation_terms() -> None:
    membership = _service_with_schools(3)
    membership.role = Membership.Role.TEACHER
    scope = DeadlineScope(membership, tuple(kept_organisations(membership)), TODAY)
    assert deadlines.membership_attestation_deadlines(scope) == []
