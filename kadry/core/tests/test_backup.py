"""``manage.py backup`` and ``restore``: the demo, backed up and restored into a fresh database, is the same."""

from __future__ import annotations

import io
import json
import sqlite3
import stat
import tarfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from kadry.core.backup import SUMS, count_rows
from kadry.testing.processes import database_url, manage, shared_database  # noqa: F401  (a fixture)


@pytest.fixture
def fresh_database(shared_database: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:  # noqa: F811
    """Return the environment of another installation: a new empty database and media folder."""
    env = {**shared_database, "KADRY_VAR_DIR": str(tmp_path / "restored")}
    if connection.vendor != "postgresql":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = database_url({**connection.settings_dict, "NAME": name})
    try:
        yield env
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts_of(env: dict[str, str]) -> dict[str, int]:
    """Return the row count of every table of the database an environment points at."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as other:
            return count_rows(other.cursor(), "sqlite")
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as server, server.cursor() as cursor:
        return count_rows(cursor, "postgresql")


def test_the_demo_backed_up_and_restored_into_a_fresh_database_has_every_row_and_file(
    shared_database,  # noqa: F811
    fresh_database,
    tmp_path: Path,
) -> None:
    manage(shared_database, "demo", "--force")
    media = Path(shared_database["KADRY_VAR_DIR"]) / "media"
    (media / "imports" / "1").mkdir(parents=True)
    (media / "imports" / "1" / "staff.csv").write_bytes("Фамилия;Имя\n".encode())
    with connection.cursor() as cursor:
        original = count_rows(cursor, connection.vendor)
    assert original["staff_employee"] > 100 and original["core_changerecord"] > 0

    started = time.monotonic()
    manage(shared_database, "backup", "--output", str(tmp_path / "backups"))
    backed_up = time.monotonic() - started
    (archive,) = (tmp_path / "backups").iterdir()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest_file = tar.extractfile("manifest.json")
        assert manifest_file is not None
        manifest = json.load(manifest_file)
    assert {"manifest.json", SUMS, "media/imports/1/staff.csv"} <= names
    assert manifest["database"]["vendor"] == connection.vendor and manifest["tables"] == original

    started = time.monotonic()
    manage(fresh_database, "restore", str(archive))
    restored = time.monotonic() - started
    assert _counts_of(fresh_database) == original
    restored_file = Path(fresh_database["KADRY_VAR_DIR"]) / "media" / "imports" / "1" / "staff.csv"
    assert restored_file.read_bytes() == "Фамилия;Имя\n".encode()
    # The hash chains and the signed orders' hashes survive the round trip (exit code 0: no broken link).
    manage(shared_database, "verify_audit")
    manage(fresh_database, "verify_audit")
    print(f"demo backup {backed_up:.1f} s, restore {restored:.1f} s, archive {archive.stat().st_size} bytes")

    # Into a database that holds data: refused, nothing changed.
    again = manage(fresh_database, "restore", str(archive), check=False)
    assert again.returncode and "База данных не пуста" in again.stderr
    assert _counts_of(fresh_database) == original


def test_restore_checks_the_checksums_before_it_touches_anything(shared_database, fresh_database, tmp_path) -> None:  # noqa: F811
    manage(shared_database, "backup", "--output", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").iterdir()
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            extracted = source.extractfile(member)
            assert extracted is not None  # the archive holds files only
            content = extracted.read()
            if member.name == "manifest.json":
                content = content.replace(b'"format": 1', b'"format": 1 ')
            target.addfile(member, io.BytesIO(content))
    refused = manage(fresh_database, "restore", str(tampered), check=False)
    assert refused.returncode and "Контрольная сумма файла «manifest.json» не совпадает" in refused.stderr
    assert _counts_of(fresh_database) == {}
    assert not (Path(fresh_database["KADRY_VAR_DIR"]) / "media").exists()
