"""Military registration (воинский учёт) in the organisation: who is liable on a date, and the terms.

Pure functions of plain values. Sources:

- who is registered: Федеральный закон от 28.03.1998 № 53-ФЗ «О воинской обязанности и военной
  службе», ст. 8 (citizens obliged to be registered: conscripts and those in the reserve; women only
  with a military specialty — ст. 8 п. 1, Положение о воинском учёте п. 3), ст. 9 (first registration
  in the year of the 17th birthday), ст. 22 п. 1 (conscription age 18–30 from 01.01.2024, Федеральный
  закон от 04.08.2023 № 439-ФЗ; those who turned 27 by the end of 2023 stay in the reserve);
- the age limits of the reserve: 53-ФЗ ст. 53 п. 1 (the table by ranks, the last «разряд» ends the
  stay in the reserve), п. 2 (women: officers 50, the others 45), п. 3 (the transition 2024–2027 for
  soldiers, sailors, sergeants, petty officers, warrant officers and midshipmen);
- a citizen past the limit is retired and taken off the register: 53-ФЗ ст. 53 п. 3 (the wording
  «переводится в отставку и снимается с воинского учёта»);
- reserved citizens (забронированные) are on the special register (специальный воинский учёт): the
  card's «состоит на специальном учёте» (Т-2, раздел II; Положение о воинском учёте п. 4);
- notices to the military commissariat of hiring and dismissing the registered: Положение о
  воинском учёте, утв. постановлением Правительства РФ от 27.11.2006 № 719, п. 32 — «в 2-недельный
  срок» (the wording as amended through 2020, постановление № 103; not checked against the official
  text here). The organisation's registration itself follows the Инструкция об организации и
  осуществлении воинского учёта (приказ Министра обороны РФ от 22.11.2021 № 700, in force from
  08.01.2022, the card of form № 10 — Приложение № 22), which took the place of the Методические
  рекомендации Генштаба ВС РФ (2017).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MALE, FEMALE = "M", "F"
NOTICE_DAYS = 14  # «в 2-недельный срок»: Положение о воинском учёте (ПП РФ № 719), п. 32
NOTICE_SOURCE = "Положение о воинском учёте (ПП РФ от 27.11.2006 № 719), п. 32"
FIRST_REGISTRATION_AGE = 17  # 53-ФЗ ст. 9 п. 1: in the year of the 17th birthday
CONSCRIPTION_END_AGE = 30  # 53-ФЗ ст. 22 п. 1 (439-ФЗ, from 01.01.2024): 18 to 30
# 439-ФЗ: who had turned 27 (the former limit) by the end of 2023 was not brought back to the conscripts.
FORMER_CONSCRIPTION_END_AGE, FORMER_LIMIT_LAST_YEAR = 27, 2023
AGE_SOURCE = "53-ФЗ ст. 53"

# Groups of ranks as in 53-ФЗ ст. 53 п. 1 and the columns of form № 6.
SOLDIERS, WARRANT, JUNIOR, SENIOR, COLONELS, HIGHER = "soldiers", "warrant", "junior", "senior", "colonels", "higher"
GROUP_LABELS = {
    SOLDIERS: "солдаты, матросы, сержанты, старшины",
    WARRANT: "прапорщики и мичманы",
    JUNIOR: "младшие офицеры",
    SENIOR: "майоры, подполковники, капитаны 3 и 2 ранга",
    COLONELS: "полковники, капитаны 1 ранга",
    HIGHER: "высшие офицеры",
}
OFFICERS = frozenset({JUNIOR, SENIOR, COLONELS, HIGHER})

# 53-ФЗ ст. 53 п. 1: the age the stay in the reserve ends — the limit of the last «разряд» of the group.
MEN_LIMITS = {SOLDIERS: 55, WARRANT: 55, JUNIOR: 60, SENIOR: 65, COLONELS: 65, HIGHER: 70}
# 53-ФЗ ст. 53 п. 2: women are in the third «разряд»: officers to 50, the others to 45.
WOMEN_OFFICERS_LIMIT, WOMEN_OTHERS_LIMIT = 50, 45
# 53-ФЗ ст. 53 п. 3: soldiers … midshipmen who turn 50 in 2024–2027 stay to 51–54 (to 55 from 2028).
TRANSITION_LIMITS = {2024: 51, 2025: 52, 2026: 53, 2027: 54}
FORMER_SOLDIERS_LIMIT = 50  # before 01.01.2024: those who turned 50 by 2023 had left the reserve

# Rank words → group, the more specific first: «генерал-майор» is not a «майор», «капитан 1 ранга» not a «капитан».
_RANKS: tuple[tuple[str, str], ...] = (
    ("генерал", HIGHER), ("адмирал", HIGHER), ("маршал", HIGHER), ("капитан 1 ранга", COLONELS), ("капитан 2 ранга", SENIOR), ("капитан 3 ранга", SENIOR),
    ("капитан-лейтенант", JUNIOR), ("подполковник", SENIOR), ("полковник", COLONELS), ("майор", SENIOR),
    ("лейтенант", JUNIOR), ("капитан", JUNIOR),
    ("прапорщик", WARRANT), ("мичман", WARRANT),
)  # fmt: skip


def rank_group(rank: str) -> str:
    """Return the group of a military rank as written in the card; soldiers for anything else (рядовой, сержант…)."""
    text = " ".join(rank.lower().replace("ё", "е").split())
    for word, group in _RANKS:
        if word in text:
            return group
    return SOLDIERS


def age_on(birth: dt.date, on: dt.date) -> int:
    """Return the whole years of age on ``on``."""
    return relativedelta(on, birth).years


def reserve_limit(sex: str, birth: dt.date, group: str) -> int:
    """Return the age at which the stay in the reserve ends (53-ФЗ ст. 53 п. 1–3)."""
    if sex == FEMALE:
        return WOMEN_OFFICERS_LIMIT if group in OFFICERS else WOMEN_OTHERS_LIMIT
    if group in (SOLDIERS, WARRANT):
        fifty = birth.year + 50
        if fifty < min(TRANSITION_LIMITS):
            return FORMER_SOLDIERS_LIMIT
        return TRANSITION_LIMITS.get(fifty, MEN_LIMITS[group])
    return MEN_LIMITS[group]


@dataclass(frozen=True)
class CardFacts:
    """What section II of the card (``staff.MilitaryRecord``) says, as plain values."""

    rank: str = ""
    reserve_category: str = ""
    specialty_code: str = ""
    special_registration: str = ""
    deregistered_on: dt.date | None = None


@dataclass(frozen=True)
class Liability:
    """Why and how a person is on the register on a date."""

    conscript: bool  # «призывник»; otherwise in the reserve («пребывающий в запасе»)
    group: str  # the rank group (soldiers for conscripts)
    limit_age: int | None  # the age the reserve ends; None for a conscript
    reserved: bool  # on the special register (забронирован)
    without_card: bool  # a man of registration age with no section II in his card

    @property
    def category_label(self) -> str:
        return "призывник" if self.conscript else "пребывающий в запасе"


def liability(sex: str, birth: dt.date, on: dt.date, card: CardFacts | None) -> Liability | None:
    """Return how a person is liable to military registration on ``on``, or None when not.

    1. Taken off the register on or before ``on`` (the card says so): not liable.
    2. Men from the year of the 17th birthday (53-ФЗ ст. 9); women only with a military specialty or
       rank (ст. 8, Положение п. 3).
    3. A man with no rank and no category of reserve under 30 is a conscript (ст. 22); anyone else is
       in the reserve until the age limit of ст. 53 for the rank group.
    """
    if card is not None and card.deregistered_on is not None and card.deregistered_on <= on:
        return None
    if sex == FEMALE:
        if card is None or not (card.specialty_code or card.rank):
            return None
    elif on.year < birth.year + FIRST_REGISTRATION_AGE:
        return None
    age = age_on(birth, on)
    reserved = bool(card and card.special_registration)
    without_card = card is None
    past_former_limit = birth.year + FORMER_CONSCRIPTION_END_AGE <= FORMER_LIMIT_LAST_YEAR
    no_rank = not (card and (card.rank or card.reserve_category))
    if sex == MALE and no_rank and age < CONSCRIPTION_END_AGE and not past_former_limit:
        return Liability(True, SOLDIERS, None, reserved, without_card)
    group = rank_group(card.rank if card else "")
    limit = reserve_limit(sex, birth, group)
    if age >= limit:
        return None
    return Liability(False, group, limit, reserved, without_card)


def notice_due(event_day: dt.date) -> dt.date:
    """Return the last day to notify the commissariat of a hire or a dismissal of ``event_day`` (п. 32: two weeks)."""
    return event_day + dt.timedelta(days=NOTICE_DAYS)
