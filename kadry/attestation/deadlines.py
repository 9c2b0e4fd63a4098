"""The terms of attestation as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

A category's expiry is announced 6, 3 and 1 months before its last day: the latest reminder reached
(the home page looks a week ahead) is the one shown. An attestation of a schedule asks for the
acquaintance 30 days before its day, and the extract two working days after the sitting. Registered from
``AttestationConfig.ready`` as a scoped source: a bounded number of queries, whatever the number of
workers or of the schools a centralised service keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from django.urls import reverse

from kadry.attestation import rules
from kadry.attestation.queries import expiring_categories, open_attestations
from kadry.core.home import (
    DEADLINE_HORIZON,
    Deadline,
    DeadlineScope,
    register_deadline_kind,
    register_scoped_deadlines,
)
from kadry.core.permissions import Capability, role_can
from kadry.leave.balances import corrections

CATEGORY_KIND = "Истекает квалификационная категория"
ACQUAINTANCE_KIND = "Ознакомление с графиком аттестации"
EXTRACT_KIND = "Выписка из протокола аттестации"
CATEGORY_CODE = register_deadline_kind("attestation_category", "Истечение квалификационной категории")
ACQUAINTANCE_CODE = register_deadline_kind("attestation_acquaintance", ACQUAINTANCE_KIND)
EXTRACT_CODE = register_deadline_kind("attestation_extract", EXTRACT_KIND)


def category_deadlines(organisation_ids: int | Sequence[int], today: dt.date) -> list[Deadline]:
    """Return the reminder reached for each category expiring within six months (and a week)."""
    until = today + DEADLINE_HORIZON + relativedelta(months=max(rules.WARNING_MONTHS))
    result = []
    for employee, standing in expiring_categories(organisation_ids, today, until, today):
        assert standing.valid_until is not None
        reached = rules.current_warning(standing.valid_until, today, DEADLINE_HORIZON)
        if reached is None:
            continue
        months, day = reached
        who = f"{employee.short_name}: {standing.category_label}, по {standing.valid_until:%d.%m.%Y}"
        url = reverse("employee_card", args=[employee.pk]) + "?tab=attestation"
        result.append(Deadline(f"{CATEGORY_KIND} (за {months} мес.)", who, day, rules.SOURCE, url, "Карточка",
                               CATEGORY_CODE, employee.organisation_id))  # fmt: skip
    return result


def attestation_deadlines(organisation_ids: int | Sequence[int], today: dt.date) -> list[Deadline]:
    """Return the acquaintance of each attestation not yet acquainted and each extract not yet drawn up."""
    result, days = [], None
    for row in open_attestations(organisation_ids):
        url = reverse("attestation:detail", args=[row.pk])
        who = f"{row.employee.short_name}, аттестация {row.planned_on:%d.%m.%Y}"
        if row.protocol_date is None:
            if row.planned_on >= today:
                result.append(Deadline(ACQUAINTANCE_KIND, who, rules.acquaintance_due(row.planned_on), rules.SOURCE,
                                       url, "Аттестация", ACQUAINTANCE_CODE, row.organisation_id))  # fmt: skip
            continue
        days = corrections() if days is None else days
        result.append(Deadline(EXTRACT_KIND, who, rules.extract_due(row.protocol_date, days), rules.SOURCE, url,
                               "Аттестация", EXTRACT_CODE, row.organisation_id))  # fmt: skip
    return result


@register_scoped_deadlines
def membership_attestation_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR keeps the categories and the schedules: they meet the terms."""
    if role_can(scope.role, Capability.EDIT_PERSONAL_DATA):
        return category_deadlines(scope.organisation_ids, scope.today) + attestation_deadlines(
            scope.organisation_ids, scope.today
        )
    return []
