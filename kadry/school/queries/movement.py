"""The enrolments the movement of a period needs, in one query, and the movement's tables for the page and XLSX."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from kadry.lib.dates import short_date
from kadry.school.models import Enrollment
from kadry.school.rules.movement import GRADUATING_GRADES, Movement, Stay, movement

REASONS = dict(Enrollment.EndReason.choices)


def _reason(code: str) -> str:
    """Return the end reason's label as text (a cell of the XLSX takes no lazy string)."""
    return str(REASONS.get(code, "не указана"))


def school_movement(organisation_id: int, start: dt.date, end: dt.date) -> Movement:
    """Return the school's movement from ``start`` to ``end`` (one query: the enrolments around the period)."""
    stays = [
        Stay(
            student_id=e.student_id,
            student=str(e.student),
            class_name=str(e.school_class),
            grade=e.school_class.grade,
            start=e.start,
            end=e.end,
            end_reason=e.end_reason,
            destination=e.destination,
            basis=e.basis,
        )
        # The day before the period: the roll at its start, and transfers ended just before it.
        for e in Enrollment.objects.filter(organisation_id=organisation_id, start__lte=end + dt.timedelta(days=1))
        .filter(Q(end__isnull=True) | Q(end__gte=start - dt.timedelta(days=2)))
        .select_related("student", "school_class")
    ]
    return movement(stays, start, end)


@dataclass(frozen=True)
class MovementTable:
    """A titled table of the movement (kadry.lib.xlsx.Section)."""

    title: str
    headers: tuple[str, ...]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""


def _date(day: dt.date | None) -> str:
    return short_date(day) if day else ""


def tables(result: Movement) -> list[MovementTable]:
    """Return the movement as the tables the page shows and the XLSX holds."""
    summary = MovementTable(
        "Итоги",
        ("Показатель", "Число"),
        [
            ["Обучающихся на начало периода", result.at_start],
            ["Прибыло", len(result.arrived)],
            ["Выбыло", len(result.left)],
            ["Переведено между классами", len(result.moved)],
            ["Обучающихся на конец периода", result.at_end],
        ],
        "" if result.balanced else "Начало + прибыло − выбыло не равно концу периода: проверьте даты зачислений.",
    )
    arrived = MovementTable(
        "Прибыли",
        ("Дата", "Обучающийся", "Класс", "Основание"),
        [[_date(s.start), s.student, s.class_name, s.basis] for s in result.arrived],
    )
    left = MovementTable(
        "Выбыли",
        ("Дата", "Обучающийся", "Класс", "Причина", "Куда", "Основание"),
        [[_date(s.end), s.student, s.class_name, _reason(s.end_reason), s.destination, s.basis] for s in result.left],
    )
    moved = MovementTable(
        "Переведены в другой класс",
        ("Дата", "Обучающийся", "Из класса", "В класс", "Основание"),
        [[_date(m.on), m.student, m.from_class, m.to_class, m.basis] for m in result.moved],
    )
    graduates = []
    for grade in GRADUATING_GRADES:
        counts: Counter[str] = result.destinations.get(grade, Counter())
        rows: list[list[Any]] = [[_reason(reason), n] for reason, n in sorted(counts.items())]
        rows.append(["Всего", sum(counts.values())])
        graduates.append(MovementTable(f"Выпускники {grade} классов: дальнейшее обучение", ("Куда", "Число"), rows))
        graduates.append(
            MovementTable(
                f"Выпускники {grade} классов поимённо",
                ("Обучающийся", "Класс", "Дата", "Куда", "Организация"),
                [
                    [s.student, s.class_name, _date(s.end), _reason(s.end_reason), s.destination]
                    for s in result.graduates.get(grade, [])
                ],
            )
        )
    return [summary, arrived, left, moved, *graduates]
