"""What the demo organisations consist of: their structure, staffing tables and the staff they employ.

Three organisations of Kaluga: a large lyceum, a small basic school and the municipal centralised HR
service that keeps the records of both (the organisation switcher and tenancy need more than one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from kadry.demo.people import ogrn, organisation_inn
from kadry.staff.models import Position

Category = Position.Category

# The demo is set on the first day of the 2026/2027 school year: every date it records falls on or
# before this day, so the cards pass their "not in the future" checks and every build is the same.
DEMO_DAY = dt.date(2026, 9, 1)
ACADEMIC_YEAR = ("2026/2027", dt.date(2026, 9, 1), dt.date(2027, 5, 31))

# МРОТ from 01.01.2026 (Федеральный закон от 28.11.2025): a full rate pays no less, so the salaries of
# the service staff, below it as in real staffing tables, are topped up by an allowance.
MINIMUM_WAGE = Decimal("27093")


@dataclass(frozen=True)
class OrganisationPlan:
    key: str
    name: str
    short_name: str
    kind: str
    inn: str
    ogrn: str
    address: str


HR_SERVICE = OrganisationPlan(
    key="hr_service",
    name="Муниципальное казённое учреждение «Центр кадрового обеспечения образовательных организаций» города Калуги",
    short_name="МКУ «Центр кадрового обеспечения»",
    kind="hr_service",
    inn=organisation_inn("402705713"),
    ogrn=ogrn("115402700457"),
    address="248000, Калужская обл., г. Калуга, ул. Театральная, д. 12",
)
LYCEUM = OrganisationPlan(
    key="lyceum",
    name="Муниципальное автономное общеобразовательное учреждение «Лицей № 7» города Калуги",
    short_name="МАОУ «Лицей № 7»",
    kind="school",
    inn=organisation_inn("402801467"),
    ogrn=ogrn("102400710943"),
    address="248021, Калужская обл., г. Калуга, ул. Академическая, д. 7",
)
SMALL_SCHOOL = OrganisationPlan(
    key="small_school",
    name="Муниципальное бюджетное общеобразовательное учреждение «Основная общеобразовательная школа № 41» города Калуги",
    short_name="МБОУ «ООШ № 41»",
    kind="school",
    inn=organisation_inn("402901322"),
    ogrn=ogrn("102400736218"),
    address="248017, Калужская обл., г. Калуга, ул. Азаровская, д. 41",
)
ORGANISATIONS = (HR_SERVICE, LYCEUM, SMALL_SCHOOL)
DEMO_INNS = tuple(plan.inn for plan in ORGANISATIONS)


@dataclass(frozen=True)
class PositionSpec:
    category: str
    profile: str  # the education and training a holder has (see education.py)
    female_share: float
    born: tuple[int, int] = (1958, 2001)
    # The subject in the genitive («математики»), for courses («Школа современного учителя математики»).
    subject: str = ""


PED, MGT, SUP, ADM, SRV = (
    Category.PEDAGOGICAL,
    Category.MANAGEMENT,
    Category.EDUCATIONAL_SUPPORT,
    Category.ADMINISTRATIVE,
    Category.SERVICE,
)
POSITIONS: dict[str, PositionSpec] = {
    # Руководящие работники.
    "директор": PositionSpec(MGT, "manager", 0.65, (1963, 1982)),
    "заместитель директора по учебно-воспитательной работе": PositionSpec(MGT, "manager", 0.85, (1962, 1990)),
    "заместитель директора по воспитательной работе": PositionSpec(MGT, "manager", 0.9, (1968, 1992)),
    "заместитель директора по административно-хозяйственной части": PositionSpec(MGT, "engineer", 0.35, (1962, 1988)),
    "заместитель директора": PositionSpec(MGT, "hr", 0.85, (1965, 1985)),
    "начальник отдела кадрового сопровождения": PositionSpec(MGT, "hr", 0.9, (1965, 1988)),
    # Педагогические работники (номенклатура: Постановление Правительства РФ № 225 от 21.02.2022).
    "учитель математики": PositionSpec(PED, "math", 0.85, subject="математики"),
    "учитель информатики": PositionSpec(PED, "informatics", 0.5, subject="информатики"),
    "учитель русского языка и литературы": PositionSpec(PED, "russian", 0.97, subject="русского языка и литературы"),
    "учитель английского языка": PositionSpec(PED, "english", 0.95, subject="английского языка"),
    "учитель немецкого языка": PositionSpec(PED, "german", 0.95, subject="немецкого языка"),
    "учитель физики": PositionSpec(PED, "physics", 0.6, subject="физики"),
    "учитель химии": PositionSpec(PED, "chemistry", 0.85, subject="химии"),
    "учитель биологии": PositionSpec(PED, "biology", 0.9, subject="биологии"),
    "учитель биологии и химии": PositionSpec(PED, "biology", 0.9, subject="биологии"),
    "учитель географии": PositionSpec(PED, "geography", 0.8, subject="географии"),
    "учитель истории и обществознания": PositionSpec(PED, "history", 0.75, subject="истории и обществознания"),
    "учитель начальных классов": PositionSpec(PED, "primary", 0.97, subject="начальных классов"),
    "учитель физической культуры": PositionSpec(PED, "pe", 0.45, subject="физической культуры"),
    "преподаватель-организатор основ безопасности и защиты Родины": PositionSpec(
        PED, "obzr", 0.15, (1962, 1995), subject="ОБЗР"
    ),
    "учитель музыки": PositionSpec(PED, "music", 0.85, subject="музыки"),
    "учитель изобразительного искусства": PositionSpec(PED, "art", 0.85, subject="изобразительного искусства"),
    "учитель труда (технологии)": PositionSpec(PED, "technology", 0.5, subject="труда (технологии)"),
    "педагог-психолог": PositionSpec(PED, "psychology", 0.95),
    "социальный педагог": PositionSpec(PED, "social", 0.95),
    "учитель-логопед": PositionSpec(PED, "speech", 1.0),
    "педагог-организатор": PositionSpec(PED, "organiser", 0.8, (1975, 2001)),
    "педагог дополнительного образования": PositionSpec(PED, "additional", 0.65),
    "воспитатель группы продлённого дня": PositionSpec(PED, "primary", 0.98),
    "тьютор": PositionSpec(PED, "psychology", 0.9, (1980, 2001)),
    "советник директора по воспитанию и взаимодействию с детскими общественными объединениями": PositionSpec(
        PED, "organiser", 0.75, (1985, 2001)
    ),
    "педагог-библиотекарь": PositionSpec(PED, "library", 0.95),
    # Учебно-вспомогательный персонал.
    "заведующий библиотекой": PositionSpec(SUP, "library", 0.95, (1960, 1985)),
    "лаборант": PositionSpec(SUP, "lab", 0.9),
    "секретарь учебной части": PositionSpec(SUP, "clerical", 1.0),
    # Административно-хозяйственный персонал.
    "специалист по кадрам": PositionSpec(ADM, "hr", 0.95, (1965, 1995)),
    "инспектор по кадрам": PositionSpec(ADM, "hr", 0.95),
    "ведущий специалист по кадрам": PositionSpec(ADM, "hr", 0.95, (1968, 1998)),
    "специалист по охране труда": PositionSpec(ADM, "safety", 0.6),
    "главный бухгалтер": PositionSpec(ADM, "accounting", 0.95, (1962, 1985)),
    "бухгалтер": PositionSpec(ADM, "accounting", 0.95),
    "контрактный управляющий": PositionSpec(ADM, "economics", 0.8),
    "системный администратор": PositionSpec(ADM, "it", 0.15, (1975, 2000)),
    "заведующий хозяйством": PositionSpec(ADM, "vocational", 0.6, (1960, 1985)),
    # Обслуживающий персонал.
    "уборщик служебных помещений": PositionSpec(SRV, "service", 0.92, (1958, 1995)),
    "рабочий по комплексному обслуживанию и ремонту зданий": PositionSpec(SRV, "vocational", 0.0, (1960, 1995)),
    "сторож": PositionSpec(SRV, "service", 0.3, (1958, 1985)),
    "гардеробщик": PositionSpec(SRV, "service", 0.95, (1958, 1980)),
    "дворник": PositionSpec(SRV, "service", 0.4, (1958, 1990)),
}


@dataclass(frozen=True)
class UnitPlan:
    """A line of the staffing table and the rates of the people who hold it as their main job now."""

    department: str
    position: str
    rates: str
    salary: int
    allowance: int = 0
    staff: tuple[str, ...] = ()  # main-job rates of the current holders: ("1", "1", "0.5")
    note: str = ""


@dataclass(frozen=True)
class PartTimePlan:
    """An internal part-time job (внутреннее совместительство) of one of the staff."""

    holder: str  # the holder's main position …
    holder_index: int  # … and which of its holders, in the order of ``staff``
    position: str  # the position whose staffing unit is held part-time
    rate: str


@dataclass(frozen=True)
class LeaverPlan:
    """Somebody who worked here and left: their rate is one of today's vacancies."""

    position: str
    rate: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class StaffPlan:
    # (name, parent name or None); children follow their parent.
    departments: tuple[tuple[str, str | None], ...]
    units: tuple[UnitPlan, ...]
    part_time: tuple[PartTimePlan, ...] = ()
    leavers: tuple[LeaverPlan, ...] = ()
    # Classes: (grades, letters, pupils per class).
    classes: tuple[range, tuple[str, ...], tuple[int, int]] | None = None


_ADMIN = "Администрация"
_MO = "Методические объединения"
_MATH = "МО учителей математики и информатики"
_RUS = "МО учителей русского языка и литературы"
_LANG = "МО учителей иностранных языков"
_SCI = "МО учителей естественных наук"
_HIST = "МО учителей истории и обществознания"
_PRIMARY = "МО учителей начальных классов"
_PE = "МО учителей физической культуры и ОБЗР"
_ART = "МО учителей искусства и технологии"
_PSY = "Социально-психологическая служба"
_LIB = "Библиотека"
_HR = "Отдел кадров"
_ACC = "Бухгалтерия"
_HOUSE = "Хозяйственная служба"

_TEACHER = 30_500  # оклад учителя за ставку (18 часов в неделю), Калуга, 2026
_LYCEUM_ALLOWANCE = 4_575  # 15 % за работу в лицее (углублённое изучение предметов)


def _n(count: int, rate: str = "1") -> tuple[str, ...]:
    return (rate,) * count


LYCEUM_STAFF = StaffPlan(
    departments=(
        (_ADMIN, None),
        (_MO, None),
        (_MATH, _MO),
        (_RUS, _MO),
        (_LANG, _MO),
        (_SCI, _MO),
        (_HIST, _MO),
        (_PRIMARY, _MO),
        (_PE, _MO),
        (_ART, _MO),
        (_PSY, None),
        (_LIB, None),
        (_HR, None),
        (_ACC, None),
        (_HOUSE, None),
    ),
    units=(
        UnitPlan(_ADMIN, "директор", "1", 78_000, 15_600, _n(1)),
        UnitPlan(_ADMIN, "заместитель директора по учебно-воспитательной работе", "3", 62_000, 9_300, _n(3)),
        UnitPlan(_ADMIN, "заместитель директора по воспитательной работе", "1", 62_000, 9_300, _n(1)),
        UnitPlan(_ADMIN, "заместитель директора по административно-хозяйственной части", "1", 58_000, 5_800, _n(1)),
        UnitPlan(_ADMIN, "секретарь учебной части", "1", 25_000, 2_100, _n(1)),
        UnitPlan(_ADMIN, "системный администратор", "1", 34_000, 3_400, _n(1)),
        UnitPlan(_ADMIN, "контрактный управляющий", "1", 36_000, 3_600, _n(1)),
        UnitPlan(_MATH, "учитель математики", "9", _TEACHER, _LYCEUM_ALLOWANCE, (*_n(7), "0.5")),
        UnitPlan(_MATH, "учитель информатики", "3", _TEACHER, _LYCEUM_ALLOWANCE, _n(2)),
        UnitPlan(_RUS, "учитель русского языка и литературы", "11", _TEACHER, _LYCEUM_ALLOWANCE, _n(10)),
        UnitPlan(_LANG, "учитель английского языка", "9", _TEACHER, _LYCEUM_ALLOWANCE, _n(8)),
        UnitPlan(_LANG, "учитель немецкого языка", "1", _TEACHER, _LYCEUM_ALLOWANCE, _n(1)),
        UnitPlan(_SCI, "учитель физики", "3", _TEACHER, _LYCEUM_ALLOWANCE, _n(2)),
        UnitPlan(_SCI, "учитель химии", "2", _TEACHER, _LYCEUM_ALLOWANCE, _n(2)),
        UnitPlan(_SCI, "учитель биологии", "2", _TEACHER, _LYCEUM_ALLOWANCE, _n(2)),
        UnitPlan(_SCI, "учитель географии", "1.5", _TEACHER, _LYCEUM_ALLOWANCE, _n(1)),
        UnitPlan(_SCI, "лаборант", "2", 24_500, 2_600, _n(2)),
        UnitPlan(_HIST, "учитель истории и обществознания", "5.5", _TEACHER, _LYCEUM_ALLOWANCE, _n(5)),
        UnitPlan(_PRIMARY, "учитель начальных классов", "15", _TEACHER, _LYCEUM_ALLOWANCE, _n(14)),
        UnitPlan(_PRIMARY, "воспитатель группы продлённого дня", "3", 28_000, 2_800, ("1", "1", "0.5")),
        UnitPlan(_PE, "учитель физической культуры", "5", _TEACHER, _LYCEUM_ALLOWANCE, (*_n(4), "0.5")),
        UnitPlan(
            _PE, "преподаватель-организатор основ безопасности и защиты Родины", "1", _TEACHER, _LYCEUM_ALLOWANCE, _n(1)
        ),
        UnitPlan(_ART, "учитель музыки", "1.5", _TEACHER, _LYCEUM_ALLOWANCE, _n(1)),
        UnitPlan(_ART, "учитель изобразительного искусства", "1", _TEACHER, _LYCEUM_ALLOWANCE, _n(1)),
        UnitPlan(_ART, "учитель труда (технологии)", "2", _TEACHER, _LYCEUM_ALLOWANCE, _n(2)),
        UnitPlan(_PSY, "педагог-психолог", "2", 29_800, 2_980, _n(2)),
        UnitPlan(_PSY, "социальный педагог", "1", 29_800, 2_980, _n(1)),
        UnitPlan(_PSY, "учитель-логопед", "1", 29_800, 2_980, _n(1)),
        UnitPlan(_PSY, "тьютор", "1", 28_000, 2_800, _n(1)),
        UnitPlan(_PSY, "педагог-организатор", "1", 28_500, 2_850, _n(1)),
        UnitPlan(_PSY, "педагог дополнительного образования", "3.5", 28_500, 2_850, ("1", "1", "0.5")),
        UnitPlan(
            _PSY,
            "советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
            "1",
            35_000,
            0,
            _n(1),
            note="оплата из федеральной субсидии",
        ),
        UnitPlan(_LIB, "заведующий библиотекой", "1", 31_000, 3_100, _n(1)),
        UnitPlan(_LIB, "педагог-библиотекарь", "1", 28_500, 2_850, _n(1)),
        UnitPlan(_HR, "специалист по кадрам", "1", 34_000, 3_400, _n(1)),
        UnitPlan(_HR, "инспектор по кадрам", "1", 30_000, 3_000, _n(1)),
        UnitPlan(_ACC, "главный бухгалтер", "1", 55_000, 5_500, _n(1)),
        UnitPlan(_ACC, "бухгалтер", "2", 33_000, 3_300, _n(2)),
        UnitPlan(_HOUSE, "заведующий хозяйством", "1", 32_000, 3_200, _n(1)),
        UnitPlan(_HOUSE, "уборщик служебных помещений", "11", 21_000, 6_100, _n(10), note="доплата до МРОТ"),
        UnitPlan(
            _HOUSE,
            "рабочий по комплексному обслуживанию и ремонту зданий",
            "2",
            23_000,
            4_100,
            _n(2),
            note="доплата до МРОТ",
        ),
        UnitPlan(_HOUSE, "сторож", "4", 21_000, 6_100, _n(4), note="доплата до МРОТ"),
        UnitPlan(_HOUSE, "гардеробщик", "2", 21_000, 6_100, _n(2), note="доплата до МРОТ"),
        UnitPlan(_HOUSE, "дворник", "1.5", 21_000, 6_100, _n(1), note="доплата до МРОТ"),
    ),
    part_time=(
        # Deputies and the director keep a few lessons; teachers take the hours of a second subject.
        PartTimePlan("заместитель директора по учебно-воспитательной работе", 0, "учитель математики", "0.5"),
        PartTimePlan(
            "заместитель директора по учебно-воспитательной работе", 1, "учитель русского языка и литературы", "0.5"
        ),
        PartTimePlan("директор", 0, "учитель истории и обществознания", "0.25"),
        PartTimePlan("учитель математики", 0, "учитель информатики", "0.5"),
        PartTimePlan("учитель биологии", 0, "учитель географии", "0.5"),
        PartTimePlan("педагог-организатор", 0, "педагог дополнительного образования", "0.5"),
    ),
    leavers=(
        LeaverPlan("учитель физики", "1", dt.date(2017, 8, 28), dt.date(2026, 6, 30)),
        LeaverPlan("учитель английского языка", "1", dt.date(2021, 8, 30), dt.date(2025, 8, 29)),
        LeaverPlan("учитель начальных классов", "1", dt.date(1998, 8, 31), dt.date(2026, 5, 29)),
        LeaverPlan("учитель математики", "1", dt.date(2023, 8, 28), dt.date(2026, 2, 13)),
        LeaverPlan("уборщик служебных помещений", "1", dt.date(2019, 3, 11), dt.date(2026, 4, 30)),
        LeaverPlan("учитель информатики", "0.5", dt.date(2022, 9, 1), dt.date(2025, 12, 30)),
        LeaverPlan("учитель русского языка и литературы", "0.5", dt.date(2024, 8, 26), dt.date(2025, 6, 20)),
    ),
    classes=(range(1, 12), ("А", "Б", "В"), (25, 30)),
)

SMALL_SCHOOL_STAFF = StaffPlan(
    departments=((_ADMIN, None), ("Педагогический коллектив", None), (_HOUSE, None)),
    units=(
        UnitPlan(_ADMIN, "директор", "1", 65_000, 6_500, _n(1)),
        UnitPlan(_ADMIN, "заместитель директора по учебно-воспитательной работе", "1", 52_000, 5_200, _n(1)),
        UnitPlan("Педагогический коллектив", "учитель начальных классов", "4", 29_000, 0, _n(4)),
        UnitPlan("Педагогический коллектив", "учитель русского языка и литературы", "2", 29_000, 0, _n(2)),
        UnitPlan("Педагогический коллектив", "учитель математики", "1.5", 29_000, 0, _n(1)),
        UnitPlan("Педагогический коллектив", "учитель английского языка", "1", 29_000, 0, _n(1)),
        UnitPlan("Педагогический коллектив", "учитель биологии и химии", "1", 29_000, 0, _n(1)),
        UnitPlan("Педагогический коллектив", "учитель физической культуры", "1", 29_000, 0, _n(1)),
        UnitPlan(_HOUSE, "уборщик служебных помещений", "2", 21_000, 6_100, _n(2), note="доплата до МРОТ"),
        UnitPlan(_HOUSE, "сторож", "2", 21_000, 6_100, _n(1), note="доплата до МРОТ"),
    ),
    classes=(range(1, 10), ("А",), (12, 18)),
)

_CKO_DEPT = "Отдел кадрового сопровождения образовательных организаций"
HR_SERVICE_STAFF = StaffPlan(
    departments=(("Руководство", None), (_CKO_DEPT, None)),
    units=(
        UnitPlan("Руководство", "директор", "1", 68_000, 6_800, _n(1)),
        UnitPlan("Руководство", "заместитель директора", "1", 56_000, 5_600, _n(1)),
        UnitPlan(_CKO_DEPT, "начальник отдела кадрового сопровождения", "1", 48_000, 4_800, _n(1)),
        UnitPlan(_CKO_DEPT, "ведущий специалист по кадрам", "5", 38_000, 3_800, _n(4)),
        UnitPlan(_CKO_DEPT, "специалист по охране труда", "1", 36_000, 3_600, _n(1)),
    ),
)

STAFF_PLANS: dict[str, StaffPlan] = {
    LYCEUM.key: LYCEUM_STAFF,
    SMALL_SCHOOL.key: SMALL_SCHOOL_STAFF,
    HR_SERVICE.key: HR_SERVICE_STAFF,
}
