"""Every DOCX renders in a sandbox: a template reaches only its context and runs nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from jinja2.exceptions import SecurityError

from kadry.lib.documents import (
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_MEMBERS,
    MAX_TEMPLATE_UNCOMPRESSED_BYTES,
    DocumentTemplateError,
    TemplateArchiveError,
    UnsafeTemplateError,
    check_docx_archive,
    render_docx,
)


def _template(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    """Return the DOCX ``data`` with one more zip member (deflated: zeros shrink a thousandfold)."""
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _touch(path: Path) -> str:
    """Return a placeholder that creates ``path`` through ``os.popen`` under an unsandboxed Jinja."""
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(path) + "').read() }}"


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum() }}",
        "{{ lipsum.__globals__ }}",
        "{{ person._missing }}",
        "{{ person['__class__'] }}",
        "{{ person.name.upper() }}",
        "{{ self._TemplateReference__context }}",
        "{% include 'base.html' %}",
        "{% import 'base.html' as base %}",
        "{{ 'x' * 100000000 }}",
    ],
)
def test_a_forbidden_expression_fails_with_a_security_error(payload: str) -> None:
    with pytest.raises(UnsafeTemplateError, match="запрещённое выражение") as raised:
        render_docx(_template(payload), {"person": {"name": "Иванова"}})

    assert isinstance(raised.value.__cause__, SecurityError)


def test_a_payload_that_would_create_a_file_creates_none(tmp_path: Path) -> None:
    target = tmp_path / "pwned"

    with pytest.raises(UnsafeTemplateError):
        render_docx(_template(_touch(target)), {})

    assert not target.exists()


def test_a_filter_outside_the_allowlist_fails_to_render() -> None:
    with pytest.raises(DocumentTemplateError, match="ошибка в полях"):
        render_docx(_template("{{ person|attr('__class__') }}"), {"person": {}})


def test_allowed_filters_and_loop_counters_still_work() -> None:
    template = _template(
        "{{ person.name|upper }}, {{ person.missing|default('—') }}",
        "{%p for r in rows %}",
        "{{ loop.index }}/{{ loop.length }}: {{ r|trim }}",
        "{%p endfor %}",
    )

    content = render_docx(template, {"person": {"name": "Иванова & дочь"}, "rows": [" а ", "б"]})

    assert _text(content) == ["ИВАНОВА & ДОЧЬ, —", "1/2: а", "2/2: б"]


def test_a_stored_zip_bomb_is_not_unpacked() -> None:
    bomb = _with_member(_template("x"), "word/media/zeros.bin", bytes(MAX_TEMPLATE_UNCOMPRESSED_BYTES))
    assert len(bomb) < MAX_TEMPLATE_BYTES

    with pytest.raises(DocumentTemplateError, match="в распакованном виде"):
        render_docx(bomb, {})


def test_archive_bounds_refuse_size_members_and_unpacked_size_in_russian() -> None:
    plain = _template("{{ x }}")
    check_docx_archive(plain)  # a real DOCX passes

    with pytest.raises(TemplateArchiveError, match=r"больше 2 МБ"):
        check_docx_archive(plain + bytes(MAX_TEMPLATE_BYTES))
    crowded = plain
    for number in range(MAX_TEMPLATE_MEMBERS):
        crowded = _with_member(crowded, f"extra/item{number}.xml", b"")
    with pytest.raises(TemplateArchiveError, match=f"не больше {MAX_TEMPLATE_MEMBERS}"):
        check_docx_archive(crowded)
    with pytest.raises(TemplateArchiveError, match="не больше 20 МБ"):
        check_docx_archive(_with_member(plain, "word/media/zeros.bin", bytes(MAX_TEMPLATE_UNCOMPRESSED_BYTES)))
    with pytest.raises(TemplateArchiveError, match=r"\.docx"):
        check_docx_archive(b"PK\x03\x04 not really a zip")
