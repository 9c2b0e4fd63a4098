"""Adults of Kaluga with the documents an HR inspector copies into the personal card.

Every identifier has a valid checksum and every date agrees with the others (a passport is issued at
20 or 45, after the wedding that changed the surname), so the demo also exercises the validators.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from faker import Faker

from kadry.demo.names import NameMaker, surname_for, transliterate
from kadry.lib.identifiers import normalise_inn, snils_check_digits

REGION = "Калужская обл."
CITY = "г. Калуга"

_STREETS = (
    "ул. Кирова",
    "ул. Ленина",
    "ул. Гагарина",
    "ул. Суворова",
    "ул. Маркса",
    "ул. Карла Либкнехта",
    "ул. Достоевского",
    "ул. Пушкина",
    "ул. Московская",
    "ул. Тульская",
    "ул. Никитина",
    "ул. Телевизионная",
    "ул. Болдина",
    "ул. Академическая",
    "ул. Хрустальная",
    "ул. Фомушина",
    "ул. Знаменская",
    "ул. Баумана",
    "ул. Чичерина",
    "ул. Салтыкова-Щедрина",
    "ул. Кибальчича",
    "ул. Георгиевская",
    "ул. Плеханова",
    "ул. Вилонова",
    "ул. Генерала Попова",
    "ул. Маршала Жукова",
    "ул. Ватутина",
    "ул. Степана Разина",
    "ул. Поле Свободы",
    "ул. Смоленская",
    "ул. Луначарского",
    "ул. Дзержинского",
    "ул. Огарёва",
    "ул. Рылеева",
    "ул. Герцена",
    "ул. Циолковского",
    "ул. Королёва",
    "ул. Билибина",
    "ул. Азаровская",
    "ул. Глаголева",
    "Грабцевское ш.",
    "Тарутинская ул.",
    "пер. Старичков",
    "ул. Зерновая",
)
# Places near Kaluga where staff commute from: (postcode, locality, streets).
_SUBURBS = (
    ("249210", "Бабынинский р-н, пос. Воротынск", ("ул. Школьная", "ул. Железнодорожная", "ул. Жилгородок")),
    ("249910", "Юхновский р-н, г. Юхнов", ("ул. Ленина", "ул. Карла Маркса", "ул. Энгельса")),
    ("249130", "Перемышльский р-н, с. Перемышль", ("ул. Ленина", "ул. Колхозная", "ул. Садовая")),
    ("249800", "Ферзиковский р-н, пос. Ферзиково", ("ул. Карпова", "ул. Бычкова", "ул. Первомайская")),
    ("249030", "г. Обнинск", ("пр-т Ленина", "ул. Курчатова", "ул. Гагарина", "пр-т Маркса")),
)
_BIRTH_PLACES = (
    ("гор. Калуга", 55),
    ("гор. Обнинск Калужской обл.", 6),
    ("гор. Людиново Калужской обл.", 4),
    ("гор. Козельск Калужской обл.", 3),
    ("пос. Воротынск Бабынинского р-на Калужской обл.", 3),
    ("гор. Сухиничи Калужской обл.", 3),
    ("гор. Тула", 4),
    ("гор. Брянск", 3),
    ("гор. Москва", 5),
    ("гор. Смоленск", 2),
    ("гор. Орёл", 2),
    ("с. Перемышль Калужской обл.", 3),
    ("Респ. Казахстан, гор. Караганда", 1),
    ("Украинская ССР, гор. Чернигов", 1),
    ("Белорусская ССР, гор. Гомель", 1),
)
_MOBILE_CODES = (
    "900",
    "903",
    "905",
    "906",
    "909",
    "910",
    "915",
    "920",
    "930",
    "950",
    "953",
    "960",
    "961",
    "980",
    "999",
)
_MAIL_DOMAINS = (("mail.ru", 35), ("yandex.ru", 35), ("bk.ru", 8), ("inbox.ru", 6), ("list.ru", 6), ("gmail.com", 10))
# Codes of the passport offices of Kaluga (the first two digits are the region's code, 40).
_ISSUER_CODES = ("400-001", "400-002", "400-003", "400-004", "400-005", "400-006")
_DISTRICTS = ("Ленинским", "Московским", "Октябрьским")


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """Return a day in [start, end]; ``start`` when the range is empty."""
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def workday(day: dt.date) -> dt.date:
    """Move a day off to the next working day: orders and certificates are dated on working days.

    Days off here are weekends and the New Year holidays (1–8 January, ТК РФ ст. 112).
    """
    if day.month == 1 and day.day <= 8:
        day = day.replace(day=9)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def birthday(birth: dt.date, age: int) -> dt.date:
    """Return the day a person born on ``birth`` turns ``age`` (29 February → 1 March)."""
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:
        return dt.date(birth.year + age, 3, 1)


def weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _ in options], weights=[weight for _, weight in options])[0]


@dataclass
class Passport:
    series: str
    number: str
    issued_by: str
    issued_on: dt.date
    issuer_code: str


@dataclass
class Person:
    sex: str
    family_surname: str  # masculine form; the person's own is ``last_name``
    last_name: str
    first_name: str
    middle_name: str
    birth_date: dt.date


class PersonMaker:
    """Makes people and their documents; tracks SNILS, INN and e-mails so that none repeats in a build."""

    def __init__(self, rng: random.Random, faker: Faker) -> None:
        self.rng = rng
        self.names = NameMaker(rng, faker)
        self._snils: set[str] = set()
        self._inn: set[str] = set()
        self._emails: set[str] = set()

    # People

    def person(self, sex: str, birth_date: dt.date, family_surname: str | None = None) -> Person:
        family = family_surname or self.names.family_surname()
        return Person(
            sex=sex,
            family_surname=family,
            last_name=surname_for(family, sex),
            first_name=self.names.first_name(sex, birth_date.year),
            middle_name=self.names.middle_name(sex, birth_date.year),
            birth_date=birth_date,
        )

    def birth_place(self) -> str:
        return weighted(self.rng, _BIRTH_PLACES)

    # Identifiers

    def snils(self) -> str:
        """Return a new SNILS «XXX-XXX-XXX YY» with its check digits."""
        while True:
            number = f"{self.rng.randint(2_000_000, 199_999_999):09d}"
            value = f"{number[0:3]}-{number[3:6]}-{number[6:9]} {snils_check_digits(number):02d}"
            if value not in self._snils:
                self._snils.add(value)
                return value

    def inn(self) -> str:
        """Return a new 12-digit INN of a person registered with a Kaluga tax office."""
        while True:
            body = self.rng.choice(("4027", "4028", "4029")) + f"{self.rng.randint(0, 999_999):06d}"
            value = _with_check_digits(body, 2)
            if value not in self._inn:
                self._inn.add(value)
                return value

    def passport(self, birth_date: dt.date, *, not_before: dt.date | None, as_of: dt.date) -> Passport:
        """Return the passport valid on ``as_of``: issued at 20 or 45, or on exchanging a Soviet one in 1998–2003.

        ``not_before`` is the day the holder's name last changed: a new passport follows a wedding.
        """
        rng = self.rng
        at_45, at_20 = birthday(birth_date, 45), birthday(birth_date, 20)
        if at_45 <= as_of:
            due = at_45
        elif at_20 >= dt.date(1998, 1, 1):
            due = at_20
        else:
            due = rand_date(rng, dt.date(1998, 1, 1), dt.date(2003, 12, 31))
        if not_before and not_before > due:
            due = not_before
        issued_on = min(workday(due + dt.timedelta(days=rng.randint(7, 40))), as_of)
        if issued_on < dt.date(2005, 1, 1):
            issued_by = f"{rng.choice(_DISTRICTS)} РОВД гор. Калуги"
        elif issued_on < dt.date(2016, 6, 1):
            issued_by = rng.choice(
                (
                    "Отделом УФМС России по Калужской обл. в гор. Калуге",
                    "Отделением УФМС России по Калужской обл. в Ленинском округе гор. Калуги",
                    "Отделением УФМС России по Калужской обл. в Московском округе гор. Калуги",
                )
            )
        else:
            issued_by = "УМВД России по Калужской области"
        return Passport(
            # Series: the region's code (29, Калужская область by ОКАТО) and the year the blank was printed.
            series=f"29 {(issued_on.year - rng.randint(0, 1)) % 100:02d}",
            number=f"{rng.randint(100_000, 999_999)}",
            issued_by=issued_by,
            issued_on=issued_on,
            issuer_code=rng.choice(_ISSUER_CODES),
        )

    # Contacts

    def address(self) -> str:
        rng = self.rng
        if rng.random() < 0.12:
            postcode, locality, streets = rng.choice(_SUBURBS)
            flat = f", кв. {rng.randint(1, 60)}" if rng.random() < 0.6 else ""
            return f"{postcode}, {REGION}, {locality}, {rng.choice(streets)}, д. {rng.randint(1, 60)}{flat}"
        house = f"д. {rng.randint(1, 120)}" + (f", корп. {rng.randint(1, 4)}" if rng.random() < 0.12 else "")
        return f"2480{rng.randint(0, 33):02d}, {REGION}, {CITY}, {rng.choice(_STREETS)}, {house}, кв. {rng.randint(1, 180)}"

    def phone(self) -> str:
        rng = self.rng
        return f"+7 ({rng.choice(_MOBILE_CODES)}) {rng.randint(100, 999)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"

    def email(self, last_name: str, first_name: str, middle_name: str, birth_year: int) -> str:
        rng = self.rng
        last, first, middle = (transliterate(part) for part in (last_name, first_name, middle_name or "x"))
        local = rng.choice(
            (f"{last}.{first[0]}{middle[0]}", f"{first}.{last}", f"{last}{birth_year % 100:02d}", f"{first[0]}.{last}")
        )
        domain = weighted(rng, _MAIL_DOMAINS)
        email, n = f"{local}@{domain}", 1
        while email in self._emails:
            n += 1
            email = f"{local}{n}@{domain}"
        self._emails.add(email)
        return email


def _with_check_digits(body: str, count: int) -> str:
    """Return ``body`` completed by the ``count`` check digits that make a valid INN.

    The check digits are found by trying the candidates against ``normalise_inn``, so the rule
    lives in one place (kadry.lib.identifiers); at most 100 tries per number.
    """
    for tail in range(10**count):
        candidate = body + f"{tail:0{count}d}"
        try:
            return normalise_inn(candidate)
        except ValueError:
            continue
    raise AssertionError(f"no INN check digits for {body}")  # pragma: no cover - every body has exactly one


def organisation_inn(body: str) -> str:
    """Return the 10-digit INN of an organisation whose first nine digits are ``body``."""
    return _with_check_digits(body, 1)


def ogrn(body: str) -> str:
    """Return an ОГРН: 12 digits and a check digit, the remainder of their division by 11 (its last digit)."""
    return body + str(int(body) % 11 % 10)
