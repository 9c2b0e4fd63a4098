"""Rendering DOCX (docxtpl) and PDF (WeasyPrint) from plain contexts."""

from __future__ import annotations

import io
import sys

import pytest
from docx import Document

from kadry.lib.documents import PdfUnavailableError, docx_placeholders, render_docx, render_pdf


def _template(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_render_docx_fills_the_tags_and_escapes_markup() -> None:
    template = _template("Выдана {{ person.name }}", "{%p for r in rows %}", "— {{ r }}", "{%p endfor %}")

    content = render_docx(template, {"person": {"name": "ООО «Рога & Копыта» <филиал>"}, "rows": ["а", "б"]})

    assert _text(content) == ["Выдана ООО «Рога & Копыта» <филиал>", "— а", "— б"]


def test_render_docx_reads_a_path(tmp_path) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(_template("{{ day }}"))
    assert _text(render_docx(path, {"day": "21 ноября 2026 г."})) == ["21 ноября 2026 г."]


def test_placeholders_are_the_top_level_names() -> None:
    assert docx_placeholders(_template("{{ a.b }} {{ c }}", "{%p if d %}", "x", "{%p endif %}")) == {"a", "c", "d"}


def test_render_pdf_shows_cyrillic() -> None:
    pypdf = pytest.importorskip("pypdf")

    content = render_pdf("<p>Справка выдана Ивановой Марии Петровне</p>")

    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "Ивановой Марии Петровне" in " ".join(text.split())


def test_pdf_without_weasyprint_fails_with_a_russian_message(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfUnavailableError, match="Формирование PDF недоступно"):
        render_pdf("<p>x</p>")
