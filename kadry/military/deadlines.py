"""The notices to the military commissariat as ``Deadline`` values of the core registry.

Registered from ``MilitaryConfig.ready``: the deadlines page and the home page collect them, core
never imports military. One query whatever the number of hires and dismissals.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.core.permissions import Capability, role_can
from kadry.military import queries, rules

CODE = register_deadline_kind("military", "Сообщения в военкомат")
KIND = {"hire": "Сообщение в военкомат о приёме", "dismissal": "Сообщение в военкомат об увольнении"}


def military_deadlines(organisation_ids: int | tuple[int, ...], today: dt.date) -> list[Deadline]:
    """Return a term for every hire and dismissal of a liable employee not yet reported (п. 32: two weeks)."""
    url = reverse("military:notices")
    return [
        Deadline(
            KIND[due.kind],
            f"{due.event.employee.short_name}, {due.event.date:%d.%m.%Y}",
            due.due,
            rules.NOTICE_SOURCE,
            url,
            "Сообщения в военкомат",
            CODE,
            due.event.organisation_id,
        )
        for due in queries.notices_due(organisation_ids, today)
    ]


@register_scoped_deadlines
def membership_military_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR keeps the military registration and sends the notices."""
    if role_can(scope.role, Capability.DRAFT_ORDERS):
        return military_deadlines(scope.organisation_ids, scope.today)
    return []
