"""An employee import in a real ``manage.py db_worker`` that is killed (SIGKILL) while it writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from kadry.core.jobs import ABANDONED_ERRORS
from kadry.core.models import BackgroundJob, ChangeRecord
from kadry.staff.models import Employee
from kadry.staff.tests.test_import import HEADER, row
from kadry.testing.processes import shared_database, start_manage  # noqa: F401  (a fixture)

EMPLOYEE_IMPORT_ABANDONED = ABANDONED_ERRORS[BackgroundJob.Kind.EMPLOYEE_IMPORT]

# Rows of the large file: checking and writing them takes the worker seconds, long enough to be
# killed in the middle of the writing transaction.
ROWS = 5000
WORKER = ["db_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload"]


def _upload(client, rows: int) -> BackgroundJob:
    upload = SimpleUploadedFile("staff.csv", "\n".join([HEADER, *(row(n) for n in range(rows))]).encode())
    response = client.post(reverse("employee_import"), {"file": upload, "commit": "1"})
    assert response.status_code == 302
    return BackgroundJob.objects.latest("pk")


def _wait(predicate, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}")
        time.sleep(0.01)


def _somebody_writes(env: dict[str, str]) -> bool:
    """Return whether another connection is inside a write transaction of the test database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
            )
            return cursor.fetchone()[0] > 0
    # SQLite has one writer at a time: the write lock is taken iff a write transaction is open.
    with closing(sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"), timeout=0)) as probe:
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        probe.rollback()
        return False


def _job(pk: int) -> BackgroundJob:
    return BackgroundJob.objects.get(pk=pk)


def test_a_job_whose_worker_is_killed_mid_write_fails_writes_nothing_and_runs_again(
    shared_database,  # noqa: F811  (first: the personas below go to the shared database)
    hr_inspector,
    settings,
    tmp_path: Path,
) -> None:
    env = shared_database
    settings.KADRY_JOB_HEARTBEAT_TIMEOUT = 1
    job = _upload(hr_inspector.client, ROWS)
    upload = job.params["file"]
    assert default_storage.exists(upload)

    worker = start_manage(env, *WORKER, log=tmp_path / "worker.log")
    try:
        # 70 %: the file is checked and the worker enters the transaction that writes it.
        _wait(lambda: _job(job.pk).progress >= 70 or worker.poll() is not None, seconds=180, what="the check")
        assert _job(job.pk).status == BackgroundJob.Status.RUNNING, (tmp_path / "worker.log").read_text()
        _wait(lambda: _somebody_writes(env), seconds=10, what="the writing transaction")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL
    # Its transaction is rolled back: PostgreSQL ends the session of the dead client, SQLite's lock dies with it.
    _wait(lambda: not _somebody_writes(env), seconds=60, what="the killed worker's transaction to end")
    assert _job(job.pk).status == BackgroundJob.Status.RUNNING  # nobody could tell it died
    assert not Employee.objects.exists() and not ChangeRecord.objects.exists()

    time.sleep(settings.KADRY_JOB_HEARTBEAT_TIMEOUT + 0.5)
    page = hr_inspector.client.get(reverse("employee_import_job", args=[job.pk])).content.decode()
    assert EMPLOYEE_IMPORT_ABANDONED in page and "Загрузить файл снова" in page and "hx-trigger" not in page
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED and job.error == EMPLOYEE_IMPORT_ABANDONED and job.finished_at
    assert not default_storage.exists(upload)
    assert not Employee.objects.exists() and not ChangeRecord.objects.exists()

    # Started again, with a fresh worker that runs what is queued and exits.
    again = _upload(hr_inspector.client, 3)
    fresh = start_manage(env, *WORKER, "--batch", log=tmp_path / "fresh.log")
    assert fresh.wait(timeout=180) == 0, (tmp_path / "fresh.log").read_text()
    again.refresh_from_db()
    assert again.status == BackgroundJob.Status.DONE, again.error
    assert Employee.objects.count() == 3
    assert _job(job.pk).status == BackgroundJob.Status.FAILED
