"""The administration's home panel of new incidents (regulation §4.17: the class teacher informs the
administration of any emergency with students; the register is how the report reaches it)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.school.home import GLANCE_WATCHERS, HOME_LIST_LIMIT
from kadry.school.services.incidents import unacknowledged


@register_panel
def incidents_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The director and the deputy: the reports not yet received — class, kind, when, where; no names (two queries)."""
    membership = request.membership
    if membership.role not in GLANCE_WATCHERS:
        return None
    rows = unacknowledged(membership.organisation_id)
    count = rows.count()
    if not count:
        return None
    return Panel(
        title="Новые происшествия с обучающимися",
        template="school/home/_incidents.html",
        context={"incidents": list(rows[:HOME_LIST_LIMIT]), "count": count, "more": count - HOME_LIST_LIMIT},
        order=5,
        url=reverse("school:incidents"),
        link="Журнал происшествий",
    )
