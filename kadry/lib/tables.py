"""Reading tables that people upload (CSV from Excel or 1С, XLSX) and the errors reported about their cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any


class TableError(ValueError):
    """The file is not a table we can read."""


@dataclass(frozen=True)
class RowError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    column: str
    message: str


def read_table(content: bytes, filename: str) -> tuple[list[Any], list[list[Any]]]:
    """Return the header and rows of the first sheet of an XLSX file, or of a CSV file (UTF-8 or cp1251; ``;`` or ``,``)."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise TableError("Не удалось прочитать файл XLSX.") from error
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1251", errors="replace")
        delimiter = max(";,\t", key=text.split("\n", 1)[0].count)
        rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    else:
        raise TableError("Загрузите файл CSV или XLSX.")
    if not rows:
        raise TableError("Файл пуст.")
    return rows[0], rows[1:]


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
