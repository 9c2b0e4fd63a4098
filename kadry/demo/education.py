"""Diplomas and courses: what a teacher of each subject, an accountant or a caretaker studied, and where.

Institutions carry the years their name was in use, so a diploma of 1985 names the pedagogical
institute and one of 2015 the university it became; degrees follow the reforms (specialists until
the bachelor's degree replaced them, master's after it).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from kadry.demo.people import rand_date, workday
from kadry.staff.models import Education, Training

Level = Education.Level

# Institutions by kind: (name, first and last year a diploma under this name was issued).
INSTITUTIONS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "pedagogical": (
        ("Калужский государственный педагогический институт им. К. Э. Циолковского", 1950, 1993),
        ("Калужский государственный педагогический университет им. К. Э. Циолковского", 1994, 2010),
        ("Калужский государственный университет им. К. Э. Циолковского", 2011, 2100),
        ("Московский педагогический государственный университет", 1990, 2100),
        ("Тульский государственный педагогический университет им. Л. Н. Толстого", 1994, 2100),
        ("Смоленский государственный педагогический университет", 1960, 2004),
        ("Смоленский государственный университет", 2005, 2100),
        ("Брянский государственный университет им. академика И. Г. Петровского", 1999, 2100),
    ),
    "pedagogical_college": (
        ("Калужское педагогическое училище № 1", 1950, 1995),
        ("ГБПОУ КО «Калужский педагогический колледж»", 1996, 2100),
    ),
    "sport": (
        ("Смоленский государственный институт физической культуры", 1950, 2000),
        ("Смоленская государственная академия физической культуры, спорта и туризма", 2001, 2100),
        ("Калужский государственный университет им. К. Э. Циолковского", 2011, 2100),
    ),
    "music": (
        ("Калужское областное музыкальное училище им. С. И. Танеева", 1950, 2013),
        ("ГБПОУ КО «Калужский областной музыкальный колледж им. С. И. Танеева»", 2014, 2100),
    ),
    "culture": (
        ("Московский государственный университет культуры и искусств", 1990, 2013),
        ("Московский государственный институт культуры", 2014, 2100),
        ("Калужский государственный педагогический университет им. К. Э. Циолковского", 1994, 2010),
    ),
    "economics": (
        ("Всероссийский заочный финансово-экономический институт (филиал в г. Калуге)", 1980, 2012),
        ("Калужский филиал Финансового университета при Правительстве Российской Федерации", 2013, 2100),
        ("Калужский филиал РАНХиГС при Президенте Российской Федерации", 2011, 2100),
        ("Калужский государственный университет им. К. Э. Циолковского", 2011, 2100),
    ),
    "technical": (
        ("Тульский политехнический институт", 1950, 1992),
        ("Калужский филиал МГТУ им. Н. Э. Баумана", 1990, 2100),
        ("Тульский государственный университет", 1993, 2100),
    ),
    "college": (
        ("Калужский машиностроительный техникум", 1950, 1995),
        ("Профессиональное училище № 12 гор. Калуги", 1950, 2010),
        ("ГАПОУ КО «Калужский технический колледж»", 1996, 2100),
        ("ГБПОУ КО «Калужский колледж сервиса и дизайна»", 2005, 2100),
        ("ГАПОУ КО «Калужский колледж информационных технологий и управления»", 2000, 2100),
    ),
}


@dataclass(frozen=True)
class Programme:
    """A programme of higher or vocational education."""

    kind: str  # key of INSTITUTIONS
    specialty: str  # the specialty as written on a diploma of a specialist (until the 2010s)
    qualification: str
    # The direction of a bachelor's degree (from 2015 on); empty for vocational programmes.
    direction: str = ""

    @property
    def vocational(self) -> bool:
        return self.kind in ("pedagogical_college", "music", "college")


def _ped(specialty: str, qualification: str, profile: str) -> Programme:
    return Programme("pedagogical", specialty, qualification, f"Педагогическое образование (профиль «{profile}»)")


PROGRAMMES: dict[str, tuple[Programme, ...]] = {
    "math": (_ped("Математика", "учитель математики", "Математика"),),
    "informatics": (
        _ped("Математика и информатика", "учитель математики и информатики", "Информатика"),
        _ped("Информатика", "учитель информатики", "Информатика"),
    ),
    "russian": (_ped("Русский язык и литература", "учитель русского языка и литературы", "Русский язык и литература"),),
    "english": (
        _ped("Иностранный язык", "учитель английского и немецкого языков", "Иностранный язык (английский)"),
        _ped("Филология", "учитель английского языка", "Иностранный язык (английский)"),
    ),
    "german": (_ped("Иностранный язык", "учитель немецкого и английского языков", "Иностранный язык (немецкий)"),),
    "physics": (
        _ped("Физика", "учитель физики", "Физика"),
        _ped("Физика и информатика", "учитель физики и информатики", "Физика"),
    ),
    "chemistry": (_ped("Химия", "учитель химии и биологии", "Химия"),),
    "biology": (
        _ped("Биология", "учитель биологии", "Биология"),
        _ped("Биология и химия", "учитель биологии и химии", "Биология"),
    ),
    "geography": (_ped("География", "учитель географии", "География"),),
    "history": (_ped("История", "учитель истории и обществознания", "История"),),
    "primary": (
        _ped("Педагогика и методика начального образования", "учитель начальных классов", "Начальное образование"),
        Programme("pedagogical_college", "Преподавание в начальных классах", "учитель начальных классов"),
    ),
    "pe": (
        Programme(
            "sport",
            "Физическая культура и спорт",
            "специалист по физической культуре и спорту",
            "Педагогическое образование (профиль «Физическая культура»)",
        ),
    ),
    "obzr": (
        _ped(
            "Безопасность жизнедеятельности", "учитель безопасности жизнедеятельности", "Безопасность жизнедеятельности"
        ),
    ),
    "music": (Programme("music", "Музыкальное образование", "учитель музыки, музыкальный руководитель"),),
    "art": (_ped("Изобразительное искусство", "учитель изобразительного искусства", "Изобразительное искусство"),),
    "technology": (_ped("Технология и предпринимательство", "учитель технологии и предпринимательства", "Технология"),),
    "psychology": (
        Programme(
            "pedagogical",
            "Педагогика и психология",
            "педагог-психолог",
            "Психолого-педагогическое образование (профиль «Психология образования»)",
        ),
    ),
    "social": (
        Programme(
            "pedagogical",
            "Социальная педагогика",
            "социальный педагог",
            "Психолого-педагогическое образование (профиль «Социальная педагогика»)",
        ),
    ),
    "speech": (
        Programme(
            "pedagogical",
            "Логопедия",
            "учитель-логопед",
            "Специальное (дефектологическое) образование (профиль «Логопедия»)",
        ),
    ),
    "organiser": (
        _ped("Педагогика", "социальный педагог, педагог-организатор", "Дополнительное образование"),
        _ped("История", "учитель истории и обществознания", "История"),
    ),
    "additional": (
        _ped(
            "Педагогика дополнительного образования",
            "педагог дополнительного образования",
            "Дополнительное образование",
        ),
        Programme(
            "culture",
            "Народное художественное творчество",
            "руководитель хореографического коллектива, преподаватель",
            "Народная художественная культура",
        ),
    ),
    "library": (
        Programme(
            "culture",
            "Библиотековедение и библиография",
            "библиотекарь-библиограф",
            "Библиотечно-информационная деятельность",
        ),
    ),
    "hr": (
        Programme("economics", "Управление персоналом", "менеджер", "Управление персоналом"),
        Programme("economics", "Юриспруденция", "юрист", "Юриспруденция"),
    ),
    "accounting": (
        Programme(
            "economics",
            "Бухгалтерский учёт, анализ и аудит",
            "экономист",
            "Экономика (профиль «Бухгалтерский учёт, анализ и аудит»)",
        ),
        Programme("college", "Экономика и бухгалтерский учёт (по отраслям)", "бухгалтер"),
    ),
    "economics": (Programme("economics", "Финансы и кредит", "экономист", "Экономика"),),
    "it": (
        Programme(
            "technical",
            "Программное обеспечение вычислительной техники и автоматизированных систем",
            "инженер",
            "Информатика и вычислительная техника",
        ),
    ),
    "engineer": (
        Programme("technical", "Промышленное и гражданское строительство", "инженер", "Строительство"),
        Programme("technical", "Технология машиностроения", "инженер", "Машиностроение"),
    ),
    "safety": (
        Programme(
            "technical", "Безопасность технологических процессов и производств", "инженер", "Техносферная безопасность"
        ),
    ),
    "lab": (Programme("college", "Аналитический контроль химических соединений", "техник"),),
    "clerical": (
        Programme(
            "college",
            "Документационное обеспечение управления и архивоведение",
            "специалист по документационному обеспечению",
        ),
    ),
    "vocational": (
        Programme("college", "Монтаж и эксплуатация внутренних сантехнических устройств", "техник"),
        Programme("college", "Электромонтёр по ремонту и обслуживанию электрооборудования", "электромонтёр"),
        Programme("college", "Техническое обслуживание и ремонт автомобильного транспорта", "техник"),
    ),
    "service": (
        Programme("college", "Продавец, контролёр-кассир", "продавец"),
        Programme("college", "Повар, кондитер", "повар"),
        Programme("college", "Швея", "швея"),
    ),
}
# Managers of a school were teachers first.
_TEACHING_PROFILES = ("math", "russian", "history", "physics", "primary", "english", "biology", "chemistry")

KGIRO = "ГАОУ ДПО «Калужский государственный институт развития образования»"
ACADEMY = "ФГАОУ ДПО «Академия Минпросвещения России»"
CENTRE = "ООО «Центр инновационного образования и воспитания»"
SAFETY_CENTRE = "ЧОУ ДПО «Калужский учебный центр охраны труда»"
RANEPA = "Калужский филиал РАНХиГС при Президенте Российской Федерации"

# (programme, institution, hours) by the kind of work.
_COURSES_PEDAGOGICAL = (
    ("Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя", KGIRO, 36),
    ("Федеральная образовательная программа: содержание и механизмы реализации", KGIRO, 36),
    ("Разговоры о важном: система работы классного руководителя (куратора)", ACADEMY, 58),
    ("Функциональная грамотность школьников", ACADEMY, 72),
    ("Обучающиеся с ОВЗ: особенности организации учебной деятельности", CENTRE, 72),
    ("Цифровая образовательная среда: ФГИС «Моя школа» в работе педагога", ACADEMY, 36),
)
_COURSES: dict[str, tuple[tuple[str, str, int], ...]] = {
    "manager": (
        ("Управление образовательной организацией в условиях реализации ФОП", KGIRO, 72),
        ("Внутренняя система оценки качества образования", KGIRO, 36),
        ("Обучение по охране труда руководителей организаций", SAFETY_CENTRE, 40),
    ),
    "hr": (
        ("Кадровое делопроизводство и электронный кадровый документооборот", RANEPA, 72),
        ("Обработка и защита персональных данных в кадровой службе", RANEPA, 36),
        ("Воинский учёт и бронирование граждан, пребывающих в запасе", RANEPA, 40),
    ),
    "accounting": (("Бухгалтерский учёт в государственных (муниципальных) учреждениях по ФСБУ", RANEPA, 72),),
    "economics": (("Контрактная система в сфере закупок товаров, работ, услуг (44-ФЗ)", RANEPA, 144),),
    "it": (("Информационная безопасность в образовательной организации", KGIRO, 72),),
    "engineer": (
        ("Антитеррористическая защищённость объектов (территорий) образовательных организаций", SAFETY_CENTRE, 72),
        ("Пожарно-технический минимум для руководителей", SAFETY_CENTRE, 16),
    ),
    "safety": (("Обучение по охране труда специалистов (программы А, Б, В)", SAFETY_CENTRE, 40),),
}
_FIRST_AID = ("Оказание первой помощи пострадавшим", SAFETY_CENTRE, 16)
_RETRAINING_MANAGEMENT = ("Менеджмент в образовании", KGIRO, 520)
_RETRAINING_ADDITIONAL = ("Педагогика дополнительного образования детей и взрослых", CENTRE, 300)


def institution(rng: random.Random, kind: str, year: int) -> str:
    names = [name for name, first, last in INSTITUTIONS[kind] if first <= year <= last]
    return rng.choice(names or [INSTITUTIONS[kind][-1][0]])


def _diploma(rng: random.Random, year: int, *, vocational: bool) -> tuple[str, str]:
    """Return the series and number of a diploma as the forms of its year were printed."""
    if year >= 2014:
        # Since 2014: a six-digit series (the printer's code and the region's) and a seven-digit number.
        return ("11" if vocational else "10") + f"40{rng.randint(10, 99)}", f"{rng.randint(1, 9_999_999):07d}"
    if year >= 1997:
        return rng.choice(
            ("СБ", "АК") if vocational else ("ДВС", "ВСА", "ВСБ", "ВСВ", "ВСГ")
        ), f"{rng.randint(1, 9_999_999):07d}"
    return rng.choice(
        ("ЛТ", "ПТ", "СТ") if vocational else ("ФВ", "УВ", "ЦВ", "ЭВ", "НВ")
    ), f"{rng.randint(1, 999_999):06d}"


def education_rows(rng: random.Random, profile: str, birth: dt.date, *, as_of: dt.date) -> list[dict[str, Any]]:
    """Return the education section of a holder of ``profile``: the school-leaving certificate or diplomas."""
    if profile == "manager":
        profile = rng.choice(_TEACHING_PROFILES)
    if profile == "service" and rng.random() < 0.55:
        year = birth.year + 17
        series = "40 АБ" if year < 2014 else "04024"
        name = (
            "аттестат о среднем (полном) общем образовании" if year < 2014 else "аттестат о среднем общем образовании"
        )
        return [
            {
                "level": Level.SECONDARY_GENERAL,
                "institution": f"Средняя общеобразовательная школа № {rng.randint(1, 46)} гор. Калуги",
                "document_name": name,
                "document_series": series,
                "document_number": f"{rng.randint(1, 9_999_999):07d}",
                "graduation_year": year,
            }
        ]
    programme = rng.choice(PROGRAMMES[profile])
    if programme.vocational:
        year = birth.year + rng.choice((19, 20))
        level, qualification, specialty = Level.SECONDARY_VOCATIONAL, programme.qualification, programme.specialty
    else:
        year = birth.year + rng.choice((21, 22, 22, 23))
        if year >= 2015 and programme.direction:
            level, specialty, qualification = Level.BACHELOR, programme.direction, "бакалавр"
        else:
            level, specialty, qualification = Level.SPECIALIST, programme.specialty, programme.qualification
    year = min(year, as_of.year - 1 if as_of.month < 7 else as_of.year)
    series, number = _diploma(rng, year, vocational=programme.vocational)
    rows = [
        {
            "level": level,
            "institution": institution(rng, programme.kind, year),
            "document_series": series,
            "document_number": number,
            "graduation_year": year,
            "specialty": specialty,
            "qualification": qualification,
        }
    ]
    if level == Level.BACHELOR and rng.random() < 0.3 and year + 2 <= as_of.year - (as_of.month < 7):
        # A master's degree straight after the bachelor's.
        master_year = year + 2
        series, number = _diploma(rng, master_year, vocational=False)
        rows.append(
            {
                "level": Level.SPECIALIST,
                "institution": institution(rng, programme.kind, master_year),
                "document_series": series,
                "document_number": number,
                "graduation_year": master_year,
                "specialty": programme.direction.replace("(профиль", "(программа магистратуры"),
                "qualification": "магистр",
            }
        )
    return rows


def graduation(rows: list[dict[str, Any]]) -> dt.date:
    """Return the day the person could start working: the summer after their first diploma or certificate."""
    return dt.date(rows[0]["graduation_year"], 7, 1)


def training_rows(
    rng: random.Random, profile: str, *, pedagogical: bool, subject: str, hired: dt.date, as_of: dt.date
) -> list[dict[str, Any]]:
    """Return courses taken over the last years: teachers every three years (ФЗ № 273, ст. 47), others as their work needs."""
    courses: list[tuple[str, str, int]] = []
    if pedagogical or profile == "manager":
        pool = list(_COURSES_PEDAGOGICAL)
        if subject:
            pool.append((f"Школа современного учителя {subject}", ACADEMY, 100))
        courses += rng.sample(pool, k=rng.choice((1, 2, 2, 3)))
    if profile in _COURSES:
        courses += _COURSES[profile][: rng.randint(1, 2)]
    if rng.random() < 0.6:
        courses.append(_FIRST_AID)
    rows = []
    for programme, organisation, hours in courses:
        end = workday(
            rand_date(rng, max(dt.date(2022, 9, 1), hired - dt.timedelta(days=365)), as_of - dt.timedelta(days=10))
        )
        rows.append(_course(rng, Training.Kind.TRAINING, programme, organisation, hours, end))
    if profile == "manager" and rng.random() < 0.8:
        end = workday(rand_date(rng, dt.date(2008, 1, 1), as_of - dt.timedelta(days=200)))
        rows.append(_course(rng, Training.Kind.RETRAINING, *_RETRAINING_MANAGEMENT, end))
    elif profile == "additional" and rng.random() < 0.5:
        end = workday(rand_date(rng, dt.date(2015, 1, 1), as_of - dt.timedelta(days=200)))
        rows.append(_course(rng, Training.Kind.RETRAINING, *_RETRAINING_ADDITIONAL, end))
    return rows


def _course(
    rng: random.Random, kind: str, programme: str, organisation: str, hours: int, end: dt.date
) -> dict[str, Any]:
    # About a week of study per 36 hours, distance courses included.
    start = end - dt.timedelta(days=max(2, hours // 36 * 7 + rng.randint(0, 6)))
    document = (
        "диплом о профессиональной переподготовке"
        if kind == Training.Kind.RETRAINING
        else "удостоверение о повышении квалификации"
    )
    return {
        "kind": kind,
        "program": programme,
        "institution": organisation,
        "start": start,
        "end": end,
        "hours": hours,
        "document": f"{document} № 40{rng.randint(10**9, 10**10 - 1)} от {end:%d.%m.%Y}",
    }
