"""The quarter's analysis of performance (успеваемость): pure values in, figures out. No database.

The class teacher analyses the class's performance and reports it to the deputy director each
quarter (regulation on class teachers, §4.1, §6.2, §6.4: «представляет информацию об успеваемости
обучающихся класса за четверть»). The conventions the school's reports use, written down once:

- A student is *attested* for a term when they have at least one grade other than «н/а» and «осв.».
  A student with only «н/а» (or nothing) is *not attested*: listed, but outside the percentages.
- «осв.» (exempt, e.g. physical education on medical grounds) is not a grade: the subject is left out.
- «зачёт» counts as passed and does not change the student's category (an «отличник» with «зачёт»
  in an unmarked subject is still an «отличник»).
- *Failing* (неуспевающие): an attested student with a «2», a «незачёт» or an «н/а» in any subject.
  The export does not say why a subject was not attested; 273-ФЗ ст. 58 ч. 2 calls unsatisfactory
  results *and* not passing the attestation without a good reason an academic debt, so «н/а» is
  counted with the debts and shown apart («н/а»), for the deputy to see which is which.
- Categories of the others: «отличники» — every mark 5; «хорошисты» — 4 and 5, at least one 4;
  «с одной тройкой» — exactly one 3, the rest 4 and 5; «троечники» — two or more 3 (no 2).
- Quality (качество знаний) = (отличники + хорошисты) / attested × 100.
- Success (успеваемость) = (attested − failing) / attested × 100.
- Percentages to one decimal, half up (``kadry.school.rules.criteria.percent``); no attested → none.
- By subject: the average of the five-point marks (two decimals, half up), quality = marks 4 and 5
  of the students graded in the subject, success = those without «2», «незачёт» and «н/а».
- The previous period of a quarter is the quarter before it in the same year (of a half-year, the
  half-year before; of a trimester, the trimester before); the first one and the year have none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from kadry.grades.models import Mark, Term
from kadry.school.rules.criteria import Trend, percent, trend

NUMERIC = {Mark.FIVE: 5, Mark.FOUR: 4, Mark.THREE: 3, Mark.TWO: 2}
# The grades that leave a subject unpassed (academic debt, 273-ФЗ ст. 58 ч. 2).
DEBTS = frozenset({Mark.TWO, Mark.FAIL, Mark.NOT_ATTESTED})
# Not grades of the student's knowledge: they do not make a student attested.
NOT_GRADES = frozenset({Mark.NOT_ATTESTED, Mark.EXEMPT})
HUNDREDTH = Decimal("0.01")

# The order of the terms of each kind, as school.Period numbers them (quarters, trimesters, half-years).
SEQUENCES: tuple[tuple[Term, ...], ...] = (
    (Term.Q1, Term.Q2, Term.Q3, Term.Q4),
    (Term.T1, Term.T2, Term.T3),
    (Term.H1, Term.H2),
)
# school.Period.Kind values → the terms they number.
PERIOD_TERMS = {"quarter": SEQUENCES[0], "trimester": SEQUENCES[1], "half_year": SEQUENCES[2]}


def previous_term(term: str) -> Term | None:
    """Return the term before ``term`` in the same year and of the same kind; None for a first one or the year."""
    for sequence in SEQUENCES:
        if term in sequence:
            position = sequence.index(Term(term))
            return sequence[position - 1] if position else None
    return None


def term_of_period(kind: str, number: int) -> Term | None:
    """Return the term a ``school.Period`` of ``kind`` and ``number`` closes; None if it has none."""
    sequence = PERIOD_TERMS.get(kind, ())
    return sequence[number - 1] if 1 <= number <= len(sequence) else None


class Category(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    ONE_THREE = "one_three"
    SATISFACTORY = "satisfactory"
    FAILING = "failing"
    NO_MARKS = "no_marks"  # attested by «зачёт» only (no five-point marks): passed, not in the quality
    NOT_ATTESTED = "not_attested"


CATEGORY_LABELS = {
    Category.EXCELLENT: "Отличники",
    Category.GOOD: "Хорошисты",
    Category.ONE_THREE: "С одной «3»",
    Category.SATISFACTORY: "Троечники",
    Category.FAILING: "Неуспевающие",
    Category.NO_MARKS: "Без отметок (зачёт)",
    Category.NOT_ATTESTED: "Не аттестованы",
}


@dataclass(frozen=True)
class StudentResult:
    """A student's term: the category, and the subjects that decide it (debts, the one «3»)."""

    student_id: int
    category: Category
    debts: tuple[tuple[str, str], ...] = ()  # (subject, mark label) of each «2», «незачёт», «н/а»
    threes: tuple[str, ...] = ()  # subjects marked 3


# The same sets as plain strings, as the marks come from the database: a school's summary classifies
# a thousand students, and an enum's lookup per mark was a third of the page.
_EXEMPT = Mark.EXEMPT.value
_THREE = Mark.THREE.value
_DEBT_VALUES = frozenset(mark.value for mark in DEBTS)
_NOT_GRADE_VALUES = frozenset(mark.value for mark in NOT_GRADES)
_NUMERIC_VALUES = {mark.value: value for mark, value in NUMERIC.items()}


def student_result(student_id: int, marks: Mapping[str, str]) -> StudentResult:
    """Return the category of a student from their marks of a term, ``{subject: mark}``."""
    debt_subjects: list[tuple[str, str]] = []
    threes: list[str] = []
    attested = numeric = False
    all_five = True
    for subject, mark in marks.items():
        if mark == _EXEMPT:
            continue
        if mark not in _NOT_GRADE_VALUES:
            attested = True
        if mark in _DEBT_VALUES:
            debt_subjects.append((subject, mark))
        value = _NUMERIC_VALUES.get(mark)
        if value is not None:
            numeric = True
            all_five = all_five and value == 5
            if mark == _THREE:
                threes.append(subject)
    debts = tuple((subject, str(Mark(mark).label)) for subject, mark in sorted(debt_subjects))
    threes.sort()
    if not attested:
        return StudentResult(student_id, Category.NOT_ATTESTED, debts, tuple(threes))
    if debts:
        category = Category.FAILING
    elif not numeric:
        category = Category.NO_MARKS
    elif all_five:
        category = Category.EXCELLENT
    elif not threes:
        category = Category.GOOD
    elif len(threes) == 1:
        category = Category.ONE_THREE
    else:
        category = Category.SATISFACTORY
    return StudentResult(student_id, category, debts, tuple(threes))


@dataclass(frozen=True)
class SubjectFigures:
    subject: str
    graded: int  # students with a grade in the subject other than «осв.»
    counts: dict[str, int]  # mark → students
    average: Decimal | None
    quality: Decimal | None
    success: Decimal | None


def subject_figures(subject: str, marks: Iterable[str]) -> SubjectFigures:
    """Return a subject's figures from the marks of its students for a term."""
    counts = Counter(mark for mark in marks if mark != Mark.EXEMPT)
    graded = sum(counts.values())
    numeric = [NUMERIC[Mark(mark)] for mark in counts.elements() if mark in NUMERIC]
    average = (Decimal(sum(numeric)) / len(numeric)).quantize(HUNDREDTH, ROUND_HALF_UP) if numeric else None
    good = counts[Mark.FIVE] + counts[Mark.FOUR]
    debts = sum(counts[mark] for mark in DEBTS)
    return SubjectFigures(
        subject=subject,
        graded=graded,
        counts=dict(counts),
        average=average,
        quality=percent(good, graded),
        success=percent(graded - debts, graded),
    )


@dataclass(frozen=True)
class Analysis:
    """A class's (or a group's) term: the students by category, the percentages, the subjects."""

    students: int  # students listed (enrolled, with or without grades)
    attested: int
    counts: dict[Category, int]
    results: list[StudentResult]
    quality: Decimal | None
    success: Decimal | None
    subjects: list[SubjectFigures] = field(default_factory=list)

    def of(self, category: Category) -> list[StudentResult]:
        return [result for result in self.results if result.category == category]


def analyse(student_ids: Sequence[int], marks: Mapping[int, Mapping[str, str]], *, by_subject: bool = True) -> Analysis:
    """Return the analysis of the students ``student_ids`` from their marks ``{student: {subject: mark}}``.

    A listed student without marks is not attested; marks of students not listed are ignored.
    """
    results = [student_result(student_id, marks.get(student_id, {})) for student_id in student_ids]
    counts = Counter(result.category for result in results)
    attested = len(results) - counts[Category.NOT_ATTESTED]
    subjects: list[SubjectFigures] = []
    if by_subject:
        per_subject: dict[str, list[str]] = {}
        for student_id in student_ids:
            for subject, mark in marks.get(student_id, {}).items():
                per_subject.setdefault(subject, []).append(mark)
        subjects = [subject_figures(subject, per_subject[subject]) for subject in sorted(per_subject)]
    return Analysis(
        students=len(results),
        attested=attested,
        counts={category: counts[category] for category in Category},
        results=results,
        quality=percent(counts[Category.EXCELLENT] + counts[Category.GOOD], attested),
        success=percent(attested - counts[Category.FAILING], attested),
        subjects=subjects,
    )


@dataclass(frozen=True)
class Comparison:
    quality: Trend
    success: Trend


def compare(current: Analysis, previous: Analysis | None) -> Comparison:
    """Return the change of quality and success against the previous period (the §9.5 dynamics)."""
    return Comparison(
        quality=trend(current.quality, previous.quality if previous else None),
        success=trend(current.success, previous.success if previous else None),
    )


def combine(analyses: Sequence[Analysis]) -> Analysis:
    """Return the analysis of several classes together (the school's line): the students of all, no subjects."""
    results = [result for analysis in analyses for result in analysis.results]
    counts = Counter(result.category for result in results)
    attested = len(results) - counts[Category.NOT_ATTESTED]
    return Analysis(
        students=len(results),
        attested=attested,
        counts={category: counts[category] for category in Category},
        results=results,
        quality=percent(counts[Category.EXCELLENT] + counts[Category.GOOD], attested),
        success=percent(attested - counts[Category.FAILING], attested),
    )
