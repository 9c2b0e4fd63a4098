"""Build attestation's DOCX templates (docxtpl) from code, the same way as ``kadry.grades.build_templates``.

Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.attestation.build_templates

The same documents print as PDF from ``templates/attestation/print``; the contexts of both come from
``kadry.attestation.printing``. A test renders every committed template and reads it back.
"""

from __future__ import annotations

from collections.abc import Callable
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
    tag,
    write_templates,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
SOURCE = (
    "Порядок проведения аттестации педагогических работников, утв. Приказом Минпросвещения России от 24.03.2023 № 196"
)


def schedule() -> DocumentObject:
    d = new_document()
    paragraph(d, ("{{ organisation }}", "b"), align=CENTER)
    paragraph(d, "Приложение к распорядительному акту от {{ order_date }} № {{ order_number }}", align=RIGHT, size=9)
    heading(
        d,
        "Список педагогических работников, подлежащих аттестации в целях подтверждения соответствия "
        "занимаемой должности, и график её проведения на {{ school_year }} учебный год",
    )
    table(
        d,
        ["№", "Фамилия, имя, отчество", "Должность", "Дата аттестации", "С графиком ознакомлен(а): дата, подпись"],
        "r in rows",
        ["{{ r.number }}", "{{ r.full_name }}", "{{ r.position }}", "{{ r.planned_on }}", "{{ r.acquainted_on }}"],
    )
    paragraph(
        d,
        "Работник знакомится с распорядительным актом под подпись не менее чем за 30 календарных дней до дня "
        f"его аттестации по графику ({SOURCE}).",
        size=9,
        space_before=6,
    )
    paragraph(d, "Аттестационная комиссия: {{ commission }}; председатель — {{ chair }}.", space_before=10)
    paragraph(d, "Руководитель организации _____________ / _____________________", space_before=18)
    return d


def acquaintance() -> DocumentObject:
    d = new_document()
    paragraph(d, ("{{ organisation }}", "b"), align=CENTER)
    heading(d, "ЛИСТ ОЗНАКОМЛЕНИЯ")
    paragraph(
        d,
        "с распорядительным актом от {{ order_date }} № {{ order_number }} о списке педагогических работников, "
        "подлежащих аттестации в целях подтверждения соответствия занимаемой должности, и графике её "
        "проведения на {{ school_year }} учебный год",
        align=CENTER,
    )
    table(
        d,
        [
            "№",
            "Фамилия, имя, отчество",
            "Должность",
            "Дата аттестации",
            "Ознакомить не позднее",
            "Дата ознакомления",
            "Подпись",
        ],
        "r in rows",
        [
            "{{ r.number }}",
            "{{ r.full_name }}",
            "{{ r.position }}",
            "{{ r.planned_on }}",
            "{{ r.due }}",
            "{{ r.acquainted_on }}",
            "",
        ],
    )
    paragraph(
        d,
        f"Ознакомление — под подпись не менее чем за 30 календарных дней до дня аттестации по графику ({SOURCE}).",
        size=9,
        space_before=6,
    )
    return d


def representation() -> DocumentObject:
    d = new_document()
    paragraph(d, ("{{ organisation }}", "b"), align=CENTER)
    heading(d, "ПРЕДСТАВЛЕНИЕ")
    paragraph(
        d,
        "на педагогического работника для аттестации в целях подтверждения соответствия занимаемой должности",
        align=CENTER,
    )
    field(d, "Фамилия, имя, отчество", "{{ full_name }}")
    field(d, "Дата рождения", "{{ birth_date }}")
    field(d, "Должность", "{{ position }}")
    field(d, "Дата аттестации по графику", "{{ planned_on }}")
    paragraph(
        d,
        (
            "Мотивированная всесторонняя и объективная оценка профессиональных, деловых качеств, результатов "
            "профессиональной деятельности:",
            "b",
        ),
        space_before=6,
    )
    tag(d, "{%p for p in text %}")
    paragraph(d, "{{ p }}")
    tag(d, "{%p endfor %}")
    paragraph(d, "Руководитель организации _____________ / _____________________", space_before=18)
    paragraph(d, "С представлением ознакомлен(а): {{ acquainted_on }} _____________ / {{ short_name }}")
    return d


def protocol() -> DocumentObject:
    d = new_document()
    paragraph(d, ("{{ organisation }}", "b"), align=CENTER)
    heading(d, "ПРОТОКОЛ № {{ protocol_number }}")
    paragraph(d, "заседания аттестационной комиссии от {{ protocol_date }}", align=CENTER)
    paragraph(d, "{{ commission }}.")
    paragraph(d, ("Присутствовали:", "b"), space_before=6)
    table(
        d,
        ["Роль", "ФИО", "Должность", "Подпись"],
        "m in members",
        ["{{ m.role }}", "{{ m.full_name }}", "{{ m.position }}", ""],
    )
    paragraph(d, ("Повестка: аттестация в целях подтверждения соответствия занимаемой должности.", "b"), space_before=6)
    paragraph(
        d, "Аттестуемый: {{ full_name }}, {{ position }}. Рассмотрено представление работодателя{{ acquainted }}."
    )
    paragraph(d, ("Решение:", "b"), space_before=6)
    paragraph(d, "{{ result }}")
    paragraph(d, "{{ recommendations }}")
    paragraph(d, "Председатель _____________ / {{ chair }}", space_before=18)
    paragraph(d, "Секретарь _____________ / {{ secretary }}")
    return d


def extract() -> DocumentObject:
    d = new_document()
    paragraph(d, ("{{ organisation }}", "b"), align=CENTER)
    heading(d, "ВЫПИСКА ИЗ ПРОТОКОЛА № {{ protocol_number }}")
    paragraph(d, "заседания аттестационной комиссии от {{ protocol_date }}", align=CENTER)
    field(d, "Фамилия, имя, отчество", "{{ full_name }}")
    field(d, "Должность", "{{ position }}")
    field(d, "Дата проведения аттестации", "{{ protocol_date }}")
    field(d, "Решение аттестационной комиссии", "{{ result }}")
    paragraph(d, "{{ recommendations }}")
    paragraph(d, "Секретарь аттестационной комиссии _____________ / {{ secretary }}", space_before=18)
    paragraph(d, "Выписка составлена {{ issued_on }}")
    paragraph(d, "С выпиской ознакомлен(а): {{ acquainted_on }} _____________ / {{ short_name }}")
    return d


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "schedule": schedule,
    "acquaintance": acquaintance,
    "representation": representation,
    "protocol": protocol,
    "extract": extract,
}


def build(kind: str) -> bytes:
    return document_bytes(BUILDERS[kind]())


def main() -> None:
    write_templates(TEMPLATES_DIR, BUILDERS)


if __name__ == "__main__":
    main()
