"""Rendering documents: DOCX from a docxtpl template, PDF from HTML with WeasyPrint.

Both are pure: bytes and a context in, bytes out. Choosing a template and writing files is the
business of the documents app.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import BaseLoader, TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
ZIP_CONTENT_TYPE = "application/zip"

logger = logging.getLogger(__name__)


class PdfUnavailableError(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing on this machine."""


class DocumentTemplateError(RuntimeError):
    """A DOCX template could not be filled: broken tags, or (``UnsafeTemplateError``) forbidden ones.

    The message is Russian and meant for the user; the Jinja error is the ``__cause__``.
    """


class UnsafeTemplateError(DocumentTemplateError):
    """The template tried what the sandbox forbids: an underscored attribute, a call, an include."""


# Bounds of a DOCX template, checked on the zip's directory before docxtpl reads a byte of it
# (OWASP ASVS 5.0 V5.2.1–V5.2.3: file size, uncompressed size, number of members). A Word template
# with a logo is tens of kilobytes in ~20 members and unpacks to about 1 MB (the shipped ones: 37–40 KB,
# 17 members, 0.83–0.87 MB); the limits leave room for pictures and refuse zip bombs.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_TEMPLATE_MEMBERS = 200


class TemplateArchiveError(ValueError):
    """The file is not a DOCX archive or exceeds the bounds above (Russian message for the file field)."""


def check_docx_archive(data: bytes) -> None:
    """Raise ``TemplateArchiveError`` unless ``data`` is a zip within the bounds of a DOCX template.

    The sizes are those the zip's directory declares: Python's ``zipfile`` (which python-docx reads
    through) never inflates a member beyond its declared size, so the declared total bounds the memory.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateArchiveError(
            f"Файл больше {MAX_TEMPLATE_BYTES // (1024 * 1024)} МБ: для шаблона документа это слишком много."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TemplateArchiveError(
            "Файл не удалось открыть как шаблон документа Word (.docx): проверьте файл и теги {{ … }}."
        ) from error
    if len(members) > MAX_TEMPLATE_MEMBERS:
        raise TemplateArchiveError(
            f"В файле {len(members)} частей (допускается не больше {MAX_TEMPLATE_MEMBERS}): "
            "это не похоже на документ Word."
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_TEMPLATE_UNCOMPRESSED_BYTES:
        raise TemplateArchiveError(
            f"В распакованном виде файл занимает {unpacked // (1024 * 1024)} МБ "
            f"(допускается не больше {MAX_TEMPLATE_UNCOMPRESSED_BYTES // (1024 * 1024)} МБ): "
            "загрузите шаблон без лишних вложений."
        )


# The filters a template may use, at upload (``kadry.lib.docx_template``) and when rendering: text
# shaping only. Nothing that reaches attributes by a name given in the template (``attr``, ``map``,
# ``sort``…) or formats with Python's machinery (``format``).
ALLOWED_FILTERS = frozenset(
    {"capitalize", "default", "d", "first", "join", "last", "length", "lower", "replace", "title", "trim", "upper"}
)
# The products a template may compute: docxtpl's ``{% hm %}`` writes «{{ 2 * loop.length }}»; a larger
# one can only be an attempt to fill the memory with «'x' * 10**9».
_MAX_PRODUCT = 1000


class _NoTemplates(BaseLoader):
    """Refuse ``{% include %}``, ``{% import %}`` and ``{% extends %}``: a document is one template."""

    def get_source(self, environment: Any, template: str) -> NoReturn:
        raise SecurityError(f"template {template!r} may not be loaded from a document template")


class _DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, stricter: an underscored or unsafe attribute fails at once, nothing is called.

    The stock sandbox turns ``{{ x.__class__ }}`` into an empty string and lets safe callables run;
    a document's context is strings, lists and dicts, so a template has nothing legitimate to call.
    """

    intercepted_binops = frozenset({"*", "**"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Any underscored name, whether the object has it or not: the same answer for every probe.
        if attribute.startswith("_"):
            self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> NoReturn:
        raise SecurityError(f"{obj!r} may not be called from a document template")

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*" and all(type(value) is int for value in (left, right)):
            product = left * right
            if abs(product) <= _MAX_PRODUCT:
                return product
        raise SecurityError(f"operator {operator_!r} on {left!r} and {right!r} is not allowed")


def document_environment() -> ImmutableSandboxedEnvironment:
    """Return the Jinja environment every DOCX is parsed and rendered in (shipped and uploaded alike).

    Autoescape: names and addresses may hold «&» or «<», which would break the document's XML.
    No globals (``range``, ``lipsum``, ``cycler``… are doors into Python), only ``ALLOWED_FILTERS``.
    """
    environment = _DocumentEnvironment(autoescape=True, loader=_NoTemplates())
    environment.globals.clear()
    environment.filters = {name: environment.filters[name] for name in ALLOWED_FILTERS}
    return environment


# One environment for the process: it holds no state between renders (templates come as strings).
DOCUMENT_ENVIRONMENT = document_environment()


def _template_source(template: str | Path | bytes) -> Any:
    return io.BytesIO(template) if isinstance(template, bytes) else str(template)


def render_docx(template: str | Path | bytes, context: Mapping[str, Any]) -> bytes:
    """Return the DOCX made by filling the docxtpl ``template`` (a path or the file's bytes) with ``context``."""
    from docxtpl import DocxTemplate

    if isinstance(template, bytes):
        # An upload (or a row written past the form) is bounded before docxtpl unpacks it.
        try:
            check_docx_archive(template)
        except TemplateArchiveError as error:
            message = str(error)
            raise DocumentTemplateError(f"Документ не сформирован: {message[:1].lower()}{message[1:]}") from error
    document = DocxTemplate(_template_source(template))
    # ``autoescape`` stays False here: docxtpl would set it on the shared environment, which has it already.
    try:
        document.render(dict(context), jinja_env=DOCUMENT_ENVIRONMENT)
    except SecurityError as error:
        # The details (which attribute, which call) go to the log: the user needs the way out.
        logger.warning("A DOCX template was refused by the sandbox: %s", error)
        raise UnsafeTemplateError(
            "Документ не сформирован: шаблон содержит запрещённое выражение (обращение к служебным данным, "
            "вызов функции или подключение другого шаблона). Загрузите исправленный шаблон или верните "
            "стандартный на странице «Шаблоны документов»."
        ) from error
    except TemplateError as error:
        logger.warning("A DOCX template failed to render: %s", error)
        raise DocumentTemplateError(
            "Документ не сформирован: в шаблоне ошибка в полях {{ … }} или тегах {% … %}. Исправьте шаблон "
            "или верните стандартный на странице «Шаблоны документов»."
        ) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_placeholders(template: str | Path | bytes) -> set[str]:
    """Return the top-level variables a docxtpl template uses; raise if it is not a DOCX or its tags are broken."""
    from docxtpl import DocxTemplate

    return set(DocxTemplate(_template_source(template)).get_undeclared_template_variables(DOCUMENT_ENVIRONMENT))


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
