"""Build the shipped DOCX templates (docxtpl: Jinja tags in Word) from code, one module per family of documents.

The templates are generated rather than drawn by hand so that they stay reviewable in a diff and
match the context builders in ``contexts.py``. Run after changing a builder, and commit the result:

    .venv/bin/python -m kadry.documents.build_templates

A test rebuilds them in memory and fails when a committed file is out of date.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocumentObject

from kadry.documents.build_templates import cards, leave, orders, records, trips

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_docx"

BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "personal_card_t2": cards.personal_card_t2,
    "employment_certificate": cards.employment_certificate,
    "order_t1": orders.order_t1,
    "order_t1a": orders.order_t1a,
    "order_t5": orders.order_t5,
    "order_t5a": orders.order_t5a,
    "order_t8": orders.order_t8,
    "order_t8a": orders.order_t8a,
    "order_t11": orders.order_t11,
    "order_t11a": orders.order_t11a,
    # The free-form orders share one layout; each kind has its own file so that an organisation may replace one.
    "order_sanction": orders.free_order,
    "order_surname_change": orders.free_order,
    "order_class_teacher": orders.free_order,
    "order_cancellation": orders.free_order,
    "order_t6": leave.order_t6,
    "order_t6a": leave.order_t6a,
    "order_leave_recall": orders.free_order,
    "order_t9": trips.order_t9,
    "order_t9a": trips.order_t9a,
    "order_sanction_lift": orders.free_order,
    "work_record_extract": records.work_record_extract,
    "service_certificate": cards.service_certificate,
}


# Every member of the archive gets this time stamp (the earliest a ZIP can hold), so that a rebuild
# gives the same bytes and the test can compare whole files.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _deterministic(data: bytes) -> bytes:
    """Return the DOCX archive ``data`` with its members' time stamps fixed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


def build(kind: str) -> bytes:
    """Return the DOCX bytes of the shipped template ``kind``: the same bytes on every run."""
    buffer = io.BytesIO()
    BUILDERS[kind]().save(buffer)
    return _deterministic(buffer.getvalue())


def main() -> None:
    TEMPLATES_DIR.mkdir(exist_ok=True)
    for kind in BUILDERS:
        path = TEMPLATES_DIR / f"{kind}.docx"
        path.write_bytes(build(kind))
        sys.stdout.write(f"{path}\n")
