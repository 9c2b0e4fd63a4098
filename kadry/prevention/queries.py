"""Reading prevention cases: the register's rows and a case's plan, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kadry.prevention import rules
from kadry.prevention.models import CouncilDecision, Measure, PreventionCase, Review
from kadry.school.models import Enrollment, SchoolClass

REGISTER_LIMIT = 300  # a school's register; beyond it, the filters narrow


@dataclass
class CaseRow:
    case: PreventionCase
    school_class: SchoolClass | None
    next_review: dt.date | None
    review_overdue: bool
    overdue_measures: int
    open_measures: int


def with_plan_figures(cases: QuerySet[PreventionCase], today: dt.date) -> QuerySet[PreventionCase]:
    """Annotate each case with its last review and its measures without a result (overdue, all)."""
    last_review = Review.objects.filter(case=OuterRef("pk")).values("case").annotate(last=Max("date")).values("last")
    pending = Q(measures__result_on__isnull=True)
    return cases.annotate(
        last_review=Subquery(last_review),
        open_measures=Coalesce(Count("measures", filter=pending, distinct=True), 0, output_field=IntegerField()),
        overdue_measures=Coalesce(
            Count("measures", filter=pending & Q(measures__due_on__lt=today), distinct=True),
            0,
            output_field=IntegerField(),
        ),
    )


def classes_of(student_ids: list[int], today: dt.date) -> dict[int, SchoolClass]:
    """Return student → the class they are enrolled in today (one query)."""
    enrolments = Enrollment.objects.active(on=today).filter(student_id__in=student_ids).select_related("school_class")
    return {e.student_id: e.school_class for e in enrolments.order_by("start")}


def rows(cases: QuerySet[PreventionCase], today: dt.date, *, limit: int = REGISTER_LIMIT) -> list[CaseRow]:
    """Return the register's rows: each case with the student's class, the next review and the overdue (2 queries)."""
    found = list(
        with_plan_figures(cases, today)
        .select_related("student", "responsible")
        .order_by("status", "-opened_on", "-pk")[:limit]
    )
    classes = classes_of([c.student_id for c in found], today)
    result = []
    for case in found:
        last = getattr(case, "last_review", None)
        due = rules.next_review(case.opened_on, last) if case.is_open else None
        result.append(
            CaseRow(
                case=case,
                school_class=classes.get(case.student_id),
                next_review=due,
                review_overdue=due is not None and due < today,
                overdue_measures=getattr(case, "overdue_measures", 0) if case.is_open else 0,
                open_measures=getattr(case, "open_measures", 0),
            )
        )
    return result


def in_class(cases: QuerySet[PreventionCase], school_class: SchoolClass, today: dt.date) -> QuerySet[PreventionCase]:
    enrolled = Enrollment.objects.active(on=today).filter(school_class=school_class).values("student_id")
    return cases.filter(student_id__in=enrolled)


@dataclass
class Plan:
    """A case's plan as its page and its printouts show it."""

    case: PreventionCase
    school_class: SchoolClass | None
    measures: list[Measure]
    reviews: list[Review]
    decisions: list[CouncilDecision]
    next_review: dt.date | None
    today: dt.date

    @property
    def review_overdue(self) -> bool:
        return self.next_review is not None and self.next_review < self.today

    def overdue(self, measure: Measure) -> bool:
        return self.case.is_open and rules.measure_overdue(measure.due_on, measure.result_on, self.today)


def plan_of(case: PreventionCase, today: dt.date) -> Plan:
    """Return the case's plan: measures, reviews, the Council's decisions, the next review (four queries)."""
    measures = list(case.measures.order_by("due_on", "pk"))
    reviews = list(case.reviews.select_related("decision__sitting").order_by("date", "pk"))
    decisions = list(case.decisions.select_related("sitting").order_by("sitting__date", "pk"))
    last = max((r.date for r in reviews), default=None)
    return Plan(
        case=case,
        school_class=classes_of([case.student_id], today).get(case.student_id),
        measures=measures,
        reviews=reviews,
        decisions=decisions,
        next_review=rules.next_review(case.opened_on, last) if case.is_open else None,
        today=today,
    )
