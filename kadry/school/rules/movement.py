"""The movement of students over a period, from the enrolments: arrived, left, moved between classes. No database.

A transfer or a promotion ends one enrolment the day before the next one starts (services/classes.py),
so an enrolment that starts the day after the same student's transfer or promotion is a move inside
the school, not an arrival. The graduates' destinations after grades 9 and 11 are what the regulation
on class teachers asks the class teacher to report each year (§6.5: «сведения о дальнейшем обучении
выпускников») and what the school's statistical report ОО-1 counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

# Reasons that end an enrolment without leaving the school: the next enrolment follows the next day.
INTERNAL = frozenset({"class_transfer", "promoted"})
GRADUATING_GRADES = (9, 11)


@dataclass(frozen=True)
class Stay:
    """One enrolment as the movement sees it."""

    student_id: int
    student: str
    class_name: str
    grade: int
    start: dt.date
    end: dt.date | None
    end_reason: str
    destination: str
    basis: str


@dataclass(frozen=True)
class Move:
    student: str
    on: dt.date
    from_class: str
    to_class: str
    reason: str  # the end reason's code: class_transfer or promoted
    basis: str


@dataclass
class Movement:
    start: dt.date
    end: dt.date
    at_start: int
    at_end: int
    arrived: list[Stay] = field(default_factory=list)
    left: list[Stay] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    # grade (9 or 11) → end reason → number of graduates; and the graduates themselves.
    destinations: dict[int, Counter[str]] = field(default_factory=dict)
    graduates: dict[int, list[Stay]] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        """Whether the students at the end are those at the start, plus arrivals, minus departures."""
        return self.at_start + len(self.arrived) - len(self.left) == self.at_end


def _follows_move(stay: Stay, by_student: dict[int, list[Stay]]) -> Stay | None:
    """Return the same student's enrolment that a transfer or promotion ended the day before ``stay``."""
    return next(
        (
            other
            for other in by_student[stay.student_id]
            if other.end is not None and other.end == stay.start - dt.timedelta(days=1) and other.end_reason in INTERNAL
        ),
        None,
    )


def _on_roll_evening(stays: Sequence[Stay], day: dt.date, by_student: dict[int, list[Stay]]) -> int:
    """Return the students on the roll at the end of ``day``: those who left that day are gone, those
    moved that day to another class are still there (their next enrolment starts the next morning)."""
    tomorrow = day + dt.timedelta(days=1)
    return len(
        {
            s.student_id
            for s in stays
            if (s.end is None or s.end >= tomorrow)
            and (s.start <= day or (s.start == tomorrow and _follows_move(s, by_student) is not None))
        }
    )


def movement(stays: Sequence[Stay], start: dt.date, end: dt.date) -> Movement:
    """Return the movement of the school's students from ``start`` to ``end`` (both included)."""
    by_student: dict[int, list[Stay]] = {}
    for stay in stays:
        by_student.setdefault(stay.student_id, []).append(stay)
    result = Movement(
        start,
        end,
        _on_roll_evening(stays, start - dt.timedelta(days=1), by_student),
        _on_roll_evening(stays, end, by_student),
    )
    for stay in stays:
        previous = _follows_move(stay, by_student)
        if start <= stay.start <= end:
            if previous is None:
                result.arrived.append(stay)
            elif previous.end_reason == "class_transfer":
                result.moved.append(
                    Move(
                        stay.student, stay.start, previous.class_name, stay.class_name, previous.end_reason, stay.basis
                    )
                )
        if stay.end is not None and start <= stay.end <= end and stay.end_reason not in INTERNAL:
            result.left.append(stay)
        # A graduate leaves grade 9 or 11 in the period: leaving the school, or promoted to grade 10 here.
        if (
            stay.grade in GRADUATING_GRADES
            and stay.end is not None
            and start <= stay.end <= end
            and stay.end_reason != "class_transfer"
        ):
            result.destinations.setdefault(stay.grade, Counter())[stay.end_reason] += 1
            result.graduates.setdefault(stay.grade, []).append(stay)
    key = lambda s: (s.start, s.student)  # noqa: E731
    result.arrived.sort(key=key)
    result.left.sort(key=lambda s: (s.end or end, s.student))
    result.moved.sort(key=lambda m: (m.on, m.student))
    return result
