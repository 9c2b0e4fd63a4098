"""Build the school side's DOCX templates (docxtpl) from code, the same way as ``kadry.documents``.

Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.school.build_templates

A test checks that every committed template renders with its context builder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from kadry.documents.build_templates.parts import document_bytes, write_templates
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


def incident_act() -> DocumentObject:
    """The act on an accident with a student, one per injured student (Приказ Минобрнауки № 602, приложение № 3)."""
    d = _new_document()
    _tag(d, "{%p for act in acts %}")
    _tag(d, "{%p if not loop.first %}")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _tag(d, "{%p endif %}")
    _paragraph(d, "УТВЕРЖДАЮ", align=RIGHT)
    _paragraph(d, "Руководитель ______________________", align=RIGHT)
    _paragraph(d, "«___» ____________ 20___ г.", align=RIGHT)
    _heading(d, "АКТ № {{ number }} о расследовании несчастного случая с обучающимся")
    _paragraph(d, f"({ACT_SOURCE})", align=CENTER, size=9)
    _paragraph(d, "1. Дата и время несчастного случая: {{ hour }} ч {{ minute }} мин, {{ day }}")
    _paragraph(d, "2. Организация, осуществляющая образовательную деятельность: {{ organisation }}")
    _paragraph(d, "3. Лица, проводившие расследование несчастного случая (председатель и члены комиссии):")
    _loop(d, "line in commission", "{{ line }}")
    _paragraph(d, "4. Сведения о пострадавшем: {{ act.student }}; пол: {{ act.sex }}; дата рождения: "
                  "{{ act.birth_date }}; класс: {{ school_class }}")  # fmt: skip
    _paragraph(d, "5. Лицо, проводившее учебное занятие или мероприятие (ответственное за обучающихся):")
    _paragraph(d, "______________________________________________________________")
    _paragraph(d, "6. Сведения о проведении инструктажей по технике безопасности:")
    _loop(d, "line in act.briefings", "{{ line }}")
    _paragraph(d, "7. Место несчастного случая: {{ place }}")
    _paragraph(d, "8. Несчастный случай произошёл во время: {{ during }}")
    _paragraph(d, "9. Обстоятельства несчастного случая:")
    _loop(d, "line in description", "{{ line }}")
    _paragraph(d, "9.1. Характер полученных повреждений: {{ injuries }}")
    _paragraph(d, "9.2. Оказанная первая помощь: {{ first_aid }}")
    _paragraph(d, "9.3. Очевидцы несчастного случая: {{ witnesses }}")
    _tag(d, "{%p if days_off %}")
    _paragraph(d, "9.4. Освобождение от занятий по медицинскому заключению: {{ days_off }}")
    _tag(d, "{%p endif %}")
    _paragraph(d, "10. Причины несчастного случая:")
    _loop(d, "line in causes", "{{ line }}")
    _paragraph(d, "11. Лица, допустившие нарушения, приведшие к несчастному случаю:")
    _loop(d, "line in responsible", "{{ line }}")
    _paragraph(d, "12. Мероприятия по устранению причин несчастного случая:")
    _loop(d, "line in measures", "{{ line }}")
    _paragraph(d, "Председатель комиссии ______________________ / ______________________ /", space_before=12)
    _paragraph(d, "Члены комиссии ______________________ / ______________________ /")
    _paragraph(d, "______________________ / ______________________ /")
    _paragraph(d, "Акт составлен {{ act_date }}")
    _paragraph(d, "С актом ознакомлен(а) родитель (законный представитель) пострадавшего "
                  "______________________ «___» ________ 20___ г.", space_before=12)  # fmt: skip
    _tag(d, "{%p endfor %}")
    return d


def class_teacher_agreement() -> DocumentObject:
    """The additional agreement to the labour contract on class leadership (regulation §1.6, ТК РФ ст. 72)."""
    d = _new_document()
    _heading(d, "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № {{ number }}")
    _paragraph(d, "к трудовому договору {{ contract }}", align=CENTER)
    _paragraph(d, "{{ date }}", align=RIGHT, space_before=6)
    _paragraph(d, "{{ organisation }} (далее — Работодатель) в лице директора ______________________, "
                  "действующего на основании устава, и {{ teacher }} (далее — Работник) заключили настоящее "
                  "дополнительное соглашение о нижеследующем.")  # fmt: skip
    _loop(d, "clause in clauses", "{{ clause }}")
    _paragraph(d, "Работодатель ______________________ / ____________ /", space_before=18)
    _paragraph(d, "Работник ______________________ / {{ teacher_short }} /", space_before=12)
    _paragraph(d, "Экземпляр соглашения получил(а) ______________________ «___» ____________ 20___ г.", space_before=12)
    return d


ACT_SOURCE = (
    "форма по Порядку расследования и учета несчастных случаев с обучающимися во время пребывания в организации, "
    "осуществляющей образовательную деятельность, утверждённому приказом Минобрнауки России от 27.06.2017 № 602"
)

BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "social_passport": social_passport,
    "characteristic": characteristic,
    "education_plan": education_plan,
    "incident_act": incident_act,
    "class_teacher_agreement": class_teacher_agreement,
}


def build(kind: str) -> bytes:
    return document_bytes(BUILDERS[kind]())


def main() -> None:
    write_templates(TEMPLATES_DIR, BUILDERS)


if __name__ == "__main__":
    main()
