"""Uploaded tables: their bounds, and the file kept on the server between the dry run and «Загрузить».

A file checked by a dry run stays in storage under its uploader's folder and is named by an id the
form sends back; it is never carried in the page. It is deleted when the import starts from it, or
by ``manage.py purge_files`` once it is older than ``KADRY_UPLOAD_KEEP_HOURS``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404

from kadry.core.models import BackgroundJob, Membership
from kadry.lib.tables import TableLimits, read_table

UPLOADS_DIR = "imports"
# A kept file's id is its name in storage: 32 hex digits and the format, nothing that walks a path.
_KEPT_ID = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")


def table_limits() -> TableLimits:
    """Return the bounds of an uploaded table (settings ``KADRY_IMPORT_*``)."""
    return TableLimits(
        max_bytes=settings.KADRY_IMPORT_MAX_BYTES,
        max_uncompressed_bytes=settings.KADRY_IMPORT_MAX_UNCOMPRESSED_BYTES,
        max_members=settings.KADRY_IMPORT_MAX_MEMBERS,
        max_rows=settings.KADRY_IMPORT_MAX_ROWS,
        max_columns=settings.KADRY_IMPORT_MAX_COLUMNS,
    )


def read_uploaded_table(content: bytes, filename: str) -> tuple[list[Any], list[list[Any]]]:
    """Return the header and rows of an uploaded CSV or XLSX file within the bounds of the settings."""
    return read_table(content, filename, table_limits())


def validate_upload_size(upload: Any) -> None:
    """Refuse a file larger than ``KADRY_IMPORT_MAX_BYTES`` before it is read into memory."""
    limit = settings.KADRY_IMPORT_MAX_BYTES
    if upload is not None and upload.size is not None and upload.size > limit:
        raise ValidationError(
            f"Файл больше {limit / (1024 * 1024):g} МБ: разделите его на несколько файлов.", code="too_large"
        )


def _kept_folder(membership: Membership) -> str:
    return f"{UPLOADS_DIR}/{membership.organisation_id}/pending/{membership.user_id}"


def keep_upload(*, membership: Membership, content: bytes, filename: str) -> str:
    """Store a checked file for the uploader and return its id for the confirming form."""
    kept_id = f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"
    if not _KEPT_ID.match(kept_id):
        raise ValueError(f"Only CSV and XLSX files are kept, not {filename!r}.")
    default_storage.save(f"{_kept_folder(membership)}/{kept_id}", ContentFile(content))
    return kept_id


def read_kept_upload(*, membership: Membership, kept_id: str, filename: str) -> tuple[bytes, str]:
    """Return the content of a file kept for this user in this organisation, and a name with its format.

    Raise ``Http404`` for an id that is not theirs (another user's or organisation's, or purged):
    the folder is the user's and the organisation's, so another id is simply not found there.
    """
    name = f"{_kept_folder(membership)}/{kept_id}"
    if not _KEPT_ID.match(kept_id) or not default_storage.exists(name):
        raise Http404("No such kept upload.")
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    suffix = PurePath(kept_id).suffix
    # The shown name comes back from the form; the format is the stored file's.
    shown = PurePath(filename).name or f"file{suffix}"
    return content, shown if shown.lower().endswith(suffix) else f"{shown}{suffix}"


def sent_or_kept_upload(*, membership: Membership, data: dict[str, Any]) -> tuple[bytes, str, str]:
    """Return the content, name and kept id of an import form's file: the one sent now, or the one checked before.

    ``data`` is the cleaned data of a form with ``file``, ``upload`` (the kept id) and ``filename``; a
    new file replaces the one kept (its kept id is then empty: it is kept again when checked).
    """
    chosen, kept_id = data["file"], data["upload"]
    if chosen:
        if kept_id:
            discard_kept_upload(membership=membership, kept_id=kept_id)
        return chosen.read(), chosen.name, ""
    content, filename = read_kept_upload(membership=membership, kept_id=kept_id, filename=data["filename"])
    return content, filename, kept_id


def discard_kept_upload(*, membership: Membership, kept_id: str) -> None:
    if _KEPT_ID.match(kept_id):
        default_storage.delete(f"{_kept_folder(membership)}/{kept_id}")


def purge_uploads(*, now: dt.datetime, keep_hours: int | None = None) -> int:
    """Delete uploaded files older than ``keep_hours`` that no queued or running job still needs; return how many.

    Such a file was kept by a dry run never confirmed, or belonged to a job whose worker died.
    """
    hours = settings.KADRY_UPLOAD_KEEP_HOURS if keep_hours is None else keep_hours
    cutoff = now - dt.timedelta(hours=hours)
    pending = BackgroundJob.objects.filter(status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING])
    needed = {params.get("file") for params in pending.values_list("params", flat=True)}
    deleted = 0
    for name in _files_under(UPLOADS_DIR):
        if name not in needed and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            deleted += 1
    return deleted


def _files_under(folder: str) -> list[str]:
    """Return the names of every file below ``folder`` in the default storage."""
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += _files_under(f"{folder}/{sub}")
    return names
