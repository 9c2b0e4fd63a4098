"""The activity rating, the club employment and the import's checks: hand-computed, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kadry.school.rules import activities as rules
from kadry.school.rules.activities import Result, club_employment, points, rating
from kadry.school.rules.criteria import ClassFigures, criteria

D = dt.date


@pytest.mark.parametrize(
    ("level", "placement", "expected"),
    [
        ("school", "participant", 1),  # 1 × 1
        ("school", "winner", 3),  # 1 × 3
        ("municipal", "prize_winner", 4),  # 2 × 2
        ("regional", "winner", 9),  # 3 × 3
        ("federal", "participant", 4),  # 4 × 1
        ("international", "prize_winner", 10),  # 5 × 2
        ("", "winner", 0),  # no level: counts nothing
        ("regional", "", 0),  # no result: counts nothing
    ],
)
def test_points_are_the_level_times_the_result(level, placement, expected) -> None:
    assert points(level, placement) == expected


def test_class_rating_sums_the_students_points_and_divides_by_the_class() -> None:
    results = [
        Result(1, "school", "participant"),  # 1
        Result(1, "municipal", "winner"),  # 2 × 3 = 6
        Result(2, "regional", "prize_winner"),  # 3 × 2 = 6
        Result(3, "school", "winner"),  # 3
    ]
    got = rating(results, students=25)
    # 1 + 6 + 6 + 3 = 16 points; 16 ÷ 25 = 0.64 → 0.6 per student; three students took part.
    assert got.total == 16
    assert got.per_student == Decimal("0.6")
    assert got.by_student == {1: 7, 2: 6, 3: 3}
    assert got.participants == 3


def test_rating_of_an_empty_class_has_no_per_student_figure() -> None:
    assert rating([], students=0).per_student is None


def test_club_employment_is_students_in_a_club_over_students() -> None:
    # 11 of 25 → 44.0 %; 2 of 3 → 66.666… → 66.7 % (half up); nobody → no figure.
    assert club_employment(11, 25) == Decimal("44.0")
    assert club_employment(2, 3) == Decimal("66.7")
    assert club_employment(0, 0) is None


def test_the_criteria_include_the_rating_per_student() -> None:
    figures = ClassFigures(
        students=20,
        possible_lessons=0,
        missed_lessons=0,
        in_clubs=9,
        in_events=0,
        in_self_government=3,
        rating_points=13,
    )
    got = criteria(figures)
    # Clubs 9 ÷ 20 = 45.0 %; актив 3 ÷ 20 = 15.0 %; rating 13 ÷ 20 = 0.65 → 0.7 (half up).
    assert (got.clubs, got.self_government, got.rating) == (Decimal("45.0"), Decimal("15.0"), Decimal("0.7"))


HEADER = list(rules.HEADERS)


def row(**cells: str) -> list[str]:
    return [cells.get(name, "") for name in HEADER]


def plan(rows: list[list[str]], header: list[str] = HEADER) -> rules.ActivityPlan:
    return rules.plan_activity_import(
        header,
        rows,
        by_file_number={"Л-1": 10, "Л-2": 20},
        by_name={"петрова анна": [10], "иванов петр": [20, 30]},
        year_start=D(2026, 9, 1),
        year_end=D(2027, 8, 31),
    )


def test_import_reads_a_club_a_role_and_an_olympiad() -> None:
    got = plan(
        [
            row(**{"Номер личного дела": "Л-1", "Вид": "кружок", "Название, роль": "Шахматы", "С": "07.09.2026",
                   "Вне школы": "да", "Организация": "ДДТ"}),
            row(**{"Обучающийся": "Петрова  Анна", "Вид": "актив", "Название, роль": "староста", "С": "04.09.2026"}),
            row(**{"Номер личного дела": "Л-2", "Вид": "олимпиада", "Название, роль": "ВсОШ", "С": "15.10.2026",
                   "Уровень": "Муниципальный", "Итог": "призёр"}),
        ]
    )  # fmt: skip
    assert got.errors == []
    club, role, olympiad = got.records
    assert (club.student_id, club.kind, club.outside_school, club.organiser) == (10, "club", True, "ДДТ")
    assert (role.student_id, role.kind, role.outside_school) == (10, "self_government", False)
    assert (olympiad.student_id, olympiad.level, olympiad.placement) == (20, "municipal", "prize_winner")


def test_import_names_each_wrong_cell_by_row_and_column() -> None:
    got = plan(
        [
            row(**{"Номер личного дела": "Л-9", "Вид": "кружок", "Название, роль": "Шахматы", "С": "07.09.2026"}),
            row(**{"Обучающийся": "Иванов Петр", "Вид": "конкурс", "Название, роль": "Чтецы", "С": "31.02.2026"}),
            row(**{"Номер личного дела": "Л-1", "Вид": "поход", "Название, роль": "", "С": "01.06.2026"}),
            row(**{"Номер личного дела": "Л-2", "Вид": "конкурс", "Название, роль": "Чтецы", "С": "01.10.2026",
                   "Уровень": "галактический", "Итог": ""}),
        ]
    )  # fmt: skip
    found = {(e.row, e.column) for e in got.errors}
    assert found == {
        (2, "Номер личного дела"),  # not in the class
        (3, "Обучающийся"),  # two students share the name
        (3, "С"),  # no such date
        (3, "Уровень"),  # a competition needs a level
        (3, "Итог"),  # and a result
        (4, "Название, роль"),  # required
        (4, "Вид"),  # unknown kind
        (4, "С"),  # before the school year
        (5, "Уровень"),  # unknown level
        (5, "Итог"),  # a competition needs a result
    }
    assert got.records == []


def test_import_refuses_a_header_without_the_student_columns() -> None:
    got = plan([], header=["Вид", "Название, роль", "С", "Примечание"])
    assert {(e.row, e.column) for e in got.errors} == {(1, "Номер личного дела"), (1, "Примечание")}
