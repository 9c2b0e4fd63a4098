"""The social passport of a class: counts by social category on a date. Pure values, no database.

Приказ Минпросвещения № 779 от 06.11.2024 (the list of documents a teacher keeps; it replaced
№ 582 of 21.07.2022 from 01.03.2025) leaves a class teacher no paperwork of this kind to type:
the passport is derived from the students' categories (with their evidence) and the class list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kadry.school.models.people import Student, StudentCategory

Category = StudentCategory.Category


@dataclass(frozen=True)
class StudentRow:
    """A student enrolled in the class on the passport's date."""

    id: int
    name: str
    sex: str  # Student.Sex
    health_group: str = ""  # Student.HealthGroup, "" when unknown


@dataclass(frozen=True)
class CategoryRow:
    """A social category of a student over [valid_from, valid_to] (open-ended when valid_to is None)."""

    student_id: int
    category: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    evidence: str = ""

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class PassportLine:
    category: str
    label: str
    count: int
    students: tuple[StudentRow, ...] = ()


@dataclass(frozen=True)
class Passport:
    on: dt.date
    students: int
    boys: int
    girls: int
    health_groups: dict[str, int]
    lines: tuple[PassportLine, ...]
    # Students in at least one category: a student of a large low-income family counts once here.
    with_any_category: int
    unknown_health_group: int = 0
    evidence: dict[tuple[int, str], str] = field(default_factory=dict)

    def count(self, category: str) -> int:
        return next(line.count for line in self.lines if line.category == category)


def social_passport(students: Iterable[StudentRow], categories: Iterable[CategoryRow], *, on: dt.date) -> Passport:
    """Return the passport on ``on`` of the class whose enrolled students are ``students``.

    A category counts when it is valid on the date and belongs to an enrolled student; a student
    recorded twice in one category (overlapping records) counts once.
    """
    roster = {row.id: row for row in students}
    members: dict[str, set[int]] = {value: set() for value in Category.values}
    evidence: dict[tuple[int, str], str] = {}
    for row in categories:
        if row.student_id in roster and row.category in members and row.valid_on(on):
            members[row.category].add(row.student_id)
            if row.evidence:
                evidence[(row.student_id, row.category)] = row.evidence
    lines = tuple(
        PassportLine(
            category=value,
            label=str(label),
            count=len(members[value]),
            students=tuple(sorted((roster[pk] for pk in members[value]), key=lambda s: (s.name, s.id))),
        )
        for value, label in Category.choices
    )
    health = dict.fromkeys(Student.HealthGroup.values, 0)
    for student in roster.values():
        if student.health_group in health:
            health[student.health_group] += 1
    return Passport(
        on=on,
        students=len(roster),
        boys=sum(1 for row in roster.values() if row.sex == Student.Sex.MALE),
        girls=sum(1 for row in roster.values() if row.sex == Student.Sex.FEMALE),
        health_groups=health,
        unknown_health_group=sum(1 for row in roster.values() if row.health_group not in health),
        lines=lines,
        with_any_category=len(set().union(*members.values())),
        evidence=evidence,
    )
