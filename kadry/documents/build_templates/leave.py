"""The leave orders: the unified forms Т-6 and Т-6а (Постановление Госкомстата России от 05.01.2004 № 1).

They share the head, the signature and the acknowledgement line of the other orders.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from kadry.documents.build_templates.orders import _acquaintance, _order_header, _order_signature, _personnel_number
from kadry.documents.build_templates.parts import landscape, new_document, paragraph, table, tag


def order_t6() -> DocumentObject:
    """Return the order on granting leave to an employee, form Т-6."""
    d = new_document()
    _order_header(d, "Т-6", "0301005", "о предоставлении отпуска работнику")
    paragraph(d, ("Предоставить отпуск", "b"), space_before=10)
    paragraph(d, _personnel_number("item.name_dative"))
    paragraph(d, "структурное подразделение «{{ item.department }}», должность {{ item.position }}")
    tag(d, "{%p if item.year_start %}")
    paragraph(d, "за период работы с {{ item.year_start }} по {{ item.year_end }}")
    tag(d, "{%p endif %}")
    paragraph(d, "А. {{ item.a_kind }} на {{ item.a_days }} календарных дней с {{ item.a_start }} по {{ item.a_end }}")
    tag(d, "{%p if item.b_days %}")
    paragraph(d, "Б. {{ item.b_kind }} на {{ item.b_days }} календарных дней с {{ item.b_start }} по {{ item.b_end }}")
    tag(d, "{%p endif %}")
    paragraph(d, "В. Всего отпуск на {{ item.total_days }} календарных дней с {{ item.start }} по {{ item.end }}")
    paragraph(d, ("Основание: ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t6a() -> DocumentObject:
    """Return the order on granting leave to employees, a list, form Т-6а."""
    d = landscape(new_document())
    _order_header(d, "Т-6а", "0301019", "о предоставлении отпуска работникам")
    paragraph(d, ("Предоставить отпуск:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность (специальность, профессия)",
            "За период работы",
            "Вид отпуска",
            "Календарных дней",
            "Дата начала",
            "Дата окончания",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.year_start }} – {{ r.year_end }}",
            "{{ r.a_kind }}{% if r.b_days %}; {{ r.b_kind }} {{ r.b_days }} дн.{% endif %}",
            "{{ r.total_days }}",
            "{{ r.start }}",
            "{{ r.end }}",
            "",
        ),
    )
    _order_signature(d)
    return d
