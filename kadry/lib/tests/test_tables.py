"""Reading uploaded tables within bounds: file size, an XLSX's unpacked size and parts, rows."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from kadry.lib.tables import TableError, TableLimits, read_table
from kadry.lib.xlsx import table_to_xlsx

MB = 1024 * 1024
LIMITS = TableLimits(max_bytes=MB, max_uncompressed_bytes=2 * MB, max_members=20, max_rows=5, max_columns=4)


def _csv(rows: int, trailing_empty: int = 0) -> bytes:
    lines = ["Фамилия;Имя"] + [f"Иванов{n};Иван" for n in range(rows)] + [";"] * trailing_empty
    return "\n".join(lines).encode()


def test_a_table_within_the_limits_is_read() -> None:
    header, rows = read_table(_csv(5), "a.csv", LIMITS)
    assert header == ["Фамилия", "Имя"] and len(rows) == 5


def test_a_file_too_large_is_refused() -> None:
    with pytest.raises(TableError, match=re.escape("Файл больше 1 МБ: разделите его на несколько файлов.")):
        read_table(b"x" * (MB + 1), "a.csv", LIMITS)


def test_too_many_rows_are_refused_but_empty_rows_at_the_end_do_not_count() -> None:
    with pytest.raises(TableError, match=re.escape("В файле больше 5 строк: разделите его на несколько файлов.")):
        read_table(_csv(6), "a.csv", LIMITS)
    _header, rows = read_table(_csv(5, trailing_empty=1000), "a.csv", LIMITS)
    assert len(rows) == 5


def test_empty_rows_between_filled_ones_keep_the_row_numbers_and_count() -> None:
    content = "Фамилия;Имя\nА;Б\n;\n;\nВ;Г".encode()
    _header, rows = read_table(content, "a.csv", LIMITS)
    assert [row[:1] for row in rows] == [["А"], [], [], ["В"]]
    with pytest.raises(TableError):
        read_table("Фамилия\nА\n\n\n\n\n\nБ".encode(), "a.csv", LIMITS)


def test_an_xlsx_declaring_a_huge_sheet_reads_only_its_filled_cells() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Фамилия", "Имя"])
    sheet.append(["Иванов", "Иван"])
    sheet.cell(row=1_000_000, column=16_000, value=None)  # declared dimension only
    sheet["XFD1"] = "далеко справа"
    buffer = io.BytesIO()
    workbook.save(buffer)
    header, rows = read_table(buffer.getvalue(), "a.xlsx", LIMITS)
    assert header == ["Фамилия", "Имя"] and rows == [["Иванов", "Иван"]]


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * MB))  # packs into about 3 KB
    assert len(buffer.getvalue()) < 10_000
    with pytest.raises(TableError, match=re.escape("Файл XLSX в распакованном виде больше 2 МБ")):
        read_table(buffer.getvalue(), "bomb.xlsx", LIMITS)


def test_an_xlsx_of_too_many_parts_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(21):
            archive.writestr(f"part{n}.xml", b"")
    with pytest.raises(TableError, match="больше 20 частей"):
        read_table(buffer.getvalue(), "parts.xlsx", LIMITS)


def test_a_broken_xlsx_and_an_unknown_format_are_refused() -> None:
    with pytest.raises(TableError, match=re.escape("Не удалось прочитать файл XLSX.")):
        read_table(b"PK not really", "a.xlsx", LIMITS)
    with pytest.raises(TableError, match=re.escape("Загрузите файл CSV или XLSX.")):
        read_table(b"x", "a.txt", LIMITS)


def test_an_xlsx_written_by_the_export_reads_back() -> None:
    content = table_to_xlsx("Лист", ["Фамилия"], [["=1+1"], ["Иванов"]])
    assert read_table(content, "a.xlsx", LIMITS) == (["Фамилия"], [["=1+1"], ["Иванов"]])
