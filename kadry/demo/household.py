"""Family: marriage, spouse, children, a maiden name, and the benefits that follow from them.

The family is consistent: a married woman who took her husband's surname has it in the card and
her maiden name under «прежние ФИО» from the wedding day; her children bear the husband's surname
and a patronymic from his first name.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from kadry.demo.names import MALE_NAMES, NameMaker, feminine_surname, patronymic, surname_for
from kadry.demo.people import Person, birthday, rand_date, workday
from kadry.staff.models import Employee, FamilyMember

Status = Employee.MaritalStatus
Relation = FamilyMember.Relation


@dataclass
class Household:
    marital_status: str
    # The person as the card shows them now: their surname may be the spouse's.
    last_name: str
    family: list[dict[str, Any]] = field(default_factory=list)
    name_change: dict[str, Any] | None = None
    benefits: list[dict[str, Any]] = field(default_factory=list)


def household(rng: random.Random, names: NameMaker, person: Person, *, as_of: dt.date) -> Household:
    age = (as_of - person.birth_date).days // 365
    if age < 25:
        weights = {Status.NEVER_MARRIED: 70, Status.MARRIED: 30}
    elif age < 35:
        weights = {Status.NEVER_MARRIED: 25, Status.MARRIED: 62, Status.DIVORCED: 13}
    elif age < 55:
        weights = {Status.NEVER_MARRIED: 8, Status.MARRIED: 70, Status.DIVORCED: 18, Status.WIDOWED: 4}
    else:
        weights = {Status.NEVER_MARRIED: 5, Status.MARRIED: 58, Status.DIVORCED: 15, Status.WIDOWED: 22}
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    result = Household(marital_status=status, last_name=person.last_name)
    if status == Status.NEVER_MARRIED:
        if age < 30 and rng.random() < 0.5:
            _add_parents(rng, names, person, result)
        if person.sex == "F" and age >= 28 and rng.random() < 0.15:
            _add_children(
                rng,
                names,
                person,
                result,
                family=person.family_surname,
                father=None,
                since=birthday(person.birth_date, 22),
                as_of=as_of,
            )
        return result

    wedding = workday(
        rand_date(
            rng, birthday(person.birth_date, 20), min(birthday(person.birth_date, 33), as_of - dt.timedelta(days=30))
        )
    )
    spouse_sex = "M" if person.sex == "F" else "F"
    spouse_birth = person.birth_date + dt.timedelta(
        days=rng.randint(-6 * 365, 2 * 365) * (1 if person.sex == "F" else -1)
    )
    if person.sex == "F":
        husband_family = names.family_surname()
        if rng.random() < 0.85:
            # She took his surname at the wedding: the card shows it, the maiden name goes to «прежние ФИО».
            result.name_change = {
                "previous_last_name": person.last_name,
                "changed_on": wedding,
                "reason": f"Свидетельство о заключении брака I-НК № {rng.randint(100_000, 999_999)} от {wedding:%d.%m.%Y}",
            }
            result.last_name = feminine_surname(husband_family)
        children_family = husband_family
    else:
        husband_family = person.family_surname
        children_family = person.family_surname
    spouse_first = names.first_name(spouse_sex, spouse_birth.year)
    father = person.first_name if person.sex == "M" else spouse_first
    if status == Status.MARRIED:
        spouse_last = (
            surname_for(husband_family, spouse_sex)
            if rng.random() < 0.9
            else surname_for(names.family_surname(), spouse_sex)
        )
        result.family.append(
            {
                "relation": Relation.SPOUSE,
                "full_name": f"{spouse_last} {spouse_first} {names.middle_name(spouse_sex, spouse_birth.year)}",
                "birth_date": spouse_birth,
            }
        )
    _add_children(rng, names, person, result, family=children_family, father=father, since=wedding, as_of=as_of)
    return result


def _add_parents(rng: random.Random, names: NameMaker, person: Person, result: Household) -> None:
    father_birth = person.birth_date - dt.timedelta(days=rng.randint(23 * 365, 34 * 365))
    mother_birth = person.birth_date - dt.timedelta(days=rng.randint(21 * 365, 32 * 365))
    father_first = _father_from_patronymic(person.middle_name) or names.first_name("M", father_birth.year)
    result.family.append(
        {
            "relation": Relation.MOTHER,
            "full_name": f"{feminine_surname(person.family_surname)} {names.first_name('F', mother_birth.year)} {names.middle_name('F', mother_birth.year)}",
            "birth_date": mother_birth,
        }
    )
    if rng.random() < 0.75:
        result.family.append(
            {
                "relation": Relation.FATHER,
                "full_name": f"{person.family_surname} {father_first} {names.middle_name('M', father_birth.year)}",
                "birth_date": father_birth,
            }
        )


def _father_from_patronymic(middle_name: str) -> str | None:
    """Return the first name a patronymic was made from, so a father in the card matches it."""
    for name, forms in MALE_NAMES.items():
        if middle_name in forms:
            return name
    return None


def _add_children(
    rng: random.Random,
    names: NameMaker,
    person: Person,
    result: Household,
    *,
    family: str,
    father: str | None,
    since: dt.date,
    as_of: dt.date,
) -> None:
    count = rng.choices((0, 1, 2, 3), weights=(15, 35, 40, 10))[0]
    last_possible = min(birthday(person.birth_date, 42), as_of - dt.timedelta(days=60))
    first_possible = max(since + dt.timedelta(days=300), birthday(person.birth_date, 20))
    if count == 0 or first_possible >= last_possible:
        return
    births = sorted(rand_date(rng, first_possible, last_possible) for _ in range(count))
    dad = father or names.father_of(births[0].year + 30)
    minors = 0
    given: set[str] = set()
    for born in births:
        sex = rng.choice("MF")
        relation = Relation.SON if sex == "M" else Relation.DAUGHTER
        first_name = names.first_name(sex, born.year)
        while first_name in given:  # brothers and sisters have different names
            first_name = names.first_name(sex, born.year)
        given.add(first_name)
        result.family.append(
            {
                "relation": relation,
                "full_name": f"{surname_for(family, sex)} {first_name} {patronymic(dad, sex)}",
                "birth_date": born,
            }
        )
        minors += birthday(born, 18) > as_of
    if minors and rng.random() < 0.5:
        result.benefits.append(
            {
                "name": "Стандартный налоговый вычет на ребёнка",
                "document": f"заявление от {workday(dt.date(as_of.year, 1, 12)):%d.%m.%Y}, свидетельства о рождении детей",
                "basis": "Налоговый кодекс РФ, ст. 218, п. 1, пп. 4",
            }
        )
    if count >= 3 and minors:
        result.benefits.append(
            {
                "name": "Многодетная семья: ежегодный оплачиваемый отпуск в удобное время",
                "document": f"удостоверение многодетной семьи № {rng.randint(1000, 9999)} от {births[-1] + dt.timedelta(days=90):%d.%m.%Y}",
                "basis": "Трудовой кодекс РФ, ст. 262.2",
            }
        )
    if minors and rng.random() < 0.03:
        result.benefits.append(
            {
                "name": "Четыре дополнительных оплачиваемых выходных дня в месяц для ухода за ребёнком-инвалидом",
                "document": f"справка МСЭ-2023 № {rng.randint(1_000_000, 9_999_999)}",
                "basis": "Трудовой кодекс РФ, ст. 262",
            }
        )
