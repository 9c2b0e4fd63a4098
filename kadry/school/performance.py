"""Academic performance as another app reports it: the registry the school's criteria and drafts read.

The school does not keep grades (they come from the regional electronic journal, kadry.grades), and
the school must not import the app that does: the dependency would run both ways. So the school
declares here what it needs — a class's quality and success percentages for a period, and sentences
about a student's results for a characteristic — and kadry.grades registers the functions that
answer from its ``AppConfig.ready``, as the deadlines and home panels are registered in core. With
nothing registered the criteria show «—» and the draft says nothing of grades.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kadry.school.models import Period, SchoolClass, Student


@dataclass(frozen=True)
class ClassPerformance:
    """A class's performance for a period (regulation on class teachers, §4.1, §6.4)."""

    quality: Decimal | None  # качество знаний, %
    success: Decimal | None  # успеваемость, %


# classes and a period (None: the whole school year of the classes) → class id → performance.
ClassSource = Callable[[Sequence["SchoolClass"], "Period | None"], dict[int, ClassPerformance]]
# a student and the day → sentences for the characteristic's draft.
StudentSource = Callable[["Student", dt.date], list[str]]

_class_sources: list[ClassSource] = []
_student_sources: list[StudentSource] = []


def register_class_performance(source: ClassSource) -> ClassSource:
    if source not in _class_sources:
        _class_sources.append(source)
    return source


def register_student_performance(source: StudentSource) -> StudentSource:
    if source not in _student_sources:
        _student_sources.append(source)
    return source


def class_performance(classes: Sequence[SchoolClass], period: Period | None) -> dict[int, ClassPerformance]:
    """Return the performance of each class the registered sources know of (the first source that does)."""
    found: dict[int, ClassPerformance] = {}
    for source in _class_sources:
        for class_id, performance in source(classes, period).items():
            found.setdefault(class_id, performance)
    return found


def student_performance(student: Student, today: dt.date) -> list[str]:
    """Return the sentences of every registered source about the student's results."""
    return [sentence for source in _student_sources for sentence in source(student, today)]
