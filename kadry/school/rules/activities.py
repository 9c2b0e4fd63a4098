"""The class's activity rating, employment in clubs, and the import of activities from a table. No database.

§4.16 of the regulation on class teachers asks the class teacher to organise «результативного участия
каждого учащегося класса в рейтинговых мероприятиях согласно критериям рейтинга школ района и
критериям класса на текущий учебный год»; §9.5 counts the positive dynamics of «рейтинга активности
классного коллектива и отдельных обучающихся в мероприятиях различного уровня» and of «процента
занятости обучающихся в различных формах внеурочной деятельности». The regulation names the levels
but no points: the points below are Kadry's scale, kept here as data so that a school changes them
in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kadry.lib.tables import RowError, parse_date
from kadry.school.rules.criteria import percent, points_per_student

RATING_SOURCE = "Положение о классном руководителе, §4.16"

# Source: «Положение о классном руководителе, §4.16» (рейтинговые мероприятия различного уровня), §9.5.
# The levels are those of the olympiad's stages and the contests' lists (Порядок проведения ВсОШ,
# Приказ Минпросвещения России № 678: школьный, муниципальный, региональный, заключительный этапы;
# победители и призёры). Each level weighs one more than the one below it: a step up the ladder means
# winning the stage below, so it is worth more than the stage itself. Kadry's scale, not the law's.
LEVEL_POINTS: dict[str, int] = {
    "school": 1,
    "municipal": 2,
    "regional": 3,
    "federal": 4,
    "international": 5,
}
# Taking part counts once, a prize twice, a win three times the level's points (same source).
PLACEMENT_FACTOR: dict[str, int] = {
    "participant": 1,
    "prize_winner": 2,
    "winner": 3,
}
RATING_EXPLAINED = (
    "Баллы рейтинга активности (Положение о классном руководителе, §4.16): уровень мероприятия — "
    "школьный 1, муниципальный 2, региональный 3, всероссийский 4, международный 5; итог умножает их: "
    "участник × 1, призёр × 2, победитель × 3. Рейтинг класса — сумма баллов его обучающихся, "
    "для сравнения классов разной численности — баллов на одного обучающегося."
)


def points(level: str, placement: str) -> int:
    """Return the rating points of one result; a result without level or placement counts nothing."""
    return LEVEL_POINTS.get(level, 0) * PLACEMENT_FACTOR.get(placement, 0)


@dataclass(frozen=True)
class Result:
    """One competition or olympiad result of a student, as the rating sees it."""

    student_id: int
    level: str
    placement: str


@dataclass(frozen=True)
class Rating:
    total: int
    per_student: Decimal | None  # total ÷ students, to one decimal; None for an empty class
    by_student: dict[int, int] = field(default_factory=dict)
    participants: int = 0  # distinct students with at least one result


def rating(results: Iterable[Result], students: int) -> Rating:
    """Return the class's activity rating from its students' results."""
    by_student: dict[int, int] = {}
    for result in results:
        by_student[result.student_id] = by_student.get(result.student_id, 0) + points(result.level, result.placement)
    total = sum(by_student.values())
    return Rating(total, points_per_student(total, students), by_student, len(by_student))


def club_employment(in_clubs: int, students: int) -> Decimal | None:
    """Return the share of students in at least one club or section, in percent (§9.5)."""
    return percent(in_clubs, students)


# --- import --------------------------------------------------------------------------------------

FILE_NUMBER = "Номер личного дела"
STUDENT = "Обучающийся"
KIND = "Вид"
NAME = "Название, роль"
START = "С"
END = "По"
OUTSIDE = "Вне школы"
ORGANISER = "Организация"
LEVEL = "Уровень"
PLACEMENT = "Итог"
RESULT = "Результат"

REQUIRED = (KIND, NAME, START)
COLUMNS: tuple[tuple[str, str], ...] = (
    (FILE_NUMBER, "номер личного дела; или заполните «Обучающийся»"),
    (STUDENT, "фамилия и имя (и отчество), если номер не указан"),
    (KIND, "обязательно; кружок, актив или конкурс (олимпиада, соревнование)"),
    (NAME, "обязательно; название кружка, роль в активе, название конкурса"),
    (START, "обязательно; ДД.ММ.ГГГГ"),
    (END, "ДД.ММ.ГГГГ; пусто — продолжается"),
    (OUTSIDE, "для кружка: да, если вне школы"),
    (ORGANISER, "кто проводит: школа, ДЮСШ, дом творчества…"),
    (LEVEL, "для конкурса: школьный, муниципальный, региональный, всероссийский, международный"),
    (PLACEMENT, "для конкурса: участник, призёр, победитель"),
    (RESULT, "диплом, грамота, место — как в документе"),
)
HEADERS = tuple(name for name, _note in COLUMNS)

KINDS = {
    "кружок": "club",
    "секция": "club",
    "кружок, секция": "club",
    "внеурочная деятельность": "club",
    "актив": "self_government",
    "актив класса": "self_government",
    "самоуправление": "self_government",
    "ученическое самоуправление": "self_government",
    "конкурс": "competition",
    "олимпиада": "competition",
    "соревнование": "competition",
}
LEVELS = {
    "школьный": "school",
    "муниципальный": "municipal",
    "районный": "municipal",
    "городской": "municipal",
    "региональный": "regional",
    "областной": "regional",
    "всероссийский": "federal",
    "федеральный": "federal",
    "международный": "international",
}
PLACEMENTS = {"участник": "participant", "призёр": "prize_winner", "призер": "prize_winner", "победитель": "winner"}
YES = {"да", "+", "1", "вне школы"}
NO = {"", "нет", "-", "0"}


@dataclass
class ActivityRecord:
    row: int
    student_id: int
    kind: str
    name: str
    start: dt.date
    end: dt.date | None
    outside_school: bool
    organiser: str
    level: str
    placement: str
    result: str


@dataclass
class ActivityPlan:
    records: list[ActivityRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def name_key(value: str) -> str:
    """Return a full name as the import compares it: lower case, «ё» as «е», single spaces."""
    return " ".join(value.lower().replace("ё", "е").split())


def check_header(header: Sequence[Any]) -> list[RowError]:
    names = [_text(name) for name in header]
    errors = [RowError(1, name, "Нет обязательного столбца.") for name in REQUIRED if name not in names]
    if FILE_NUMBER not in names and STUDENT not in names:
        errors.append(RowError(1, FILE_NUMBER, f"Нужен столбец «{FILE_NUMBER}» или «{STUDENT}»."))
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


def plan_activity_import(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    *,
    by_file_number: Mapping[str, int],
    by_name: Mapping[str, list[int]],
    year_start: dt.date,
    year_end: dt.date,
) -> ActivityPlan:
    """Return the activities ``rows`` would add to the class and every error by row and column.

    ``by_file_number`` and ``by_name`` (keyed by ``name_key``) hold the students of the class; a
    student of another class, or a name two students share, is an error on its cell.
    """
    plan = ActivityPlan(errors=check_header(header))
    if plan.errors:
        return plan
    index = {_text(name): position for position, name in enumerate(header) if _text(name)}
    for offset, row in enumerate(rows):
        number = offset + 2
        cell = {name: _text(row[position]) if position < len(row) else "" for name, position in index.items()}
        raw = {name: row[position] if position < len(row) else None for name, position in index.items()}
        if not any(cell.values()):
            continue
        errors: list[RowError] = []

        def error(column: str, message: str, row_number: int = number, sink: list[RowError] = errors) -> None:
            sink.append(RowError(row_number, column, message))

        student_id = _student(cell, by_file_number, by_name, error)
        for name in REQUIRED:
            if not cell[name]:
                error(name, "Не заполнено обязательное поле.")
        kind = KINDS.get(cell[KIND].lower()) if cell[KIND] else None
        if cell[KIND] and kind is None:
            error(KIND, "Укажите: кружок, актив или конкурс.")
        if len(cell[NAME]) > 300:
            error(NAME, "Не более 300 символов.")
        start = parse_date(raw[START]) if cell[START] else None
        if cell[START] and start is None:
            error(START, f"Неверный формат даты «{cell[START]}»: ожидается ДД.ММ.ГГГГ.")
        elif start is not None and not year_start <= start <= year_end:
            error(START, "Дата вне учебного года класса.")
        end = None
        if cell.get(END):
            end = parse_date(raw[END])
            if end is None:
                error(END, f"Неверный формат даты «{cell[END]}»: ожидается ДД.ММ.ГГГГ.")
            elif start is not None and end < start:
                error(END, "Дата окончания раньше даты начала.")
        outside_text = cell.get(OUTSIDE, "").lower()
        if outside_text not in YES | NO:
            error(OUTSIDE, "Укажите «да» или оставьте пустым.")
        level = LEVELS.get(cell.get(LEVEL, "").lower()) if cell.get(LEVEL) else ""
        if level is None:
            error(LEVEL, "Уровень: школьный, муниципальный, региональный, всероссийский или международный.")
        placement = PLACEMENTS.get(cell.get(PLACEMENT, "").lower()) if cell.get(PLACEMENT) else ""
        if placement is None:
            error(PLACEMENT, "Итог: участник, призёр или победитель.")
        if kind == "competition" and not cell.get(LEVEL) and level is not None:
            error(LEVEL, "Для конкурса или олимпиады укажите уровень.")
        if kind == "competition" and not cell.get(PLACEMENT) and placement is not None:
            error(PLACEMENT, "Для конкурса или олимпиады укажите итог.")
        for column in (ORGANISER, RESULT):
            if len(cell.get(column, "")) > 300:
                error(column, "Не более 300 символов.")
        plan.errors.extend(errors)
        if errors:
            continue
        assert student_id is not None and kind is not None and start is not None
        plan.records.append(
            ActivityRecord(
                row=number,
                student_id=student_id,
                kind=kind,
                name=cell[NAME],
                start=start,
                end=end,
                outside_school=outside_text in YES and kind == "club",
                organiser=cell.get(ORGANISER, ""),
                level=level or "",
                placement=placement or "",
                result=cell.get(RESULT, ""),
            )
        )
    return plan


def _student(
    cell: dict[str, str], by_file_number: Mapping[str, int], by_name: Mapping[str, list[int]], error: Any
) -> int | None:
    number, name = cell.get(FILE_NUMBER, ""), cell.get(STUDENT, "")
    if number:
        if number not in by_file_number:
            error(FILE_NUMBER, f"В классе нет обучающегося с номером личного дела {number}.")
            return None
        return by_file_number[number]
    if not name:
        error(FILE_NUMBER if FILE_NUMBER in cell else STUDENT, "Укажите номер личного дела или обучающегося.")
        return None
    found = by_name.get(name_key(name), [])
    if not found:
        error(STUDENT, f"В классе нет обучающегося «{name}».")
        return None
    if len(found) > 1:
        error(STUDENT, f"В классе несколько обучающихся «{name}»: укажите номер личного дела.")
        return None
    return found[0]
