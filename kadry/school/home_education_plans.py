"""The deputy director's home panel: the class teachers' plans waiting for her approval (regulation §7.1)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Panel, register_panel
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.school.home import HOME_LIST_LIMIT
from kadry.school.models import EducationPlan


@register_panel
def education_plans_panel(request: MemberRequest, today: dt.date) -> Panel | None:
    """The deputy and the director: how many plans are sent for approval, and which classes (two queries)."""
    membership = request.membership
    if not role_can(membership.role, Capability.APPROVE_EDUCATION_PLANS):
        return None
    waiting = EducationPlan.objects.filter(
        organisation_id=membership.organisation_id, status=EducationPlan.Status.SUBMITTED
    )
    count = waiting.count()
    if not count:
        return None
    plans = list(waiting.select_related("school_class").order_by("submitted_at", "pk")[:HOME_LIST_LIMIT])
    return Panel(
        title="Планы воспитательной работы на утверждение",
        template="school/home/_education_plans.html",
        context={"count": count, "plans": plans, "more": count - len(plans)},
        order=20,
        url=reverse("school:education_plans") + "?status=submitted",
        link="Все планы воспитательной работы",
    )
