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

from docx import Document
from docx.document import Document as DocumentObject
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
    _blank_table(
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


BUILDERS: dict[str, Callable[[], DocumentObject]] = {
    "personal_card_t2": personal_card_t2,
    "employment_certificate": employment_certificate,
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
