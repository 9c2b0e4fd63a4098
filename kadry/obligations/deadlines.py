"""Overdue and coming training, examinations and documents as ``Deadline`` values of the core registry.

Registered from ``ObligationsConfig.ready``: the home page and the deadlines page collect them, core
never imports obligations. What is valid beyond ``rules.DUE_SOON_DAYS`` is left to the register, so the
deadlines page does not list every employee's every kind. A fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Deadline, register_deadlines
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.obligations import queries

ACTION = "Сроки обучения и документов"


def obligation_deadlines(organisation_id: int, today: dt.date) -> list[Deadline]:
    """Return a term for every required kind overdue or due within the register's window."""
    _kinds, rows = queries.register(organisation_id, today)
    url = reverse("obligations:register")
    return [
        Deadline(row.obligation.kind.name, row.employee.short_name, row.obligation.due, row.obligation.kind.source,
                 url, ACTION)
        for row in rows
        if row.obligation.due is not None and row.obligation.state != "valid"
    ]  # fmt: skip


@register_deadlines
def membership_obligation_deadlines(membership: Membership, today: dt.date) -> list[Deadline]:
    """HR sends the employees to training and examinations and collects the documents."""
    if role_can(membership.role, Capability.EDIT_PERSONAL_DATA):
        return obligation_deadlines(membership.organisation_id, today)
    return []
