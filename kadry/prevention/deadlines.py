"""The plans' reviews and measures due, as ``Deadline`` values of the core registry.

Shown only to the roles that see prevention cases: the administration and the social-psychological
service for their whole school, a class teacher for the students of the classes they lead. A term
names the case by its number and register, never the student: the home page writes no access log,
and the link opens the case page, which does. Two queries, whatever the number of cases or schools.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet
from django.urls import reverse

from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.prevention import rules
from kadry.prevention.access import within_reach
from kadry.prevention.models import Measure, PreventionCase
from kadry.school.access import sees_prevention

REVIEW_CODE = register_deadline_kind("prevention_review", "Пересмотр плана профилактической работы")
MEASURE_CODE = register_deadline_kind("prevention_measure", "Мероприятия плана профилактической работы")
ACTION = "Случай профилактического учёта"


def _open_cases(scope: DeadlineScope) -> QuerySet[PreventionCase]:
    cases = PreventionCase.objects.filter(organisation_id__in=scope.organisation_ids, status=PreventionCase.Status.OPEN)
    return within_reach(cases, scope.membership, on=scope.today)


def prevention_deadlines(cases: QuerySet[PreventionCase], today: dt.date) -> list[Deadline]:
    """Return the reviews and the measures overdue or due within ``rules.DUE_SOON_DAYS`` (two queries)."""
    until = today + dt.timedelta(days=rules.DUE_SOON_DAYS)
    result = []
    for case in cases.annotate(last_review=Max("reviews__date")).order_by("pk"):
        due = rules.next_review(case.opened_on, case.last_review)
        if due <= until:
            result.append(
                Deadline(
                    "Пересмотр плана профилактики",
                    f"случай № {case.pk}, {case.get_register_display()}",
                    due,
                    rules.REVIEW_SOURCE,
                    reverse("prevention:case", args=[case.pk]),
                    ACTION,
                    REVIEW_CODE,
                    case.organisation_id,
                )
            )
    measures = Measure.objects.filter(case__in=cases, result_on__isnull=True, due_on__lte=until).order_by(
        "due_on", "pk"
    )
    for measure in measures:
        result.append(
            Deadline(
                "Мероприятие плана профилактики",
                f"случай № {measure.case_id}: мероприятие № {measure.pk}",
                measure.due_on,
                rules.MEASURE_SOURCE,
                reverse("prevention:case", args=[measure.case_id]),
                ACTION,
                MEASURE_CODE,
                measure.organisation_id,
            )
        )
    return result


@register_scoped_deadlines
def membership_prevention_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """Those who see prevention cases meet the plans' terms."""
    if not sees_prevention(scope.membership):
        return []
    return prevention_deadlines(_open_cases(scope), scope.today)
