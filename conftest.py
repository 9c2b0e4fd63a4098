"""Personas shared by all tests: one school with a user in every role, and an outsider of another school."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client, TransactionTestCase, override_settings

from kadry.core import db_router
from kadry.core.models import Membership, Organisation
from kadry.testing.append_only import suspended
from kadry.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

Role = Membership.Role


def pytest_configure(config: pytest.Config) -> None:
    """Serve plain HTTP to the test client and the live server: DEBUG is off in tests, which turns
    the redirect to HTTPS on (kadry/settings.py). Before any handler exists, since SecurityMiddleware
    reads the setting once when it is built."""
    override_settings(SECURE_SSL_REDIRECT=False).enable()
    # Test data is made by factories, which write no change records: the memory of the terms, keyed
    # on the change chains, would outlive them. Its own tests turn it on (kadry/core/tests/test_deadlines_memory.py).
    override_settings(KADRY_MEMORY_SECONDS=0).enable()


@dataclass
class Persona:
    membership: Membership
    client: Client

    @property
    def user(self):
        return self.membership.user

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation


def _persona(organisation: Organisation, role: str, username: str) -> Persona:
    membership = MembershipFactory(organisation=organisation, role=role, user=UserFactory(username=username))
    client = Client()
    client.force_login(membership.user)
    return Persona(membership=membership, client=client)


@pytest.fixture
def school(db) -> Organisation:
    return OrganisationFactory(short_name="Лицей № 1")


@pytest.fixture
def other_school(db) -> Organisation:
    return OrganisationFactory(short_name="Школа № 2")


@pytest.fixture
def personas(school: Organisation) -> dict[str, Persona]:
    """A user of ``school`` in every role, keyed by the role's value."""
    return {role.value: _persona(school, role, role.value) for role in Role}


@pytest.fixture
def hr_inspector(personas: dict[str, Persona]) -> Persona:
    return personas[Role.HR_INSPECTOR]


@pytest.fixture
def hr_head(personas: dict[str, Persona]) -> Persona:
    return personas[Role.HR_HEAD]


@pytest.fixture
def director(personas: dict[str, Persona]) -> Persona:
    return personas[Role.DIRECTOR]


@pytest.fixture
def auditor(personas: dict[str, Persona]) -> Persona:
    return personas[Role.AUDITOR]


@pytest.fixture
def class_teacher(personas: dict[str, Persona]) -> Persona:
    return personas[Role.CLASS_TEACHER]


@pytest.fixture
def outsider(other_school: Organisation) -> Persona:
    """The HR inspector of another school: must see nothing of ``school``."""
    return _persona(other_school, Role.HR_INSPECTOR, "outsider")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _login_limits_off(settings) -> None:
    """Personas log in with ``force_login`` and tests travel in time between log-in and requests:
    the second factor and the session limits are off here; their own tests turn them on."""
    settings.KADRY_REQUIRE_2FA = False
    settings.KADRY_SESSION_IDLE_MINUTES = 0
    settings.KADRY_SESSION_MAX_HOURS = 0


@pytest.fixture(scope="session", autouse=True)
def _flush_through_append_only_triggers():
    """Let a transactional test's flush empty the append-only tables on SQLite (see kadry.testing.append_only)."""
    original = TransactionTestCase._fixture_teardown

    def fixture_teardown(self: TransactionTestCase) -> None:
        with ExitStack() as stack:
            for alias in self._databases_names(include_mirrors=False):
                if connections[alias].vendor == "sqlite":  # PostgreSQL's flush is TRUNCATE: no row trigger fires
                    stack.enter_context(suspended(alias))
            original(self)

    patch = pytest.MonkeyPatch()
    patch.setattr(TransactionTestCase, "_fixture_teardown", fixture_teardown)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _replica_only_where_asked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """With DATABASE_REPLICA_URL set, a test that does not name the replica in its ``django_db`` marker runs as
    without one: Django would refuse its queries to the undeclared alias (kadry/core/tests/test_replica.py)."""
    if db_router.REPLICA not in settings.DATABASES:
        return
    marker = request.node.get_closest_marker("django_db")
    databases = marker.kwargs.get("databases") if marker else None
    if databases == "__all__" or (databases and db_router.REPLICA in databases):
        return
    monkeypatch.setattr(db_router, "replica_configured", lambda: False)
