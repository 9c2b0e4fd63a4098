"""Build the shipped DOCX templates (docxtpl: Jinja tags in Word) from code.

The templates are generated rather than drawn by hand so that they stay reviewable in a diff and
match the context builders in ``contexts.py``. Run after changing this file, and commit the result:

    .venv/bin/python -m kadry.documents.build_templates

A test rebuilds them in memory and fails when a committed file is out of date.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
BLANK = "__________________"


def _new_document() -> DocumentObject:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(2)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    return document


def _paragraph(
    document: DocumentObject,
    *runs: str | tuple[str, str],
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: float | None = None,
    space_before: float | None = None,
) -> None:
    """Add a paragraph of runs; a run is text, or (text, "b") for bold, (text, "i") for italic."""
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    for item in runs:
        text, style = (item, "") if isinstance(item, str) else item
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        if size is not None:
            run.font.size = Pt(size)


def _field(document: DocumentObject, label: str, value: str) -> None:
    _paragraph(document, (f"{label}: ", "b"), value)


def _heading(document: DocumentObject, text: str) -> None:
    _paragraph(document, (text, "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=10)


def _tag(document: DocumentObject, tag: str) -> None:
    """Add a paragraph holding only a docxtpl paragraph tag (``{%p if … %}``): it disappears when rendered."""
    document.add_paragraph(tag)


def _table(document: DocumentObject, headers: Sequence[str], loop: str, cells: Sequence[str]) -> None:
    """Add a bordered table: a header row, then one row per item of ``loop`` («r in rows»)."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, header in enumerate(headers):
        cell = table.rows[0].cells[index]
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9)
    # docxtpl replaces a row whose first cell holds «{%tr … %}» by the tag itself.
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for index, value in enumerate(cells):
        cell = table.rows[2].cells[index]
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(9)
    table.rows[3].cells[0].text = "{%tr endfor %}"


def _blank_table(document: DocumentObject, headers: Sequence[str], rows: int = 2) -> None:
    """Add a table with empty rows, filled by hand (sections whose data Kadry does not keep yet)."""
    table = document.add_table(rows=rows + 1, cols=len(headers))
    table.style = "Table Grid"
    for index, header in enumerate(headers):
        cell = table.rows[0].cells[index]
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9)


def personal_card_t2() -> DocumentObject:
    """Return the personal card of the employee, form Т-2 (Постановление Госкомстата № 1 от 05.01.2004)."""
    d = _new_document()
    _paragraph(
        d,
        "Унифицированная форма № Т-2\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )
    _paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(d, ("(наименование организации)", "i"), align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    _paragraph(d, ("ЛИЧНАЯ КАРТОЧКА РАБОТНИКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=6)

    header = d.add_table(rows=2, cols=7)
    header.style = "Table Grid"
    titles = ("Дата составления", "Табельный номер", "ИНН", "СНИЛС", "Алфавит", "Вид работы", "Пол")
    values = (
        "{{ today }}",
        "{{ employee.personnel_number }}",
        "{{ employee.inn }}",
        "{{ employee.snils }}",
        "{{ employee.alphabet }}",
        "{{ work_kind }}",
        "{{ employee.sex_letter }}",
    )
    for index, (title, value) in enumerate(zip(titles, values, strict=True)):
        header.rows[0].cells[index].text = title
        header.rows[1].cells[index].text = value
        for run in header.rows[0].cells[index].paragraphs[0].runs:
            run.font.size = Pt(8)

    _heading(d, "I. ОБЩИЕ СВЕДЕНИЯ")
    _paragraph(
        d,
        ("1. Фамилия ", "b"),
        "{{ employee.last_name }}",
        ("  Имя ", "b"),
        "{{ employee.first_name }}",
        ("  Отчество ", "b"),
        "{{ employee.middle_name }}",
    )
    _field(d, "2. Дата рождения", "{{ employee.birth_date }}")
    _field(d, "3. Место рождения", "{{ employee.birth_place }}")
    _field(d, "4. Гражданство", "{{ employee.citizenship }}")
    _paragraph(d, ("5. Знание иностранного языка", "b"))
    _table(d, ("Язык", "Степень знания"), "r in languages", ("{{ r.language }}", "{{ r.level }}"))
    _paragraph(d, ("6. Образование", "b"), space_before=4)
    _table(
        d,
        ("Уровень", "Образовательная организация", "Документ", "Год окончания", "Специальность", "Квалификация"),
        "r in education",
        (
            "{{ r.level }}",
            "{{ r.institution }}",
            "{{ r.document }}",
            "{{ r.graduation_year }}",
            "{{ r.specialty }}",
            "{{ r.qualification }}",
        ),
    )
    _paragraph(d, ("7. Прежние фамилия, имя, отчество", "b"), space_before=4)
    _table(
        d,
        ("Фамилия, имя, отчество", "Дата изменения", "Основание"),
        "r in previous_names",
        ("{{ r.name }}", "{{ r.changed_on }}", "{{ r.reason }}"),
    )
    _paragraph(d, ("8. Прежние места работы", "b"), space_before=4)
    _table(
        d,
        ("Организация", "Должность", "С", "По"),
        "r in prior_jobs",
        ("{{ r.employer }}", "{{ r.position }}", "{{ r.start }}", "{{ r.end }}"),
    )
    _field(d, "9. Состояние в браке", "{{ employee.marital_status }}")
    _paragraph(d, ("10. Состав семьи", "b"))
    _table(
        d,
        ("Степень родства", "Фамилия, имя, отчество", "Год рождения"),
        "r in family",
        ("{{ r.relation }}", "{{ r.full_name }}", "{{ r.birth_year }}"),
    )
    _paragraph(
        d,
        ("11. Документ, удостоверяющий личность: ", "b"),
        "{{ employee.id_document }}",
        space_before=4,
    )
    _field(d, "12. Адрес места жительства (по паспорту)", "{{ employee.registration_address }}")
    _field(d, "Дата регистрации по месту жительства", "{{ employee.registration_date }}")
    _field(d, "Фактический адрес", "{{ employee.actual_address }}")
    _field(d, "Номер телефона", "{{ employee.phone }}")
    _paragraph(d, "Работник ", BLANK, " (личная подпись)    «____» ____________ 20___ г.", space_before=6)

    _heading(d, "II. СВЕДЕНИЯ О ВОИНСКОМ УЧЁТЕ")
    _tag(d, "{%p if military.present %}")
    _field(d, "1. Категория запаса", "{{ military.reserve_category }}")
    _field(d, "2. Воинское звание", "{{ military.rank }}")
    _field(d, "3. Состав (профиль)", "{{ military.composition }}")
    _field(d, "4. Полное кодовое обозначение ВУС", "{{ military.specialty_code }}")
    _field(d, "5. Категория годности к военной службе", "{{ military.fitness }}")
    _field(d, "6. Наименование военного комиссариата по месту жительства", "{{ military.commissariat }}")
    _field(d, "7. Состоит на специальном воинском учёте", "{{ military.special_registration }}")
    _field(
        d,
        "8. Отметка о снятии с воинского учёта",
        "{{ military.deregistered_on }} {{ military.deregistration_reason }}",
    )
    _tag(d, "{%p else %}")
    _paragraph(d, ("Сведений о воинском учёте нет.", "i"))
    _tag(d, "{%p endif %}")

    _heading(d, "III. ПРИЁМ НА РАБОТУ И ПЕРЕВОДЫ НА ДРУГУЮ РАБОТУ")
    _table(
        d,
        ("Дата", "Структурное подразделение", "Должность", "Ставка", "Вид работы", "Основание", "По"),
        "r in assignments",
        (
            "{{ r.start }}",
            "{{ r.department }}",
            "{{ r.position }}",
            "{{ r.rate }}",
            "{{ r.kind }}",
            "{{ r.basis }}",
            "{{ r.end }}",
        ),
    )

    _heading(d, "IV. АТТЕСТАЦИЯ")
    _field(d, "Квалификационная категория", "{{ employee.qualification_category }}")
    _field(d, "Дата присвоения", "{{ employee.qualification_category_date }}")

    _heading(d, "V. ПОВЫШЕНИЕ КВАЛИФИКАЦИИ")
    _table(
        d,
        ("Начало", "Окончание", "Программа", "Организация", "Часов", "Документ"),
        "r in trainings",
        (
            "{{ r.start }}",
            "{{ r.end }}",
            "{{ r.program }}",
            "{{ r.institution }}",
            "{{ r.hours }}",
            "{{ r.document }}",
        ),
    )

    _heading(d, "VI. ПРОФЕССИОНАЛЬНАЯ ПЕРЕПОДГОТОВКА")
    _table(
        d,
        ("Начало", "Окончание", "Программа (специальность)", "Организация", "Документ"),
        "r in retrainings",
        ("{{ r.start }}", "{{ r.end }}", "{{ r.program }}", "{{ r.institution }}", "{{ r.document }}"),
    )

    _heading(d, "VII. НАГРАДЫ (ПООЩРЕНИЯ), ПОЧЁТНЫЕ ЗВАНИЯ")
    _table(
        d,
        ("Наименование награды (поощрения)", "Документ", "Дата"),
        "r in awards",
        ("{{ r.name }}", "{{ r.document }}", "{{ r.awarded_on }}"),
    )

    _heading(d, "VIII. ОТПУСК")
    _table(
        d,
        (
            "Вид отпуска",
            "За период работы с",
            "по",
            "Количество календарных дней",
            "Дата начала",
            "Дата окончания",
            "Основание",
        ),
        "r in leaves",
        (
            "{{ r.kind }}",
            "{{ r.year_start }}",
            "{{ r.year_end }}",
            "{{ r.days }}",
            "{{ r.start }}",
            "{{ r.end }}",
            "{{ r.document }}",
        ),
    )

    _heading(d, "IX. СОЦИАЛЬНЫЕ ЛЬГОТЫ")
    _table(
        d,
        ("Наименование льготы", "Документ", "Основание"),
        "r in benefits",
        ("{{ r.name }}", "{{ r.document }}", "{{ r.basis }}"),
    )

    _heading(d, "X. ДОПОЛНИТЕЛЬНЫЕ СВЕДЕНИЯ")
    _field(d, "Трудовая книжка", "{{ employee.work_book }}")
    _field(d, "Электронная почта", "{{ employee.email }}")

    _heading(d, "XI. ОСНОВАНИЕ ПРЕКРАЩЕНИЯ ТРУДОВОГО ДОГОВОРА (УВОЛЬНЕНИЯ)")
    _paragraph(d, "Дата увольнения «____» ____________ 20___ г.    Приказ № ________ от «____» ____________ 20___ г.")
    _paragraph(d, "Работник кадровой службы ", BLANK, " ", BLANK, " ", BLANK, space_before=8)
    _paragraph(d, ("(должность)  (личная подпись)  (расшифровка подписи)", "i"), size=8)
    _paragraph(d, "Работник ", BLANK, " (личная подпись). С записями {{ acquainted }}.", space_before=6)
    return d


def employment_certificate() -> DocumentObject:
    """Return the certificate of employment (справка с места работы, ТК РФ ст. 62)."""
    d = _new_document()
    _paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(d, "{{ organisation.address }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _paragraph(d, "Исх. № {{ number }} от {{ issued_on_long }}", space_before=12)
    _paragraph(d, ("СПРАВКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_before=18)
    _paragraph(
        d,
        "Выдана {{ employee.name_dative }}, {{ employee.birth_date }} года рождения, в том, что {{ pronoun }} "
        "действительно работает в {{ organisation.name_prepositional }} {{ jobs_text }}.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=12,
    )
    _tag(d, "{%p if include_salary %}")
    _tag(d, "{%p for job in jobs %}")
    _paragraph(
        d,
        "Должностной оклад (ставка заработной платы) по должности «{{ job.position }}» "
        "({{ job.rate }} ст.): {{ job.salary }} в месяц.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _tag(d, "{%p endfor %}")
    _tag(d, "{%p endif %}")
    _paragraph(d, "Справка выдана {{ purpose }}.", space_before=6)
    _paragraph(d, "Руководитель ", BLANK, " ", BLANK, space_before=30)
    _paragraph(d, ("(подпись)  (расшифровка подписи)", "i"), size=8)
    _paragraph(d, "М. П.", space_before=6)
    _paragraph(d, "Исполнитель ", BLANK, space_before=18, size=9)
    return d


# --- Orders (Постановление Госкомстата России от 05.01.2004 № 1) and the records given to an employee ---

FORM_NOTE = "Унифицированная форма № {code}\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1"
LINE_DATE = "«____» ____________ 20___ г."


def _landscape(document: DocumentObject) -> DocumentObject:
    """Turn the page: the list forms («а») and СТД-Р are tables too wide for portrait A4."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(1.5), Cm(1.5)
    return document


def _cells(table_row: Any, values: Sequence[str], *, size: float = 9, bold: bool = False) -> None:
    for index, value in enumerate(values):
        cell = table_row.cells[index]
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(size)
            run.bold = bold or None


def _order_header(document: DocumentObject, code: str, okud: str, title: str) -> None:
    """Add the head of a unified form: the form's note and codes, the organisation, number and date, «ПРИКАЗ»."""
    _paragraph(document, FORM_NOTE.format(code=code), align=WD_ALIGN_PARAGRAPH.RIGHT, size=8)
    codes = document.add_table(rows=3, cols=2)
    codes.style = "Table Grid"
    codes.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for row, values in zip(
        codes.rows, (("", "Код"), ("Форма по ОКУД", okud), ("по ОКПО", "{{ organisation.okpo }}")), strict=True
    ):
        _cells(row, values, size=8)
    _paragraph(document, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=6)
    _paragraph(document, ("(наименование организации)", "i"), align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    _tag(document, "{%p if organisation.requisites %}")
    _paragraph(document, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _tag(document, "{%p endif %}")
    numbers = document.add_table(rows=2, cols=2)
    numbers.style = "Table Grid"
    numbers.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cells(numbers.rows[0], ("Номер документа", "Дата составления"), size=8)
    _cells(numbers.rows[1], ("{{ order.number }}", "{{ order.date }}"), size=11, bold=True)
    _paragraph(document, ("ПРИКАЗ", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=8)
    _paragraph(document, ("(распоряжение)", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, (title, "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=4)


def _order_signature(document: DocumentObject) -> None:
    _paragraph(
        document,
        ("Руководитель организации", "b"),
        "    {{ director.position }}    ",
        BLANK,
        "    {{ director.name }}",
        space_before=16,
    )
    _paragraph(
        document,
        ("(должность)    (личная подпись)    (расшифровка подписи)", "i"),
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )


def _acquaintance(document: DocumentObject) -> None:
    """Add the line the one employee of a Т-1, Т-5, Т-8 or Т-11 signs."""
    _paragraph(document, "{{ acquainted }}    ", BLANK, f"    {LINE_DATE}", space_before=10)
    _paragraph(document, ("(личная подпись)", "i"), size=8, align=WD_ALIGN_PARAGRAPH.CENTER)


def _personnel_number(name: str) -> str:
    return f"{{{{ {name} }}}}{{% if item.personnel_number %}} (табельный номер {{{{ item.personnel_number }}}}){{% endif %}}"


def order_t1() -> DocumentObject:
    """Return the order on hiring an employee, form Т-1."""
    d = _new_document()
    _order_header(d, "Т-1", "0301001", "о приёме работника на работу")
    _paragraph(d, ("Принять на работу ", "b"), _personnel_number("item.name_accusative"), space_before=10)
    _paragraph(d, "в структурное подразделение «{{ item.department }}»")
    _paragraph(d, "на должность {{ item.position_genitive }}")
    _paragraph(d, "с {{ item.start_long }}{% if item.end_long %} по {{ item.end_long }}{% endif %}")
    _paragraph(
        d,
        "Условия приёма на работу, характер работы: {{ item.conditions }}; трудовой договор {{ item.contract_term }}"
        "{% if item.fixed_term_reason %} ({{ item.fixed_term_reason }}){% endif %}",
    )
    _paragraph(d, "с тарифной ставкой (окладом) {{ item.salary }}")
    _tag(d, "{%p if item.probation %}")
    _paragraph(d, "с испытанием на срок {{ item.probation }}")
    _tag(d, "{%p endif %}")
    _paragraph(d, ("Основание: ", "b"), "трудовой договор {{ item.contract }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t1a() -> DocumentObject:
    """Return the order on hiring employees, a list, form Т-1а."""
    d = _landscape(_new_document())
    _order_header(d, "Т-1а", "0301015", "о приёме работников на работу")
    _paragraph(d, ("Принять на работу:", "b"), space_before=8)
    _table(
        d,
        (
            "№",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "На должность",
            "Период работы: с / по",
            "Условия приёма, характер работы",
            "Тарифная ставка (оклад)",
            "Испытание",
            "Основание: трудовой договор",
            "С приказом ознакомлен(а), личная подпись",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name_accusative }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position_genitive }}",
            "с {{ r.start_long }}{% if r.end_long %} по {{ r.end_long }}{% endif %}",
            "{{ r.conditions }}; договор {{ r.contract_term }}",
            "{{ r.salary }}",
            "{{ r.probation }}",
            "{{ r.contract }}",
            "{{ r.acquainted }}",
        ),
    )
    _order_signature(d)
    return d


def order_t5() -> DocumentObject:
    """Return the order on transferring an employee to another job, form Т-5."""
    d = _new_document()
    _order_header(d, "Т-5", "0301004", "о переводе работника на другую работу")
    _paragraph(d, ("Перевести на другую работу ", "b"), _personnel_number("item.name_accusative"), space_before=10)
    _paragraph(d, "с {{ item.start_long }}{% if item.end_long %} по {{ item.end_long }}{% endif %}")
    _field(d, "Вид перевода", "{{ item.transfer_kind }}")
    _paragraph(
        d,
        ("Прежнее место работы: ", "b"),
        "структурное подразделение «{{ item.previous_department }}», должность {{ item.previous_position }}",
    )
    _paragraph(
        d,
        ("Новое место работы: ", "b"),
        "структурное подразделение «{{ item.department }}», на должность {{ item.position_genitive }}",
    )
    _paragraph(d, "Ставка {{ item.rate }}, тарифная ставка (оклад) {{ item.salary }}")
    _paragraph(d, ("Основание: ", "b"), "{{ item.grounds }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t5a() -> DocumentObject:
    """Return the order on transferring employees to another job, a list, form Т-5а."""
    d = _landscape(_new_document())
    _order_header(d, "Т-5а", "0301018", "о переводе работников на другую работу")
    _paragraph(d, ("Перевести на другую работу:", "b"), space_before=8)
    _table(
        d,
        (
            "№",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Прежнее место работы",
            "Новое место работы: структурное подразделение",
            "На должность",
            "Вид перевода",
            "Дата перевода",
            "Тарифная ставка (оклад)",
            "Основание",
            "С приказом ознакомлен(а), личная подпись",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name_accusative }}",
            "{{ r.personnel_number }}",
            "{{ r.previous_department }}, {{ r.previous_position }}",
            "{{ r.department }}",
            "{{ r.position_genitive }}",
            "{{ r.transfer_kind }}",
            "с {{ r.start_long }}",
            "{{ r.salary }}",
            "{{ r.grounds }}",
            "{{ r.acquainted }}",
        ),
    )
    _order_signature(d)
    return d


def order_t8() -> DocumentObject:
    """Return the order on ending the employment contract (dismissal), form Т-8."""
    d = _new_document()
    _order_header(d, "Т-8", "0301006", "о прекращении (расторжении) трудового договора с работником (увольнении)")
    _paragraph(
        d,
        ("Прекратить действие трудового договора", "b"),
        "{% if item.contract %} {{ item.contract }}{% endif %}, уволить {{ item.date_long }}",
        space_before=10,
    )
    _paragraph(d, _personnel_number("item.name_accusative"))
    _paragraph(d, "с должности {{ item.position_genitive }}, структурное подразделение «{{ item.department }}»")
    _paragraph(d, ("Основание прекращения (расторжения) трудового договора (увольнения): ", "b"), "{{ item.ground }}")
    _tag(d, "{%p if item.leave_compensation %}")
    _paragraph(d, ("Отпуск: ", "b"), "{{ item.leave_compensation }}")
    _tag(d, "{%p endif %}")
    _paragraph(d, ("Основание (документ, номер, дата): ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t6() -> DocumentObject:
    """Return the order on granting leave to an employee, form Т-6."""
    d = _new_document()
    _order_header(d, "Т-6", "0301005", "о предоставлении отпуска работнику")
    _paragraph(d, ("Предоставить отпуск", "b"), space_before=10)
    _paragraph(d, _personnel_number("item.name_dative"))
    _paragraph(d, "структурное подразделение «{{ item.department }}», должность {{ item.position }}")
    _tag(d, "{%p if item.year_start %}")
    _paragraph(d, "за период работы с {{ item.year_start }} по {{ item.year_end }}")
    _tag(d, "{%p endif %}")
    _paragraph(d, "А. {{ item.a_kind }} на {{ item.a_days }} календарных дней с {{ item.a_start }} по {{ item.a_end }}")
    _tag(d, "{%p if item.b_days %}")
    _paragraph(d, "Б. {{ item.b_kind }} на {{ item.b_days }} календарных дней с {{ item.b_start }} по {{ item.b_end }}")
    _tag(d, "{%p endif %}")
    _paragraph(d, "В. Всего отпуск на {{ item.total_days }} календарных дней с {{ item.start }} по {{ item.end }}")
    _paragraph(d, ("Основание: ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t6a() -> DocumentObject:
    """Return the order on granting leave to employees, a list, form Т-6а."""
    d = _landscape(_new_document())
    _order_header(d, "Т-6а", "0301019", "о предоставлении отпуска работникам")
    _paragraph(d, ("Предоставить отпуск:", "b"), space_before=8)
    _table(
        d,
        (
            "№",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность",
            "За период работы",
            "Вид отпуска",
            "Календарных дней",
            "С",
            "По",
            "С приказом ознакомлен(а), личная подпись",
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
            "{{ r.acquainted }}",
        ),
    )
    _order_signature(d)
    return d


def order_t8a() -> DocumentObject:
    """Return the order on ending employment contracts (dismissal), a list, form Т-8а."""
    d = _landscape(_new_document())
    _order_header(d, "Т-8а", "0301021", "о прекращении (расторжении) трудового договора с работниками (увольнении)")
    _paragraph(d, ("Прекратить действие трудового договора и уволить:", "b"), space_before=8)
    _table(
        d,
        (
            "№",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "С должности",
            "Трудовой договор",
            "Дата увольнения",
            "Основание прекращения трудового договора (увольнения)",
            "Документ, номер, дата",
            "С приказом ознакомлен(а), личная подпись",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name_accusative }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position_genitive }}",
            "{{ r.contract }}",
            "{{ r.date_long }}",
            "{{ r.ground }}",
            "{{ r.basis }}",
            "{{ r.acquainted }}",
        ),
    )
    _order_signature(d)
    return d


def order_t11() -> DocumentObject:
    """Return the order on rewarding an employee, form Т-11."""
    d = _new_document()
    _order_header(d, "Т-11", "0301026", "о поощрении работника")
    _paragraph(
        d,
        ("Поощрить ", "b"),
        "{{ item.position_accusative }} ",
        _personnel_number("item.name_accusative"),
        space_before=10,
    )
    _paragraph(d, "структурное подразделение «{{ item.department }}»")
    _field(d, "Вид поощрения", "{{ item.award }}")
    _field(d, "Дата", "{{ item.date_long }}")
    _paragraph(d, ("Основание: ", "b"), "{{ item.basis }}", space_before=6)
    _order_signature(d)
    _acquaintance(d)
    return d


def order_t11a() -> DocumentObject:
    """Return the order on rewarding employees, a list, form Т-11а."""
    d = _landscape(_new_document())
    _order_header(d, "Т-11а", "0301027", "о поощрении работников")
    _paragraph(d, ("Поощрить:", "b"), space_before=8)
    _table(
        d,
        (
            "№",
            "Фамилия, имя, отчество",
            "Табельный номер",
            "Структурное подразделение",
            "Должность",
            "Вид поощрения",
            "Дата",
            "Основание",
            "С приказом ознакомлен(а), личная подпись",
        ),
        "r in items",
        (
            "{{ r.number }}",
            "{{ r.name_accusative }}",
            "{{ r.personnel_number }}",
            "{{ r.department }}",
            "{{ r.position_accusative }}",
            "{{ r.award }}",
            "{{ r.date_long }}",
            "{{ r.basis }}",
            "{{ r.acquainted }}",
        ),
    )
    _order_signature(d)
    return d


def free_order() -> DocumentObject:
    """Return a free-form order: a sanction, a surname change, a class teacher's appointment or release, a cancellation.

    The text is one numbered paragraph per item, built by ``order_contexts``; an organisation's own
    template may use the items' fields instead.
    """
    d = _new_document()
    _paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _tag(d, "{%p if organisation.requisites %}")
    _paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _tag(d, "{%p endif %}")
    _paragraph(d, ("ПРИКАЗ", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=12)
    heading = d.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading.rows[0].cells[0].text = "{{ order.date_long }}"
    heading.rows[0].cells[1].text = "№ {{ order.number }}"
    heading.rows[0].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(d, ("{{ form.title }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, space_before=8)
    _tag(d, "{%p if preamble %}")
    _paragraph(d, "{{ preamble }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_before=6)
    _tag(d, "{%p endif %}")
    _paragraph(d, ("ПРИКАЗЫВАЮ:", "b"), space_before=6)
    _tag(d, "{%p for text in paragraphs %}")
    _paragraph(d, "{{ text }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _tag(d, "{%p endfor %}")
    _order_signature(d)
    _tag(d, "{%p for r in items %}")
    _paragraph(
        d, "С приказом {{ r.acquainted }}    ", BLANK, f"    {{{{ r.short_name }}}}    {LINE_DATE}", space_before=8
    )
    _tag(d, "{%p endfor %}")
    return d


def work_record_extract() -> DocumentObject:
    """Return СТД-Р, the work-record data given to the employee (Приказ Минтруда России от 10.11.2022 № 713н)."""
    d = _landscape(_new_document())
    _paragraph(
        d,
        "Форма СТД-Р\nУтверждена приказом Министерства труда и социальной защиты Российской Федерации "
        "от 10 ноября 2022 г. № 713н",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )
    _paragraph(
        d,
        ("СВЕДЕНИЯ О ТРУДОВОЙ ДЕЯТЕЛЬНОСТИ,\nПРЕДОСТАВЛЯЕМЫЕ РАБОТНИКУ РАБОТОДАТЕЛЕМ", "b"),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=12,
        space_before=6,
    )
    _paragraph(
        d,
        ("Фамилия ", "b"),
        "{{ employee.last_name }}",
        ("    Имя ", "b"),
        "{{ employee.first_name }}",
        ("    Отчество (при наличии) ", "b"),
        "{{ employee.middle_name }}",
        space_before=8,
    )
    _field(d, "Дата рождения", "{{ employee.birth_date }}")
    _field(d, "СНИЛС", "{{ employee.snils }}")
    _paragraph(d, ("Сведения о работодателе", "b"), space_before=6)
    _field(d, "Наименование", "{{ organisation.name }}")
    _field(d, "Регистрационный номер в СФР", BLANK)
    _paragraph(d, ("ИНН: ", "b"), "{{ organisation.inn }}", ("    КПП: ", "b"), BLANK)
    _field(d, "Период", "{{ period }}")
    _table(
        d,
        (
            "№ п/п",
            "Дата (число, месяц, год) приёма, перевода, увольнения",
            "Сведения о приёме на работу (службу), переводе на другую работу, увольнении",
            "Код выполняемой функции (при наличии)",
            "Причины увольнения (прекращения трудового договора), пункт, часть статьи, статья ТК РФ",
            "Основание: наименование документа",
            "Дата документа",
            "Номер документа",
            "Признак отмены записи",
        ),
        "r in events",
        (
            "{{ r.number }}",
            "{{ r.date }}",
            "{{ r.wording }}",
            "{{ r.function_code }}",
            "{{ r.reason }}",
            "{{ r.document_name }}",
            "{{ r.document_date }}",
            "{{ r.document_number }}",
            "{{ r.cancelled }}",
        ),
    )
    _tag(d, "{%p if not events %}")
    _paragraph(d, ("За указанный период сведений о трудовой деятельности нет.", "i"))
    _tag(d, "{%p endif %}")
    _paragraph(d, BLANK, "    ", BLANK, "    ", BLANK, "    {{ issued_on }}", space_before=18)
    _paragraph(
        d,
        ("(должность ответственного лица работодателя)    (личная подпись)    (расшифровка подписи)    (дата)", "i"),
        size=8,
    )
    _paragraph(d, "М. П. (при наличии)", space_before=6)
    return d


def service_certificate() -> DocumentObject:
    """Return the certificate of length of service (справка о стаже работы, ТК РФ ст. 62)."""
    d = _new_document()
    _paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(d, "{{ organisation.address }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    _paragraph(d, "Исх. № ________ от {{ issued_on_long }}", space_before=12)
    _paragraph(d, ("СПРАВКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_before=18)
    _paragraph(d, ("о стаже работы", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        d,
        "Выдана {{ employee.name_dative }}, {{ employee.birth_date }} года рождения, в том, что по состоянию "
        "на {{ on_long }} стаж работы составляет:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=12,
    )
    _table(d, ("Вид стажа", "Продолжительность"), "k in kinds", ("{{ k.label }}", "{{ k.duration }}"))
    _paragraph(d, ("Периоды работы, из которых исчислен стаж:", "b"), space_before=8)
    _table(
        d,
        ("Период", "Организация", "Должность", "Продолжительность", "Педагогическая работа"),
        "r in periods",
        ("{{ r.period }}", "{{ r.employer }}", "{{ r.position }}", "{{ r.duration }}", "{{ r.pedagogical }}"),
    )
    _paragraph(
        d,
        "Стаж исчислен в календарном порядке: каждые 30 дней переводятся в полные месяцы, каждые 12 месяцев — "
        "в полные годы (Приказ Минтруда России от 09.09.2020 № 585н, п. 21). Справка составлена на основании "
        "личной карточки (форма Т-2), трудовой книжки и приказов по личному составу.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        size=9,
        space_before=6,
    )
    _paragraph(d, "Руководитель ", BLANK, " ", BLANK, space_before=24)
    _paragraph(d, ("(подпись)  (расшифровка подписи)", "i"), size=8)
    _paragraph(d, "М. П.", space_before=6)
    _paragraph(d, "Исполнитель ", BLANK, space_before=18, size=9)
    return d


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "personal_card_t2": personal_card_t2,
    "employment_certificate": employment_certificate,
    "order_t1": order_t1,
    "order_t1a": order_t1a,
    "order_t5": order_t5,
    "order_t5a": order_t5a,
    "order_t8": order_t8,
    "order_t8a": order_t8a,
    "order_t11": order_t11,
    "order_t11a": order_t11a,
    # The free-form orders share one layout; each kind has its own file so that an organisation may replace one.
    "order_sanction": free_order,
    "order_surname_change": free_order,
    "order_class_teacher": free_order,
    "order_cancellation": free_order,
    "order_t6": order_t6,
    "order_t6a": order_t6a,
    "order_leave_recall": free_order,
    "work_record_extract": work_record_extract,
    "service_certificate": service_certificate,
}


def build(kind: str) -> bytes:
    """Return the DOCX bytes of the shipped template ``kind``."""
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
