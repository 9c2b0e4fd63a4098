"""Overdue and coming training, examinations and documents as ``Deadline`` values of the core registry.

Registered from ``ObligationsConfig.ready`` as a scoped source: the home page and the deadlines page
collect them, core never imports obligations. What is valid beyond ``rules.DUE_SOON_DAYS`` is left to
the register, so the deadlines page does not list every employee's every kind. A fixed number of
queries, whatever the headcount or the number of schools a centralised service keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.core.permissions import Capability, role_can
from kadry.obligations import queries

ACTION = "Сроки обучения и документов"
# A kind never recorded is a term only for a recent hire (its first one due within this reach): for
# someone hired years before Kadry kept the records, «due since 1991» would say nothing true; the
# register lists them as overdue with nothing recorded, for the office to fill in.
NEVER_RECORDED_REACH = dt.timedelta(days=92)
CODE = register_deadline_kind("obligations", "Обязательное обучение, осмотры и документы")


def obligation_deadlines(organisation_ids: int | Sequence[int], today: dt.date) -> list[Deadline]:
    """Return a term for every required kind overdue or due within the register's window.

    A kind with nothing recorded counts only while its first one is recent (``NEVER_RECORDED_REACH``).
    """
    ids = [organisation_ids] if isinstance(organisation_ids, int) else list(organisation_ids)
    url = reverse("obligations:register")
    return [
        Deadline(row.obligation.kind.name, row.employee.short_name, row.obligation.due, row.obligation.kind.source,
                 url, ACTION, CODE, row.employee.organisation_id)
        for row in queries.register_of_organisations(ids, today)
        if row.obligation.due is not None and row.obligation.state != "valid"
        and (row.obligation.last is not None or row.obligation.due >= today - NEVER_RECORDED_REACH)
    ]  # fmt: skip


@register_scoped_deadlines
def membership_obligation_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR sends the employees to training and examinations and collects the documents."""
    if role_can(scope.role, Capability.EDIT_PERSONAL_DATA):
        return obligation_deadlines(scope.organisation_ids, scope.today)
    return []
