"""Tests that run ``manage.py`` in a real child process (a task worker, backup, restore) on the test's database.

pytest-django's SQLite test database lives in memory, which another process cannot open; the
``shared_database`` fixture copies it (migrated, empty) into a file and points the test's connection
there for the test. On PostgreSQL the test database is a real database the child reaches by name.
Both need a transactional test, so that rows are committed and seen by either side.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

MANAGE = Path(django_settings.BASE_DIR) / "manage.py"


def database_url(settings_dict: dict[str, Any]) -> str:
    """Return the DATABASE_URL of a PostgreSQL database given by Django connection settings."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{auth}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


@pytest.fixture
def shared_database(transactional_db: None, settings: Any, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Return the environment of a child ``manage.py`` that works on this test's database and media.

    Request it before any fixture that writes rows (personas…), so that they go to the shared database.
    """
    var = tmp_path / "var"
    settings.MEDIA_ROOT = var / "media"
    env = {**os.environ, "KADRY_VAR_DIR": str(var), "DEBUG": "0", "PYTHONUNBUFFERED": "1"}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = database_url(connection.settings_dict)
        yield env
        return
    # SQLite: keep the in-memory database alive (closing its last connection would drop it).
    connection.ensure_connection()
    memory, name = connection.connection, connection.settings_dict["NAME"]
    path = tmp_path / "shared.sqlite3"
    with closing(sqlite3.connect(path)) as target:
        memory.backup(target)
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    env["DATABASE_URL"] = f"sqlite:///{path}"
    try:
        yield env
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = memory


def manage(
    env: dict[str, str], *args: str, timeout: float = 300, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py`` with ``args`` in a child process; fail the test with its output if it fails (``check``)."""
    done = subprocess.run(  # nosec B603 - our own manage.py, arguments from the test
        [sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and done.returncode:
        pytest.fail(f"manage.py {' '.join(args)} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def start_manage(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    """Start ``manage.py`` with ``args`` in a child process writing its output to ``log``."""
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, str(MANAGE), *args], env=env, stdout=output, stderr=subprocess.STDOUT)
