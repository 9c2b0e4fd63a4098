"""The terms of open discipline cases as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

Registered from ``DisciplineConfig.ready``: the home page and the deadlines page collect them, core
never imports discipline. A bounded number of queries, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.urls import reverse

from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.core.permissions import Capability, role_can
from kadry.discipline import rules
from kadry.discipline.models import Violation
from kadry.discipline.terms import register_terms
from kadry.employment.models import Sanction

EXPLANATION_KIND = "Письменное объяснение"
SANCTION_KIND = "Последний день для взыскания"
ACQUAINTANCE_KIND = "Ознакомление с приказом о взыскании"
EXPIRY_KIND = "Истечение срока взыскания"
CODE = register_deadline_kind("discipline", "Дисциплинарные дела")
EXPIRY_CODE = register_deadline_kind("sanction_expiry", "Истечение срока взыскания")


def open_cases(organisation_id: int | Sequence[int]) -> list[Violation]:
    """Return the cases with a term still to meet: open ones, and sanctioned ones the employee has not signed."""
    ids = [organisation_id] if isinstance(organisation_id, int) else list(organisation_id)
    return list(
        Violation.objects.filter(organisation_id__in=ids)
        .filter(
            Q(status=Violation.Status.OPEN)
            | Q(status=Violation.Status.SANCTIONED, acquainted_on__isnull=True, refusal_act_on__isnull=True)
        )
        .select_related("employee", "explanation", "sanction_item__order")
        .order_by("discovered_on", "id")
    )


def discipline_deadlines(organisation_id: int | Sequence[int]) -> list[Deadline]:
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
                    Deadline(
                        ACQUAINTANCE_KIND,
                        who,
                        found.acquaintance_due,
                        "ТК РФ ст. 193 ч. 6",
                        url,
                        "Дело",
                        CODE,
                        case.organisation_id,
                    )
                )
            continue
        request = getattr(case, "explanation", None)
        if request is not None and found.explanation_due and not (request.received_on or request.not_provided_act_on):
            result.append(
                Deadline(
                    EXPLANATION_KIND,
                    who,
                    found.explanation_due,
                    "ТК РФ ст. 193 ч. 1",
                    url,
                    "Дело",
                    CODE,
                    case.organisation_id,
                )
            )
        source = "ТК РФ ст. 193 ч. 4" if found.last_day.by_limit else "ТК РФ ст. 193 ч. 3"
        result.append(Deadline(SANCTION_KIND, who, found.last_day.day, source, url, "Дело", CODE, case.organisation_id))
    return result


def expiry_deadlines(organisation_ids: Sequence[int], today: dt.date) -> list[Deadline]:
    """Return, for each employee with a sanction in force, the day their sanctions stop (ТК РФ ст. 194 ч. 1).

    Nothing is to be done on that day (the sanction expires by itself), but until it does the office
    may lift it early (ст. 194 ч. 2) and must count it (ст. 81 ч. 1 п. 5). One query: the sanctions
    of everyone sanctioned within the last year, with their lifts.
    """
    recent = Sanction.objects.filter(
        organisation_id__in=organisation_ids, date__gt=today - relativedelta(years=rules.EXPIRY_YEARS), date__lte=today
    ).values("employee_id")
    rows = list(
        Sanction.objects.filter(organisation_id__in=organisation_ids, employee_id__in=recent, date__lte=today)
        .select_related("employee", "lift")
        .order_by("employee_id", "date", "id")
    )
    by_employee: dict[int, list[Sanction]] = {}
    for row in rows:
        by_employee.setdefault(row.employee_id, []).append(row)
    result = []
    for sanctions in by_employee.values():
        applied = [
            rules.Applied(s.pk, s.date, lift.lifted_on if (lift := getattr(s, "lift", None)) else None)
            for s in sanctions
        ]
        keep = set(rules.in_force(applied, today))
        if not keep:
            continue
        ends = rules.expiry_dates(applied)
        last = max(ends[key] for key in keep)
        employee = sanctions[0].employee
        words = ", ".join(f"{s.get_kind_display()} от {s.date:%d.%m.%Y}" for s in sanctions if s.pk in keep)
        result.append(
            Deadline(
                EXPIRY_KIND,
                f"{employee.short_name}: {words} — действует по {last:%d.%m.%Y}",
                last,
                "ТК РФ ст. 194",
                reverse("employee_card", args=[employee.pk]),
                "Личная карточка",
                EXPIRY_CODE,
                employee.organisation_id,
            )
        )
    return result


@register_scoped_deadlines
def membership_discipline_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR keeps the cases and drafts the orders: they meet the terms."""
    if role_can(scope.role, Capability.DRAFT_ORDERS):
        return discipline_deadlines(scope.organisation_ids) + expiry_deadlines(scope.organisation_ids, scope.today)
    return []
