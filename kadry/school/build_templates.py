"""Build the school side's DOCX templates (docxtpl) from code, the same way as ``kadry.documents``.

Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.school.build_templates

A test checks that every committed template renders with its context builder.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from kadry.documents.build_templates.parts import field as _field
from kadry.documents.build_templates.parts import heading as _heading
from kadry.documents.build_templates.parts import new_document as _new_document
from kadry.documents.build_templates.parts import paragraph as _paragraph
from kadry.documents.build_templates.parts import table as _table
from kadry.documents.build_templates.parts import tag as _tag

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _loop(document: DocumentObject, loop: str, text: str) -> None:
    """Add one paragraph per item of ``loop``: «p in paragraphs» → the text ``text``."""
    _tag(document, "{%p for " + loop + " %}")
    _paragraph(document, text)
    _tag(document, "{%p endfor %}")


def social_passport() -> DocumentObject:
    d = _new_document()
    _paragraph(d, "{{ organisation }}", align=CENTER)
    _heading(d, "СОЦИАЛЬНЫЙ ПАСПОРТ {{ school_class }} КЛАССА")
    _paragraph(d, "{{ year }} учебный год, по состоянию на {{ on }}", align=CENTER)
    _field(d, "Обучающихся", "{{ students }} (мальчиков — {{ boys }}, девочек — {{ girls }})")
    _field(d, "Обучающихся, относящихся хотя бы к одной категории", "{{ with_any }}")
    _heading(d, "Категории обучающихся")
    # The names column stays empty for the roles that may see counts only.
    _table(
        d, ["Категория", "Количество", "Обучающиеся"], "r in lines", ["{{ r.label }}", "{{ r.count }}", "{{ r.names }}"]
    )
    _heading(d, "Группы здоровья")
    _table(d, ["Группа здоровья", "Количество"], "h in health", ["{{ h.group }}", "{{ h.count }}"])
    _paragraph(d, "Классный руководитель ______________________", space_before=18)
    return d


def characteristic() -> DocumentObject:
    d = _new_document()
    _paragraph(d, "{{ organisation }}", align=CENTER)
    _heading(d, "ХАРАКТЕРИСТИКА")
    _paragraph(d, "на обучающегося {{ school_class }} класса {{ student }}, {{ birth_date }} г. р.", align=CENTER)
    _loop(d, "p in paragraphs", "{{ p }}")
    _field(d, "Для представления", "{{ purpose }}")
    _paragraph(d, "Классный руководитель ______________ {{ teacher }}", space_before=18)
    _paragraph(d, "Директор ______________")
    _paragraph(d, "{{ date }}      М. П.")
    return d


def education_plan() -> DocumentObject:
    d = _new_document()
    # §7.1: the plan is approved by the deputy director for educational work; until then it prints its state.
    _tag(d, "{%p if approved %}")
    _paragraph(d, ("УТВЕРЖДАЮ", "b"), align=RIGHT)
    _paragraph(d, "{{ approver_position }}", align=RIGHT)
    _paragraph(d, "______________ {{ approver }}", align=RIGHT)
    _paragraph(d, "{{ approved_on }}", align=RIGHT)
    _tag(d, "{%p else %}")
    _paragraph(d, "Состояние: {{ status }}", align=RIGHT)
    _tag(d, "{%p endif %}")
    _paragraph(d, "{{ organisation }}", align=CENTER)
    _heading(d, "ПЛАН ВОСПИТАТЕЛЬНОЙ РАБОТЫ {{ school_class }} КЛАССА")
    _paragraph(d, "на {{ year }} учебный год", align=CENTER)
    _paragraph(d, "Редакция {{ version }}: {{ half_year }}", align=CENTER)
    _heading(d, "Цели и задачи")
    _loop(d, "p in goals", "{{ p }}")
    _heading(d, "Мероприятия по месяцам и направлениям")
    _table(
        d,
        ["Месяц", "Направление", "Мероприятие", "Форма, содержание", "Ответственные", "Дата"],
        "i in items",
        [
            "{{ i.month }}",
            "{{ i.direction }}",
            "{{ i.title }}",
            "{{ i.form }}",
            "{{ i.responsible }}",
            "{{ i.date }}",
        ],
    )
    _tag(d, "{%p if directions %}")
    _heading(d, "Пояснения к плану")
    _tag(d, "{%p endif %}")
    _loop(d, "p in directions", "{{ p }}")
    _heading(d, "АНАЛИЗ ВОСПИТАТЕЛЬНОЙ РАБОТЫ")
    _table(
        d,
        [
            "Период",
            "Посещаемость",
            "Собраний",
            "Кл. часов проведено",
            "Отменено",
            "Мероприятий",
            "Во внеурочной деятельности",
        ],
        "r in rows",
        [
            "{{ r.period }}",
            "{{ r.attendance }}",
            "{{ r.meetings }}",
            "{{ r.hours_held }}",
            "{{ r.hours_cancelled }}",
            "{{ r.events }}",
            "{{ r.clubs }}",
        ],
    )
    _field(d, "Посещаемость за год", "{{ attendance }}")
    _field(d, "Родительских собраний", "{{ meetings }}")
    _field(d, "Классных часов проведено / отменено", "{{ hours_held }} / {{ hours_cancelled }}")
    _field(d, "Внеклассных мероприятий", "{{ events }}; участвовали {{ events_share }} обучающихся")
    _field(d, "Занятость во внеурочной деятельности", "{{ clubs }}")
    _field(d, "Участие в ученическом самоуправлении", "{{ self_government }}")
    _loop(d, "p in analysis", "{{ p }}")
    _paragraph(d, "Классный руководитель ______________________", space_before=18)
    return d


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "social_passport": social_passport,
    "characteristic": characteristic,
    "education_plan": education_plan,
}


def build(kind: str) -> bytes:
    buffer = io.BytesIO()
    BUILDERS[kind]().save(buffer)
    return buffer.getvalue()


def main() -> None:
    TEMPLATES_DIR.mkdir(exist_ok=True)
    for kind in BUILDERS:
        path = TEMPLATES_DIR / f"{kind}.docx"
        path.write_bytes(build(kind))
        sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
