"""Mandatory training, medical examinations and documents: the kinds the law sets, as data, and their terms.

Pure: dates and plain values in, an ``Obligation`` out; the database is read in ``queries``. Every
kind names the act it comes from. Day arithmetic: «не реже одного раза в N лет» — the next one is due
on the same calendar day N years after the last (``relativedelta``: 29.02 goes to 28.02), that day
still in time; it is overdue from the day after. A document «действителен до» a date is valid
through that date.

Acts checked (see the report of issue 15 for what could not be checked):
- 273-ФЗ «Об образовании» ст. 47 ч. 5 п. 2: pedagogical workers have the right to further
  professional education in the profile of their work at least once every three years; ст. 76 ч. 2:
  further professional education is both «повышение квалификации» and «профессиональная переподготовка»;
  ст. 41 ч. 1 п. 11: pedagogical workers are trained in first aid.
- ТК РФ ст. 214 (in force since 01.03.2022): the employer trains the workers in labour protection and
  first aid; Постановление Правительства РФ от 24.12.2021 № 2464 «О порядке обучения по охране труда
  и проверки знания требований охраны труда» (Правила): first aid (п. 33, 36) and the general
  programme of labour protection at least once every three years, the first one within 60 calendar
  days of the contract (п. 4). Its term of force is limited to 01.09.2026 (п. 5 of the Постановление);
  a successor act was not found with the search tool — the periods stay as the 2464 set them.
- ТК РФ ст. 220 (former ст. 213): periodic medical examinations; Приказ Минздрава России от
  28.01.2021 № 29н, Приложение, п. 18 «работы в образовательных организациях всех типов и видов» —
  once a year; the preliminary examination on hire (ст. 220 ч. 1) is the first one.
- ТК РФ ст. 220 ч. 8 and Приказ Минздрава России от 20.05.2022 № 342н, Перечень п. 8: the psychiatric
  examination of those in pedagogical activity; Роструд's explanation: no periodic repetition
  without medical indications — required on hire only.
- ТК РФ ст. 65 ч. 1, ст. 331, 351.1: the certificate of no criminal record is presented on hire;
  the law sets no periodic renewal, so it is required at hire only (a school may ask for a renewal:
  its own period, see ``models.SchoolKind``).
- Hygiene training («санитарный минимум», the professional hygienic training and attestation): the
  federal Приказ Минздрава РФ от 29.06.2000 № 229 no longer applies and the successor order named in
  the issue (№ 1204н) could not be confirmed; the regional orders of Роспотребнадзор found set once
  in two years for school workers (yearly for the catering unit). Modelled as once in two years,
  marked unverified; a school sets its own period when its territorial office says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

ONE_DAY = dt.timedelta(days=1)
# The register's «due soon» window and the deadlines' horizon for coming items: a month is the time
# the office needs to send an employee to a course or a clinic.
DUE_SOON_DAYS = 30

# The staff categories of ``Position.Category``; kept as plain strings so the rules need no model.
PEDAGOGICAL = "pedagogical"
CATEGORY_LABELS = {
    "pedagogical": "педагогические работники",
    "management": "руководящие работники",
    "educational_support": "учебно-вспомогательный персонал",
    "administrative": "административно-хозяйственный персонал",
    "service": "обслуживающий персонал",
}


class State(StrEnum):
    VALID = "valid"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_REQUIRED = "not_required"


STATE_LABELS = {
    State.VALID: "в порядке",
    State.DUE_SOON: "срок подходит",
    State.OVERDUE: "просрочено",
    State.NOT_REQUIRED: "не требуется",
}


@dataclass(frozen=True)
class Kind:
    """A kind of mandatory training, examination or document: who must have it and how often."""

    key: str  # a built-in slug, or «school-<id>» for a kind a school added
    name: str
    action: str  # what the notice asks for: «пройти …» / «представить …»
    period_months: int | None  # None: once, on hire
    first_due_days: int  # days after hire by which the first one is due (0: on hire)
    categories: frozenset[str] | None  # the position categories it applies to; None: everyone
    source: str

    @property
    def applies_label(self) -> str:
        if self.categories is None:
            return "все работники"
        return ", ".join(CATEGORY_LABELS.get(category, category) for category in sorted(self.categories))

    @property
    def period_label(self) -> str:
        if self.period_months is None:
            return "при приёме на работу"
        if self.period_months % 12 == 0:
            years = self.period_months // 12
            return "ежегодно" if years == 1 else f"раз в {years} года" if years < 5 else f"раз в {years} лет"
        return f"раз в {self.period_months} мес."

    def applies_to(self, category: str | None) -> bool:
        return self.categories is None or category in self.categories


FURTHER_EDUCATION = "further_education"
FIRST_AID = "first_aid"
LABOUR_PROTECTION = "labour_protection"
MEDICAL_EXAM = "medical_exam"
PSYCHIATRIC_EXAM = "psychiatric_exam"
HYGIENE = "hygiene"
CRIMINAL_RECORD = "criminal_record"

BUILTIN: tuple[Kind, ...] = (
    Kind(FURTHER_EDUCATION, "Повышение квалификации (ДПО)", "пройти обучение по дополнительной профессиональной программе",
         36, 3 * 365, frozenset({PEDAGOGICAL}),
         "273-ФЗ ст. 47 ч. 5 п. 2 — не реже одного раза в три года"),
    Kind(FIRST_AID, "Обучение оказанию первой помощи", "пройти обучение по оказанию первой помощи пострадавшим",
         36, 60, frozenset({PEDAGOGICAL}),
         "273-ФЗ ст. 41 ч. 1 п. 11; ТК РФ ст. 214; Правила, утв. Постановлением Правительства РФ № 2464, п. 33, 36"),
    Kind(LABOUR_PROTECTION, "Обучение по охране труда", "пройти обучение по охране труда и проверку знания его требований",
         36, 60, None,
         "ТК РФ ст. 214; Правила, утв. Постановлением Правительства РФ № 2464, п. 4 — не реже одного раза в три года"),
    Kind(MEDICAL_EXAM, "Периодический медицинский осмотр", "пройти периодический медицинский осмотр",
         12, 0, None,
         "ТК РФ ст. 220; Приказ Минздрава России № 29н, приложение, п. 18 — один раз в год"),
    Kind(PSYCHIATRIC_EXAM, "Психиатрическое освидетельствование", "пройти обязательное психиатрическое освидетельствование",
         None, 0, frozenset({PEDAGOGICAL}),
         "ТК РФ ст. 220 ч. 8; Приказ Минздрава России № 342н, перечень, п. 8"),
    Kind(HYGIENE, "Гигиеническое обучение (санминимум)", "пройти профессиональную гигиеническую подготовку и аттестацию",
         24, 0, None,
         "52-ФЗ ст. 36 — периодичность по указанию Роспотребнадзора (не подтверждена федеральным актом)"),
    Kind(CRIMINAL_RECORD, "Справка о наличии (отсутствии) судимости", "представить справку о наличии (отсутствии) судимости",
         None, 0, None,
         "ТК РФ ст. 65, 351.1 — при приёме на работу; периодическое обновление законом не установлено"),
)  # fmt: skip
BUILTIN_BY_KEY = {kind.key: kind for kind in BUILTIN}


def school_key(pk: int) -> str:
    return f"school-{pk}"


def overridden(kind: Kind, period_months: int | None, categories: frozenset[str] | None, source: str) -> Kind:
    """Return the built-in ``kind`` with a school's own period (more often than the law, or a renewal it asks for)."""
    return Kind(kind.key, kind.name, kind.action, period_months, kind.first_due_days, categories or kind.categories,
                f"{kind.source}; школа: {source}" if source else kind.source)  # fmt: skip


def override_error(kind: Kind, period_months: int | None) -> str:
    """Return why a school may not set ``period_months`` for the built-in ``kind``, or ''."""
    if kind.period_months is not None and (period_months is None or period_months > kind.period_months):
        return f"Закон требует не реже раза в {kind.period_months} мес.: школа может только сократить срок."
    return ""


def next_due(last: dt.date, period_months: int) -> dt.date:
    """Return the last day in time for the next one after ``last`` (10.02.2023 + 36 months → 10.02.2026)."""
    return last + relativedelta(months=period_months)


@dataclass(frozen=True)
class Obligation:
    """One kind on one date for one employee: the last one, when the next is due, and where it stands."""

    kind: Kind
    required: bool
    last: dt.date | None
    due: dt.date | None  # None: nothing more is due (a document of hire presented, or not required)
    overdue: bool
    state: State
    document: str = ""


def obligation(
    kind: Kind,
    *,
    category: str | None,
    hired_on: dt.date | None,
    last: dt.date | None,
    valid_until: dt.date | None,
    on: dt.date,
    document: str = "",
    soon_days: int = DUE_SOON_DAYS,
) -> Obligation:
    """Return where ``kind`` stands on ``on`` for an employee of ``category`` hired on ``hired_on``.

    ``last``: the date of the latest one completed (or the document's date of issue); ``valid_until``:
    that document's own expiry, which wins over the kind's period (a medical report valid for less).
    Nothing done yet: the first one is due ``first_due_days`` after the hire.
    """
    if not kind.applies_to(category):
        return Obligation(kind, False, last, None, False, State.NOT_REQUIRED, document)
    if valid_until is not None:
        due: dt.date | None = valid_until
    elif last is not None:
        due = next_due(last, kind.period_months) if kind.period_months is not None else None
    elif hired_on is not None:
        due = hired_on + dt.timedelta(days=kind.first_due_days)
    else:
        due = on  # working without a known hire date: ask now
    overdue = due is not None and due < on
    if overdue:
        state = State.OVERDUE
    elif due is not None and due <= on + dt.timedelta(days=soon_days):
        state = State.DUE_SOON
    else:
        state = State.VALID
    return Obligation(kind, True, last, due, overdue, state, document)
