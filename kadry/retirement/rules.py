"""Pension ages and terms as data: when the right to an old-age pension arises, and the pre-retirement age.

Pure functions of plain values (no database). Every number names its source:

- the general old-age insurance pension: Федеральный закон от 28.12.2013 № 400-ФЗ «О страховых
  пенсиях», ст. 8 ч. 1 — 65 years for men, 60 for women (as amended by Федеральный закон от
  03.10.2018 № 350-ФЗ), reached step by step by the table of Приложение 6 к 400-ФЗ: the age of the
  former wording (60 / 55) plus 12, 24, 36, 48 months for those who would have reached it in 2019,
  2020, 2021, 2022, and plus 60 months from 2023 on;
- the relief for 2019–2020: 350-ФЗ ст. 10 ч. 3 — those who would have reached the former age (or
  the right to an early pension by Приложение 7) in 2019 or 2020 receive the pension up to six
  months before the date of the table;
- teachers: 400-ФЗ ст. 30 ч. 1 п. 19 — an early pension after at least 25 years of pedagogical
  activity in institutions for children, whatever the age, not earlier than the term of
  Приложение 7 к 400-ФЗ after the year in which the 25 years are reached: 2019 — 12 months,
  2020 — 24, 2021 — 36, 2022 — 48, 2023 and later — 60 (ст. 30 ч. 1.1);
- pre-retirement age: the five years before the age giving the right to an old-age insurance
  pension, an early one included (Федеральный закон от 12.12.2023 № 565-ФЗ «О занятости населения
  в Российской Федерации», ст. 2 ч. 1 п. 4 подп. «г»; ТК РФ ст. 185.1 ч. 3 uses the same five years); ТК РФ ст. 185.1 ч. 3 gives
  these workers, and those receiving an old-age pension, two paid working days off a year for the
  medical check-up (диспансеризация), keeping their average earnings.

Dates move by whole months from the date of birth (or the day the 25 years are reached); a month
without that day ends on its last day (ГК РФ ст. 192 п. 3): 29.02 + 12 months → 28.02.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MALE, FEMALE = "M", "F"

# 400-ФЗ ст. 8 ч. 1 in the wording before 01.01.2019: the base of Приложение 6.
FORMER_AGE = {MALE: 60, FEMALE: 55}
# 400-ФЗ ст. 8 ч. 1 (350-ФЗ): the general age once the transition is over.
GENERAL_AGE = {MALE: 65, FEMALE: 60}
# Приложение 6 к 400-ФЗ: the year the former age is reached → months added to it.
AGE_INCREASE_MONTHS = {2019: 12, 2020: 24, 2021: 36, 2022: 48}
AGE_INCREASE_FROM_2023 = 60
# Приложение 7 к 400-ФЗ (п. 19 ч. 1 ст. 30): the year the 25 years are reached → months of deferral.
TEACHER_DEFERRAL_MONTHS = {2019: 12, 2020: 24, 2021: 36, 2022: 48}
TEACHER_DEFERRAL_FROM_2023 = 60
TEACHER_YEARS = 25  # 400-ФЗ ст. 30 ч. 1 п. 19
# 350-ФЗ ст. 10 ч. 3: up to six months earlier for those whose right would have arisen in 2019–2020.
RELIEF_MONTHS = {2019: 6, 2020: 6}
TRANSITION_START = 2019  # 350-ФЗ came into force on 01.01.2019
PRE_RETIREMENT_YEARS = 5  # 565-ФЗ ст. 2 ч. 1 п. 4 подп. «г»; ТК РФ ст. 185.1 ч. 3
CHECKUP_DAYS = 2  # ТК РФ ст. 185.1 ч. 3: two working days once a year

GENERAL_SOURCE = "400-ФЗ ст. 8 ч. 1, приложение 6; 350-ФЗ ст. 10 ч. 3"
TEACHER_SOURCE = "400-ФЗ ст. 30 ч. 1 п. 19, ч. 1.1, приложение 7; 350-ФЗ ст. 10 ч. 3"
PRE_RETIREMENT_SOURCE = "565-ФЗ «О занятости населения» ст. 2 ч. 1 п. 4 подп. «г»; ТК РФ ст. 185.1 ч. 3"
CHECKUP_SOURCE = "ТК РФ ст. 185.1 ч. 3"


def months_later(day: dt.date, months: int) -> dt.date:
    """Return the day ``months`` later (earlier when negative); a missing day is the month's last (ГК РФ ст. 192 п. 3)."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class PensionAge:
    """The age (years and months) giving the right to the general old-age pension, and the day it is reached."""

    years: int
    months: int
    date: dt.date


def general_pension(sex: str, birth: dt.date) -> PensionAge:
    """Return the general old-age pension age of a person born on ``birth`` (400-ФЗ ст. 8, приложение 6).

    The year the former age (60 / 55) is reached selects the row of Приложение 6; 2019 and 2020 then
    take off the six months of 350-ФЗ ст. 10 ч. 3.
    """
    former = FORMER_AGE[sex]
    year = birth.year + former
    if year < TRANSITION_START:
        added = 0
    else:
        added = AGE_INCREASE_MONTHS.get(year, AGE_INCREASE_FROM_2023) - RELIEF_MONTHS.get(year, 0)
    months = former * 12 + added
    return PensionAge(months // 12, months % 12, months_later(birth, months))


def teacher_pension_date(reached_on: dt.date) -> dt.date:
    """Return the day the early pension of a teacher may be granted: 25 years reached on ``reached_on`` + Приложение 7.

    Before 2019 the right arose on the day itself; from 2019 the deferral of its year, less the six
    months of relief for 2019 and 2020 (350-ФЗ ст. 10 ч. 3).
    """
    year = reached_on.year
    if year < TRANSITION_START:
        return reached_on
    deferral = TEACHER_DEFERRAL_MONTHS.get(year, TEACHER_DEFERRAL_FROM_2023) - RELIEF_MONTHS.get(year, 0)
    return months_later(reached_on, deferral)


def pre_retirement_start(right_on: dt.date) -> dt.date:
    """Return the first day of the pre-retirement age: five years before the right to a pension (565-ФЗ)."""
    return months_later(right_on, -12 * PRE_RETIREMENT_YEARS)


@dataclass(frozen=True)
class Outlook:
    """A person's pension terms: the general age, the teacher's right (when any), the earliest and pre-retirement."""

    general: PensionAge
    teacher_right_on: dt.date | None
    teacher_25_on: dt.date | None

    @property
    def right_on(self) -> dt.date:
        """Return the earliest day of a right to an old-age pension, early or general."""
        if self.teacher_right_on is not None and self.teacher_right_on < self.general.date:
            return self.teacher_right_on
        return self.general.date

    @property
    def early(self) -> bool:
        return self.right_on != self.general.date

    @property
    def pre_retirement_from(self) -> dt.date:
        return pre_retirement_start(self.right_on)

    def status_on(self, day: dt.date) -> str:
        """Return «pension» once the right has arisen, «pre» in the five years before it, else «before»."""
        if day >= self.right_on:
            return "pension"
        if day >= self.pre_retirement_from:
            return "pre"
        return "before"


def outlook(sex: str, birth: dt.date, teacher_25_on: dt.date | None) -> Outlook:
    """Return the pension terms of a person; ``teacher_25_on``: the day 25 years of pedagogical service are reached."""
    right = teacher_pension_date(teacher_25_on) if teacher_25_on is not None else None
    return Outlook(general_pension(sex, birth), right, teacher_25_on)


# What the personnel office prepares for the Social Fund (СФР) before an employee's right arises.
# (document, when it applies: "all" or "teacher", source)
SFR_CHECKLIST: tuple[tuple[str, str, str], ...] = (
    ("Сведения о трудовой деятельности (СТД-Р) по заявлению работника", "all", "ТК РФ ст. 66.1 ч. 5"),
    ("Заверенная копия трудовой книжки и документов, связанных с работой, по заявлению работника",
     "all", "ТК РФ ст. 62 ч. 1"),
    ("Проверка сведений индивидуального (персонифицированного) учёта: ЕФС-1 представлены за все периоды",
     "all", "Федеральный закон от 01.04.1996 № 27-ФЗ ст. 11"),
    ("Справка о заработной плате за 60 месяцев до 01.01.2002 (при необходимости, из архива)",
     "all", "Федеральный закон от 17.12.2001 № 173-ФЗ ст. 30 п. 3"),
    ("Справка, уточняющая особый характер работы (педагогическая деятельность в учреждениях для детей)",
     "teacher", "400-ФЗ ст. 30 ч. 1 п. 19, ст. 14"),
    ("Периоды, не включаемые в специальный стаж (отпуска без сохранения заработка, простои) — перечень",
     "teacher", "Правила, утв. постановлением Правительства РФ от 29.10.2002 № 781, п. 4–5"),
    ("Код особых условий / досрочной пенсии в сведениях о страховом стаже (ЕФС-1, подраздел 1.2)",
     "teacher", "Федеральный закон от 01.04.1996 № 27-ФЗ ст. 11 п. 2"),
)  # fmt: skip


def checklist(teacher: bool) -> list[tuple[str, str]]:
    """Return the documents (with their source) to prepare for the СФР for an employee, a teacher's included."""
    return [(what, source) for what, kind, source in SFR_CHECKLIST if kind == "all" or teacher]
