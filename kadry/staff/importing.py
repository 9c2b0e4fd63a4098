"""Import of employees from a table: rows in, records and errors out. No database.

The caller reads the file (CSV or XLSX) into a header and rows of cell values and passes what the
organisation already holds (СНИЛС and табельные номера, read in one query); these functions check
every cell like the card's form does and say what is wrong, by row and column, in Russian.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kadry.lib.identifiers import normalise_inn, normalise_snils
from kadry.lib.tables import RowError, parse_date

PERSONNEL_NUMBER = "Табельный номер"
LAST_NAME = "Фамилия"
FIRST_NAME = "Имя"
MIDDLE_NAME = "Отчество"
SEX = "Пол"
BIRTH_DATE = "Дата рождения"
SNILS = "СНИЛС"
INN = "ИНН"
PHONE = "Телефон"
EMAIL = "E-mail"

REQUIRED = (LAST_NAME, FIRST_NAME, SEX, BIRTH_DATE)
COLUMNS: tuple[tuple[str, str], ...] = (
    (PERSONNEL_NUMBER, "до 20 знаков; не должен повторяться в организации"),
    (LAST_NAME, "обязательно"),
    (FIRST_NAME, "обязательно"),
    (MIDDLE_NAME, ""),
    (SEX, "обязательно; М или Ж"),
    (BIRTH_DATE, "обязательно; ДД.ММ.ГГГГ"),
    (SNILS, "XXX-XXX-XXX YY; проверяется контрольная сумма; не должен повторяться в организации"),
    (INN, "12 цифр; проверяется контрольная сумма"),
    (PHONE, "до 30 знаков"),
    (EMAIL, ""),
)
HEADERS = tuple(name for name, _note in COLUMNS)
# Other spellings of a column name met in real files, normalised (see ``_header_key``).
_ALIASES = {"таб. номер": PERSONNEL_NUMBER, "таб номер": PERSONNEL_NUMBER, "email": EMAIL, "эл. почта": EMAIL}
_ALIASES |= {"электронная почта": EMAIL, "дата рождения (дд.мм.гггг)": BIRTH_DATE, "пол (м/ж)": SEX}

SEXES = {"м": "M", "муж": "M", "мужской": "M", "ж": "F", "жен": "F", "женский": "F"}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LIMITS: tuple[tuple[str, int], ...] = (
    (PERSONNEL_NUMBER, 20),
    (LAST_NAME, 100),
    (FIRST_NAME, 100),
    (MIDDLE_NAME, 100),
    (PHONE, 30),
)
LIMITS += ((EMAIL, 254),)
OLDEST_AGE = 100  # the card's form asks to check an age above this


@dataclass(frozen=True)
class EmployeeRecord:
    row: int
    personnel_number: str
    last_name: str
    first_name: str
    middle_name: str
    sex: str
    birth_date: dt.date
    snils: str
    inn: str
    phone: str
    email: str

    def fields(self) -> dict[str, Any]:
        """Return the Employee model's fields of this row."""
        return {name: getattr(self, name) for name in EMPLOYEE_FIELDS}


EMPLOYEE_FIELDS = (
    "personnel_number",
    "last_name",
    "first_name",
    "middle_name",
    "sex",
    "birth_date",
    "snils",
    "inn",
    "phone",
    "email",
)


@dataclass
class EmployeeImportPlan:
    records: list[EmployeeRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def created(self) -> int:
        return len(self.records)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_key(value: Any) -> str:
    return " ".join(_text(value).lower().replace("ё", "е").split())


_KNOWN = {_header_key(name): name for name in HEADERS} | _ALIASES


def column_index(header: Sequence[Any]) -> tuple[dict[str, int], list[RowError]]:
    """Return ``{column: position}`` of the header row and its errors (missing, unknown, repeated columns)."""
    index: dict[str, int] = {}
    errors: list[RowError] = []
    for position, cell in enumerate(header):
        if not _text(cell):
            continue
        name = _KNOWN.get(_header_key(cell))
        if name is None:
            errors.append(RowError(1, _text(cell), "Неизвестный столбец."))
        elif name in index:
            errors.append(RowError(1, _text(cell), "Столбец повторяется."))
        else:
            index[name] = position
    errors += [RowError(1, name, "Нет обязательного столбца.") for name in REQUIRED if name not in index]
    return index, errors


def plan_import(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    existing_snils: dict[str, str],
    existing_numbers: set[str],
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> EmployeeImportPlan:
    """Return the employees ``rows`` would create and every error by row and column.

    ``existing_snils`` maps the organisation's СНИЛС to the holder's name; ``existing_numbers`` are
    its табельные номера. ``progress(done, total)`` is called every thousand rows.
    """
    index, header_errors = column_index(header)
    plan = EmployeeImportPlan(errors=header_errors)
    if header_errors:
        return plan
    seen_snils: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    oldest = dt.date(today.year - OLDEST_AGE, 1, 1)
    for offset, row in enumerate(rows):
        if progress is not None and offset and offset % 1000 == 0:
            progress(offset, len(rows))
        number = offset + 2  # as the spreadsheet shows it: the header is row 1
        cell = {name: _text(row[position]) if position < len(row) else "" for name, position in index.items()}
        if not any(cell.values()):
            continue  # blank lines at the end of a sheet
        errors: list[RowError] = []

        def error(column: str, message: str, row_number: int = number, sink: list[RowError] = errors) -> None:
            sink.append(RowError(row_number, column, message))

        for name in REQUIRED:
            if not cell[name]:
                error(name, "Не заполнено обязательное поле.")
        for name, limit in LIMITS:
            if len(cell.get(name, "")) > limit:
                error(name, f"Не более {limit} символов.")
        sex = SEXES.get(cell[SEX].lower()) if cell[SEX] else None
        if cell[SEX] and sex is None:
            error(SEX, "Укажите «М» или «Ж».")
        birth_date = None
        if cell[BIRTH_DATE]:
            birth_date = parse_date(row[index[BIRTH_DATE]])
            if birth_date is None:
                error(BIRTH_DATE, f"Неверный формат даты «{cell[BIRTH_DATE]}»: ожидается ДД.ММ.ГГГГ.")
            elif birth_date > today:
                error(BIRTH_DATE, "Дата рождения не может быть в будущем.")
            elif birth_date < oldest:
                error(BIRTH_DATE, f"Проверьте дату рождения: возраст больше {OLDEST_AGE} лет.")
        personnel_number = cell.get(PERSONNEL_NUMBER, "")
        if personnel_number in seen_numbers:
            error(
                PERSONNEL_NUMBER,
                f"Табельный номер {personnel_number} повторяется (уже в строке {seen_numbers[personnel_number]}).",
            )
        elif personnel_number in existing_numbers:
            error(PERSONNEL_NUMBER, f"Табельный номер {personnel_number} уже занят.")
        elif personnel_number:
            seen_numbers[personnel_number] = number
        snils = _identifier(_digits(row, index, SNILS, 11), normalise_snils, SNILS, error)
        if snils in seen_snils:
            error(SNILS, f"СНИЛС {snils} повторяется (уже в строке {seen_snils[snils]}).")
        elif snils in existing_snils:
            error(SNILS, f"Этот СНИЛС уже указан в карточке сотрудника {existing_snils[snils]}.")
        elif snils:
            seen_snils[snils] = number
        inn = _identifier(_digits(row, index, INN, 12), normalise_inn, INN, error)
        if inn and len(inn) != 12:
            error(INN, "ИНН физического лица состоит из 12 цифр.")
        email = cell.get(EMAIL, "")
        if email and not EMAIL_PATTERN.match(email):
            error(EMAIL, "Неверный адрес электронной почты.")
        plan.errors.extend(errors)
        if errors:
            continue
        assert sex is not None and birth_date is not None
        plan.records.append(
            EmployeeRecord(
                row=number,
                personnel_number=personnel_number,
                last_name=cell[LAST_NAME],
                first_name=cell[FIRST_NAME],
                middle_name=cell.get(MIDDLE_NAME, ""),
                sex=sex,
                birth_date=birth_date,
                snils=snils,
                inn=inn,
                phone=cell.get(PHONE, ""),
                email=email,
            )
        )
    if not plan.errors and not plan.records:
        plan.errors.append(RowError(2, "", "В файле нет ни одной строки с сотрудником."))
    return plan


def _identifier(value: str, normalise: Callable[[str], str], column: str, error: Callable[[str, str], None]) -> str:
    """Return the normalised СНИЛС or ИНН, or "" after reporting why it is wrong."""
    if not value:
        return ""
    try:
        return normalise(value)
    except ValueError as problem:
        error(column, str(problem))
        return ""


def _digits(row: Sequence[Any], index: dict[str, int], column: str, width: int) -> str:
    """Return an identifier's cell as text; a number cell (XLSX drops leading zeros) is padded to ``width``."""
    position = index.get(column)
    value = row[position] if position is not None and position < len(row) else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _text(value).zfill(width)
    return _text(value)
