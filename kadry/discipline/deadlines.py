"""The terms of open discipline cases as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

Registered from ``DisciplineConfig.ready``: the home page and the deadlines page collect them, core
never imports discipline. A bounded number of queries, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from kadry.core.home import Deadline, register_deadlines
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.discipline.models import Violation
from kadry.discipline.terms import register_terms

EXPLANATION_KIND = "Письменное объяснение"
SANCTION_KIND = "Последний день для взыскания"
ACQUAINTANCE_KIND = "Ознакомление с приказом о взыскании"


def open_cases(organisation_id: int) -> list[Violation]:
    """Return the cases with a term still to meet: open ones, and sanctioned ones the employee has not signed."""
    return list(
        Violation.objects.filter(organisation_id=organisation_id)
        .filter(
            Q(status=Violation.Status.OPEN)
            | Q(status=Violation.Status.SANCTIONED, acquainted_on__isnull=True, refusal_act_on__isnull=True)
        )
        .select_related("employee", "explanation", "sanction_item__order")
        .order_by("discovered_on", "id")
    )


def discipline_deadlines(organisation_id: int) -> list[Deadline]:
    """Return every term of every case still running: the explanation, the sanction's last day, the acquaintance."""
    cases = open_cases(organisation_id)
    terms = register_terms(cases)
    result = []
    for case in cases:
        found, url = terms[case.pk], reverse("discipline:detail", args=[case.pk])
        who = f"{case.employee.short_name}, проступок от {case.committed_on:%d.%m.%Y}"
        if case.status == Violation.Status.SANCTIONED:
            if found.acquaintance_due:
                result.append(
                    Deadline(ACQUAINTANCE_KIND, who, found.acquaintance_due, "ТК РФ ст. 193 ч. 6", url, "Дело")
                )
            continue
        request = getattr(case, "explanation", None)
        if request is not None and found.explanation_due and not (request.received_on or request.not_provided_act_on):
            result.append(Deadline(EXPLANATION_KIND, who, found.explanation_due, "ТК РФ ст. 193 ч. 1", url, "Дело"))
        source = "ТК РФ ст. 193 ч. 4" if found.last_day.by_limit else "ТК РФ ст. 193 ч. 3"
        result.append(Deadline(SANCTION_KIND, who, found.last_day.day, source, url, "Дело"))
    return result


@register_deadlines
def membership_discipline_deadlines(membership: Membership, today: dt.date) -> list[Deadline]:
    """HR keeps the cases and drafts the orders: they meet the terms."""
    if role_can(membership.role, Capability.DRAFT_ORDERS):
        return discipline_deadlines(membership.organisation_id)
    return []
