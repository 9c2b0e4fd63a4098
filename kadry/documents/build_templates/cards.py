"""The employee's card and the certificates: Т-2 (Постановление Госкомстата России от 05.01.2004 № 1), ТК РФ ст. 62."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kadry.documents.build_templates.parts import (
    BLANK,
    field,
    heading,
    new_document,
    paragraph,
    table,
    tag,
)


def personal_card_t2() -> DocumentObject:
    """Return the personal card of the employee, form Т-2 (Постановление Госкомстата № 1 от 05.01.2004)."""
    d = new_document()
    paragraph(
        d,
        "Унифицированная форма № Т-2\nУтверждена постановлением Госкомстата России от 05.01.2004 № 1",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=8,
    )
    paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(d, ("(наименование организации)", "i"), align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    paragraph(d, ("ЛИЧНАЯ КАРТОЧКА РАБОТНИКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=13, space_before=6)

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

    heading(d, "I. ОБЩИЕ СВЕДЕНИЯ")
    paragraph(
        d,
        ("1. Фамилия ", "b"),
        "{{ employee.last_name }}",
        ("  Имя ", "b"),
        "{{ employee.first_name }}",
        ("  Отчество ", "b"),
        "{{ employee.middle_name }}",
    )
    field(d, "2. Дата рождения", "{{ employee.birth_date }}")
    field(d, "3. Место рождения", "{{ employee.birth_place }}")
    field(d, "4. Гражданство", "{{ employee.citizenship }}")
    paragraph(d, ("5. Знание иностранного языка", "b"))
    table(d, ("Язык", "Степень знания"), "r in languages", ("{{ r.language }}", "{{ r.level }}"))
    paragraph(d, ("6. Образование", "b"), space_before=4)
    table(
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
    paragraph(d, ("7. Прежние фамилия, имя, отчество", "b"), space_before=4)
    table(
        d,
        ("Фамилия, имя, отчество", "Дата изменения", "Основание"),
        "r in previous_names",
        ("{{ r.name }}", "{{ r.changed_on }}", "{{ r.reason }}"),
    )
    paragraph(d, ("8. Прежние места работы", "b"), space_before=4)
    table(
        d,
        ("Организация", "Должность", "С", "По"),
        "r in prior_jobs",
        ("{{ r.employer }}", "{{ r.position }}", "{{ r.start }}", "{{ r.end }}"),
    )
    field(d, "9. Состояние в браке", "{{ employee.marital_status }}")
    paragraph(d, ("10. Состав семьи", "b"))
    table(
        d,
        ("Степень родства", "Фамилия, имя, отчество", "Год рождения"),
        "r in family",
        ("{{ r.relation }}", "{{ r.full_name }}", "{{ r.birth_year }}"),
    )
    paragraph(
        d,
        ("11. Документ, удостоверяющий личность: ", "b"),
        "{{ employee.id_document }}",
        space_before=4,
    )
    field(d, "12. Адрес места жительства (по паспорту)", "{{ employee.registration_address }}")
    field(d, "Дата регистрации по месту жительства", "{{ employee.registration_date }}")
    field(d, "Фактический адрес", "{{ employee.actual_address }}")
    field(d, "Номер телефона", "{{ employee.phone }}")
    paragraph(d, "Работник ", BLANK, " (личная подпись)    «____» ____________ 20___ г.", space_before=6)

    heading(d, "II. СВЕДЕНИЯ О ВОИНСКОМ УЧЁТЕ")
    tag(d, "{%p if military.present %}")
    field(d, "1. Категория запаса", "{{ military.reserve_category }}")
    field(d, "2. Воинское звание", "{{ military.rank }}")
    field(d, "3. Состав (профиль)", "{{ military.composition }}")
    field(d, "4. Полное кодовое обозначение ВУС", "{{ military.specialty_code }}")
    field(d, "5. Категория годности к военной службе", "{{ military.fitness }}")
    field(d, "6. Наименование военного комиссариата по месту жительства", "{{ military.commissariat }}")
    field(d, "7. Состоит на специальном воинском учёте", "{{ military.special_registration }}")
    field(
        d,
        "8. Отметка о снятии с воинского учёта",
        "{{ military.deregistered_on }} {{ military.deregistration_reason }}",
    )
    tag(d, "{%p else %}")
    paragraph(d, ("Сведений о воинском учёте нет.", "i"))
    tag(d, "{%p endif %}")

    heading(d, "III. ПРИЁМ НА РАБОТУ И ПЕРЕВОДЫ НА ДРУГУЮ РАБОТУ")
    table(
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

    heading(d, "IV. АТТЕСТАЦИЯ")
    field(d, "Квалификационная категория", "{{ employee.qualification_category }}")
    field(d, "Дата присвоения", "{{ employee.qualification_category_date }}")

    heading(d, "V. ПОВЫШЕНИЕ КВАЛИФИКАЦИИ")
    table(
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

    heading(d, "VI. ПРОФЕССИОНАЛЬНАЯ ПЕРЕПОДГОТОВКА")
    table(
        d,
        ("Начало", "Окончание", "Программа (специальность)", "Организация", "Документ"),
        "r in retrainings",
        ("{{ r.start }}", "{{ r.end }}", "{{ r.program }}", "{{ r.institution }}", "{{ r.document }}"),
    )

    heading(d, "VII. НАГРАДЫ (ПООЩРЕНИЯ), ПОЧЁТНЫЕ ЗВАНИЯ")
    table(
        d,
        ("Наименование награды (поощрения)", "Документ", "Дата"),
        "r in awards",
        ("{{ r.name }}", "{{ r.document }}", "{{ r.awarded_on }}"),
    )

    heading(d, "VIII. ОТПУСК")
    table(
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

    heading(d, "IX. СОЦИАЛЬНЫЕ ЛЬГОТЫ")
    table(
        d,
        ("Наименование льготы", "Документ", "Основание"),
        "r in benefits",
        ("{{ r.name }}", "{{ r.document }}", "{{ r.basis }}"),
    )

    heading(d, "X. ДОПОЛНИТЕЛЬНЫЕ СВЕДЕНИЯ")
    field(d, "Трудовая книжка", "{{ employee.work_book }}")
    field(d, "Электронная почта", "{{ employee.email }}")

    heading(d, "XI. ОСНОВАНИЕ ПРЕКРАЩЕНИЯ ТРУДОВОГО ДОГОВОРА (УВОЛЬНЕНИЯ)")
    paragraph(d, "Дата увольнения «____» ____________ 20___ г.    Приказ № ________ от «____» ____________ 20___ г.")
    paragraph(d, "Работник кадровой службы ", BLANK, " ", BLANK, " ", BLANK, space_before=8)
    paragraph(d, ("(должность)  (личная подпись)  (расшифровка подписи)", "i"), size=8)
    paragraph(d, "Работник ", BLANK, " (личная подпись). С записями {{ acquainted }}.", space_before=6)
    return d


def employment_certificate() -> DocumentObject:
    """Return the certificate of employment (справка с места работы, ТК РФ ст. 62)."""
    d = new_document()
    paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(d, "{{ organisation.address }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    paragraph(d, "Исх. № {{ number }} от {{ issued_on_long }}", space_before=12)
    paragraph(d, ("СПРАВКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_before=18)
    paragraph(
        d,
        "Выдана {{ employee.name_dative }}, {{ employee.birth_date }} года рождения, в том, что {{ pronoun }} "
        "действительно работает в {{ organisation.name_prepositional }} {{ jobs_text }}.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=12,
    )
    tag(d, "{%p if include_salary %}")
    tag(d, "{%p for job in jobs %}")
    paragraph(
        d,
        "Должностной оклад (ставка заработной платы) по должности «{{ job.position }}» "
        "({{ job.rate }} ст.): {{ job.salary }} в месяц.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    tag(d, "{%p endfor %}")
    tag(d, "{%p endif %}")
    paragraph(d, "Справка выдана {{ purpose }}.", space_before=6)
    paragraph(d, "Руководитель ", BLANK, " ", BLANK, space_before=30)
    paragraph(d, ("(подпись)  (расшифровка подписи)", "i"), size=8)
    paragraph(d, "М. П.", space_before=6)
    paragraph(d, "Исполнитель ", BLANK, space_before=18, size=9)
    return d


def service_certificate() -> DocumentObject:
    """Return the certificate of length of service (справка о стаже работы, ТК РФ ст. 62)."""
    d = new_document()
    paragraph(d, ("{{ organisation.name }}", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(d, "{{ organisation.address }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    paragraph(d, "{{ organisation.requisites }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=9)
    paragraph(d, "Исх. № ________ от {{ issued_on_long }}", space_before=12)
    paragraph(d, ("СПРАВКА", "b"), align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_before=18)
    paragraph(d, ("о стаже работы", "b"), align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(
        d,
        "Выдана {{ employee.name_dative }}, {{ employee.birth_date }} года рождения, в том, что по состоянию "
        "на {{ on_long }} стаж работы составляет:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=12,
    )
    table(d, ("Вид стажа", "Продолжительность"), "k in kinds", ("{{ k.label }}", "{{ k.duration }}"))
    paragraph(d, ("Периоды работы, из которых исчислен стаж:", "b"), space_before=8)
    table(
        d,
        ("Период", "Организация", "Должность", "Продолжительность", "Педагогическая работа"),
        "r in periods",
        ("{{ r.period }}", "{{ r.employer }}", "{{ r.position }}", "{{ r.duration }}", "{{ r.pedagogical }}"),
    )
    paragraph(
        d,
        "Стаж исчислен в календарном порядке: каждые 30 дней переводятся в полные месяцы, каждые 12 месяцев — "
        "в полные годы (Приказ Минтруда России от 09.09.2020 № 585н, п. 21). Справка составлена на основании "
        "личной карточки (форма Т-2), трудовой книжки и приказов по личному составу.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        size=9,
        space_before=6,
    )
    paragraph(d, "Руководитель ", BLANK, " ", BLANK, space_before=24)
    paragraph(d, ("(подпись)  (расшифровка подписи)", "i"), size=8)
    paragraph(d, "М. П.", space_before=6)
    paragraph(d, "Исполнитель ", BLANK, space_before=18, size=9)
    return d
