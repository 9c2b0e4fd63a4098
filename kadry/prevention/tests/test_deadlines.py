"""The plans' terms on the deadlines registry: to the roles that see prevention, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.home import DeadlineScope, deadlines_for
from kadry.core.models import Membership
from kadry.prevention.deadlines import MEASURE_CODE, REVIEW_CODE, membership_prevention_deadlines
from kadry.prevention.tests.conftest import TODAY
from kadry.testing.prevention import MeasureFactory, PreventionCaseFactory
from kadry.testing.school import enrol

pytestmark = pytest.mark.django_db
R = Membership.Role
D = dt.date


def _terms(persona):
    return membership_prevention_deadlines(
        DeadlineScope(persona.membership, (persona.membership.organisation_id,), TODAY)
    )


def test_reviews_and_measures_due_are_terms_of_the_roles_that_see_prevention(world, personas, social) -> None:
    MeasureFactory(case=world.case, due_on=D(2026, 11, 20), created_by=social.user)
    MeasureFactory(case=world.case, due_on=D(2027, 3, 1), created_by=social.user)  # beyond the window
    terms = _terms(social)
    reviews = sorted((t.due, t.subject) for t in terms if t.code == REVIEW_CODE)
    assert [due for due, _ in reviews] == [D(2026, 12, 15), D(2026, 12, 16)]
    assert [t.due for t in terms if t.code == MEASURE_CODE] == [D(2026, 11, 20)]
    # No student's name on a term: the home page logs nothing; the link opens the case, which does.
    assert all(str(world.pupil.last_name) not in t.subject for t in terms)
    for role in (R.HR_INSPECTOR, R.TEACHER, R.ADMINISTRATOR, R.AUDITOR):
        assert _terms(personas[role]) == [], role


def test_a_class_teacher_gets_the_terms_of_their_classes_only(world, class_teacher) -> None:
    assert {t.url for t in _terms(class_teacher)} == {f"/school/prevention/cases/{world.case.pk}/"}


def test_the_home_page_shows_the_terms_within_the_week(world, social, frozen) -> None:
    MeasureFactory(case=world.case, due_on=D(2026, 12, 7), created_by=social.user)
    found = deadlines_for(social.membership, TODAY, until=TODAY + dt.timedelta(days=7))
    assert [t.code for t in found if t.code in (REVIEW_CODE, MEASURE_CODE)] == [MEASURE_CODE]


def test_the_terms_cost_a_fixed_number_of_queries(world, social, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(2):
        small = _terms(social)
    for student in enrol(world.eighth, 20):
        case = PreventionCaseFactory(student=student, responsible=world.case.responsible, opened_on=D(2026, 10, 1))
        MeasureFactory(case=case, due_on=D(2026, 11, 1), created_by=social.user)
    with django_assert_max_num_queries(2):
        large = _terms(social)
    assert len(large) == len(small) + 40
