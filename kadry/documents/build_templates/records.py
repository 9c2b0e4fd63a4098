"""The records given to an employee: СТД-Р (Приказ Минтруда России от 10.11.2022 № 713н)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH

from kadry.documents.build_templates.parts import BLANK, field, landscape, new_document, paragraph, table, tag


def work_record_extract() -> DocumentObject:
    """Return СТД-Р, the work-record data given to the employee (Приказ Минтруда России от 10.11.2022 № 713н)."""
    d = landscape(new_document())
    paragraph(
        d,
        "Форма СТД-Р\nУтверждена приказом Министерства труда и социальной защиты Российской Федерации "
        "от 10 ноября 2022 г. № 713н",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )
    paragraph(
        d,
        ("СВЕДЕНИЯ О ТРУДОВОЙ ДЕЯТЕЛЬНОСТИ,\nПРЕДОСТАВЛЯЕМЫЕ РАБОТНИКУ РАБОТОДАТЕЛЕМ", "b"),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=12,
        space_before=6,
    )
    paragraph(
        d,
        ("Фамилия ", "b"),
        "{{ employee.last_name }}",
        ("    Имя ", "b"),
        "{{ employee.first_name }}",
        ("    Отчество (при наличии) ", "b"),
        "{{ employee.middle_name }}",
        space_before=8,
    )
    field(d, "Дата рождения", "{{ employee.birth_date }}")
    field(d, "СНИЛС", "{{ employee.snils }}")
    paragraph(d, ("Сведения о работодателе", "b"), space_before=6)
    field(d, "Наименование", "{{ organisation.name }}")
    field(d, "Регистрационный номер в СФР", BLANK)
    paragraph(d, ("ИНН: ", "b"), "{{ organisation.inn }}", ("    КПП: ", "b"), BLANK)
    field(d, "Период", "{{ period }}")
    table(
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
    tag(d, "{%p if not events %}")
    paragraph(d, ("За указанный период сведений о трудовой деятельности нет.", "i"))
    tag(d, "{%p endif %}")
    paragraph(d, BLANK, "    ", BLANK, "    ", BLANK, "    {{ issued_on }}", space_before=18)
    paragraph(
        d,
        ("(должность ответственного лица работодателя)    (личная подпись)    (расшифровка подписи)    (дата)", "i"),
        size=8,
    )
    paragraph(d, "М. П. (при наличии)", space_before=6)
    return d
