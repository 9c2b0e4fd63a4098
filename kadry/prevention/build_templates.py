"""Build the individual prevention plan's DOCX template (docxtpl) from code, as ``kadry.school.build_templates``.

Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.prevention.build_templates
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

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"  # printing.TEMPLATES_DIR
CENTER = WD_ALIGN_PARAGRAPH.CENTER


def prevention_plan() -> DocumentObject:
    d = new_document()
    paragraph(d, "{{ organisation }}", align=CENTER)
    heading(d, "ПЛАН ИНДИВИДУАЛЬНОЙ ПРОФИЛАКТИЧЕСКОЙ РАБОТЫ")
    field(d, "Обучающийся", "{{ student }}, {{ birth_date }} г. р., класс {{ school_class }}")
    field(d, "Вид учёта", "{{ register }} ({{ register_source }})")
    field(d, "Основание и причина", "{{ reason }}")
    field(d, "Документ-основание", "{{ basis_document }}")
    field(d, "Поставлен на учёт", "{{ opened_on }}, решение Совета профилактики: {{ opening_decision }}")
    field(d, "Ответственный", "{{ responsible }}")
    field(d, "Следующий пересмотр плана", "{{ next_review }}")
    paragraph(d, "{% if closed %}Снят с учёта {{ closed_on }}: {{ closing_reason }}{% endif %}")
    heading(d, "Мероприятия")
    table(
        d,
        ["№", "Мероприятие", "Ответственный", "Срок", "Результат"],
        "m in measures",
        ["{{ m.number }}", "{{ m.what }}", "{{ m.responsible }}", "{{ m.due_on }}", "{{ m.result }}"],
    )
    heading(d, "Пересмотры плана")
    table(
        d,
        ["Дата", "Вывод", "Решение Совета"],
        "r in reviews",
        ["{{ r.date }}", "{{ r.conclusion }}", "{{ r.decision }}"],
    )
    paragraph(d, "Ответственный ______________ {{ responsible }}", space_before=18)
    return d


def build() -> bytes:
    return document_bytes(prevention_plan())


def main() -> None:
    write_templates(TEMPLATES_DIR, {"prevention_plan": prevention_plan})


if __name__ == "__main__":
    main()
