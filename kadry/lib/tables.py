"""Reading tables that people upload (CSV from Excel or 1С, XLSX) and the errors reported about their cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class TableError(ValueError):
    """The file is not a table we can read."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    column: str
    message: str


@dataclass(frozen=True)
class TableLimits:
    """What an uploaded table may hold before it is refused (the figures are settings: ``KADRY_IMPORT_*``)."""

    max_bytes: int  # the file as uploaded
    max_uncompressed_bytes: int  # an XLSX's members unpacked (a zip bomb is small packed, huge unpacked)
    max_members: int  # files inside an XLSX
    max_rows: int  # rows below the header, up to the last filled one
    max_columns: int  # cells read of each row; the rest are ignored


def read_table(content: bytes, filename: str, limits: TableLimits) -> tuple[list[Any], list[list[Any]]]:
    """Return the header and rows of the first sheet of an XLSX file, or of a CSV file (UTF-8 or cp1251; ``;`` or ``,``).

    The file is refused with a ``TableError`` when it passes one of ``limits``, before it is unpacked
    or parsed as far as possible. Empty rows at the end are dropped (a sheet often carries formatted
    empty rows).
    """
    if len(content) > limits.max_bytes:
        raise TableError(f"Файл больше {_megabytes(limits.max_bytes)}: разделите его на несколько файлов.")
    name = filename.lower()
    if name.endswith(".xlsx"):
        check_archive(content, limits, "XLSX")
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            # openpyxl pads every row to ``max_col``; without it, to the rightmost cell of the row (XFD).
            rows = _bounded(sheet.iter_rows(max_col=limits.max_columns, values_only=True), limits)
            workbook.close()
        except TableError:
            raise
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise TableError("Не удалось прочитать файл XLSX.") from error
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1251", errors="replace")
        delimiter = max(";,\t", key=text.split("\n", 1)[0].count)
        try:
            rows = _bounded(
                (row[: limits.max_columns] for row in csv.reader(io.StringIO(text), delimiter=delimiter)), limits
            )
        except csv.Error as error:
            raise TableError("Не удалось прочитать файл CSV: проверьте кавычки и разделители.") from error
    else:
        raise TableError("Загрузите файл CSV или XLSX.")
    if not rows:
        raise TableError("Файл пуст.")
    return rows[0], rows[1:]


def check_archive(content: bytes, limits: TableLimits, kind: str) -> None:
    """Raise a ``TableError`` unless ``content`` is a zip archive within ``limits`` once unpacked.

    The sizes are those the archive declares; Python's ``zipfile`` never unpacks a member past its
    declared size, so checking them bounds what a parser can be made to read.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise TableError(f"Не удалось прочитать файл {kind}.") from error
    if len(members) > limits.max_members:
        raise TableError(f"Файл {kind} содержит больше {limits.max_members} частей: это не обычная таблица.")
    if sum(member.file_size for member in members) > limits.max_uncompressed_bytes:
        raise TableError(
            f"Файл {kind} в распакованном виде больше {_megabytes(limits.max_uncompressed_bytes)}: "
            "разделите его на несколько файлов."
        )


def _bounded(rows: Iterable[Iterable[Any]], limits: TableLimits) -> list[list[Any]]:
    """Return the rows up to the last non-empty one; raise a ``TableError`` past the header and ``max_rows``.

    Empty rows are only counted, not kept, until a filled row follows them, so a sheet that declares a
    million empty rows costs no memory.
    """
    kept: list[list[Any]] = []
    empty = 0
    for row in rows:
        values = list(row)
        while values and values[-1] in (None, ""):  # the padding of an XLSX row, a CSV's trailing «;»
            values.pop()
        if not values:
            empty += 1
            continue
        if len(kept) + empty > limits.max_rows:  # the header plus max_rows rows are allowed
            raise TableError(
                f"В файле больше {limits.max_rows:,} строк".replace(",", " ") + ": разделите его на несколько файлов."
            )
        kept.extend([] for _ in range(empty))
        empty = 0
        kept.append(values)
    return kept


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} МБ"


def parse_date(value: Any) -> dt.date | None:
    """Return a date from a cell: a date (XLSX), «ДД.ММ.ГГГГ» or «ГГГГ-ММ-ДД»; None if it is none of them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None
