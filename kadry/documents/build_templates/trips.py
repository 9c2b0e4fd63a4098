"""The business-trip orders: the unified forms Т-9 and Т-9а (Постановление Госкомстата России от 05.01.2004 № 1).

They share the head, the signature and the acknowledgement line of the other orders. The line «Командировка
за счёт средств» of the form is left to be filled in by hand: the office keeps no source of funding.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from kadry.documents.build_templates.orders import _acquaintance, _order_header, _order_signature, _personnel_number
from kadry.documents.build_templates.parts import BLANK, landscape, new_document, paragraph, table


def order_t9() -> DocumentObject:
    """Return the order sending an employee on a business trip, form Т-9."""
    d = new_document()
    _order_header(d, "Т-9", "0301022", "о направлении работника в командировку")
    paragraph(d, ("Направить в командировку", "b"), space_before=10)
    paragraph(d, _personnel_number("item.name_accusative"))
    paragraph(d, "структурное подразделение «{{ item.department }}», должность {{ item.position }}")
    paragraph(d, "место назначения: {{ item.destination }}")
    paragraph(d, "сроком на {{ item.days }} календарных дней с {{ item.start_long }} по {{ item.end_long }}")
    paragraph(d, "с целью: {{ item.purpose }}")
    paragraph(d, "Командировка за счёт средств ", BLANK)
    paragraph(d, ("Основание (документ, номер, дата): ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t9a() -> DocumentObject:
    """Return the order sending employees on business trips, a list, form Т-9а."""
    d = landscape(new_document())
    _order_header(d, "Т-9а", "0301023", "о направлении работников в командировку")
    paragraph(d, ("Направить в командировку:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность (специальность, профессия)",
            "Место назначения (страна, город, организация)",
            "Дата начала",
            "Дата окончания",
            "Срок, календарных дней",
            "Цель",
            "За счёт средств",
            "Основание (документ, номер, дата)",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.destination }}",
            "{{ r.start }}",
            "{{ r.end }}",
            "{{ r.days }}",
            "{{ r.purpose }}",
            "",
            "{{ r.basis }}",
            "",
        ),
    )
    _order_signature(d)
    return d
