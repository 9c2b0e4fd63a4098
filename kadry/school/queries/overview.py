"""All classes at a glance for the deputy director and the director, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kadry.school.models import AttendanceDay, AttendanceMark, ClassEvent, ParentMeeting, Period, SchoolClass
from kadry.school.rules.life import notice_in_time


@dataclass(frozen=True)
class ClassGlance:
    school_class: SchoolClass
    marked_today: bool
    unresolved: int  # marks whose reason is still unknown
    period: Period | None  # the period running today for the class's grade
    meeting_held: bool  # a parent meeting in that period (§6.7)
    late_notice_events: int  # upcoming events whose written notice is not in time (§6.9)

    @property
    def meeting_due(self) -> bool:
        return self.period is not None and not self.meeting_held


def overview(classes: QuerySet[SchoolClass], *, today: dt.date) -> list[ClassGlance]:
    """Return a glance at every class of ``classes`` on ``today`` (four queries, however many classes)."""
    unresolved = Count(
        "attendance_marks", filter=Q(attendance_marks__reason=AttendanceMark.Reason.UNKNOWN), distinct=True
    )
    rows = list(
        classes.select_related("academic_year")
        .annotate(
            marked=Exists(AttendanceDay.objects.filter(school_class=OuterRef("pk"), date=today)),
            unresolved=unresolved,
        )
        .order_by("grade", "letter")
    )
    if not rows:
        return []
    organisation_id = rows[0].organisation_id
    periods = list(
        Period.objects.filter(
            organisation_id=organisation_id,
            academic_year_id__in={c.academic_year_id for c in rows},
            start__lte=today,
            end__gte=today,
        )
    )
    current = {
        c.pk: next((p for p in periods if p.academic_year_id == c.academic_year_id and p.covers(c.grade, today)), None)
        for c in rows
    }
    meetings: dict[int, list[dt.date]] = defaultdict(list)
    if periods:
        for class_id, day in ParentMeeting.objects.filter(
            organisation_id=organisation_id,
            school_class_id__in=[c.pk for c in rows],
            date__range=(min(p.start for p in periods), max(p.end for p in periods)),
        ).values_list("school_class_id", "date"):
            meetings[class_id].append(day)
    late: dict[int, int] = defaultdict(int)
    for class_id, day, notice in ClassEvent.objects.filter(
        organisation_id=organisation_id,
        school_class_id__in=[c.pk for c in rows],
        date__gte=today,
        cancelled_at__isnull=True,
    ).values_list("school_class_id", "date", "notice_given_on"):
        if not notice_in_time(notice, day):
            late[class_id] += 1
    result = []
    for c in rows:
        period = current[c.pk]
        held = period is not None and any(period.start <= day <= period.end for day in meetings[c.pk])
        result.append(
            ClassGlance(
                school_class=c,
                marked_today=c.marked,
                unresolved=c.unresolved,
                period=period,
                meeting_held=held,
                late_notice_events=late[c.pk],
            )
        )
    return result
