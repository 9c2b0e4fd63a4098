"""The access log is complete: every page marked «shows personal data» in the URL matrix logs its showing,
every other page logs nothing, and the attempts of another school's user are logged as denials.

A new page that shows personal data and forgets ``record_access`` fails here once it is marked; one
that logs without being marked fails ``test_unmarked_pages_write_no_access_log``.
"""

from __future__ import annotations

import pytest
from django.test import Client

from kadry.core.models import AccessLogEntry, Membership
from kadry.core.tests.test_url_matrix import MATRIX, PERSONAL_DATA, PERSONAL_FOR, world  # noqa: F401
from kadry.testing.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
R = Membership.Role


def _reachable(name: str) -> frozenset[str]:
    """Return the roles that open ``name`` with a page (not a 405 of a POST-only URL)."""
    allowed, status = MATRIX[name]
    return allowed if status != 405 else frozenset()


def test_marks_name_pages_of_the_matrix() -> None:
    assert set(PERSONAL_DATA) <= set(MATRIX)
    assert set(PERSONAL_FOR) <= set(PERSONAL_DATA)
    # A mark no role can open would test nothing.
    assert all(_reachable(name) & PERSONAL_FOR.get(name, _reachable(name)) for name in PERSONAL_DATA)


def test_every_personal_data_page_logs_each_role_that_opens_it(personas, world) -> None:  # noqa: F811
    failures = []
    for name, query in PERSONAL_DATA.items():
        for role in _reachable(name) & PERSONAL_FOR.get(name, _reachable(name)):
            persona = personas[role]
            before = AccessLogEntry.objects.filter(actor=persona.user).count()
            response = persona.client.get(world[name][0] + query)
            rows = AccessLogEntry.objects.filter(actor=persona.user).order_by("id")[before:]
            written = [(row.denied, row.organisation_id, row.subject_repr) for row in rows]
            if response.status_code != 200 or not written:
                failures.append(f"{name} as {role}: {response.status_code}, no log row")
            elif any(
                denied or org != persona.membership.organisation_id or not subject for denied, org, subject in written
            ):
                failures.append(f"{name} as {role}: {written}")
    assert not failures, "\n".join(failures)


def test_unmarked_pages_write_no_access_log(personas, world) -> None:  # noqa: F811
    """Pages that show no personal data (and the figures-only variant of the marked ones) log nothing."""
    failures = []
    for name, (allowed, _status) in MATRIX.items():
        roles = allowed if name not in PERSONAL_DATA else allowed - PERSONAL_FOR.get(name, allowed)
        for role in roles:
            persona = personas[role]
            before = AccessLogEntry.objects.count()
            persona.client.get(world[name][0] + PERSONAL_DATA.get(name, ""))
            if AccessLogEntry.objects.count() != before:
                failures.append(f"{name} as {role}")
    assert not failures, "\n".join(failures)


@pytest.fixture
def outsiders(other_school) -> dict[str, Membership]:
    """Users of another school in the roles that open our object pages in their own school."""
    return {
        role: MembershipFactory(organisation=other_school, role=role, user=UserFactory(username=f"outsider-{role}"))
        for role in (R.HR_INSPECTOR, R.DIRECTOR, R.DEPUTY_DIRECTOR, R.SOCIAL_PEDAGOGUE)
    }


def test_outsider_attempts_are_logged_as_denials_in_their_own_school(outsiders, world, school) -> None:  # noqa: F811
    """Each object page of our school refused to another school's user leaves a denial in *their* log."""
    objects = {name: url for name, (url, is_object) in world.items() if is_object and name in PERSONAL_DATA}
    assert len(objects) >= 20
    failures = []
    for name, url in objects.items():
        membership = next(m for role, m in outsiders.items() if role in MATRIX[name][0])
        client = Client()
        client.force_login(membership.user)
        before = AccessLogEntry.objects.count()
        status = client.get(url + PERSONAL_DATA[name]).status_code
        rows = list(AccessLogEntry.objects.order_by("id")[before:])
        if status != 404 or len(rows) != 1:
            failures.append(f"{name}: {status}, {len(rows)} rows")
            continue
        row = rows[0]
        if not (
            row.denied
            and row.organisation_id == membership.organisation_id
            and row.actor_id == membership.user_id
            and row.role == membership.role
            and row.subject_repr == ""
            and f"/{row.subject_id}/" in url.replace(".", "/")
        ):
            failures.append(f"{name}: {row.organisation_id} {row.subject_type} {row.subject_id} {row.subject_repr!r}")
    assert not failures, "\n".join(failures)
    assert not AccessLogEntry.objects.filter(organisation=school).exists()
