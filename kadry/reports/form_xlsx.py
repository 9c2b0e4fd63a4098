"""A filled statistical form (ОО-1, П-4) as XLSX in the form's layout.

The title, the organisation and the period on top; then each table: its title, the header of its
columns, the row of the column numbers, the lines with their name and line code. Figures are
numbers; the texts from data (the organisation's name) go in through ``set_text`` (never a formula).
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from kadry.lib.xlsx import form_workbook, saved, set_text
from kadry.reports.form_figures import FilledForm

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def form_xlsx(form: FilledForm, organisation: str) -> bytes:
    """Return the form as one sheet laid out as the form is."""
    workbook = form_workbook()
    sheet = workbook.active
    sheet.title = f"Форма {form.form}"
    width = max(len(section.columns) for section in form.sections)
    last = get_column_letter(width)
    sheet.cell(1, width, f"Форма № {form.form}").alignment = Alignment(horizontal="right")
    for row, text in ((2, form.title), (3, organisation), (4, form.period)):
        set_text(sheet.cell(row, 1), text)
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.cell(row, 1).alignment = _CENTER
    sheet.cell(2, 1).font = Font(bold=True)
    row = 6
    for section in form.sections:
        sheet.cell(row, 1, section.title).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(section.columns))
        header = row + 1
        # The row of the column numbers, as the form prints it under its header (when it numbers them).
        numbered = any(spec.number for spec in section.columns)
        for column, spec in enumerate(section.columns, 1):
            sheet.cell(header, column, spec.label)
            if numbered:
                sheet.cell(header + 1, column, int(spec.number) if spec.number.isdigit() else spec.number or None)
        first = header + 1 + numbered
        for offset, line in enumerate(section.lines, first):
            sheet.cell(offset, 1, line.label)
            sheet.cell(offset, 2, line.code or None)
            for column, value in enumerate(line.cells, 3):
                sheet.cell(offset, column, value)
        end = first - 1 + len(section.lines)
        for cells in sheet.iter_rows(min_row=header, max_row=end, max_col=len(section.columns)):
            for cell in cells:
                cell.border = _BOX
                cell.alignment = _LEFT if cell.column == 1 and cell.row >= first else _CENTER
        row = end + 1
        if section.note:
            sheet.cell(row, 1, section.note).alignment = _LEFT
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(section.columns))
            sheet.row_dimensions[row].height = 45
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 8
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    return saved(workbook)
