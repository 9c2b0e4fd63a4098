"""Form № 6 «Сведения о численности работающих и забронированных граждан, пребывающих в запасе» as XLSX.

Laid out as the form: the title, the organisation and the date, a two-level header (the reserve and
the reserved, each by composition), the column numbers, then the lines. Figures only; the one text
from data (the organisation's name) is written as text, never as a formula (see ``kadry.lib.xlsx``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.styles import Alignment, Border, Font, Side

from kadry.lib.xlsx import form_workbook, saved, set_text
from kadry.military.queries import Form6Line

TITLE = "Сведения о численности работающих и забронированных граждан, пребывающих в запасе"
GROUP_COLUMNS = ("всего", "офицеров", "прапорщиков и мичманов", "сержантов, старшин, солдат и матросов")
FORM6_HEADERS = (
    "Категория персонала", "Код строки", "Общая численность работающих",
    *(f"Пребывающих в запасе: {name}" for name in GROUP_COLUMNS),
    *(f"Забронировано: {name}" for name in GROUP_COLUMNS),
)  # fmt: skip
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def form6_xlsx(organisation: str, on: dt.date, lines: Sequence[Form6Line]) -> bytes:
    """Return form № 6 on ``on`` as an XLSX file in the form's layout."""
    workbook = form_workbook()
    sheet = workbook.active
    sheet.title = "Форма 6"
    sheet["K1"] = "Форма № 6"
    sheet["A2"] = TITLE
    sheet.merge_cells("A2:K2")
    set_text(sheet["A3"], organisation)
    sheet.merge_cells("A3:K3")
    sheet["A4"] = f"по состоянию на {on:%d.%m.%Y}"
    sheet.merge_cells("A4:K4")
    for cell in ("A2", "A3", "A4"):
        sheet[cell].alignment = _CENTER
    sheet["A2"].font = Font(bold=True)
    # Header: rows 6–7, column numbers in row 8.
    for column, label in ((1, "Категория персонала"), (2, "Код строки"), (3, "Общая численность работающих")):
        sheet.cell(6, column, label)
        sheet.merge_cells(start_row=6, start_column=column, end_row=7, end_column=column)
    sheet.cell(6, 4, "Граждане, пребывающие в запасе")
    sheet.merge_cells(start_row=6, start_column=4, end_row=6, end_column=7)
    sheet.cell(6, 8, "Из них забронировано")
    sheet.merge_cells(start_row=6, start_column=8, end_row=6, end_column=11)
    for offset, name in enumerate(GROUP_COLUMNS * 2):
        sheet.cell(7, 4 + offset, name)
    for column in range(1, 12):
        sheet.cell(8, column, column)
    for row, line in enumerate(lines, 9):
        sheet.cell(row, 1, line.label)
        sheet.cell(row, 2, line.code)
        for offset, value in enumerate(line.cells()):
            sheet.cell(row, 3 + offset, value)
    last = 8 + len(lines)
    for row in sheet.iter_rows(min_row=6, max_row=last, max_col=11):
        for cell in row:
            cell.border = _BOX
            cell.alignment = _CENTER
    sheet.column_dimensions["A"].width = 28
    for letter in "CDEFGHIJK":
        sheet.column_dimensions[letter].width = 14
    return saved(workbook)
