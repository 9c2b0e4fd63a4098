"""A fresh installation creates its folder, SQLite database and secret key readable by their owner only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_var_the_sqlite_database_and_the_secret_key_are_created_owner_only(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    env |= {"KADRY_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "kadry.settings"}
    # A process of its own: settings are read once, at start, as `make run` does; umask as usual.
    script = "import os; os.umask(0o022); import django; django.setup(); from django.db import connection; connection.ensure_connection(); connection.cursor().execute('create table t (x int)')"
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    assert _mode(var) == 0o700
    assert _mode(var / "kadry.sqlite3") == 0o600
    assert _mode(var / "secret_key") == 0o600
    assert (var / "kadry.sqlite3").stat().st_size > 0  # SQLite used the file it was given


def test_uploads_and_their_folders_are_owner_only() -> None:
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o600
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o700
