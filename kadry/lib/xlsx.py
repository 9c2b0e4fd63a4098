"""Writing simple tabular XLSX files (openpyxl in write-only mode: constant memory for long tables).

This is the one XLSX writer of the project: every export goes through ``table_to_xlsx`` so that text
typed by people (a name, a note, an address that came in through an import) is always written as
text. openpyxl stores a string that starts with «=» as a formula, and a spreadsheet re-evaluates text
starting with «+», «-», «@» (and a tab or carriage return before them) when the cell is edited:
formula injection, OWASP «CSV Injection», ASVS 5.0 V1.2.10.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The first characters that make a spreadsheet read a text as a formula (OWASP «CSV Injection»).
FORMULA_STARTS = frozenset("=+-@\t\r")


def table_to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return an XLSX file with one sheet: a bold header row, then ``rows``; text is never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    header_cells = []
    for header in headers:
        cell = text_cell(sheet, header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([text_cell(sheet, value) if _looks_like_formula(value) else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def text_cell(sheet: WriteOnlyWorksheet, value: Any) -> WriteOnlyCell:
    """Return a cell holding ``value``; a text that looks like a formula is kept as a string.

    The string type stops openpyxl writing a formula; the quote prefix (Excel's «'») keeps the text a
    text when someone edits the cell in a spreadsheet.
    """
    cell = WriteOnlyCell(sheet, value=value)
    if _looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value[:1] in FORMULA_STARTS


class Section(Protocol):
    """A titled table of a report: its header, its rows and a note under it."""

    @property
    def title(self) -> str: ...
    @property
    def headers(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[Any]]: ...
    @property
    def note(self) -> str: ...


def sections_to_xlsx(title: str, sections: Sequence[Section]) -> bytes:
    """Return one sheet with the bold ``title``, then each section under its bold title; text never a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cell(value: Any, bold: bool = False) -> WriteOnlyCell:
        made = text_cell(sheet, value)
        if bold:
            made.font = Font(bold=True)
        return made

    sheet.append([cell(title, bold=True)])
    for section in sections:
        sheet.append([])
        sheet.append([cell(section.title, bold=True)])
        sheet.append([cell(header, bold=True) for header in section.headers])
        for row in section.rows:
            sheet.append([cell(value) for value in row])
        if section.note:
            sheet.append([cell(section.note)])
    return _saved(workbook)


def form_workbook() -> Workbook:
    """Return a workbook for a form laid out cell by cell (merged headers, borders): every text from
    data goes in through ``set_text``, and the file is made by ``saved``."""
    return Workbook()


def set_text(cell: Cell, value: Any) -> None:
    """Write ``value`` into a cell of a laid-out form; a text that looks like a formula stays a text."""
    cell.value = value
    if _looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def saved(workbook: Workbook) -> bytes:
    """Return the workbook as the bytes of an XLSX file."""
    return _saved(workbook)


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
