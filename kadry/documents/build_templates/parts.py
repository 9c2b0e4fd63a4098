"""The building blocks of the shipped DOCX templates: the page, paragraphs of runs, tables with a docxtpl loop."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

BLANK = "__________________"
LINE_DATE = "«____» ____________ 20___ г."


def new_document() -> DocumentObject:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(2)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    return document


def paragraph(
    document: DocumentObject,
    *runs: str | tuple[str, str],
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: float | None = None,
    space_before: float | None = None,
) -> None:
    """Add a paragraph of runs; a run is text, or (text, "b") for bold, (text, "i") for italic."""
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    for item in runs:
        text, style = (item, "") if isinstance(item, str) else item
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        if size is not None:
            run.font.size = Pt(size)


def field(document: DocumentObject, label: str, value: str) -> None:
    paragraph(document, (f"{label}: ", "b"), value)


def heading(document: DocumentObject, text: str) -> None:
    paragraph(document, (text, "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=10)


def tag(document: DocumentObject, tag: str) -> None:
    """Add a paragraph holding only a docxtpl paragraph tag (``{%p if … %}``): it disappears when rendered."""
    document.add_paragraph(tag)


def table(document: DocumentObject, headers: Sequence[str], loop: str, cells: Sequence[str]) -> None:
    """Add a bordered table: a header row, then one row per item of ``loop`` («r in rows»)."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, header in enumerate(headers):
        cell = table.rows[0].cells[index]
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9)
    # docxtpl replaces a row whose first cell holds «{%tr … %}» by the tag itself.
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for index, value in enumerate(cells):
        cell = table.rows[2].cells[index]
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(9)
    table.rows[3].cells[0].text = "{%tr endfor %}"


def landscape(document: DocumentObject) -> DocumentObject:
    """Turn the page: the list forms («а») and СТД-Р are tables too wide for portrait A4."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(1.5), Cm(1.5)
    return document


def document_bytes(document: DocumentObject) -> bytes:
    """Return the document as the bytes of a .docx file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_templates(directory: Path, builders: Mapping[str, Callable[[], DocumentObject]]) -> None:
    """Write ``<kind>.docx`` of every builder into ``directory`` (an app's shipped templates), naming each."""
    directory.mkdir(exist_ok=True)
    for kind, builder in builders.items():
        path = directory / f"{kind}.docx"
        path.write_bytes(document_bytes(builder()))
        sys.stdout.write(f"{path}\n")
