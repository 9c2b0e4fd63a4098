"""Import of classes, students and guardians from a table: rows in, records and errors out. No database.

The caller reads the file (CSV or XLSX) into a header and rows of cell values and passes what the
database already holds (class names of the year, file numbers of the school); these functions decide
what would be created or updated and which cells are wrong, by row and column, in Russian.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kadry.lib.tables import RowError, parse_date

CLASS = "Класс"
FILE_NUMBER = "Номер личного дела"
LAST_NAME = "Фамилия"
FIRST_NAME = "Имя"
MIDDLE_NAME = "Отчество"
SEX = "Пол"
BIRTH_DATE = "Дата рождения"
ADDRESS = "Адрес"
HEALTH_GROUP = "Группа здоровья"
ENROLLED_ON = "Дата зачисления"
GUARDIANS = 2  # columns «Представитель 1: …» and «Представитель 2: …»
G_NAME, G_RELATION, G_PHONE, G_EMAIL = "ФИО", "кем приходится", "телефон", "эл. почта"


def guardian_column(number: int, part: str) -> str:
    return f"Представитель {number}: {part}"


REQUIRED = (CLASS, FILE_NUMBER, LAST_NAME, FIRST_NAME, SEX, BIRTH_DATE)
COLUMNS: tuple[tuple[str, str], ...] = (
    (CLASS, "обязательно; параллель и литера: «7Б», «10 А»"),
    (FILE_NUMBER, "обязательно; уникален в школе; по нему найденный обучающийся обновляется"),
    (LAST_NAME, "обязательно"),
    (FIRST_NAME, "обязательно"),
    (MIDDLE_NAME, ""),
    (SEX, "обязательно; М или Ж"),
    (BIRTH_DATE, "обязательно; ДД.ММ.ГГГГ"),
    (ADDRESS, ""),
    (HEALTH_GROUP, "I–V или 1–5"),
    (ENROLLED_ON, "ДД.ММ.ГГГГ; по умолчанию — начало учебного года"),
    *(
        (guardian_column(n, part), note)
        for n in range(1, GUARDIANS + 1)
        for part, note in (
            (G_NAME, "уведомления получает первый указанный представитель" if n == 1 else ""),
            (G_RELATION, "мать, отец, опекун или иной"),
            (G_PHONE, ""),
            (G_EMAIL, ""),
        )
    ),
)
HEADERS = tuple(name for name, _note in COLUMNS)

SEXES = {"м": "M", "муж": "M", "мужской": "M", "ж": "F", "жен": "F", "женский": "F"}
HEALTH_GROUPS = {"1": "1", "i": "1", "2": "2", "ii": "2", "3": "3", "iii": "3", "4": "4", "iv": "4", "5": "5", "v": "5"}
RELATIONS = {
    "мать": "mother",
    "мама": "mother",
    "отец": "father",
    "папа": "father",
    "опекун": "guardian",
    "попечитель": "guardian",
    "опекун (попечитель)": "guardian",
    "иной": "other",
    "иной законный представитель": "other",
}
CLASS_NAME = re.compile(r"^\s*(\d{1,2})\s*-?\s*([А-ЯЁа-яё]{1,3})\s*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class GuardianRecord:
    full_name: str
    relation: str
    phone: str
    email: str
    receives_notices: bool


@dataclass
class StudentRecord:
    row: int
    class_name: str  # normalised: «7Б»
    file_number: str
    last_name: str
    first_name: str
    middle_name: str
    sex: str
    birth_date: dt.date
    address: str
    health_group: str
    enrolled_on: dt.date
    guardians: list[GuardianRecord] = field(default_factory=list)
    is_new: bool = True


@dataclass
class ImportPlan:
    records: list[StudentRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_classes: list[tuple[int, str]] = field(default_factory=list)  # (grade, letter)

    @property
    def created(self) -> int:
        return sum(1 for record in self.records if record.is_new)

    @property
    def updated(self) -> int:
        return sum(1 for record in self.records if not record.is_new)


def class_key(value: Any) -> tuple[int, str] | None:
    """Return ``(grade, letter)`` of «7Б», «7 б», «10-А»; None if it is not a class name."""
    match = CLASS_NAME.match(str(value or ""))
    if not match:
        return None
    grade = int(match.group(1))
    if not 1 <= grade <= 11:
        return None
    return grade, match.group(2).upper()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_header(header: Sequence[Any]) -> list[RowError]:
    """Return the errors of the header row: missing required columns, unknown or repeated ones."""
    names = [_text(name) for name in header]
    errors = [RowError(1, name, "Нет обязательного столбца.") for name in REQUIRED if name not in names]
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        if name not in HEADERS:
            errors.append(RowError(1, name, "Неизвестный столбец."))
        elif name in seen:
            errors.append(RowError(1, name, "Столбец повторяется."))
        seen.add(name)
    return errors


def plan_import(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    existing_classes: set[tuple[int, str]],
    existing_file_numbers: set[str],
    year_start: dt.date,
    year_end: dt.date,
    create_classes: bool,
) -> ImportPlan:
    """Return what importing ``rows`` would create and update, and every error by row and column."""
    plan = ImportPlan(errors=check_header(header))
    if plan.errors:
        return plan
    index = {_text(name): position for position, name in enumerate(header) if _text(name)}
    seen_numbers: dict[str, int] = {}
    new_classes: dict[tuple[int, str], None] = {}
    for offset, row in enumerate(rows):
        number = offset + 2
        cell = {name: _text(row[position]) if position < len(row) else "" for name, position in index.items()}
        raw = {name: row[position] if position < len(row) else None for name, position in index.items()}
        if not any(cell.values()):
            continue  # blank lines at the end of a sheet
        errors: list[RowError] = []

        def error(column: str, message: str, row_number: int = number, sink: list[RowError] = errors) -> None:
            sink.append(RowError(row_number, column, message))

        for name in REQUIRED:
            if not cell[name]:
                error(name, "Не заполнено обязательное поле.")
        key = class_key(cell[CLASS]) if cell[CLASS] else None
        if cell[CLASS] and key is None:
            error(CLASS, f"Неизвестный класс «{cell[CLASS]}»: ожидается параллель 1–11 и литера, например «7Б».")
        elif key is not None and key not in existing_classes:
            if create_classes:
                new_classes[key] = None
            else:
                error(CLASS, f"Класса {key[0]}{key[1]} нет в учебном году.")
        file_number = cell[FILE_NUMBER]
        if len(file_number) > 20:
            error(FILE_NUMBER, "Не более 20 символов.")
        elif file_number in seen_numbers:
            error(
                FILE_NUMBER, f"Номер личного дела {file_number} повторяется (уже в строке {seen_numbers[file_number]})."
            )
        elif file_number:
            seen_numbers[file_number] = number
        sex = SEXES.get(cell[SEX].lower()) if cell[SEX] else None
        if cell[SEX] and sex is None:
            error(SEX, "Укажите «М» или «Ж».")
        birth_date = parse_date(raw[BIRTH_DATE]) if cell[BIRTH_DATE] else None
        if cell[BIRTH_DATE] and birth_date is None:
            error(BIRTH_DATE, f"Неверный формат даты «{cell[BIRTH_DATE]}»: ожидается ДД.ММ.ГГГГ.")
        elif birth_date and birth_date >= year_start:
            error(BIRTH_DATE, "Дата рождения позже начала учебного года.")
        health = cell.get(HEALTH_GROUP, "")
        health_group = HEALTH_GROUPS.get(health.lower()) if health else ""
        if health_group is None:
            error(HEALTH_GROUP, "Группа здоровья — от I до V.")
        enrolled_on: dt.date | None = year_start
        if cell.get(ENROLLED_ON):
            enrolled_on = parse_date(raw[ENROLLED_ON])
            if enrolled_on is None:
                error(ENROLLED_ON, f"Неверный формат даты «{cell[ENROLLED_ON]}»: ожидается ДД.ММ.ГГГГ.")
            elif not year_start <= enrolled_on <= year_end:
                error(ENROLLED_ON, "Дата зачисления вне учебного года.")
        for column, limit in ((LAST_NAME, 100), (FIRST_NAME, 100), (MIDDLE_NAME, 100), (ADDRESS, 500)):
            if len(cell.get(column, "")) > limit:
                error(column, f"Не более {limit} символов.")
        guardians = _guardians(cell, error)
        plan.errors.extend(errors)
        if errors:
            continue
        assert key is not None and sex is not None and birth_date is not None and enrolled_on is not None
        plan.records.append(
            StudentRecord(
                row=number,
                class_name=f"{key[0]}{key[1]}",
                file_number=file_number,
                last_name=cell[LAST_NAME],
                first_name=cell[FIRST_NAME],
                middle_name=cell.get(MIDDLE_NAME, ""),
                sex=sex,
                birth_date=birth_date,
                address=cell.get(ADDRESS, ""),
                health_group=health_group or "",
                enrolled_on=enrolled_on,
                guardians=guardians,
                is_new=file_number not in existing_file_numbers,
            )
        )
    plan.new_classes = sorted(new_classes)
    return plan


def _guardians(cell: dict[str, str], error: Any) -> list[GuardianRecord]:
    guardians: list[GuardianRecord] = []
    for n in range(1, GUARDIANS + 1):
        name = cell.get(guardian_column(n, G_NAME), "")
        relation_text = cell.get(guardian_column(n, G_RELATION), "")
        phone = cell.get(guardian_column(n, G_PHONE), "")
        email = cell.get(guardian_column(n, G_EMAIL), "")
        if not (name or relation_text or phone or email):
            continue
        if not name:
            error(guardian_column(n, G_NAME), "Укажите ФИО представителя.")
        relation = RELATIONS.get(relation_text.lower()) if relation_text else "other"
        if relation is None:
            error(guardian_column(n, G_RELATION), "Укажите: мать, отец, опекун или иной.")
        if email and not EMAIL.match(email):
            error(guardian_column(n, G_EMAIL), "Неверный адрес электронной почты.")
        if len(phone) > 30:
            error(guardian_column(n, G_PHONE), "Не более 30 символов.")
        guardians.append(
            GuardianRecord(
                full_name=name[:300],
                relation=relation or "other",
                phone=phone,
                email=email,
                receives_notices=not guardians,
            )
        )
    return guardians
