"""The legal terms of leave as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

Registered from ``LeaveConfig.ready``: the home page and the deadlines page collect them, core never
imports leave. A fixed number of queries (five), whatever the number of planned leaves and of the
schools a centralised service keeps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.core.permissions import Capability, role_can
from kadry.leave import rules
from kadry.leave.models import LeaveKind, LedgerEntry, VacationSchedule
from kadry.leave.schedule import notices_due

SCHEDULE_KIND = "График отпусков"
NOTICE_KIND = "Уведомление о начале отпуска"
SCHEDULE_CODE = register_deadline_kind("vacation_schedule", "Утверждение графика отпусков")
NOTICE_CODE = register_deadline_kind("leave_notice", "Уведомления о начале отпуска")
RETURN_CODE = register_deadline_kind("leave_return", "Окончание отпуска по беременности и родам, по уходу за ребёнком")
# Next year's schedule is listed from this many days before its term: drafting takes the autumn
# (collecting wishes, the trade union's opinion, ТК РФ ст. 123 ч. 1 and ст. 372). Office practice, not law.
SCHEDULE_LEAD = dt.timedelta(days=92)
# The end of a maternity or childcare leave is listed this long before: the return needs the place
# (ТК РФ ст. 256 ч. 4 keeps it), and the replacement's fixed-term contract ends on the day of the
# return (ТК РФ ст. 79 ч. 3). Listed a month after too, until the office has seen it. Office practice.
RETURN_LEAD = dt.timedelta(days=92)
RETURN_LOOKBACK = dt.timedelta(days=30)
# Where the law sets the leave whose end the office watches.
RETURN_KINDS = {
    LeaveKind.MATERNITY: ("Окончание отпуска по беременности и родам", "ТК РФ ст. 255"),
    LeaveKind.CHILDCARE: ("Окончание отпуска по уходу за ребёнком", "ТК РФ ст. 256"),
}


def leave_deadlines(organisation_id: int | Sequence[int], today: dt.date, *, notices: bool = True) -> list[Deadline]:
    """Return next year's schedule approval (until approved), the notices not handed, the returns from long leave."""
    ids = [organisation_id] if isinstance(organisation_id, int) else list(organisation_id)
    result = []
    year = today.year + 1
    due = rules.approval_due(year)
    if today >= due - SCHEDULE_LEAD:
        approved = set(
            VacationSchedule.objects.filter(
                organisation_id__in=ids, year=year, status=VacationSchedule.Status.APPROVED
            ).values_list("organisation_id", flat=True)
        )
        url = reverse("leave:schedule", args=[year])
        result += [
            Deadline(
                kind=SCHEDULE_KIND,
                subject=f"утвердить график на {year} год",
                due=due,
                source="ТК РФ ст. 123 ч. 1",
                url=url,
                action="График отпусков",
                code=SCHEDULE_CODE,
                organisation_id=pk,
            )
            for pk in ids
            if pk not in approved
        ]
    if not notices:
        return result
    url = reverse("leave:notices")
    for part in notices_due(ids, today):
        result.append(
            Deadline(
                kind=NOTICE_KIND,
                subject=f"{part.employee.short_name}, отпуск с {part.effective_start:%d.%m.%Y}",
                due=rules.notice_due(part.effective_start),
                source="ТК РФ ст. 123 ч. 3",
                url=url,
                action="Уведомления",
                code=NOTICE_CODE,
                organisation_id=part.organisation_id,
            )
        )
    return result + return_deadlines(ids, today)


def return_deadlines(organisation_ids: Sequence[int], today: dt.date) -> list[Deadline]:
    """Return the ends of maternity and childcare leave near ``today`` (two queries).

    From the leave ledger (granted by signed orders, not cancelled). A leave followed the next day by
    another (maternity, then childcare) is no return to work: only the last one's end is listed.
    """
    ending = list(
        LedgerEntry.objects.filter(
            organisation_id__in=organisation_ids,
            kind=LedgerEntry.Kind.USED,
            leave_kind__in=list(RETURN_KINDS),
            reversed_by__isnull=True,
            end__gte=today - RETURN_LOOKBACK,
            end__lte=today + RETURN_LEAD,
        )
        .select_related("employee")
        .order_by("end", "id")
    )
    if not ending:
        return []
    followed = set(
        LedgerEntry.objects.filter(
            organisation_id__in=organisation_ids,
            employee_id__in={entry.employee_id for entry in ending},
            kind=LedgerEntry.Kind.USED,
            reversed_by__isnull=True,
            start__in={entry.end + dt.timedelta(days=1) for entry in ending},
        ).values_list("employee_id", "start")
    )
    result = []
    for entry in ending:
        back = entry.end + dt.timedelta(days=1)
        if (entry.employee_id, back) in followed:
            continue
        title, source = RETURN_KINDS[LeaveKind(entry.leave_kind)]
        result.append(
            Deadline(
                kind=title,
                subject=f"{entry.employee.short_name}, отпуск по {entry.end:%d.%m.%Y}, выход на работу {back:%d.%m.%Y}",
                due=entry.end,
                source=source,
                url=reverse("employee_card", args=[entry.employee_id]),
                action="Личная карточка",
                code=RETURN_CODE,
                organisation_id=entry.organisation_id,
            )
        )
    return result


@register_scoped_deadlines
def membership_leave_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR meets every term; the director, who approves the schedule, sees its approval."""
    if role_can(scope.role, Capability.DRAFT_ORDERS):
        return leave_deadlines(scope.organisation_ids, scope.today)
    if role_can(scope.role, Capability.SIGN_ORDERS):
        return leave_deadlines(scope.organisation_ids, scope.today, notices=False)
    return []
