"""Rendering documents: DOCX from a docxtpl template, PDF from HTML with WeasyPrint.

Both are pure: bytes and a context in, bytes out. Choosing a template and writing files is the
business of the documents app.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
ZIP_CONTENT_TYPE = "application/zip"


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


def _template_source(template: str | Path | bytes) -> Any:
    return io.BytesIO(template) if isinstance(template, bytes) else str(template)


def render_docx(template: str | Path | bytes, context: Mapping[str, Any]) -> bytes:
    """Return the DOCX made by filling the docxtpl ``template`` (a path or the file's bytes) with ``context``."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(_template_source(template))
    # Autoescape: names and addresses may hold «&» or «<», which would break the document's XML.
    document.render(dict(context), autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_placeholders(template: str | Path | bytes) -> set[str]:
    """Return the top-level variables a docxtpl template uses; raise if it is not a DOCX or its tags are broken."""
    from docxtpl import DocxTemplate

    return set(DocxTemplate(_template_source(template)).get_undeclared_template_variables())


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """Return the PDF of ``html`` (fonts from the system: DejaVu or Liberation carry Cyrillic)."""
    # Imported here, not at module load: WeasyPrint needs Pango from the OS, and a machine without it
    # must still start and serve everything but PDF.
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailableError(
            "Формирование PDF недоступно: на сервере не установлена библиотека WeasyPrint "
            "или системная библиотека Pango. Скачайте документ в формате DOCX."
        ) from error
    return HTML(string=html, base_url=base_url).write_pdf()
