"""Reading generated documents back in tests."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import cast

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from docx import Document
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    """Return the text of a DOCX: its paragraphs, then its tables' cells, one per line."""
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def pdf_text(content: bytes) -> str:
    """Return the text of a PDF, whitespace collapsed (lines break where the layout wrapped them)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def response_bytes(response: HttpResponseBase) -> bytes:
    """Return the body of a plain or a streaming (file) response."""
    if isinstance(response, StreamingHttpResponse):
        return b"".join(cast(Iterable[bytes], response.streaming_content))
    assert isinstance(response, HttpResponse)
    return response.content


def context_paths(context: dict, prefix: str = "") -> set[str]:
    """Return the placeholder paths a context provides: ``a``, ``a.b``, ``rows[]``, ``rows[].c``."""
    paths = set()
    for key, value in context.items():
        path = f"{prefix}{key}"
        paths.add(path)
        if isinstance(value, dict):
            paths |= context_paths(value, f"{path}.")
        elif isinstance(value, list):
            paths.add(f"{path}[]")
            for row in value:
                if isinstance(row, dict):
                    paths |= context_paths(row, f"{path}[].")
    return paths
