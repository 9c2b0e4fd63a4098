"""A working life before and at the school: earlier jobs, categories, awards, documents on hire, military service.

Each function returns the keyword arguments of one card section row (without organisation and
employee), so the staff builder can create them in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kadry.demo.people import birthday, rand_date, workday
from kadry.staff.models import Employee, HireDocument, LanguageSkill, MilitaryRecord

QualificationCategory = Employee.QualificationCategory

_SCHOOL_KINDS = (
    # (kind as written before 2011, kind after the reform of budget institutions, name)
    ("МОУ", "МБОУ", "«Средняя общеобразовательная школа № {n}» г. Калуги"),
    ("МОУ", "МБОУ", "«Средняя общеобразовательная школа № {n}» г. Калуги"),
    ("МОУ", "МБОУ", "«Средняя общеобразовательная школа № {n}» г. Калуги"),
    ("МОУ", "МБОУ", "«Гимназия № {n}» г. Калуги"),
    ("МОУ", "МКОУ", "«Средняя общеобразовательная школа» с. Перемышль"),
    ("ГОУ", "ГБОУ", "«Школа № {n}» г. Москвы"),
)
_OTHER_PEDAGOGICAL = {
    "additional": ("МБУ ДО «Дом детского творчества» г. Калуги", "педагог дополнительного образования"),
    "organiser": ("МБУ ДО «Центр развития творчества детей и юношества «Созвездие» г. Калуги", "педагог-организатор"),
    "primary": ("МБДОУ «Детский сад № 55 «Солнышко» г. Калуги", "воспитатель"),
    "psychology": ("МБДОУ «Детский сад № 87 «Теремок» г. Калуги", "педагог-психолог"),
    "speech": ("МБДОУ «Детский сад № 12 «Радуга» г. Калуги", "учитель-логопед"),
    "music": ("МБУ ДО «Детская музыкальная школа № 3» г. Калуги", "преподаватель"),
    "pe": ("МБУ ДО «Спортивная школа олимпийского резерва «Темп» г. Калуги", "тренер-преподаватель"),
}
_OTHER_JOBS: dict[str, tuple[tuple[str, str], ...]] = {
    "accounting": (
        ("МКУ «Централизованная бухгалтерия управления образования» г. Калуги", "бухгалтер"),
        ("ООО «Калугаторгсервис»", "бухгалтер"),
        ("ООО «СтройКомплект»", "бухгалтер-кассир"),
    ),
    "hr": (
        ("ООО «Торговый дом «Окский»", "менеджер по персоналу"),
        ("ГБУЗ КО «Калужская городская поликлиника № 2»", "специалист по кадрам"),
        ("АО «Калужский завод электронных изделий»", "инспектор отдела кадров"),
    ),
    "economics": (
        (
            "МКУ «Управление по обеспечению деятельности органов местного самоуправления» г. Калуги",
            "специалист по закупкам",
        ),
        ("ООО «Калугаторгсервис»", "экономист"),
    ),
    "it": (
        ("ООО «Компьютерный центр «Мегабайт»", "инженер-программист"),
        ("ООО «Телеком-Сервис»", "специалист технической поддержки"),
    ),
    "engineer": (
        ("ООО «Строительная компания «Основа»", "производитель работ"),
        ("АО «Калужский машиностроительный завод»", "инженер-технолог"),
        ("ООО «Управляющая компания «Жилищник»", "главный инженер"),
    ),
    "safety": (("АО «Калужский машиностроительный завод»", "инженер по охране труда"),),
    "vocational": (
        ("ООО «Управляющая компания «Жилищник»", "слесарь-сантехник"),
        ("ООО «Электросервис»", "электромонтёр"),
        ("МУП «Калужское пассажирское автотранспортное предприятие»", "слесарь по ремонту автомобилей"),
    ),
    "service": (
        ("ООО «Чистый дом»", "уборщик"),
        ("ИП Кузнецова О. В.", "продавец"),
        ("ООО «Магнолия-Калуга»", "продавец-кассир"),
        ("ООО ЧОО «Барс»", "охранник"),
        ("ООО «Управляющая компания «Жилищник»", "дворник"),
        ("ГБУЗ КО «Калужская областная клиническая больница»", "санитарка"),
    ),
    "clerical": (("ООО «Юридическое агентство «Право»", "секретарь-референт"),),
    "lab": (("ФБУЗ «Центр гигиены и эпидемиологии в Калужской области»", "лаборант"),),
    "library": (("МБУК «Централизованная библиотечная система» г. Калуги", "библиотекарь"),),
}
_OTHER_FOR_TEACHERS = (
    ("ООО «Учебный центр «Знание»", "преподаватель"),
    ("Калужское отделение № 8608 ПАО Сбербанк", "консультант"),
    ("ООО «Калугаторгсервис»", "менеджер"),
)


def prior_jobs(
    rng: random.Random, *, profile: str, position: str, pedagogical: bool, start: dt.date, hired: dt.date
) -> list[dict[str, Any]]:
    """Return 0–3 jobs between ``start`` (end of studies) and ``hired``: in order, not overlapping, all before hire."""
    gap = (hired - start).days
    if gap < 200:
        return []
    most = min(3, gap // 365 + 1)
    count = rng.randint(1 if gap > 3 * 365 else 0, most)
    if not count:
        return []
    cuts = sorted(rng.sample(range(60, gap - 30), count - 1)) if count > 1 else []
    bounds = [0, *cuts, gap]
    rows: list[dict[str, Any]] = []
    for i in range(count):
        # A job ends a few days to two months before the next one starts.
        first = start + dt.timedelta(days=bounds[i] + rng.randint(0, 40))
        last = start + dt.timedelta(days=bounds[i + 1] - rng.randint(3, 60))
        if last <= first:
            continue
        employer, title, is_pedagogical = _employer(rng, profile, position, pedagogical, last)
        if rows and employer == rows[-1]["employer"]:
            # Leaving and rejoining the same employer in a few weeks is not a story to show.
            employer, title, is_pedagogical = _employer(rng, profile, position, pedagogical, last)
            if employer == rows[-1]["employer"]:
                continue
        rows.append(
            {
                "employer": employer,
                "position": title,
                "start": workday(first),
                "end": last,
                "pedagogical": is_pedagogical,
            }
        )
    return [row for row in rows if row["start"] < row["end"] < hired]


def _employer(
    rng: random.Random, profile: str, position: str, pedagogical: bool, end: dt.date
) -> tuple[str, str, bool]:
    if pedagogical or profile == "manager":
        roll = rng.random()
        if profile in _OTHER_PEDAGOGICAL and roll < 0.3:
            employer, title = _OTHER_PEDAGOGICAL[profile]
            return employer, title, True
        if roll < 0.88:
            old, new, name = rng.choice(_SCHOOL_KINDS)
            kind = old if end.year < 2011 else new
            title = (
                position
                if position.startswith(("учитель", "педагог", "социальный", "воспитатель", "тьютор"))
                else (
                    rng.choice(
                        (
                            "учитель математики",
                            "учитель русского языка и литературы",
                            "учитель истории и обществознания",
                        )
                    )
                )
            )
            return f"{kind} {name.format(n=rng.randint(1, 50))}", title, True
        employer, title = rng.choice(_OTHER_FOR_TEACHERS)
        return employer, title, False
    employer, title = rng.choice(_OTHER_JOBS.get(profile, _OTHER_JOBS["service"]))
    return employer, title, False


def qualification(rng: random.Random, *, graduated: dt.date, as_of: dt.date) -> tuple[str, dt.date | None]:
    """Return a teacher's category and the day it was awarded; young teachers have none yet.

    Every date lies in the last five years: a category set before 01.09.2023 lasted five (Приказ
    Минобрнауки № 276), so an older one would have lapsed; one set since has no end (Приказ
    Минпросвещения № 196, kadry.attestation.rules).
    """
    years = (as_of - graduated).days // 365
    if years < 2:
        return QualificationCategory.NONE, None
    options = [
        (QualificationCategory.HIGHEST, 35 if years >= 8 else 5),
        (QualificationCategory.FIRST, 30),
        (QualificationCategory.CONFORMITY, 12),
        (QualificationCategory.NONE, 15 if years < 6 else 4),
        (QualificationCategory.METHODIST, 3 if years >= 15 else 0),
        (QualificationCategory.MENTOR, 3 if years >= 15 else 0),
    ]
    category = rng.choices([c for c, _ in options], weights=[w for _, w in options])[0]
    if category == QualificationCategory.NONE:
        return category, None
    # The methodist and mentor categories exist since 1 September 2023.
    earliest = (
        dt.date(2023, 9, 1)
        if category in (QualificationCategory.METHODIST, QualificationCategory.MENTOR)
        else dt.date(2021, 9, 1)
    )
    return category, workday(
        rand_date(rng, max(earliest, graduated + dt.timedelta(days=730)), as_of - dt.timedelta(days=60))
    )


def awards(
    rng: random.Random, *, hired: dt.date, graduated: dt.date, category: str, as_of: dt.date
) -> list[dict[str, Any]]:
    """Return a teacher's awards: the city's for some years of work, the region's, then the ministry's for long service."""
    years = (as_of - graduated).days // 365
    rows = []
    if years >= 5 and rng.random() < 0.35:
        day = workday(rand_date(rng, max(hired, graduated + dt.timedelta(days=5 * 365)), as_of - dt.timedelta(days=30)))
        rows.append(
            {
                "name": "Почётная грамота управления образования города Калуги",
                "awarded_on": day,
                "document": f"Приказ управления образования г. Калуги от {day:%d.%m.%Y} № {rng.randint(100, 999)}-од",
            }
        )
    if years >= 10 and rng.random() < 0.3:
        day = workday(rand_date(rng, graduated + dt.timedelta(days=10 * 365), as_of - dt.timedelta(days=30)))
        rows.append(
            {
                "name": "Почётная грамота министерства образования и науки Калужской области",
                "awarded_on": day,
                "document": f"Приказ министерства образования и науки Калужской области от {day:%d.%m.%Y} № {rng.randint(100, 1999)}",
            }
        )
    if years >= 15 and rng.random() < 0.22:
        day = workday(rand_date(rng, graduated + dt.timedelta(days=15 * 365), as_of - dt.timedelta(days=30)))
        # The ministry was split in 2018: the awards carry the name of the one in office on the day.
        ministry = "Министерства просвещения" if day >= dt.date(2018, 5, 15) else "Министерства образования и науки"
        rows.append(
            {
                "name": f"Почётная грамота {ministry} Российской Федерации",
                "awarded_on": day,
                "document": f"Приказ {'Минпросвещения' if 'просв' in ministry else 'Минобрнауки'} России от {day:%d.%m.%Y} № {rng.randint(10, 999)}/н",
            }
        )
    if (
        years >= 20
        and category in (QualificationCategory.HIGHEST, QualificationCategory.METHODIST, QualificationCategory.MENTOR)
        and rng.random() < 0.35
    ):
        day = workday(rand_date(rng, graduated + dt.timedelta(days=20 * 365), as_of - dt.timedelta(days=30)))
        # The departmental badge was renamed in 2019 (Приказ Минпросвещения № 6н от 10.01.2019).
        name = (
            "Нагрудный знак «Почётный работник воспитания и просвещения Российской Федерации»"
            if day >= dt.date(2019, 1, 10)
            else "Нагрудный знак «Почётный работник общего образования Российской Федерации»"
        )
        rows.append(
            {
                "name": name,
                "awarded_on": day,
                "document": f"Приказ {'Минпросвещения' if day >= dt.date(2018, 5, 15) else 'Минобрнауки'} России от {day:%d.%m.%Y} № {rng.randint(10, 999)}/н",
            }
        )
    return rows


def hire_documents(rng: random.Random, *, hired: dt.date) -> list[dict[str, Any]]:
    """Return what a pedagogical employee brought on hire: no criminal record, medical and psychiatric clearance.

    The certificate of no criminal record is required since 2011 (ТК РФ ст. 351.1); those hired
    before brought it then.
    """
    asked = hired if hired >= dt.date(2011, 1, 1) else rand_date(rng, dt.date(2011, 1, 20), dt.date(2011, 4, 29))
    certificate = workday(asked - dt.timedelta(days=rng.randint(10, 45)))
    rows = [
        {
            "kind": HireDocument.Kind.CRIMINAL_RECORD,
            "number": f"№ 40/{rng.randint(100_000, 999_999)}-Н",
            "issued_on": certificate,
            "note": "ИЦ УМВД России по Калужской области",
        }
    ]
    exam = workday(hired - dt.timedelta(days=rng.randint(5, 25)))
    rows.append(
        {
            "kind": HireDocument.Kind.MEDICAL_EXAM,
            "number": f"№ {rng.randint(100, 9999)}",
            "issued_on": exam,
            "note": rng.choice(("ГБУЗ КО «Калужская городская поликлиника № 2»", "ООО «Медицинский центр «Здоровье»")),
        }
    )
    if hired >= dt.date(2014, 1, 1) or rng.random() < 0.5:
        rows.append(
            {
                "kind": HireDocument.Kind.PSYCHIATRIC_EXAM,
                "number": f"№ {rng.randint(100, 9999)}",
                "issued_on": exam,
                "note": "ГБУЗ КО «Калужская областная клиническая больница (психиатрическая)»",
            }
        )
    if rng.random() < 0.7:
        booklet = workday(rand_date(rng, dt.date(2025, 8, 1), dt.date(2026, 8, 28)))
        rows.append(
            {
                "kind": HireDocument.Kind.HYGIENE_CERTIFICATE,
                "number": f"{rng.randint(100_000, 999_999)}",
                "issued_on": booklet,
                # The hygiene certification is repeated every year.
                "valid_until": birthday(booklet, 1),
                "note": "ФБУЗ «Центр гигиены и эпидемиологии в Калужской области»",
            }
        )
    return rows


def languages(rng: random.Random, *, profile: str) -> list[dict[str, Any]]:
    Level = LanguageSkill.Level
    if profile == "english":
        rows = [{"language": "английский", "level": Level.FLUENT}]
        if rng.random() < 0.4:
            rows.append({"language": "немецкий", "level": Level.CONVERSANT})
        return rows
    if profile == "german":
        return [{"language": "немецкий", "level": Level.FLUENT}, {"language": "английский", "level": Level.CONVERSANT}]
    roll = rng.random()
    if profile in ("service", "vocational") or roll < 0.35:
        return []
    language = rng.choices(("английский", "немецкий", "французский"), weights=(75, 20, 5))[0]
    level = rng.choices((Level.DICTIONARY, Level.CONVERSANT), weights=(70, 30))[0]
    return [{"language": language, "level": level}]


_SOLDIER_SPECIALTIES = ("100182", "106646", "113194", "837037", "102154", "461037")
_OFFICER_SPECIALTIES = ("420100", "390200", "441000", "490101")
_COMMISSARIAT = "Военный комиссариат г. Калуги Калужской области"


def military_record(
    rng: random.Random, *, sex: str, birth: dt.date, higher_education: bool, as_of: dt.date
) -> dict[str, Any] | None:
    """Return the military-registration data of a man in the reserve or of a woman with a military specialty.

    Reserve ages (ФЗ № 53 «О воинской обязанности», ст. 53): soldiers and sergeants to 50,
    junior officers to 60; women with a military specialty to 45. Older people are not registered.
    """
    age = (as_of - birth).days // 365
    if sex == "F":
        if age > 45:
            return None
        return {
            "reserve_category": MilitaryRecord.ReserveCategory.FIRST
            if age <= 35
            else MilitaryRecord.ReserveCategory.SECOND,
            "rank": "рядовой",
            "composition": "солдаты",
            "specialty_code": rng.choice(("901360", "837037")),
            "fitness": MilitaryRecord.Fitness.A,
            "commissariat": _COMMISSARIAT,
        }
    officer = higher_education and rng.random() < 0.45
    if age > (60 if officer else 50):
        return None
    if officer:
        rank = rng.choice(("лейтенант", "старший лейтенант", "старший лейтенант", "капитан"))
        composition, code = "офицеры", rng.choice(_OFFICER_SPECIALTIES)
        category = MilitaryRecord.ReserveCategory.FIRST if age <= 50 else MilitaryRecord.ReserveCategory.SECOND
    else:
        rank = rng.choice(("рядовой", "рядовой", "ефрейтор", "младший сержант", "сержант"))
        composition = "сержанты" if "сержант" in rank else "солдаты"
        code = rng.choice(_SOLDIER_SPECIALTIES)
        category = MilitaryRecord.ReserveCategory.FIRST if age <= 35 else MilitaryRecord.ReserveCategory.SECOND
    return {
        "reserve_category": category,
        "rank": rank,
        "composition": composition,
        "specialty_code": code,
        "fitness": rng.choices(
            (MilitaryRecord.Fitness.A, MilitaryRecord.Fitness.B, MilitaryRecord.Fitness.V), weights=(60, 30, 10)
        )[0],
        "commissariat": _COMMISSARIAT,
    }
