"""The reports' part of the home page: today's headcount and a link to the dashboard (director, HR head)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.reports import figures

# Who is shown the staff's figures of today on the home page (the dashboard is theirs).
PANEL_ROLES = frozenset({Membership.Role.DIRECTOR, Membership.Role.HR_HEAD})


@register_panel
def headcount_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The director and the HR head: the list's headcount today by category (two queries)."""
    membership = request.membership
    if membership.role not in PANEL_ROLES:
        return None
    count = figures.headcount([membership.organisation_id], today)
    rows = [(figures.CATEGORY_LABELS.get(key, key), value) for key, value in count.by_category.items()]
    return Panel(
        title="Численность работников сегодня",
        template="reports/home/_headcount.html",
        context={"count": count, "rows": rows},
        order=60,
        url=reverse("reports:dashboard"),
        link="Панель руководителя",
    )
