"""The grades' answers to the school's registry (kadry.school.performance): the §9.5 criteria and the drafts.

Registered when the app is ready; the school reads them without importing grades.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from kadry.grades.models import Mark, PeriodGrade, Term
from kadry.grades.queries import class_terms
from kadry.grades.rules import Category, student_result, term_of_period
from kadry.school.models import Period, SchoolClass, Student
from kadry.school.performance import (
    ClassPerformance,
    register_class_performance,
    register_period_grades,
    register_student_performance,
)


@register_class_performance
def class_performance(classes: Sequence[SchoolClass], period: Period | None) -> dict[int, ClassPerformance]:
    """Return the quality and success of the classes graded for ``period`` (None: the year's grades)."""
    term = Term.YEAR if period is None else term_of_period(period.kind, period.number)
    if term is None or not classes:
        return {}
    figures = class_terms(list(classes), term, today=timezone.localdate(), by_subject=False)
    return {
        class_id: ClassPerformance(one.analysis.quality, one.analysis.success)
        for class_id, one in figures.items()
        if one.analysis.attested
    }


def _listed(subjects: Sequence[str]) -> str:
    return ", ".join(
        subject.lower() if subject[:1].isupper() and subject[1:2].islower() else subject for subject in subjects
    )


def result_sentence(term_label: str, marks: dict[str, str]) -> str:
    """Return what a characteristic says of a term's results."""
    result = student_result(0, marks)
    opening = f"По итогам периода «{term_label}»"
    if result.category == Category.EXCELLENT:
        return f"{opening} успевает на «отлично»."
    if result.category == Category.GOOD:
        return f"{opening} успевает на «хорошо» и «отлично»."
    if result.category == Category.ONE_THREE:
        return f"{opening} успевает на «хорошо» и «отлично», с одной «3» ({_listed(result.threes)})."
    if result.category == Category.SATISFACTORY:
        return f"{opening} успевает, имеет «3» по предметам: {_listed(result.threes)}."
    if result.category == Category.FAILING:
        debts = ", ".join(f"{_listed([subject])} ({mark})" for subject, mark in result.debts)
        return f"{opening} имеет академическую задолженность: {debts}."
    if result.category == Category.NO_MARKS:
        return f"{opening} аттестован(а) по всем предметам («зачёт»)."
    return f"{opening} не аттестован(а)."


@register_student_performance
def student_performance(student: Student, today: dt.date) -> list[str]:
    """Return a sentence on the student's latest term of their latest year with grades (one query)."""
    by_year: dict[tuple[dt.date, str], dict[str, str]] = defaultdict(dict)
    for start, term, subject, mark in PeriodGrade.objects.filter(
        organisation_id=student.organisation_id, student=student, academic_year__start__lte=today
    ).values_list("academic_year__start", "term", "subject__name", "mark"):
        by_year[(start, term)][subject] = mark
    if not by_year:
        return []
    order = {term.value: n for n, term in enumerate(Term)}
    start, term = max(by_year, key=lambda key: (key[0], order[key[1]]))
    return [result_sentence(str(Term(term).label), by_year[(start, term)])]


def _terms() -> list[tuple[str, str]]:
    return [(term.value, str(term.label)) for term in Term]


def period_grades(school_class: SchoolClass, term: str, student_ids: Sequence[int]) -> dict[int, str]:
    """Return each student's grades of ``term`` in the class's year as a line for their parents (one query).

    «Алгебра — 5, История — 4, Физкультура — осв. По итогам периода «1 четверть» успевает на «хорошо» и «отлично».»
    """
    marks: dict[int, dict[str, str]] = defaultdict(dict)
    for student_id, subject, mark in PeriodGrade.objects.filter(
        organisation_id=school_class.organisation_id,
        academic_year_id=school_class.academic_year_id,
        term=term,
        student_id__in=list(student_ids),
    ).values_list("student_id", "subject__name", "mark"):
        marks[student_id][subject] = mark
    label = str(Term(term).label)
    lines = {}
    for student_id, found in marks.items():
        listed = ", ".join(f"{subject} — {Mark(mark).label}" for subject, mark in sorted(found.items()))
        lines[student_id] = f"{listed}{'' if listed.endswith('.') else '.'} {result_sentence(label, found)}"
    return lines


register_period_grades(_terms, period_grades)
