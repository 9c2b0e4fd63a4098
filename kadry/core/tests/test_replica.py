"""Reads from a streaming replica (kadry/core/db_router.py).

The router's rules are tested everywhere; the tests marked ``real_replica`` need a real hot standby of
the test database (``DATABASE_REPLICA_URL``; `.ci/run` starts one with tools/pg_replica). Without it they
are skipped, unless KADRY_REQUIRE_REPLICA=1 (set by CI), when they fail.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from ninja import NinjaAPI
from ninja.decorators import decorate_view
from ninja.testing import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader

from kadry.core import db_router
from kadry.core.db_router import REPLICA, ReplicaRouter, reading_from_replica, reads_from_replica
from kadry.core.models import AccessLogEntry, BackgroundJob, Membership
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, MembershipFactory, OrganisationFactory

HAS_REPLICA = REPLICA in settings.DATABASES
router = ReplicaRouter()


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """A replica as far as the router knows, reachable; no database is touched."""
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "_connect_replica", lambda: None)


# The rules ----------------------------------------------------------------------------------------


def test_without_a_replica_the_router_routes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_router, "replica_configured", lambda: False)

    with reading_from_replica():
        assert router.db_for_read(Employee) is None
        assert router.db_for_write(Employee) is None
    assert router.db_for_read(Employee) is None


def test_a_view_without_the_decorator_reads_from_the_primary(configured: None) -> None:
    assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS
    assert router.db_for_write(Employee) == DEFAULT_DB_ALIAS


def test_inside_the_scope_reads_go_to_the_replica_and_writes_to_the_primary(configured: None) -> None:
    with reading_from_replica():
        assert router.db_for_read(Employee) == REPLICA
        assert router.db_for_write(Employee) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS


def test_after_a_write_the_scope_reads_from_the_primary(configured: None) -> None:
    with reading_from_replica():
        router.db_for_write(Employee)
        assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS
    with reading_from_replica():  # a new request starts on the replica again
        assert router.db_for_read(Employee) == REPLICA


def test_writing_the_access_log_keeps_the_report_on_the_replica(configured: None) -> None:
    with reading_from_replica():
        assert router.db_for_write(AccessLogEntry) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Employee) == REPLICA


def test_a_background_reports_progress_keeps_it_on_the_replica(configured: None) -> None:
    with reading_from_replica():
        assert router.db_for_write(BackgroundJob) == DEFAULT_DB_ALIAS
        assert router.db_for_read(BackgroundJob) == DEFAULT_DB_ALIAS  # the job itself: never stale
        assert router.db_for_read(Employee) == REPLICA


@pytest.mark.parametrize("model", [Membership, Session, User])
def test_the_users_session_account_and_memberships_are_read_from_the_primary(configured: None, model) -> None:
    with reading_from_replica():
        assert router.db_for_read(model) == DEFAULT_DB_ALIAS


def test_a_nested_scope_keeps_the_outer_ones_writes(configured: None) -> None:
    with reading_from_replica():
        router.db_for_write(Employee)
        with reading_from_replica():
            assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS


def test_the_decorator_opens_the_scope_for_the_view_only(configured: None) -> None:
    @reads_from_replica
    def view(name: str) -> tuple[str | None, str]:
        return router.db_for_read(Employee), name

    assert view("т") == (REPLICA, "т")
    assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS


def test_an_api_operation_opts_in_with_ninjas_decorate_view(configured: None) -> None:
    # A plain wrapper would hide the operation's own module from Ninja (string annotations are resolved
    # in the wrapper's globals): API operations wrap Ninja's view instead.
    api = NinjaAPI(urls_namespace="replica_probe")

    @api.get("/probe")
    @decorate_view(reads_from_replica)
    def probe(request: HttpRequest, on: dt.date) -> dict[str, str | None]:
        return {"on": on.isoformat(), "reads_from": router.db_for_read(Employee)}

    response = TestClient(api).get("/probe?on=2026-12-03")

    assert response.json() == {"on": "2026-12-03", "reads_from": REPLICA}


def test_an_unreachable_replica_leaves_the_page_on_the_primary(
    configured: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    attempts = []

    def refused() -> None:
        attempts.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(db_router, "_connect_replica", refused)
    with reading_from_replica():
        assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS
    assert attempts == [1]  # once per scope
    assert "replica is unreachable" in caplog.text


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(configured: None) -> None:
    with reading_from_replica(), transaction.atomic():
        assert router.db_for_read(Employee) == DEFAULT_DB_ALIAS


def test_the_replica_is_never_migrated() -> None:
    assert router.allow_migrate(REPLICA, "staff") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "staff") is None


# The settings -------------------------------------------------------------------------------------


def _settings(tmp_path: Path, **env: str) -> dict:
    clean = {name: value for name, value in os.environ.items() if not name.startswith(("DATABASE_", "DB_"))}
    clean.update(env, KADRY_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="kadry.settings")
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({'routers': settings.DATABASE_ROUTERS, 'databases': settings.DATABASES}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_the_setting_there_is_one_database_and_no_router(tmp_path: Path) -> None:
    values = _settings(tmp_path, DATABASE_URL="postgres://kadry@127.0.0.1:5432/kadry")

    assert values["routers"] == []
    assert list(values["databases"]) == ["default"]
    assert values["databases"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False


def test_the_setting_adds_the_replica_mirroring_the_primary_in_tests(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        DATABASE_URL="postgres://kadry@127.0.0.1:5432/kadry",
        DATABASE_REPLICA_URL="postgres://kadry@10.0.0.2:5432/kadry",
        DB_CONN_MAX_AGE="60",
        DB_DISABLE_SERVER_SIDE_CURSORS="1",
    )

    assert values["routers"] == ["kadry.core.db_router.ReplicaRouter"]
    replica = values["databases"][REPLICA]
    assert (replica["HOST"], replica["NAME"], replica["CONN_MAX_AGE"]) == ("10.0.0.2", "kadry", 60)
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["OPTIONS"] == values["databases"]["default"]["OPTIONS"]
    # Behind a pooler in transaction mode: no server-side cursor on either.
    assert (
        replica["DISABLE_SERVER_SIDE_CURSORS"] is values["databases"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    )


# A real streaming replica -------------------------------------------------------------------------

replica_db = pytest.mark.django_db(transaction=True, databases=["default", REPLICA] if HAS_REPLICA else ["default"])


@pytest.fixture
def real_replica() -> None:
    if not HAS_REPLICA or connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        reason = "DATABASE_REPLICA_URL is not set: no streaming replica to read from (tools/pg_replica starts one)"
        if os.environ.get("KADRY_REQUIRE_REPLICA") == "1":
            pytest.fail(f"{reason} (KADRY_REQUIRE_REPLICA=1)", pytrace=False)
        pytest.skip(reason)


def _wait_for_replay(timeout: float = 30) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with connections[REPLICA].cursor() as cursor:
        while True:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if cursor.fetchone()[0]:
                return
            if time.monotonic() > deadline:
                pytest.fail(f"The replica has not replayed {lsn} in {timeout} s")
            time.sleep(0.05)


def _shown(kind: str, content: bytes, text: str) -> bool:
    """Whether the page, the XLSX or the PDF shows ``text``."""
    if kind.startswith("text/html"):
        return text in content.decode()
    if kind == "application/pdf":
        return text in "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    sheet = load_workbook(io.BytesIO(content)).active
    return any(isinstance(cell, str) and text in cell for row in sheet.iter_rows(values_only=True) for cell in row)


def _tables(queries: list[dict[str, str]]) -> str:
    return " ".join(query["sql"] for query in queries)


@replica_db
def test_the_replica_alias_is_a_hot_standby_of_the_test_database(real_replica: None) -> None:
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        in_recovery, name = cursor.fetchone()

    assert in_recovery is True
    assert name == connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]


@replica_db
@pytest.mark.parametrize(
    ("url_name", "table"),
    [
        ("employee_list_export", "staff_employee"),
        ("service_report", "staff_employee"),
        ("service_report_export", "staff_employee"),
        ("staffing_table_export", "staff_staffingunit"),
        ("staffing_table_pdf", "staff_staffingunit"),
    ],
)
def test_an_export_reads_the_rows_committed_on_the_primary_from_the_replica(
    real_replica: None, url_name: str, table: str
) -> None:
    school = OrganisationFactory()
    membership = MembershipFactory(organisation=school, role=Membership.Role.HR_INSPECTOR)
    employee = EmployeeFactory(organisation=school, last_name="Репликова")
    AssignmentFactory(employee=employee)
    client = Client()
    client.force_login(membership.user)
    _wait_for_replay()

    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert _shown(response["Content-Type"], response.content, "Репликова" if table == "staff_employee" else "Учитель")
    assert f'"{table}"' in _tables(on_replica.captured_queries)
    assert f'"{table}"' not in _tables(on_primary.captured_queries)
    # Who the user is and what they may do: from the primary only.
    assert '"core_membership"' in _tables(on_primary.captured_queries)
    assert '"django_session"' in _tables(on_primary.captured_queries)
    assert '"core_membership"' not in _tables(on_replica.captured_queries)
    assert '"django_session"' not in _tables(on_replica.captured_queries)
    # The access log is written on the primary (a standby refuses any write).
    assert AccessLogEntry.objects.using(DEFAULT_DB_ALIAS).filter(actor=membership.user).count() == (
        0 if url_name.startswith("staffing_table") else 1
    )


@replica_db
@pytest.mark.parametrize("url_name", ["reports:headcount", "reports:movement", "reports:dashboard"])
def test_the_databank_reads_the_assignments_from_the_replica(real_replica: None, url_name: str) -> None:
    school = OrganisationFactory()
    membership = MembershipFactory(organisation=school, role=Membership.Role.HR_HEAD)
    AssignmentFactory(employee=EmployeeFactory(organisation=school))
    client = Client()
    client.force_login(membership.user)
    _wait_for_replay()

    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert '"employment_assignment"' in _tables(on_replica.captured_queries)
    assert '"employment_assignment"' not in _tables(on_primary.captured_queries)
    assert '"core_membership"' not in _tables(on_replica.captured_queries)


@replica_db
def test_a_write_in_the_scope_goes_to_the_primary_and_is_read_back_from_it_at_once(real_replica: None) -> None:
    school = OrganisationFactory()
    EmployeeFactory(organisation=school)
    _wait_for_replay()

    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
        reading_from_replica(),
    ):
        before = Employee.objects.filter(organisation=school).count()
        written = EmployeeFactory(organisation=school, last_name="Записанная")
        after = list(Employee.objects.filter(organisation=school).values_list("pk", flat=True))

    assert before == 1
    assert written.pk in after and len(after) == 2  # no waiting for the replica: read from the primary
    assert len([q for q in on_replica.captured_queries if '"staff_employee"' in q["sql"]]) == 1
    assert "INSERT" in _tables(on_primary.captured_queries)
    assert "INSERT" not in _tables(on_replica.captured_queries)
