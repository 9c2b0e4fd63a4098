"""The orders: the unified forms Т-1, Т-5, Т-8, Т-11 and their «а» lists (Постановление Госкомстата России
от 05.01.2004 № 1), and the free-form order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kadry.documents.build_templates.parts import (
    BLANK,
    LINE_DATE,
    field,
    landscape,
    new_document,
    paragraph,
    table,
    tag,
)

FORM_NOTE = "Унифицированная форма № {code}\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1"


def _cells(table_row: Any, values: Sequence[str], *, size: float = 9, bold: bool = False) -> None:
    for index, value in enumerate(values):
        cell = table_row.cells[index]
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(size)
            run.bold = bold or None


def _order_header(document: DocumentObject, code: str, okud: str, title: str) -> None:
    """Add the head of a unified form: the form's note and codes, the organisation, number and date, «ПРИКАЗ»."""
    paragraph(document, FORM_NOTE.format(code=code), align=WD_ALIGN_PARAGRAPH.RIGHT, size=8)
    codes = document.add_table(rows=3, cols=2)
    codes.style = "Table Grid"
    codes.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for row, values in zip(
        codes.rows, (("", "Код"), ("Форма по ОКУД", okud), ("по ОКПО", "{{ organisation.okpo }}")), strict=True
    ):
        _cells(row, values, size=8)
    paragraph(document, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6)
    paragraph(document, ("(наименование организации)", "i"), align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    tag(document, "{%p if organisation.requisites %}")
    paragraph(document, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    tag(document, "{%p endif %}")
    numbers = document.add_table(rows=2, cols=2)
    numbers.style = "Table Grid"
    numbers.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cells(numbers.rows[0], ("Номер документа", "Дата составления"), size=8)
    _cells(numbers.rows[1], ("{{ order.number }}", "{{ order.date }}"), size=11, bold=True)
    paragraph(document, ("ПРИКАЗ", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=8)
    paragraph(document, ("(распоряжение)", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, (title, "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=4)


def _order_signature(document: DocumentObject) -> None:
    paragraph(
        document,
        ("Руководитель организации", "b"),
        "    {{ director.position }}    ",
        BLANK,
        "    {{ director.name }}",
        space_before=16,
    )
    paragraph(
        document,
        ("(должность)    (личная подпись)    (расшифровка подписи)", "i"),
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )


def _acquaintance(document: DocumentObject) -> None:
    """Add the line the one employee of a Т-1, Т-5, Т-8 or Т-11 signs."""
    paragraph(document, "{{ acquainted }}    ", BLANK, f"    {LINE_DATE}", space_before=10)
    paragraph(document, ("(личная подпись)", "i"), size=8, align=WD_ALIGN_PARAGRAPH.CENTER)


def _personnel_number(name: str) -> str:
    return f"{{{{ {name} }}}}{{% if item.personnel_number %}} (табельный номер {{{{ item.personnel_number }}}}){{% endif %}}"


def order_t1() -> DocumentObject:
    """Return the order on hiring an employee, form Т-1."""
    d = new_document()
    _order_header(d, "Т-1", "0301001", "о приёме работника на работу")
    paragraph(d, ("Принять на работу ", "b"), _personnel_number("item.name_accusative"), space_before=10)
    paragraph(d, "в структурное подразделение «{{ item.department }}»")
    paragraph(d, "на должность {{ item.position_genitive }}")
    paragraph(d, "с {{ item.start_long }}{% if item.end_long %} по {{ item.end_long }}{% endif %}")
    paragraph(
        d,
        "Условия приёма на работу, характер работы: {{ item.conditions }}; трудовой договор {{ item.contract_term }}"
        "{% if item.fixed_term_reason %} ({{ item.fixed_term_reason }}){% endif %}",
    )
    paragraph(d, "с тарифной ставкой (окладом) {{ item.salary }}")
    tag(d, "{%p if item.probation %}")
    paragraph(d, "с испытанием на срок {{ item.probation }}")
    tag(d, "{%p endif %}")
    paragraph(d, ("Основание: ", "b"), "трудовой договор {{ item.contract }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t1a() -> DocumentObject:
    """Return the order on hiring employees, a list, form Т-1а."""
    d = landscape(new_document())
    _order_header(d, "Т-1а", "0301015", "о приёме работников на работу")
    paragraph(d, ("Принять на работу:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность (специальность, профессия), разряд, класс (категория) квалификации",
            "Условия приёма на работу, характер работы",
            "Тарифная ставка (оклад), руб.",
            "Надбавка, руб.",
            "Период работы: с",
            "по",
            "С испытанием на срок, месяцев",
            "Основание: трудовой договор (дата, номер)",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.conditions }}; договор {{ r.contract_term }}",
            "{{ r.salary }}",
            "",
            "{{ r.date }}",
            "{{ r.end }}",
            "{{ r.probation }}",
            "{{ r.contract }}",
            "",
        ),
    )
    _order_signature(d)
    return d


def order_t5() -> DocumentObject:
    """Return the order on transferring an employee to another job, form Т-5."""
    d = new_document()
    _order_header(d, "Т-5", "0301004", "о переводе работника на другую работу")
    paragraph(d, ("Перевести на другую работу ", "b"), _personnel_number("item.name_accusative"), space_before=10)
    paragraph(d, "с {{ item.start_long }}{% if item.end_long %} по {{ item.end_long }}{% endif %}")
    field(d, "Вид перевода", "{{ item.transfer_kind }}")
    paragraph(
        d,
        ("Прежнее место работы: ", "b"),
        "структурное подразделение «{{ item.previous_department }}», должность {{ item.previous_position }}",
    )
    paragraph(
        d,
        ("Новое место работы: ", "b"),
        "структурное подразделение «{{ item.department }}», на должность {{ item.position_genitive }}",
    )
    paragraph(d, "Ставка {{ item.rate }}, тарифная ставка (оклад) {{ item.salary }}")
    paragraph(d, ("Основание: ", "b"), "{{ item.grounds }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t5a() -> DocumentObject:
    """Return the order on transferring employees to another job, a list, form Т-5а."""
    d = landscape(new_document())
    _order_header(d, "Т-5а", "0301018", "о переводе работников на другую работу")
    paragraph(d, ("Перевести на другую работу:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Вид перевода (постоянно, временно)",
            "Прежнее место работы: структурное подразделение",
            "Прежнее место работы: должность (специальность, профессия)",
            "Причина перевода",
            "Новое место работы: структурное подразделение",
            "Новое место работы: должность (специальность, профессия)",
            "Тарифная ставка (оклад), руб.",
            "Надбавка, руб.",
            "Дата перевода: с",
            "по",
            "Основание: изменение к трудовому договору или другой документ",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{% if r.end %}временно{% else %}постоянно{% endif %}",
            "{{ r.previous_department }}",
            "{{ r.previous_position }}",
            "",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.salary }}",
            "",
            "{{ r.date }}",
            "{{ r.end }}",
            "{{ r.grounds }}",
            "",
        ),
    )
    _order_signature(d)
    return d


def order_t8() -> DocumentObject:
    """Return the order on ending the employment contract (dismissal), form Т-8."""
    d = new_document()
    _order_header(d, "Т-8", "0301006", "о прекращении (расторжении) трудового договора с работником (увольнении)")
    paragraph(
        d,
        ("Прекратить действие трудового договора", "b"),
        "{% if item.contract %} {{ item.contract }}{% endif %}, уволить {{ item.date_long }}",
        space_before=10,
    )
    paragraph(d, _personnel_number("item.name_accusative"))
    paragraph(d, "с должности {{ item.position_genitive }}, структурное подразделение «{{ item.department }}»")
    paragraph(d, ("Основание прекращения (расторжения) трудового договора (увольнения): ", "b"), "{{ item.ground }}")
    tag(d, "{%p if item.leave_compensation %}")
    paragraph(d, ("Отпуск: ", "b"), "{{ item.leave_compensation }}")
    tag(d, "{%p endif %}")
    paragraph(d, ("Основание (документ, номер, дата): ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t8a() -> DocumentObject:
    """Return the order on ending employment contracts (dismissal), a list, form Т-8а."""
    d = landscape(new_document())
    _order_header(d, "Т-8а", "0301021", "о прекращении (расторжении) трудового договора с работниками (увольнении)")
    paragraph(d, ("Прекратить действие трудового договора и уволить:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность (специальность, профессия)",
            "Трудовой договор: дата, номер",
            "Дата прекращения (расторжения) трудового договора (увольнения)",
            "Основание прекращения (расторжения) трудового договора (увольнения)",
            "Документ, номер, дата",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
            "Мотивированное мнение выборного профсоюзного органа в письменной форме (дата, номер)",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.contract }}",
            "{{ r.date }}",
            "{{ r.ground }}",
            "{{ r.basis }}",
            "",
            "",
        ),
    )
    _order_signature(d)
    return d


def order_t11() -> DocumentObject:
    """Return the order on rewarding an employee, form Т-11."""
    d = new_document()
    _order_header(d, "Т-11", "0301026", "о поощрении работника")
    paragraph(
        d,
        ("Поощрить ", "b"),
        "{{ item.position_accusative }} ",
        _personnel_number("item.name_accusative"),
        space_before=10,
    )
    paragraph(d, "структурное подразделение «{{ item.department }}»")
    field(d, "Вид поощрения", "{{ item.award }}")
    field(d, "Дата", "{{ item.date_long }}")
    paragraph(d, ("Основание: ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t11a() -> DocumentObject:
    """Return the order on rewarding employees, a list, form Т-11а."""
    d = landscape(new_document())
    _order_header(d, "Т-11а", "0301027", "о поощрении работников")
    paragraph(d, ("Поощрить:", "b"), space_before=8)
    table(
        d,
        (
            "№ п/п",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность (специальность, профессия)",
            "Мотив поощрения",
            "Вид поощрения (благодарность, ценный подарок, премия и др.)",
            "Сумма, руб.",
            "Дата поощрения",
            "Основание",
            "С приказом (распоряжением) работник ознакомлен. Личная подпись. Дата",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "",
            "{{ r.award }}",
            "",
            "{{ r.date }}",
            "{{ r.basis }}",
            "",
        ),
    )
    _order_signature(d)
    return d


def free_order() -> DocumentObject:
    """Return a free-form order: a sanction, a surname change, a class teacher's appointment or release, a cancellation.

    The text is one numbered paragraph per item, built by ``order_contexts``; an organisation's own
    template may use the items' fields instead.
    """
    d = new_document()
    paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(d, "{%p if organisation.requisites %}")
    paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    tag(d, "{%p endif %}")
    paragraph(d, ("ПРИКАЗ", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=12)
    heading = d.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading.rows[0].cells[0].text = "{{ order.date_long }}"
    heading.rows[0].cells[1].text = "№ {{ order.number }}"
    heading.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(d, ("{{ form.title }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=8)
    tag(d, "{%p if preamble %}")
    paragraph(d, "{{ preamble }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_before=6)
    tag(d, "{%p endif %}")
    paragraph(d, ("ПРИКАЗЫВАЮ:", "b"), space_before=6)
    tag(d, "{%p for text in paragraphs %}")
    paragraph(d, "{{ text }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    tag(d, "{%p endfor %}")
    _order_signature(d)
    tag(d, "{%p for r in items %}")
    paragraph(
        d, "С приказом {{ r.acquainted }}    ", BLANK, f"    {{{{ r.short_name }}}}    {LINE_DATE}", space_before=8
    )
    tag(d, "{%p endfor %}")
    return d
