"""The grades of classes for a term, read for the analysis: a fixed number of queries whatever the classes.

Every query covers all the classes asked about; the arithmetic is the pure ``kadry.grades.rules``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.db.models import Q

from kadry.core.memory import remembered
from kadry.grades.models import PeriodGrade, Subject, Term
from kadry.grades.rules import (
    Analysis,
    Category,
    Comparison,
    analyse,
    combine,
    compare,
    previous_term,
    term_of_period,
)
from kadry.school.models import AcademicYear, Enrollment, Period, SchoolClass, Student


def term_end(term: str, school_class: SchoolClass, periods: Sequence[Period], year_end: dt.date) -> dt.date:
    """Return the last day of ``term`` for the class: its period's end, or the year's end."""
    for period in periods:
        if (
            period.academic_year_id == school_class.academic_year_id
            and period.grade_from <= school_class.grade <= period.grade_to
            and term_of_period(period.kind, period.number) == term
        ):
            return period.end
    return year_end


def year_periods(classes: Sequence[SchoolClass]) -> list[Period]:
    """Return the periods of the classes' years (one query)."""
    if not classes:
        return []
    return list(
        Period.objects.filter(
            organisation_id=classes[0].organisation_id,
            academic_year_id__in={c.academic_year_id for c in classes},
        )
    )


def current_term(school_class: SchoolClass, periods: Sequence[Period], today: dt.date) -> Term:
    """Return the term running on ``today`` for the class, or the last one over; the first quarter before any."""
    own = sorted(
        (
            p
            for p in periods
            if p.grade_from <= school_class.grade <= p.grade_to and p.academic_year_id == school_class.academic_year_id
        ),
        key=lambda p: p.start,
    )
    started = [p for p in own if p.start <= today]
    chosen = started[-1] if started else (own[0] if own else None)
    term = term_of_period(chosen.kind, chosen.number) if chosen else None
    return term or Term.Q1


@dataclass(frozen=True)
class ClassTerm:
    """A class's term: the students listed, their analysis and the comparison with the term before."""

    school_class: SchoolClass
    term: Term
    analysis: Analysis
    previous: Analysis | None
    comparison: Comparison


def _marks_of(classes: Sequence[SchoolClass], terms: set[str]) -> dict[tuple[int, str], dict[int, dict[str, str]]]:
    """Return (class, term) → student → subject → mark (two queries: the subjects' names, the grades)."""
    if not classes:
        return {}
    rows = PeriodGrade.objects.filter(
        organisation_id=classes[0].organisation_id,
        academic_year_id__in={c.academic_year_id for c in classes},
        school_class_id__in=[c.pk for c in classes],
        term__in=terms,
    )
    marks: dict[tuple[int, str], dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    # The names apart (a school has tens of subjects, a summary reads tens of thousands of grades).
    names = subject_names(classes[0].organisation_id)
    for class_id, term, student_id, subject_id, mark in rows.values_list(
        "school_class_id", "term", "student_id", "subject_id", "mark"
    ):
        marks[(class_id, term)][student_id][names[subject_id]] = mark
    return marks


def _enrolled(classes: Sequence[SchoolClass], ends: dict[int, dt.date]) -> dict[int, set[int]]:
    """Return class → students enrolled on the term's end (or on its last day so far) (one query)."""
    if not classes:
        return {}
    enrolled: dict[int, set[int]] = defaultdict(set)
    rows = Enrollment.objects.filter(
        organisation_id=classes[0].organisation_id, school_class_id__in=[c.pk for c in classes]
    ).values_list("school_class_id", "student_id", "start", "end")
    for class_id, student_id, start, end in rows:
        on = ends[class_id]
        if start <= on and (end is None or end >= on):
            enrolled[class_id].add(student_id)
    return enrolled


def class_terms(
    classes: Sequence[SchoolClass], term: str, *, today: dt.date, by_subject: bool = True
) -> dict[int, ClassTerm]:
    """Return the term of every class of ``classes`` with the previous term to compare (five queries).

    A class lists the students enrolled on the term's end (today while it runs) and anyone graded in
    the class for the term (a student who left after the grades were given is still counted).
    """
    if not classes:
        return {}
    periods = year_periods(classes)
    before = previous_term(term)
    terms = {term, before} if before else {term}
    marks = _marks_of(classes, {t for t in terms if t})
    # The years' dates in one query: the classes may come without their year (the criteria's pages).
    years = {
        pk: (start, end)
        for pk, start, end in AcademicYear.objects.filter(pk__in={c.academic_year_id for c in classes}).values_list(
            "pk", "start", "end"
        )
    }
    ends = {
        c.pk: min(term_end(term, c, periods, years[c.academic_year_id][1]), max(today, years[c.academic_year_id][0]))
        for c in classes
    }
    enrolled = _enrolled(classes, ends)
    result = {}
    for school_class in classes:
        current = marks.get((school_class.pk, term), {})
        listed = sorted(enrolled.get(school_class.pk, set()) | set(current))
        analysis = analyse(listed, current, by_subject=by_subject)
        previous = None
        if before and (school_class.pk, before) in marks:
            earlier = marks[(school_class.pk, before)]
            previous = analyse(sorted(set(earlier)), earlier, by_subject=by_subject)
        result[school_class.pk] = ClassTerm(school_class, Term(term), analysis, previous, compare(analysis, previous))
    return result


def school_summary(classes: Sequence[SchoolClass], term: str, *, today: dt.date) -> tuple[list[ClassTerm], Analysis]:
    """Return the term of every class of ``classes`` and their total: the deputy's and the director's summary.

    A class without a single grade for the term (its grades not loaded yet, or a first grade taught
    without marks) is listed but left out of the total: its students are not «not attested», the school
    simply has no marks of theirs. The summary shows counts only, so the students' results are dropped;
    what is left is kept in memory until the school's data changes (``kadry.core.memory``): a reading
    costs one query then, not five and the arithmetic over every student of the school.
    """
    if not classes:
        return [], combine([])

    def computed() -> tuple[list[ClassTerm], Analysis]:
        figures = class_terms(classes, term, today=today, by_subject=False)
        rows = [figures[c.pk] for c in classes]
        totals = combine([row.analysis for row in rows if row.analysis.attested])
        return [_counts_only(row) for row in rows], replace(totals, results=[])

    key = (tuple(c.pk for c in classes), str(term), today.isoformat())
    return remembered("grades-summary", {classes[0].organisation_id}, key, computed)


def _counts_only(row: ClassTerm) -> ClassTerm:
    previous = replace(row.previous, results=[]) if row.previous else None
    return replace(row, analysis=replace(row.analysis, results=[]), previous=previous)


def students_named(ids: Sequence[int]) -> dict[int, Student]:
    """Return the students by id (one query), for the names on the class's analysis."""
    return {s.pk: s for s in Student.objects.filter(pk__in=ids)}


def terms_with_grades(school_class: SchoolClass) -> list[Term]:
    """Return the terms of the class's year that have grades, in order (one query)."""
    found = set(
        PeriodGrade.objects.filter(
            organisation_id=school_class.organisation_id,
            academic_year_id=school_class.academic_year_id,
            school_class=school_class,
        )
        .values_list("term", flat=True)
        .distinct()
    )
    return [term for term in Term if term.value in found]


def student_grades(student: Student, academic_year_id: int) -> dict[str, dict[str, str]]:
    """Return a student's grades of a year: term → subject → mark (one query)."""
    grades: dict[str, dict[str, str]] = defaultdict(dict)
    for term, subject, mark in PeriodGrade.objects.filter(
        organisation_id=student.organisation_id, student=student, academic_year_id=academic_year_id
    ).values_list("term", "subject__name", "mark"):
        grades[term][subject] = mark
    return grades


def failing_in(
    classes: Sequence[SchoolClass], *, today: dt.date
) -> list[tuple[SchoolClass, Term, list[tuple[Student, list[tuple[str, str]]]]]]:
    """Return, for each class, its latest graded term and the failing students with their subjects.

    One query for the terms, then three per distinct term (not per class) and one for the names.
    """
    if not classes:
        return []
    latest: dict[int, str] = {}
    order = {term.value: n for n, term in enumerate(Term)}
    for class_id, term in (
        PeriodGrade.objects.filter(
            organisation_id=classes[0].organisation_id, school_class_id__in=[c.pk for c in classes]
        )
        .filter(Q(academic_year_id__in={c.academic_year_id for c in classes}))
        .exclude(term=Term.YEAR)
        .values_list("school_class_id", "term")
        .distinct()
    ):
        if order[term] > order.get(latest.get(class_id, ""), -1):
            latest[class_id] = term
    by_term: dict[str, list[SchoolClass]] = defaultdict(list)
    for school_class in classes:
        if school_class.pk in latest:
            by_term[latest[school_class.pk]].append(school_class)
    found: dict[int, tuple[Term, list[tuple[int, list[tuple[str, str]]]]]] = {}
    for term, group in by_term.items():  # at most one call per term, whatever the number of classes
        for class_id, one in class_terms(group, term, today=today, by_subject=False).items():
            failing = [(r.student_id, list(r.debts)) for r in one.analysis.of(Category.FAILING)]
            if failing:
                found[class_id] = (Term(term), failing)
    named = students_named(sorted({s for _t, failing in found.values() for s, _d in failing}))
    return [(c, found[c.pk][0], [(named[s], debts) for s, debts in found[c.pk][1]]) for c in classes if c.pk in found]


def subject_names(organisation_id: int) -> dict[int, str]:
    return dict(Subject.objects.filter(organisation_id=organisation_id).values_list("pk", "name"))
