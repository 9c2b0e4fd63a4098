"""For the deputy director and the director: all classes at a glance, and the class teachers' criteria (§9.5)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.school.access import classes_for
from kadry.school.models import ClassTeacherAssignment, Period
from kadry.school.queries.criteria import class_figures, previous_period, span_of
from kadry.school.queries.overview import overview as glance
from kadry.school.rules.criteria import CRITERIA_LABELS, criteria, trends

CRITERIA_ACCESS = "Критерии эффективности классных руководителей"


@capability_required(Capability.VIEW_ALL_CLASSES)
def overview(request: MemberRequest) -> HttpResponse:
    """Every class today: attendance marked or not, unresolved reasons, meetings due, events without notice."""
    today = timezone.localdate()
    rows = glance(classes_for(request.membership, on=today), today=today)
    return render(
        request,
        "school/overview/overview.html",
        {
            "rows": rows,
            "today": today,
            "not_marked": sum(1 for row in rows if not row.marked_today),
            "unresolved": sum(row.unresolved for row in rows),
            "meetings_due": sum(1 for row in rows if row.meeting_due),
            "late_notices": sum(row.late_notice_events for row in rows),
        },
    )


def _chosen_period(request: HttpRequest, periods: list[Period], today) -> Period | None:
    wanted = request.GET.get("period", "")
    by_pk = {str(p.pk): p for p in periods}
    if wanted in by_pk:
        return by_pk[wanted]
    started = [p for p in periods if p.start <= today]
    return max(started, key=lambda p: p.start) if started else (periods[0] if periods else None)


@capability_required(Capability.VIEW_ALL_CLASSES)
def effectiveness(request: MemberRequest) -> HttpResponse:
    """The class teachers' effectiveness criteria for a period, with the trend against the previous one."""
    membership = request.membership
    today = timezone.localdate()
    periods = list(
        Period.objects.filter(organisation_id=membership.organisation_id)
        .select_related("academic_year")
        .order_by("-academic_year__start", "grade_from", "start")
    )
    period = _chosen_period(request, periods, today)
    rows = []
    if period is not None:
        classes = list(
            classes_for(membership, on=today)
            .filter(academic_year_id=period.academic_year_id, grade__gte=period.grade_from, grade__lte=period.grade_to)
            .order_by("grade", "letter")
        )
        current = class_figures(classes, span_of(period, today))
        before = previous_period(period)
        earlier = class_figures(classes, span_of(before, today)) if before is not None else {}
        teachers: dict[int, str] = {}
        for assignment in (
            ClassTeacherAssignment.objects.active(on=span_of(period, today).on)
            .filter(organisation_id=membership.organisation_id, school_class__in=classes)
            .select_related("teacher")
        ):
            teachers[assignment.school_class_id] = str(assignment.teacher)
        for school_class in classes:
            figures = current[school_class.pk]
            previous = criteria(earlier[school_class.pk]) if school_class.pk in earlier else None
            rows.append(
                {
                    "school_class": school_class,
                    "teacher": teachers.get(school_class.pk, ""),
                    "figures": figures,
                    "trends": [
                        (CRITERIA_LABELS[key], value) for key, value in trends(criteria(figures), previous).items()
                    ],
                }
            )
    else:
        before = None
    # Named class teachers with their figures: an evaluation of staff, logged with the school as subject.
    what = f"{CRITERIA_ACCESS}: {len(rows)} кл."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    return render(
        request,
        "school/overview/criteria.html",
        {
            "periods": periods,
            "period": period,
            "previous": before,
            "rows": rows,
            "labels": list(CRITERIA_LABELS.values()),
        },
    )
