"""Reading the electronic journal's export: rows of cells in, grades and errors by row and column out. No database.

The regional journal exports a row per student, subject and period: the student (by the number of
the personal file, as the student import identifies them, or by name within the class), the subject,
the period («1 четверть», «2 полугодие», «год») and the grade. A row with a date is a current mark.
The same check serves the API, whose items are rows keyed by field (``FIELDS``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kadry.grades.models import Mark, Term
from kadry.lib.tables import RowError, parse_date

FILE_NUMBER = "Номер личного дела"
STUDENT = "Обучающийся"
CLASS = "Класс"
SUBJECT = "Предмет"
PERIOD = "Период"
MARK = "Отметка"
DATE = "Дата"
COLUMNS: tuple[tuple[str, str], ...] = (
    (FILE_NUMBER, "номер личного дела; если не указан — обучающийся ищется по ФИО в классе"),
    (STUDENT, "фамилия, имя, отчество — как в списке класса"),
    (CLASS, "«7Б»; при загрузке по всей школе нужен для поиска по ФИО"),
    (SUBJECT, "обязательно; новый предмет добавляется в список предметов школы"),
    (PERIOD, "«1 четверть» … «4 четверть», «1 полугодие», «2 полугодие», «1 триместр», «год»"),
    (MARK, "обязательно: 5, 4, 3, 2, зачёт, незачёт, н/а (не аттестован), осв. (освобождён)"),
    (DATE, "только для текущих отметок: ДД.ММ.ГГГГ (тогда период не нужен)"),
)
HEADERS = tuple(name for name, _note in COLUMNS)
# The API's field of each column (its errors are keyed «<index>.<field>»).
FIELDS = {
    FILE_NUMBER: "file_number",
    STUDENT: "student",
    CLASS: "school_class",
    SUBJECT: "subject",
    PERIOD: "period",
    MARK: "grade",
    DATE: "date",
}

MARKS = {
    "5": Mark.FIVE, "4": Mark.FOUR, "3": Mark.THREE, "2": Mark.TWO,
    "зачёт": Mark.PASS, "зачет": Mark.PASS, "зач": Mark.PASS, "зач.": Mark.PASS, "pass": Mark.PASS,
    "незачёт": Mark.FAIL, "незачет": Mark.FAIL, "незач": Mark.FAIL, "незач.": Mark.FAIL, "fail": Mark.FAIL,
    "н/а": Mark.NOT_ATTESTED, "на": Mark.NOT_ATTESTED, "н\\а": Mark.NOT_ATTESTED, "na": Mark.NOT_ATTESTED,
    "не аттестован": Mark.NOT_ATTESTED, "не аттестована": Mark.NOT_ATTESTED,
    "осв": Mark.EXEMPT, "осв.": Mark.EXEMPT, "освобождён": Mark.EXEMPT, "освобожден": Mark.EXEMPT,
    "освобождена": Mark.EXEMPT, "exempt": Mark.EXEMPT,
}  # fmt: skip
# Current marks are lesson marks: the five-point scale, or «н/а» is meaningless for a lesson.
CURRENT_MARKS = frozenset({Mark.FIVE, Mark.FOUR, Mark.THREE, Mark.TWO, Mark.PASS, Mark.FAIL})
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
PERIOD_TEXT = re.compile(r"^\s*(\d|i{1,3}|iv)\s*-?\s*(?:я|й|е)?\s*([а-яё]+)\.?\s*$")
PERIOD_TEXT_AFTER = re.compile(r"^\s*([а-яё]+)\.?\s*(\d|i{1,3}|iv)\s*$")
PERIOD_KINDS = (("четв", ("q", 4)), ("ч", ("q", 4)), ("трим", ("t", 3)), ("полуг", ("h", 2)), ("п", ("h", 2)))
YEAR_WORDS = frozenset({"год", "годовая", "годовые", "за год", "итог", "итоговая", "year"})
MAX_SUBJECT = 150


def parse_period(value: Any) -> Term | None:
    """Return the term of «1 четверть», «I четв.», «четверть 2», «2 полугодие», «год», «q3»; None if unknown."""
    text = str(value or "").strip().lower()
    if text in Term.values:
        return Term(text)
    if text in YEAR_WORDS:
        return Term.YEAR
    match = PERIOD_TEXT.match(text) or PERIOD_TEXT_AFTER.match(text)
    if not match:
        return None
    number_text, word = match.groups() if match.re is PERIOD_TEXT else reversed(match.groups())
    number = int(number_text) if number_text.isdigit() else ROMAN[number_text]
    for stem, (prefix, most) in PERIOD_KINDS:
        if word.startswith(stem) and 1 <= number <= most:
            return Term(f"{prefix}{number}")
    return None


def parse_mark(value: Any) -> Mark | None:
    """Return the grade of «5», «зачёт», «н/а», «осв.»; None if it is none of them."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return MARKS.get(str(value or "").strip().lower())


def name_key(value: str) -> str:
    """Return a name as it is compared: lower case, «ё» as «е», single spaces."""
    return " ".join(str(value).lower().replace("ё", "е").split())


@dataclass(frozen=True)
class Scope:
    """The students a load may grade: by file number and by (name, class), each with the class they are in."""

    by_number: Mapping[str, tuple[int, int]]  # file number → (student, class)
    by_name: Mapping[tuple[str, str], list[tuple[int, int]]]  # (name key, class name or "") → [(student, class)]
    class_names: Mapping[int, str]  # class → «7Б»
    one_class: bool  # a class's load: the class column may be left out


@dataclass(frozen=True)
class GradeRecord:
    row: int
    student_id: int
    class_id: int
    subject: str
    term: Term | None  # None for a current mark
    mark: Mark
    date: dt.date | None = None


@dataclass
class GradePlan:
    records: list[GradeRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_subjects: list[str] = field(default_factory=list)

    @property
    def period_grades(self) -> int:
        return sum(1 for record in self.records if record.term is not None)

    @property
    def current_grades(self) -> int:
        return sum(1 for record in self.records if record.term is None)

    @property
    def students(self) -> int:
        return len({record.student_id for record in self.records})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_header(header: Sequence[Any]) -> list[RowError]:
    names = [_text(name) for name in header]
    errors = [RowError(1, name, "Нет обязательного столбца.") for name in (SUBJECT, MARK) if name not in names]
    if FILE_NUMBER not in names and STUDENT not in names:
        errors.append(RowError(1, FILE_NUMBER, "Нужен столбец «Номер личного дела» или «Обучающийся»."))
    if PERIOD not in names and DATE not in names:
        errors.append(RowError(1, PERIOD, "Нет обязательного столбца."))
    seen: set[str] = set()
    for name in names:
        if name and name not in HEADERS:
            errors.append(RowError(1, name, "Неизвестный столбец."))
        elif name in seen:
            errors.append(RowError(1, name, "Столбец повторяется."))
        seen.add(name)
    return errors


def plan_grades(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    scope: Scope,
    subjects: Mapping[str, str],
    year_start: dt.date,
    year_end: dt.date,
    first_row: int = 2,
) -> GradePlan:
    """Return the grades ``rows`` hold and every error by row and column; ``subjects`` maps name keys to names."""
    plan = GradePlan(errors=check_header(header))
    if plan.errors:
        return plan
    index = {_text(name): position for position, name in enumerate(header) if _text(name)}
    seen: dict[tuple[int, str, str], int] = {}
    new_subjects: dict[str, str] = {}
    for offset, row in enumerate(rows):
        number = first_row + offset
        raw = {name: row[position] if position < len(row) else None for name, position in index.items()}
        cell = {name: _text(value) for name, value in raw.items()}
        if not any(cell.values()):
            continue
        errors: list[RowError] = []

        def error(column: str, message: str, row_number: int = number, sink: list[RowError] = errors) -> None:
            sink.append(RowError(row_number, column, message))

        found = _student(cell, scope, error)
        subject_text = " ".join(cell.get(SUBJECT, "").split())
        subject = ""
        if not subject_text:
            error(SUBJECT, "Не заполнено обязательное поле.")
        elif len(subject_text) > MAX_SUBJECT:
            error(SUBJECT, f"Не более {MAX_SUBJECT} символов.")
        else:
            key = name_key(subject_text)
            subject = subjects.get(key) or new_subjects.setdefault(key, subject_text)
        day = None
        if cell.get(DATE):
            day = parse_date(raw[DATE])
            if day is None:
                error(DATE, f"Неверный формат даты «{cell[DATE]}»: ожидается ДД.ММ.ГГГГ.")
            elif not year_start <= day <= year_end:
                error(DATE, "Дата вне учебного года.")
        term = None
        if not cell.get(DATE):
            if not cell.get(PERIOD):
                error(PERIOD, "Не заполнено обязательное поле.")
            else:
                term = parse_period(cell[PERIOD])
                if term is None:
                    error(
                        PERIOD, f"Неизвестный период «{cell[PERIOD]}»: ожидается «1 четверть», «2 полугодие» или «год»."
                    )
        mark = parse_mark(raw.get(MARK)) if cell.get(MARK) else None
        if not cell.get(MARK):
            error(MARK, "Не заполнено обязательное поле.")
        elif mark is None:
            error(MARK, f"Неизвестная отметка «{cell[MARK]}»: 5, 4, 3, 2, зачёт, незачёт, н/а или осв.")
        elif day is not None and mark not in CURRENT_MARKS:
            error(MARK, "Текущая отметка — 5, 4, 3, 2, зачёт или незачёт.")
        if found is not None and subject and term is not None:
            key3 = (found[0], name_key(subject), term)
            if key3 in seen:
                error(MARK, f"Отметка по предмету за этот период уже есть в строке {seen[key3]}.")
            else:
                seen[key3] = number
        plan.errors.extend(errors)
        if errors:
            continue
        assert found is not None and mark is not None
        plan.records.append(GradeRecord(number, found[0], found[1], subject, term, mark, day))
    plan.new_subjects = sorted(new_subjects.values()) if not plan.errors else []
    return plan


def _student(cell: Mapping[str, str], scope: Scope, error: Any) -> tuple[int, int] | None:
    """Return (student, class) of the row, or None after saying why not."""
    number, name, class_name = cell.get(FILE_NUMBER, ""), cell.get(STUDENT, ""), cell.get(CLASS, "")
    class_name = class_name.replace(" ", "").replace("-", "").upper()
    if number:
        found = scope.by_number.get(number)
        if found is None:
            error(FILE_NUMBER, f"Обучающийся с номером личного дела {number} не найден в классе.")
            return None
        if class_name and scope.class_names.get(found[1], "").upper() != class_name:
            error(CLASS, f"Обучающийся с номером личного дела {number} учится не в {class_name} классе.")
            return None
        return found
    if not name:
        error(STUDENT, "Укажите номер личного дела или ФИО обучающегося.")
        return None
    if not class_name and not scope.one_class:
        error(CLASS, "Укажите класс: по ФИО обучающийся ищется в классе.")
        return None
    matches = scope.by_name.get((name_key(name), "" if scope.one_class else class_name), [])
    if not matches:
        error(STUDENT, f"Обучающийся «{name}» не найден в классе.")
        return None
    if len(matches) > 1:
        error(STUDENT, f"В классе несколько обучающихся «{name}»: укажите номер личного дела.")
        return None
    return matches[0]
