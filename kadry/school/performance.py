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

# The periods grades are given for, as (key, label): a message to parents about a period's grades.
TermsSource = Callable[[], list[tuple[str, str]]]
# a class, a period's key and students → student id → that student's grades of the period, as a line.
StudentGradesSource = Callable[["SchoolClass", str, Sequence[int]], dict[int, str]]

_class_sources: list[ClassSource] = []
_student_sources: list[StudentSource] = []
_terms_sources: list[TermsSource] = []
_grades_sources: list[StudentGradesSource] = []


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


def register_period_grades(terms: TermsSource, grades: StudentGradesSource) -> None:
    """Register where the periods and each student's grades of a period come from (kadry.grades)."""
    if terms not in _terms_sources:
        _terms_sources.append(terms)
    if grades not in _grades_sources:
        _grades_sources.append(grades)


def grade_terms() -> list[tuple[str, str]]:
    """Return the periods grades are given for; empty when no app keeps grades."""
    return [term for source in _terms_sources for term in source()]


def students_grades(school_class: SchoolClass, term: str, student_ids: Sequence[int]) -> dict[int, str]:
    """Return each student's grades of ``term`` as a line, for those the registered source has grades of."""
    found: dict[int, str] = {}
    for source in _grades_sources:
        for student_id, line in source(school_class, term, student_ids).items():
            found.setdefault(student_id, line)
    return found
