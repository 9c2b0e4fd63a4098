"""The legal terms of leave as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

Registered from ``LeaveConfig.ready``: the home page and the deadlines page collect them, core never
imports leave. Two queries, whatever the number of planned leaves.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kadry.core.home import Deadline, register_deadlines
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.leave import rules
from kadry.leave.models import VacationSchedule
from kadry.leave.schedule import notices_due

SCHEDULE_KIND = "График отпусков"
NOTICE_KIND = "Уведомление о начале отпуска"
# Next year's schedule is listed from this many days before its term: drafting takes the autumn
# (collecting wishes, the trade union's opinion, ТК РФ ст. 123 ч. 1 and ст. 372). Office practice, not law.
SCHEDULE_LEAD = dt.timedelta(days=92)


def leave_deadlines(organisation_id: int, today: dt.date, *, notices: bool = True) -> list[Deadline]:
    """Return next year's schedule approval (until approved) and the notices of leave not handed yet."""
    result = []
    year = today.year + 1
    due = rules.approval_due(year)
    approved = VacationSchedule.objects.filter(
        organisation_id=organisation_id, year=year, status=VacationSchedule.Status.APPROVED
    ).exists()
    if not approved and today >= due - SCHEDULE_LEAD:
        result.append(
            Deadline(
                kind=SCHEDULE_KIND,
                subject=f"утвердить график на {year} год",
                due=due,
                source="ТК РФ ст. 123 ч. 1",
                url=reverse("leave:schedule", args=[year]),
                action="График отпусков",
            )
        )
    if not notices:
        return result
    url = reverse("leave:notices")
    for part in notices_due(organisation_id, today):
        result.append(
            Deadline(
                kind=NOTICE_KIND,
                subject=f"{part.employee.short_name}, отпуск с {part.effective_start:%d.%m.%Y}",
                due=rules.notice_due(part.effective_start),
                source="ТК РФ ст. 123 ч. 3",
                url=url,
                action="Уведомления",
            )
        )
    return result


@register_deadlines
def membership_leave_deadlines(membership: Membership, today: dt.date) -> list[Deadline]:
    """HR meets both terms; the director, who approves the schedule, sees its approval."""
    if role_can(membership.role, Capability.DRAFT_ORDERS):
        return leave_deadlines(membership.organisation_id, today)
    if role_can(membership.role, Capability.SIGN_ORDERS):
        return leave_deadlines(membership.organisation_id, today, notices=False)
    return []
