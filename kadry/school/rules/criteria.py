"""The class teacher's effectiveness criteria for a period (regulation on class teachers, §9.5). Pure values.

§9.5 counts as effective the positive dynamics in, among others: the percentage of lessons attended,
the share of students in extracurricular activities, the class's activity in events and its part in
student self-government. Each criterion is a share of the class in percent (the activity rating:
points per student, rules/activities.py), compared with the previous period.
An award or an allowance decided on this basis goes through the director's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_TENTH = Decimal("0.1")


def percent(part: int, whole: int) -> Decimal | None:
    """Return ``part`` of ``whole`` in percent to one decimal (half up); None when there is no whole."""
    if whole <= 0:
        return None
    return (Decimal(100) * part / whole).quantize(ONE_TENTH, rounding=ROUND_HALF_UP)


def points_per_student(points: int, students: int) -> Decimal | None:
    """Return the rating points per student to one decimal (half up); None for an empty class."""
    if students <= 0:
        return None
    return (Decimal(points) / students).quantize(ONE_TENTH, rounding=ROUND_HALF_UP)


def attendance_percent(possible_lessons: int, missed_lessons: int) -> Decimal | None:
    """Return the share of lessons attended, in percent, of the lessons the enrolled students had."""
    if possible_lessons <= 0:
        return None
    return percent(max(possible_lessons - missed_lessons, 0), possible_lessons)


def possible_lessons(days: int, students: int, lessons_per_day: int) -> int:
    """Return the lessons the class had: each marked school day, each enrolled student, each lesson."""
    return days * students * lessons_per_day


@dataclass(frozen=True)
class ClassFigures:
    """A class's raw numbers for a period: what the criteria are computed from."""

    students: int  # enrolled at the end of the period (or on the day the period is looked at)
    possible_lessons: int
    missed_lessons: int
    in_clubs: int  # distinct students with a club (внеурочная деятельность) active in the period
    in_events: int  # distinct students who took part in at least one class event of the period
    in_self_government: int  # distinct students with a self-government role active in the period
    # The points of the period's competition and olympiad results (rules/activities.py, §4.16).
    rating_points: int = 0
    # The class's performance for the period, from the grades of the electronic journal (§4.1, §6.4;
    # kadry.school.performance): None when no grades were loaded.
    quality: Decimal | None = None
    success: Decimal | None = None


@dataclass(frozen=True)
class Criteria:
    attendance: Decimal | None
    clubs: Decimal | None
    events: Decimal | None
    self_government: Decimal | None
    rating: Decimal | None = None  # activity rating points per student
    quality: Decimal | None = None
    success: Decimal | None = None


CRITERIA_LABELS = {
    "attendance": "Посещаемость учебных занятий, %",
    "clubs": "Занятость во внеурочной деятельности, % обучающихся",
    "events": "Участие в мероприятиях, % обучающихся",
    "self_government": "Участие в ученическом самоуправлении, % обучающихся",
    "rating": "Рейтинг активности в мероприятиях различного уровня, баллов на обучающегося",
    "quality": "Качество знаний, %",
    "success": "Успеваемость, %",
}


def criteria(figures: ClassFigures) -> Criteria:
    """Return the criteria of §9.5 that the data measures, in percent."""
    return Criteria(
        attendance=attendance_percent(figures.possible_lessons, figures.missed_lessons),
        clubs=percent(figures.in_clubs, figures.students),
        events=percent(figures.in_events, figures.students),
        self_government=percent(figures.in_self_government, figures.students),
        rating=points_per_student(figures.rating_points, figures.students),
        quality=figures.quality,
        success=figures.success,
    )


@dataclass(frozen=True)
class Trend:
    value: Decimal | None
    previous: Decimal | None
    difference: Decimal | None
    arrow: str  # "↑", "↓", "=" or "" when there is nothing to compare


def trend(value: Decimal | None, previous: Decimal | None) -> Trend:
    """Return the change against the previous period: positive dynamics is what §9.5 asks for."""
    if value is None or previous is None:
        return Trend(value, previous, None, "")
    difference = value - previous
    arrow = "↑" if difference > 0 else "↓" if difference < 0 else "="
    return Trend(value, previous, difference, arrow)


def trends(current: Criteria, previous: Criteria | None) -> dict[str, Trend]:
    """Return every criterion with its trend, keyed as in ``CRITERIA_LABELS``."""
    return {
        key: trend(getattr(current, key), getattr(previous, key) if previous is not None else None)
        for key in CRITERIA_LABELS
    }
