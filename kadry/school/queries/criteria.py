"""Figures of classes for a span of days: attendance, clubs, events, self-government, class life.

A fixed number of queries whatever the number of classes: every query covers all the classes asked
about, and the arithmetic is done by the pure rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, When

from kadry.school.models import (
    Activity,
    AttendanceDay,
    AttendanceMark,
    ClassEvent,
    ClassHour,
    Enrollment,
    ParentMeeting,
    Period,
    SchoolClass,
)
from kadry.school.performance import class_performance
from kadry.school.rules.activities import points
from kadry.school.rules.criteria import ClassFigures, Criteria, criteria, possible_lessons

# The lessons a mark takes away: the whole day's lessons of its class, or the lessons it names.
MISSED_LESSONS = Sum(
    Case(
        When(whole_day=True, then=F("school_class__lessons_per_day")),
        default=F("lessons"),
        output_field=IntegerField(),
    )
)


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    # The day the class list is taken on: the span's end, or today while the span is running.
    on: dt.date
    # What the grades are read for (kadry.school.performance): the period, or the whole year.
    period: Period | None = None
    whole_year: bool = False


def span_of(period: Period, today: dt.date) -> Span:
    return Span(period.start, period.end, min(period.end, max(today, period.start)), period=period)


def _overlapping(queryset: QuerySet, span: Span) -> QuerySet:
    return queryset.filter(Q(end__isnull=True) | Q(end__gte=span.start), start__lte=span.end)


def class_figures(classes: Sequence[SchoolClass], span: Span) -> dict[int, ClassFigures]:
    """Return the raw figures of every class of ``classes`` over ``span`` (six queries)."""
    if not classes:
        return {}
    organisation_id = classes[0].organisation_id
    ids = [c.pk for c in classes]
    per_day = {c.pk: c.lessons_per_day for c in classes}

    enrolments: dict[int, list[tuple[int, dt.date, dt.date | None]]] = defaultdict(list)
    for class_id, student_id, start, end in _overlapping(
        Enrollment.objects.filter(organisation_id=organisation_id, school_class_id__in=ids), span
    ).values_list("school_class_id", "student_id", "start", "end"):
        enrolments[class_id].append((student_id, start, end))

    def enrolled(class_id: int, day: dt.date) -> set[int]:
        return {s for s, start, end in enrolments[class_id] if start <= day and (end is None or end >= day)}

    days: dict[int, list[dt.date]] = defaultdict(list)
    for class_id, day in AttendanceDay.objects.filter(
        organisation_id=organisation_id, school_class_id__in=ids, date__range=(span.start, span.end)
    ).values_list("school_class_id", "date"):
        days[class_id].append(day)

    missed = dict(
        AttendanceMark.objects.filter(
            organisation_id=organisation_id,
            school_class_id__in=ids,
            kind=AttendanceMark.Kind.ABSENT,
            date__range=(span.start, span.end),
        )
        .values("school_class_id")
        .annotate(missed=MISSED_LESSONS)
        .values_list("school_class_id", "missed")
    )

    students_on = {class_id: enrolled(class_id, span.on) for class_id in ids}
    everyone = set().union(*students_on.values())
    active: dict[str, set[int]] = defaultdict(set)
    for student_id, kind in (
        _overlapping(Activity.objects.filter(organisation_id=organisation_id, student_id__in=everyone), span)
        .filter(kind__in=[Activity.Kind.CLUB, Activity.Kind.SELF_GOVERNMENT])
        .values_list("student_id", "kind")
        .distinct()
    ):
        active[kind].add(student_id)

    # The period's competition and olympiad results: the activity rating (§4.16).
    results: list[tuple[int, str, str]] = list(
        Activity.objects.filter(
            organisation_id=organisation_id,
            student_id__in=everyone,
            kind=Activity.Kind.COMPETITION,
            start__range=(span.start, span.end),
        ).values_list("student_id", "level", "placement")
    )

    in_events: dict[int, set[int]] = defaultdict(set)
    through = ClassEvent.participants.through
    for class_id, student_id in (
        through.objects.filter(
            classevent__organisation_id=organisation_id,
            classevent__school_class_id__in=ids,
            classevent__date__range=(span.start, span.end),
            classevent__cancelled_at__isnull=True,
        )
        .values_list("classevent__school_class_id", "student_id")
        .distinct()
    ):
        in_events[class_id].add(student_id)

    performance = class_performance(classes, span.period) if span.period or span.whole_year else {}
    return {
        class_id: ClassFigures(
            students=len(students_on[class_id]),
            possible_lessons=sum(
                possible_lessons(1, len(enrolled(class_id, day)), per_day[class_id]) for day in days[class_id]
            ),
            missed_lessons=missed.get(class_id) or 0,
            in_clubs=len(students_on[class_id] & active[Activity.Kind.CLUB]),
            in_events=len(students_on[class_id] & in_events[class_id]),
            in_self_government=len(students_on[class_id] & active[Activity.Kind.SELF_GOVERNMENT]),
            rating_points=sum(
                points(level, placement) for s, level, placement in results if s in students_on[class_id]
            ),
            quality=performance[class_id].quality if class_id in performance else None,
            success=performance[class_id].success if class_id in performance else None,
        )
        for class_id in ids
    }


def periods_of(school_class: SchoolClass) -> list[Period]:
    """Return the periods of the class's year that cover its grade, in order."""
    return list(
        Period.objects.filter(
            organisation_id=school_class.organisation_id,
            academic_year_id=school_class.academic_year_id,
            grade_from__lte=school_class.grade,
            grade_to__gte=school_class.grade,
        ).order_by("start")
    )


def previous_period(period: Period) -> Period | None:
    """Return the period before ``period`` for the same grades (the basis of the trend), if any."""
    return (
        Period.objects.filter(
            organisation_id=period.organisation_id,
            grade_from=period.grade_from,
            grade_to=period.grade_to,
            end__lt=period.start,
        )
        .order_by("-end")
        .first()
    )


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    meetings: int
    class_hours_held: int
    class_hours_cancelled: int
    events_held: int
    criteria: Criteria


@dataclass(frozen=True)
class YearAnalysis:
    """The figures of the yearly analysis of educational work, filled in from the class's records."""

    rows: list[PeriodRow]
    year: Criteria
    figures: ClassFigures
    meetings: int
    class_hours_held: int
    class_hours_cancelled: int
    events_held: int
    quarters_without_meeting: list[Period]


def _count_by_period(dates: Sequence[dt.date], periods: Sequence[Period]) -> list[int]:
    return [sum(1 for day in dates if period.start <= day <= period.end) for period in periods]


def year_analysis(school_class: SchoolClass, *, today: dt.date) -> YearAnalysis:
    """Return the figures of the class's year so far, per period and in total."""
    year = school_class.academic_year
    periods = periods_of(school_class)
    start, end = year.start, min(year.end, max(today, year.start))
    base = {"organisation_id": school_class.organisation_id, "school_class": school_class, "date__range": (start, end)}
    meetings = list(ParentMeeting.objects.filter(**base).values_list("date", flat=True))
    hours = list(ClassHour.objects.filter(**base).values_list("date", "status"))
    events = list(
        ClassEvent.objects.filter(**base, date__lte=today, cancelled_at__isnull=True).values_list("date", flat=True)
    )
    held = [day for day, status in hours if status == ClassHour.Status.HELD]
    cancelled = [day for day, status in hours if status == ClassHour.Status.CANCELLED]
    rows = []
    for period, n_meetings, n_held, n_cancelled, n_events in zip(
        periods,
        _count_by_period(meetings, periods),
        _count_by_period(held, periods),
        _count_by_period(cancelled, periods),
        _count_by_period(events, periods),
        strict=True,
    ):
        if period.start > today:
            continue
        figures = class_figures([school_class], span_of(period, today))[school_class.pk]
        rows.append(PeriodRow(period, n_meetings, n_held, n_cancelled, n_events, criteria(figures)))
    total = class_figures([school_class], Span(start, end, end, whole_year=True))[school_class.pk]
    return YearAnalysis(
        rows=rows,
        year=criteria(total),
        figures=total,
        meetings=len(meetings),
        class_hours_held=len(held),
        class_hours_cancelled=len(cancelled),
        events_held=len(events),
        # §6.7: at least one meeting per quarter; only quarters already over are reproached.
        quarters_without_meeting=[row.period for row in rows if row.meetings == 0 and row.period.end < today],
    )
