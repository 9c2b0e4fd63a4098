"""One-file backups of the whole installation (the database and the media files), and their restore.

An archive (``kadry-backup-YYYYMMDD-HHMMSS.tar.gz``, created 0600) holds:

- ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite's
  online backup API: a consistent copy while the application runs);
- ``media/…``: the uploaded and generated files;
- ``manifest.json``: versions, applied migrations, the creation time, the database vendor, the row
  count of every table (taken in the dump's own snapshot) and every file with its size and SHA-256;
- ``SHA256SUMS``: the checksum of every other member (``sha256sum -c`` reads it).

A restore verifies every checksum before it touches anything, then fills an EMPTY database and media
folder — never one that holds data: rows would be mixed, and the access log and the change history
cannot be overwritten anyway — and checks the row counts against the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import django
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

if TYPE_CHECKING:
    # The backends' own connection classes, for what only they have; not imported at run time
    # (the PostgreSQL one needs psycopg).
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresConnection
    from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteConnection

FORMAT = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the administrator, in Russian."""


# 1. Row counts, on any DB-API cursor (Django's, sqlite3's, psycopg's).


def list_tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [name for (name,) in cursor.fetchall()]


def count_rows(cursor: Any, vendor: str) -> dict[str, int]:
    """Return the number of rows of every table of the database."""
    counts = {}
    for table in list_tables(cursor, vendor):
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(f"SELECT count(*) FROM {quoted}")  # nosec B608 - a table name from the catalogue, quoted
        counts[table] = cursor.fetchone()[0]
    return counts


# 2. Backup.


def _pg_env() -> dict[str, str]:
    """Return the environment that points pg_dump/pg_restore at the configured database (no password in argv)."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _dump_postgresql(target: Path) -> dict[str, int]:
    """Dump the database to ``target`` and count its rows, both in one snapshot."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        command = ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # nosec B603 B607 - fixed argv, no shell
        if done.returncode:
            raise BackupError(f"pg_dump завершился с ошибкой: {done.stderr.strip()}")
        return count_rows(cursor, "postgresql")


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        # The copy is a WAL database like its source; one self-contained file is what goes in the archive.
        copy.execute("PRAGMA journal_mode=DELETE")
        return count_rows(copy.cursor(), "sqlite")


def _versions() -> dict[str, str]:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    kadry = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"] if pyproject.exists() else ""
    connection.ensure_connection()
    server = (
        cast("PostgresConnection", connection).pg_version
        if connection.vendor == "postgresql"
        else sqlite3.sqlite_version
    )
    return {
        "kadry": kadry,
        "django": django.get_version(),
        "python": platform.python_version(),
        "database": str(server),
    }


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
        for app, name in cursor.fetchall():
            applied.setdefault(app, []).append(name)
    return applied


class _Hashing:
    """A file read through, hashed on the way (so a media file is read once into the archive)."""

    def __init__(self, file: Any) -> None:
        self.file, self.sha256 = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, source: Path) -> dict[str, Any]:
    """Add the regular file ``source`` as ``name``; return its entry of the manifest."""
    info = archive.gettarinfo(str(source), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with source.open("rb") as file:
        reader = _Hashing(file)
        archive.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> str:
    """Add ``content`` as the file ``name``; return its SHA-256."""
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(content), 0o600, int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))
    return hashlib.sha256(content).hexdigest()


def _media_files(root: Path) -> Iterator[Path]:
    """Yield the regular files under ``root``, in a stable order; links are not followed (nor kept)."""
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def create_backup(output_dir: Path) -> tuple[Path, dict[str, Any]]:
    """Write one archive of the database and the media files into ``output_dir``; return it and its manifest."""
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = timezone.now()
    path = output_dir / f"kadry-backup-{created.astimezone(dt.UTC):%Y%m%d-%H%M%S}.tar.gz"
    partial = path.with_name(path.name + ".partial")  # renamed when complete: never a half archive
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Резервное копирование базы {vendor} не поддерживается.")
    with tempfile.TemporaryDirectory(dir=output_dir) as staging:  # created 0700
        database = Path(staging) / DATABASE_FILES[vendor]
        counts = _dump_postgresql(database) if vendor == "postgresql" else _dump_sqlite(database)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "versions": _versions(),
            "migrations": _applied_migrations(),
            "database": {"vendor": vendor, "file": database.name},
            "tables": counts,
            "files": [],
        }
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                manifest["files"].append(_add(archive, database.name, database))
                media_root = Path(settings.MEDIA_ROOT)
                for file in _media_files(media_root):
                    name = f"{MEDIA}/{file.relative_to(media_root).as_posix()}"
                    manifest["files"].append(_add(archive, name, file))
                content = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                sums = [f"{entry['sha256']}  {entry['path']}" for entry in manifest["files"]]
                sums.append(f"{_add_bytes(archive, MANIFEST, content)}  {MANIFEST}")
                _add_bytes(archive, SUMS, ("\n".join(sums) + "\n").encode())
            partial.rename(path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return path, manifest


# 3. Restore.


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _verified(archive: Path, staging: Path) -> dict[str, Any]:
    """Extract ``archive`` into ``staging`` and check every checksum; return the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            if any(not (m.isfile() or m.isdir()) for m in members):
                raise BackupError("В архиве есть ссылки или особые файлы: это не резервная копия Kadry.")
            tar.extractall(staging, filter="data")  # refuses absolute paths and «..»
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Архив не читается: {error}") from error
    sums_file = staging / SUMS
    if not sums_file.is_file():
        raise BackupError(f"В архиве нет {SUMS}: это не резервная копия Kadry.")
    expected = {}
    for line in sums_file.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        expected[name] = digest
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {SUMS}
    if present != set(expected):
        raise BackupError(f"Состав архива не совпадает с {SUMS}: {sorted(present ^ set(expected))[:5]}.")
    for name, digest in sorted(expected.items()):
        if _sha256(staging / name) != digest:
            raise BackupError(f"Контрольная сумма файла «{name}» не совпадает: архив повреждён или изменён.")
    manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Неизвестный формат архива: {manifest.get('format')}.")
    if {e["path"] for e in manifest["files"]} | {MANIFEST} != set(expected):
        raise BackupError("Список файлов в manifest.json не совпадает с архивом.")
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"Копия снята с базы {vendor}, а настроена база {connection.vendor}.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names]
    unknown = [key for key in unknown if tuple(key.split(".", 1)) not in known]
    if unknown:
        raise BackupError(
            f"Копия сделана более новой версией Kadry (миграции {', '.join(unknown[:3])}): обновите Kadry."
        )


def _check_empty(media_root: Path) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"База данных не пуста (таблиц: {len(tables)}). Восстановление выполняется только в пустую базу: "
            "создайте новую и укажите её в DATABASE_URL."
        )
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"Папка файлов {media_root} не пуста. Укажите пустую папку (KADRY_VAR_DIR).")


def _restore_postgresql(dump: Path) -> None:
    command = ["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges"]
    command += [f"--dbname={connection.settings_dict['NAME']}", str(dump)]
    done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True, check=False)  # nosec B603 B607 - fixed argv, no shell
    if done.returncode:
        raise BackupError(f"pg_restore завершился с ошибкой: {done.stderr.strip()}")


def _restore_sqlite(copy: Path) -> None:
    connection.ensure_connection()
    with closing(sqlite3.connect(copy)) as source:
        source.backup(connection.connection)
    name = connection.settings_dict["NAME"]
    if not cast("SqliteConnection", connection).is_in_memory_db() and Path(name).exists():
        Path(name).chmod(0o600)


def _restore_media(source: Path, media_root: Path) -> None:
    media_root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        target = media_root / path.relative_to(source)
        if path.is_dir():
            target.mkdir(mode=0o700, parents=True, exist_ok=True)
        else:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            target.chmod(0o600)


@contextmanager
def _staging() -> Iterator[Path]:
    """Yield a private (0700) folder beside the installation's files for the extracted archive."""
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix="restore-") as staging:
        yield Path(staging)


def restore_backup(archive: Path) -> dict[str, Any]:
    """Verify ``archive`` and restore it into the empty configured database and media folder; return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with _staging() as staging:
        manifest = _verified(archive, staging)
        _check_compatible(manifest)
        _check_empty(media_root)
        dump = staging / manifest["database"]["file"]
        if connection.vendor == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump)
        if (staging / MEDIA).is_dir():
            _restore_media(staging / MEDIA, media_root)
    with connection.cursor() as cursor:
        counts = count_rows(cursor, connection.vendor)
    if counts != manifest["tables"]:
        differ = sorted(
            t for t in counts.keys() | manifest["tables"].keys() if counts.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(
            f"После восстановления число строк не совпадает с копией в таблицах: {', '.join(differ[:5])}."
        )
    return manifest
