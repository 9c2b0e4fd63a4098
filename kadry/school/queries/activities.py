"""The activities of a class's students and the figures they make: employment in clubs, the activity rating.

Two queries for a class (its students, their activities) and two for any number of classes: the
arithmetic is done by ``rules/activities.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from kadry.school.models import Activity, Enrollment, SchoolClass, Student
from kadry.school.rules.activities import Rating, Result, club_employment, rating


@dataclass(frozen=True)
class ClassActivities:
    school_class: SchoolClass
    on: dt.date
    students: list[Student]
    activities: list[Activity]  # of the class's students during the class's school year, by kind and date
    in_clubs: int
    employment: Decimal | None
    rating: Rating

    def of_kind(self, kind: str) -> list[Activity]:
        return [a for a in self.activities if a.kind == kind]


@dataclass(frozen=True)
class ClassSummary:
    school_class: SchoolClass | None  # None for the school's total
    students: int
    in_clubs: int
    employment: Decimal | None
    rating: Rating


def _active_on(activity: Activity, on: dt.date) -> bool:
    return activity.start <= on and (activity.end is None or activity.end >= on)


def _year_activities(organisation_id: int, student_ids: set[int], start: dt.date, end: dt.date) -> list[Activity]:
    return list(
        Activity.objects.filter(organisation_id=organisation_id, student_id__in=student_ids, start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .order_by("kind", "start", "id")
    )


def _ratings(activities: Sequence[Activity], students: int) -> Rating:
    return rating(
        (Result(a.student_id, a.level, a.placement) for a in activities if a.kind == Activity.Kind.COMPETITION),
        students,
    )


def class_activities(school_class: SchoolClass, *, on: dt.date) -> ClassActivities:
    """Return the activities of the students enrolled in ``school_class`` on ``on`` over its school year."""
    year = school_class.academic_year
    students = list(
        Student.objects.filter(
            organisation_id=school_class.organisation_id,
            pk__in=Enrollment.objects.active(on=on).filter(school_class=school_class).values("student_id"),
        )
    )
    by_pk = {s.pk: s for s in students}
    activities = _year_activities(school_class.organisation_id, set(by_pk), year.start, year.end)
    for activity in activities:
        activity.student = by_pk[activity.student_id]  # no query per row for the name
    in_clubs = len({a.student_id for a in activities if a.kind == Activity.Kind.CLUB and _active_on(a, on)})
    return ClassActivities(
        school_class=school_class,
        on=on,
        students=students,
        activities=activities,
        in_clubs=in_clubs,
        employment=club_employment(in_clubs, len(students)),
        rating=_ratings(activities, len(students)),
    )


def school_summary(classes: Sequence[SchoolClass], *, on: dt.date) -> tuple[list[ClassSummary], ClassSummary | None]:
    """Return each class's club employment and rating on ``on``, and the school's total (two queries)."""
    if not classes:
        return [], None
    organisation_id = classes[0].organisation_id
    roll: dict[int, set[int]] = defaultdict(set)
    for class_id, student_id in (
        Enrollment.objects.active(on=on)
        .filter(organisation_id=organisation_id, school_class__in=classes)
        .values_list("school_class_id", "student_id")
    ):
        roll[class_id].add(student_id)
    everyone = set().union(*roll.values()) if roll else set()
    years = [c.academic_year for c in classes]
    activities = _year_activities(organisation_id, everyone, min(y.start for y in years), max(y.end for y in years))
    clubbed = {a.student_id for a in activities if a.kind == Activity.Kind.CLUB and _active_on(a, on)}
    rows = []
    for school_class in classes:
        ids = roll[school_class.pk]
        mine = [a for a in activities if a.student_id in ids]
        in_clubs = len(ids & clubbed)
        rows.append(
            ClassSummary(
                school_class, len(ids), in_clubs, club_employment(in_clubs, len(ids)), _ratings(mine, len(ids))
            )
        )
    total_in_clubs = len(everyone & clubbed)
    total = ClassSummary(
        None,
        len(everyone),
        total_in_clubs,
        club_employment(total_in_clubs, len(everyone)),
        _ratings(activities, len(everyone)),
    )
    return rows, total
