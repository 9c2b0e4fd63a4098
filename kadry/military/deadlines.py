"""The notices to the military commissariat as ``Deadline`` values of the core registry.

Registered from ``MilitaryConfig.ready``: the deadlines page and the home page collect them, core
never imports military. One query whatever the number of hires and dismissals.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Deadline, register_deadlines
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.military import queries, rules

KIND = {"hire": "Сообщение в военкомат о приёме", "dismissal": "Сообщение в военкомат об увольнении"}


def military_deadlines(organisation_id: int, today: dt.date) -> list[Deadline]:
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
        )
        for due in queries.notices_due(organisation_id, today)
    ]


@register_deadlines
def membership_military_deadlines(membership: Membership, today: dt.date) -> list[Deadline]:
    """HR keeps the military registration and sends the notices."""
    if role_can(membership.role, Capability.DRAFT_ORDERS):
        return military_deadlines(membership.organisation_id, today)
    return []
