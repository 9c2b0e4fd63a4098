"""Import of a draft vacation schedule from a table: rows in, planned parts and errors out. No database.

The caller reads the file (CSV or XLSX, kadry/lib/tables.py) and passes what the organisation holds
(its employees, their departments on 1 January, its departments: ``Directory``); every cell is
checked and each error names the row and the column, in Russian. A person may have several rows:
the parts of their leave (ТК РФ ст. 125).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kadry.lib.tables import RowError, parse_date
from kadry.lib.text import search_key
from kadry.staff.models import Department, Employee

PERSONNEL_NUMBER = "Табельный номер"
FULL_NAME = "ФИО"
BIRTH_DATE = "Дата рождения"
START = "Дата начала"
DAYS = "Календарных дней"
DEPARTMENT = "Подразделение"

COLUMNS: tuple[tuple[str, str], ...] = (
    (PERSONNEL_NUMBER, "табельный номер сотрудника; без него — ФИО и дата рождения"),
    (FULL_NAME, "фамилия, имя, отчество — если нет табельного номера"),
    (BIRTH_DATE, "ДД.ММ.ГГГГ — если нет табельного номера"),
    (START, "обязательно; ДД.ММ.ГГГГ, в году графика"),
    (DAYS, "обязательно; целое число, не меньше 1"),
    (DEPARTMENT, "если пусто — подразделение, где сотрудник работает на 1 января"),
)
HEADERS = tuple(name for name, _note in COLUMNS)
REQUIRED = (START, DAYS)
# Other spellings met in real files, normalised (see ``_header_key``); the Т-7 the schedule page
# downloads reads back as it is (its own column names, the columns the import does not need ignored).
_ALIASES = {
    "таб. номер": PERSONNEL_NUMBER, "таб номер": PERSONNEL_NUMBER, "табельный №": PERSONNEL_NUMBER,
    "фамилия, имя, отчество": FULL_NAME, "фамилия имя отчество": FULL_NAME, "сотрудник": FULL_NAME,
    "дата начала (дд.мм.гггг)": START, "дата начала отпуска": START, "начало отпуска": START,
    "дата запланированная": START,
    "количество календарных дней": DAYS, "количество дней": DAYS, "дней": DAYS, "календарных дней отпуска": DAYS,
    "структурное подразделение": DEPARTMENT,
}  # fmt: skip
IGNORED = frozenset({"должность", "дата фактическая", "перенос: основание", "перенос: дата", "примечание"})
# ТК РФ ст. 124–125 put no upper bound on a part; a part longer than a year is a typing error (and would
# not fit the table's small integer).
MAX_DAYS = 366


@dataclass(frozen=True)
class Directory:
    """What the organisation holds that the rows name: read by the caller in a few queries."""

    year: int
    employees: Sequence[Employee]
    # The departments each employee works in on 1 January of the year (by an assignment in force).
    departments_of: dict[int, list[Department]]
    departments: Sequence[Department]


@dataclass(frozen=True)
class ImportedPart:
    row: int
    employee: Employee
    department: Department
    start: dt.date
    days: int


@dataclass
class ScheduleImportPlan:
    parts: list[ImportedPart] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def by_department(self) -> dict[Department, list[ImportedPart]]:
        """Return the parts grouped by department, in the organisation's order of departments."""
        result: dict[Department, list[ImportedPart]] = defaultdict(list)
        for part in sorted(self.parts, key=lambda p: (p.department.order, p.department.name, p.department.pk)):
            result[part.department].append(part)
        return dict(result)


_Report = Callable[[str, str], None]  # error(column, message) of the row being read


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_key(value: Any) -> str:
    return " ".join(_text(value).lower().replace("ё", "е").split())


_KNOWN = {_header_key(name): name for name in HEADERS} | {_header_key(k): v for k, v in _ALIASES.items()}


def column_index(header: Sequence[Any]) -> tuple[dict[str, int], list[RowError]]:
    """Return ``{column: position}`` of the header row and its errors (missing, unknown, repeated columns)."""
    index: dict[str, int] = {}
    errors: list[RowError] = []
    for position, cell in enumerate(header):
        key = _header_key(cell)
        if not key or key in IGNORED:
            continue
        name = _KNOWN.get(key)
        if name is None:
            errors.append(RowError(1, _text(cell), "Неизвестный столбец."))
        elif name in index:
            errors.append(RowError(1, _text(cell), "Столбец повторяется."))
        else:
            index[name] = position
    errors += [RowError(1, name, "Нет обязательного столбца.") for name in REQUIRED if name not in index]
    if PERSONNEL_NUMBER not in index and FULL_NAME not in index:
        errors.append(RowError(1, PERSONNEL_NUMBER, "Нужен столбец «Табельный номер» или «ФИО» с «Дата рождения»."))
    elif PERSONNEL_NUMBER not in index and BIRTH_DATE not in index:
        errors.append(RowError(1, BIRTH_DATE, "Без табельного номера сотрудника находят по ФИО и дате рождения."))
    return index, errors


def _number_key(number: str) -> str:
    """A табельный номер as Excel may turn it: «0042» typed in a number cell comes back as 42."""
    return number.lstrip("0") if number.isdigit() else number


class _Finder:
    """The organisation's employees and departments by what a row may name them with."""

    def __init__(self, directory: Directory) -> None:
        self.by_number: dict[str, Employee] = {}
        self.by_number_key: dict[str, list[Employee]] = defaultdict(list)
        self.by_name: dict[tuple[str, dt.date], list[Employee]] = defaultdict(list)
        for employee in directory.employees:
            if employee.personnel_number:
                self.by_number[employee.personnel_number] = employee
                self.by_number_key[_number_key(employee.personnel_number)].append(employee)
            name = search_key(employee.last_name, employee.first_name, employee.middle_name)
            self.by_name[(name, employee.birth_date)].append(employee)
        self.departments: dict[str, list[Department]] = defaultdict(list)
        for department in directory.departments:
            self.departments[_header_key(department.name)].append(department)

    def employee(self, number: str) -> Employee | None:
        found = self.by_number.get(number)
        if found is None:
            candidates = self.by_number_key.get(_number_key(number), [])
            found = candidates[0] if len(candidates) == 1 else None
        return found


def plan_import(header: Sequence[Any], rows: Sequence[Sequence[Any]], *, directory: Directory) -> ScheduleImportPlan:
    """Return the parts ``rows`` plan for ``directory.year`` and every error by row and column."""
    index, header_errors = column_index(header)
    plan = ScheduleImportPlan(errors=header_errors)
    if header_errors:
        return plan
    finder = _Finder(directory)
    year = directory.year
    taken: dict[int, list[tuple[dt.date, dt.date, int]]] = defaultdict(list)  # employee → (first, last, row)
    for offset, row in enumerate(rows):
        number = offset + 2  # as the spreadsheet shows it: the header is row 1
        raw = {name: row[position] if position < len(row) else None for name, position in index.items()}
        cell = {name: _text(value) for name, value in raw.items()}
        if not any(cell.values()):
            continue  # blank lines inside or at the end of a sheet
        errors: list[RowError] = []

        def error(column: str, message: str, row_number: int = number, sink: list[RowError] = errors) -> None:
            sink.append(RowError(row_number, column, message))

        employee = _employee(cell, raw, finder, error)
        department = None
        if employee is not None:
            works_in = directory.departments_of.get(employee.pk, [])
            column = PERSONNEL_NUMBER if cell.get(PERSONNEL_NUMBER) else FULL_NAME
            if not works_in:
                error(column, f"{employee.full_name} не работает в организации на 1 января {year} г.")
            else:
                department = _department(cell.get(DEPARTMENT, ""), employee, works_in, finder, year, error)
        start = parse_date(raw[START]) if cell[START] else None
        if not cell[START]:
            error(START, "Не заполнено обязательное поле.")
        elif start is None:
            error(START, f"Неверный формат даты «{cell[START]}»: ожидается ДД.ММ.ГГГГ.")
        elif start.year != year:
            error(START, f"Дата {start:%d.%m.%Y} не в {year} году: это график отпусков на {year} год.")
        days = _days(raw[DAYS], cell[DAYS], error)
        if employee is not None and start is not None and days is not None and start.year == year:
            last = start + dt.timedelta(days=days - 1)
            for other_first, other_last, other_row in taken[employee.pk]:
                if start <= other_last and other_first <= last:
                    error(START, f"Часть отпуска пересекается с частью из строки {other_row}.")
                    break
            if not errors:
                taken[employee.pk].append((start, last, number))
        plan.errors.extend(errors)
        if errors:
            continue
        assert employee is not None and department is not None and start is not None and days is not None
        plan.parts.append(ImportedPart(number, employee, department, start, days))
    if not plan.errors and not plan.parts:
        plan.errors.append(RowError(2, "", "В файле нет ни одной строки с отпуском."))
    return plan


def _employee(cell: dict[str, str], raw: dict[str, Any], finder: _Finder, error: _Report) -> Employee | None:
    """Return the employee a row names by табельный номер, or by ФИО and birth date; report why not."""
    number = cell.get(PERSONNEL_NUMBER, "")
    if number:
        found = finder.employee(number)
        if found is None:
            error(PERSONNEL_NUMBER, f"Сотрудник с табельным номером «{number}» не найден в организации.")
        return found
    name = cell.get(FULL_NAME, "")
    if not name:
        error(PERSONNEL_NUMBER, "Укажите табельный номер или ФИО и дату рождения.")
        return None
    birth_text = cell.get(BIRTH_DATE, "")
    if not birth_text:
        error(BIRTH_DATE, "Без табельного номера укажите дату рождения: по ней различают однофамильцев.")
        return None
    birth_date = parse_date(raw[BIRTH_DATE])
    if birth_date is None:
        error(BIRTH_DATE, f"Неверный формат даты «{birth_text}»: ожидается ДД.ММ.ГГГГ.")
        return None
    found_by_name = finder.by_name.get((search_key(name), birth_date), [])
    if not found_by_name:
        error(FULL_NAME, f"Сотрудник «{name}», родившийся {birth_date:%d.%m.%Y}, не найден в организации.")
        return None
    if len(found_by_name) > 1:
        error(FULL_NAME, f"Найдено несколько сотрудников «{name}» с этой датой рождения: укажите табельный номер.")
        return None
    return found_by_name[0]


def _department(
    name: str, employee: Employee, works_in: list[Department], finder: _Finder, year: int, error: _Report
) -> Department | None:
    """Return the row's department: the one named, or the employee's only department on 1 January."""
    if not name:
        if len(works_in) == 1:
            return works_in[0]
        names = ", ".join(sorted(d.name for d in works_in))
        error(
            DEPARTMENT, f"{employee.full_name} работает в нескольких подразделениях ({names}): укажите подразделение."
        )
        return None
    named = finder.departments.get(_header_key(name), [])
    if not named:
        error(DEPARTMENT, f"Подразделение «{name}» не найдено.")
        return None
    mine = [d for d in named if d in works_in]
    if not mine:
        error(DEPARTMENT, f"{employee.full_name} не работает в подразделении «{name}» на 1 января {year} г.")
        return None
    if len(mine) > 1:
        error(DEPARTMENT, f"Подразделений «{name}» несколько: переименуйте одно из них в структуре.")
        return None
    return mine[0]


def _days(value: Any, text: str, error: _Report) -> int | None:
    if not text:
        error(DAYS, "Не заполнено обязательное поле.")
        return None
    if isinstance(value, bool):
        days = None
    elif isinstance(value, int):
        days = value
    elif isinstance(value, float):
        days = int(value) if value.is_integer() else None
    else:
        days = int(text) if text.lstrip("-").isdigit() else None
    if days is None:
        error(DAYS, f"«{text}» — не целое число календарных дней.")
    elif days < 1:
        error(DAYS, "Отпуск длится хотя бы один день.")
    elif days > MAX_DAYS:
        error(DAYS, f"Не больше {MAX_DAYS} календарных дней в одной части.")
    else:
        return days
    return None
