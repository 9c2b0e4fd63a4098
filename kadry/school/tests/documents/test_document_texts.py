"""Every generated school document, read back (DOCX paragraphs and cells, PDF text) and compared with its
text written out by hand: the cases of the addressee and the author, numerals that agree with their
numbers, quotes that do not nest, decimal commas."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.models import Organisation
from kadry.documents.tests.helpers import docx_text, pdf_text, response_bytes
from kadry.school.models import (
    Activity,
    AttendanceMark,
    ClassEvent,
    DutyRoster,
    EducationPlan,
    EducationPlanItem,
    Guardian,
    ParentMeeting,
    StudentCategory,
)
from kadry.school.services.documents import organisation_genitive
from kadry.testing.factories import EmployeeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date
NAMES = [("Андреев", "Борис", "Олегович", "M"), ("Белова", "Вера", "Ильинична", "F"),
         ("Васильев", "Глеб", "", "M"), ("Григорьева", "Дарья", "Сергеевна", "F")]  # fmt: skip


@pytest.fixture
def lyceum(school) -> Organisation:
    school.name = "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»"
    school.short_name = "МАОУ «Лицей № 7»"
    school.save(update_fields=["name", "short_name"])
    return school


@pytest.fixture
def pupils(class_7b, lyceum):
    for student, (last, first, middle, sex) in zip(class_7b.students, NAMES, strict=True):
        student.last_name, student.first_name, student.middle_name, student.sex = last, first, middle, sex
        student.birth_date = D(2013, 5, 17)
        student.save(update_fields=["last_name", "first_name", "middle_name", "sex", "birth_date"])
    return class_7b.students


def _pdf(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.content[:300]
    # Words the layout hyphenated at a line end come back whole.
    return pdf_text(response_bytes(response)).replace("\u2010 ", "")


def _docx(response) -> list[str]:
    assert response.status_code == 200
    return [line for line in docx_text(response_bytes(response)).split("\n") if line.strip()]


def test_the_school_is_named_in_the_genitive_after_director() -> None:
    abbreviated = Organisation(name="Муниципальное автономное общеобразовательное учреждение «Лицей № 7»",
                               short_name="МАОУ «Лицей № 7»")  # fmt: skip
    plain = Organisation(name="Муниципальное бюджетное общеобразовательное учреждение «Школа № 2»",
                         short_name="Школа № 2")  # fmt: skip
    assert organisation_genitive(abbreviated) == "МАОУ «Лицей № 7»"
    assert organisation_genitive(plain) == "муниципального бюджетного общеобразовательного учреждения «Школа № 2»"


def test_event_notice(class_7b, pupils, class_teacher, lyceum) -> None:
    school_class = class_7b.school_class
    event = ClassEvent.objects.create(
        organisation=lyceum, school_class=school_class, title="Экскурсия в музей «Тульский кремль»",
        date=D(2026, 11, 27), start_time=dt.time(10, 0), place="Тульский кремль", outside_school=True,
        notice_given_on=D(2026, 11, 20), other_escorts="Петров Павел Петрович", created_by=class_teacher.user,
    )  # fmt: skip
    event.participants.set(pupils)
    text = _pdf(class_teacher.client.get(f"/school/classes/{school_class.pk}/events/{event.pk}/notice/"))
    assert text == EXPECTED_NOTICE


EXPECTED_NOTICE = (
    "Директору МАОУ «Лицей № 7» от классного руководителя 7Б класса Учителевой Н. П. "
    "Уведомление о проведении внеклассного мероприятия "
    "Уведомляю, что 27 ноября 2026 г. в 10:00 обучающиеся 7Б класса примут участие в мероприятии "
    "«Экскурсия в музей „Тульский кремль“». Место проведения: Тульский кремль (вне школы). "
    "Сопровождающие: 1 взрослый (требуется не менее 1: 1 взрослый на 10 обучающихся, п. 6.9 положения "
    "о классном руководстве) — Петров Павел Петрович. "
    "Список участников: 4 обучающихся. "
    "№ Фамилия, имя, отчество Дата рождения "
    "1 Андреев Борис Олегович 17.05.2013 2 Белова Вера Ильинична 17.05.2013 "
    "3 Васильев Глеб 17.05.2013 4 Григорьева Дарья Сергеевна 17.05.2013 "
    "20 ноября 2026 г. ______________________"
)


def test_meeting_protocol(class_7b, pupils, class_teacher, lyceum) -> None:
    school_class = class_7b.school_class
    mother = Guardian.objects.create(organisation=lyceum, student=pupils[0], relation="mother",
                                     full_name="Андреева Ирина Петровна")  # fmt: skip
    Guardian.objects.create(organisation=lyceum, student=pupils[1], relation="father", full_name="Белов Илья Ильич")
    meeting = ParentMeeting.objects.create(
        organisation=lyceum, school_class=school_class, date=D(2026, 11, 18),
        agenda="Итоги первой четверти", minutes="Выступила классный руководитель.", decisions="Принять к сведению.",
    )  # fmt: skip
    meeting.attended.set([mother])
    text = _pdf(class_teacher.client.get(f"/school/classes/{school_class.pk}/meetings/{meeting.pk}/protocol/"))
    assert text == EXPECTED_PROTOCOL


EXPECTED_PROTOCOL = (
    "Муниципальное автономное общеобразовательное учреждение «Лицей № 7» "
    "Протокол родительского собрания 7Б класса от 18 ноября 2026 г. "
    "Присутствовали: 1 из 2 родителей (законных представителей). "
    "№ Родитель (законный представитель) Обучающийся 1 Андреева Ирина Петровна (мать) Андреев Борис Олегович "
    "Повестка Итоги первой четверти Слушали, выступили Выступила классный руководитель. "
    "Решили Принять к сведению. "
    "Классный руководитель ______________________ Секретарь собрания ______________________"
)


def test_attendance_report(class_7b, pupils, class_teacher, lyceum) -> None:
    school_class = class_7b.school_class
    AttendanceMark.objects.create(organisation=lyceum, school_class=school_class, student=pupils[0],
                                  date=D(2026, 11, 16), kind="absent", whole_day=True, reason="illness",
                                  author=class_teacher.user)  # fmt: skip
    url = f"/school/attendance/report/?start=2026-11-16&end=2026-11-20&class={school_class.pk}&format=pdf"
    text = _pdf(class_teacher.client.get(url))
    assert text == EXPECTED_REPORT


# Five school days of 6 lessons: 30 planned per student; a whole day of illness costs 6 (24 / 30 = 80,0 %),
# the class 6 of 120 (95,0 %). Every one of the 13 columns is on the page, the last one included.
EXPECTED_REPORT = (
    "Посещаемость 7Б за 16.11.2026–20.11.2026 "
    "Класс Обучающийся Дней по болезни Уроков по болезни Дней по уважительной Уроков по уважительной "
    "Дней без уважительной Уроков без уважительной Дней, причина не выяснена Уроков, причина не выяснена "
    "Опозданий Уроков по плану Посещаемость, % "
    "7Б Андреев Борис Олегович 1 6 0 0 0 0 0 0 0 30 80,0 "
    "7Б Белова Вера Ильинична 0 0 0 0 0 0 0 0 0 30 100,0 "
    "7Б Васильев Глеб 0 0 0 0 0 0 0 0 0 30 100,0 "
    "7Б Григорьева Дарья Сергеевна 0 0 0 0 0 0 0 0 0 30 100,0 "
    "7Б Итого по классу 7Б 1 6 0 0 0 0 0 0 0 120 95,0 "
    "Посещаемость = посещённые уроки / (учебные дни × уроков в день) × 100 %."
)


def test_social_passport_docx_and_pdf(class_7b, pupils, class_teacher, lyceum) -> None:
    school_class = class_7b.school_class
    StudentCategory.objects.create(organisation=lyceum, student=pupils[1], category="large_family",
                                   valid_from=D(2026, 9, 1), evidence="удостоверение")  # fmt: skip
    base = f"/school/classes/{school_class.pk}/social-passport/"
    lines = _docx(class_teacher.client.get(base + "docx/?on=2026-11-20"))
    text = _pdf(class_teacher.client.get(base + "pdf/?on=2026-11-20"))
    assert lines == EXPECTED_PASSPORT_DOCX
    assert text == EXPECTED_PASSPORT_PDF


CATEGORIES = [
    "Многодетная семья", "Малоимущая семья", "Неполная семья", "Под опекой (попечительством)",
    "Ребёнок-сирота, оставшийся без попечения родителей", "Ребёнок-инвалид",
    "ОВЗ (особые образовательные потребности)", "Семья мигрантов, вынужденных переселенцев",
    "Семья участника СВО", "Внутришкольный учёт", "Учёт в ПДН", "Учёт в КДН и ЗП",
]  # fmt: skip
EXPECTED_PASSPORT_DOCX = [
    "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»",
    "СОЦИАЛЬНЫЙ ПАСПОРТ 7Б КЛАССА",
    "2026/2027 учебный год, по состоянию на 20.11.2026",
    "Обучающихся: 4 (мальчиков — 2, девочек — 2)",
    "Обучающихся, относящихся хотя бы к одной категории: 1",
    "Категории обучающихся",
    "Группы здоровья",
    "Классный руководитель ______________________",
    # The tables, cell by cell.
    "Категория", "Количество", "Обучающиеся",
    "Многодетная семья", "1", "Белова Вера Ильинична",
    *[cell for category in CATEGORIES[1:] for cell in (category, "0")],
    "Группа здоровья", "Количество", "I", "0", "II", "4", "III", "0", "IV", "0", "V", "0",
]  # fmt: skip
EXPECTED_PASSPORT_PDF = (
    "Муниципальное автономное общеобразовательное учреждение «Лицей № 7» СОЦИАЛЬНЫЙ ПАСПОРТ 7Б КЛАССА "
    "2026/2027 учебный год, по состоянию на 20.11.2026 Обучающихся: 4 (мальчиков — 2, девочек — 2) "
    "Относящихся хотя бы к одной категории: 1 Категории обучающихся Категория Количество Обучающиеся "
    "Многодетная семья 1 Белова Вера Ильинична "
    + " ".join(f"{category} 0" for category in CATEGORIES[1:])
    + " Группы здоровья I II III IV V 0 4 0 0 0 Классный руководитель ______________________"
)


def test_characteristic_docx(class_7b, pupils, class_teacher, lyceum) -> None:
    student = pupils[1]
    Guardian.objects.create(organisation=lyceum, student=student, relation="mother", full_name="Белова Анна Юрьевна")
    AttendanceMark.objects.create(organisation=lyceum, school_class=class_7b.school_class, student=student,
                                  date=D(2026, 11, 16), kind="absent", whole_day=False, lessons=2,
                                  reason="illness", author=class_teacher.user)  # fmt: skip
    for day in (D(2026, 9, 14), D(2026, 10, 5), D(2026, 11, 9)):
        shift = DutyRoster.objects.create(organisation=lyceum, school_class=class_7b.school_class, date=day)
        shift.students.set([student])
    Activity.objects.create(organisation=lyceum, student=student, kind="club", name="Шахматы", start=D(2026, 9, 1))
    base = f"/school/students/{student.pk}/characteristics/"
    draft = class_teacher.client.get(base + "new/").context["form"].initial["text"]
    response = class_teacher.client.post(
        base + "new/",
        {"requested_by": "ПДН ОМВД", "requested_on": "2026-11-18", "purpose": "по запросу ПДН", "text": draft},
    )
    assert response.status_code == 302
    characteristic = student.characteristics.get()
    lines = _docx(class_teacher.client.get(base + f"{characteristic.pk}/docx/"))
    assert lines == EXPECTED_CHARACTERISTIC


EXPECTED_CHARACTERISTIC = [
    "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»",
    "ХАРАКТЕРИСТИКА",
    "на обучающегося 7Б класса Белова Вера Ильинична, 17.05.2013 г. р.",
    "Белова Вера Ильинична, 17.05.2013 г. р., обучается в 7Б классе (в лицее с 01.09.2026).",
    "С 01.09.2026 пропущено дней: 0, уроков: 2 (по причинам: болезнь — 2); опозданий: 0.",
    "Дежурила по классу 3 раза.",
    "Занимается во внеурочной деятельности: Шахматы.",
    "Состав семьи: мать — Белова Анна Юрьевна.",
    "Характеристика выдана для представления по месту требования.",
    "Для представления: по запросу ПДН",
    "Классный руководитель ______________ Учителева Н. П.",
    "Директор ______________",
    "18.11.2026      М. П.",
]


def test_education_plan_docx(class_7b, pupils, class_teacher, lyceum) -> None:
    school_class = class_7b.school_class
    plan = EducationPlan.objects.create(organisation=lyceum, school_class=school_class, goals="Сплочение коллектива",
                                        directions="Экскурсии — по согласованию с родителями", analysis="")  # fmt: skip
    for month, direction, title, date in ((10, "health", "Осенний кросс", D(2026, 10, 2)),
                                          (9, "civic_patriotic", "Урок памяти", None),
                                          (9, "parents", "Родительское собрание", D(2026, 9, 18))):  # fmt: skip
        EducationPlanItem.objects.create(organisation=lyceum, plan=plan, month=month, direction=direction,
                                         title=title, form="", responsible="кл. руководитель", date=date)  # fmt: skip
    deputy = MembershipFactory(organisation=lyceum, role="deputy_director", user=UserFactory(username="zam"),
                               employee=EmployeeFactory(organisation=lyceum, last_name="Петрова", first_name="Анна",
                                                        middle_name="Викторовна"))  # fmt: skip
    plan.status, plan.decided_by, plan.decided_at = "approved", deputy.user, dt.datetime(2026, 9, 7, 9, tzinfo=dt.UTC)
    plan.save()
    AttendanceMark.objects.create(organisation=lyceum, school_class=school_class, student=pupils[0],
                                  date=D(2026, 11, 16), kind="absent", whole_day=False, lessons=1,
                                  reason="illness", author=class_teacher.user)  # fmt: skip
    lines = _docx(class_teacher.client.get(f"/school/classes/{school_class.pk}/plan/docx/"))
    assert lines == EXPECTED_PLAN


EXPECTED_PLAN = [
    "УТВЕРЖДАЮ",
    "Заместитель директора по воспитательной работе",
    "______________ Петрова А. В.",
    "07.09.2026",
    "Муниципальное автономное общеобразовательное учреждение «Лицей № 7»",
    "ПЛАН ВОСПИТАТЕЛЬНОЙ РАБОТЫ 7Б КЛАССА",
    "на 2026/2027 учебный год",
    "Редакция 1: с первого полугодия",
    "Цели и задачи",
    "Сплочение коллектива",
    "Мероприятия по месяцам и направлениям",
    "Пояснения к плану",
    "Экскурсии — по согласованию с родителями",
    "АНАЛИЗ ВОСПИТАТЕЛЬНОЙ РАБОТЫ",
    "Посещаемость за год: —",
    "Родительских собраний: 0",
    "Классных часов проведено / отменено: 0 / 0",
    "Внеклассных мероприятий: 0; участвовали 0,0 % обучающихся",
    "Занятость во внеурочной деятельности: 0,0 %",
    "Участие в ученическом самоуправлении: 0,0 %",
    "Классный руководитель ______________________",
    "Месяц", "Направление", "Мероприятие", "Форма, содержание", "Ответственные", "Дата",
    # September first, the dated item before the undated one; the month named on its first row only.
    "Сентябрь", "Работа с родителями", "Родительское собрание", "кл. руководитель", "18.09.2026",
    "Гражданско-патриотическое воспитание", "Урок памяти", "кл. руководитель",
    "Октябрь", "Здоровьесбережение, здоровый образ жизни", "Осенний кросс", "кл. руководитель", "02.10.2026",
    "Период", "Посещаемость", "Собраний", "Кл. часов проведено", "Отменено", "Мероприятий",
    "Во внеурочной деятельности",
    "1-я четверть (1–11 кл.)", "—", "0", "0", "0", "0", "0,0 %",
    "2-я четверть (1–11 кл.)", "—", "0", "0", "0", "0", "0,0 %",
]  # fmt: skip


def test_the_attendance_report_pdf_keeps_every_column_on_the_page() -> None:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from kadry.school.views.attendance import REPORT_HEADERS

    row = ["11А", "Константинопольская-Верхнеднепровская Александра Вячеславовна", *range(9), "1200", "100,0"]
    html = render_to_string(
        "school/attendance/report_pdf.html", {"title": "Посещаемость", "headers": REPORT_HEADERS, "table": [row] * 3}
    )
    page = HTML(string=html).render().pages[0]

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    # The page's content ends at its right margin (12 mm = 45.35 CSS px); no box may run past it.
    content_right = page.width - 12 / 25.4 * 96
    tables = [box for box in boxes(page._page_box) if type(box).__name__ == "TableBox"]
    assert tables and max(box.position_x + box.margin_width() for box in tables) <= content_right + 0.5
