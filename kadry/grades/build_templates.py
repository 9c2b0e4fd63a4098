"""Build the grades' DOCX template (docxtpl) from code, the same way as ``kadry.school.build_templates``.

Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.grades.build_templates
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from kadry.documents.build_templates.parts import (
    document_bytes,
    field,
    heading,
    new_document,
    paragraph,
    table,
    write_templates,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def class_report() -> DocumentObject:
    d = new_document()
    paragraph(d, "{{ organisation }}", align=CENTER)
    heading(d, "ИНФОРМАЦИЯ ОБ УСПЕВАЕМОСТИ ОБУЧАЮЩИХСЯ {{ school_class }} КЛАССА")
    paragraph(d, "{{ term }}, {{ year }} учебный год", align=CENTER)
    field(d, "Обучающихся", "{{ students }}, аттестовано {{ attested }}")
    field(d, "Качество знаний", "{{ quality }} % (в предыдущем периоде — {{ previous_quality }})")
    field(d, "Успеваемость", "{{ success }} % (в предыдущем периоде — {{ previous_success }})")
    heading(d, "Обучающиеся по итогам периода")
    table(d, ["Группа", "Количество", "Обучающиеся"], "r in lines", ["{{ r.label }}", "{{ r.count }}", "{{ r.names }}"])
    heading(d, "По предметам")
    table(
        d,
        ["Предмет", "«5» / «4» / «3» / «2» / н/а", "Средний балл", "Качество, %", "Успеваемость, %"],
        "s in subjects",
        ["{{ s.name }}", "{{ s.counts }}", "{{ s.average }}", "{{ s.quality }}", "{{ s.success }}"],
    )
    paragraph(d, "Классный руководитель ______________ {{ teacher }}", space_before=18)
    return d


def build() -> bytes:
    return document_bytes(class_report())


def main() -> None:
    write_templates(TEMPLATES_DIR, {"class_report": class_report})


if __name__ == "__main__":
    main()
