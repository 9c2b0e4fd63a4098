"""The legal terms of leave as plain ``Deadline`` values, for the deadlines page to collect (DESIGN «Terms and deadlines»).

There is no registry in core yet: ``leave_deadlines`` is the function to register when it exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from kadry.leave import rules
from kadry.leave.models import VacationSchedule
from kadry.leave.schedule import notices_due


@dataclass(frozen=True)
class Deadline:
    kind: str
    subject: str
    due: dt.date
    source: str
    action: str  # the URL where it is dealt with


def leave_deadlines(organisation_id: int, today: dt.date) -> list[Deadline]:
    """Return next year's schedule approval (until approved) and the notices of leave not handed yet."""
    result = []
    year = today.year + 1
    approved = VacationSchedule.objects.filter(
        organisation_id=organisation_id, year=year, status=VacationSchedule.Status.APPROVED
    ).exists()
    if not approved:
        result.append(
            Deadline(
                "leave_schedule",
                f"Утвердить график отпусков на {year} год",
                rules.approval_due(year),
                "ТК РФ ст. 123 ч. 1",
                reverse("leave:schedule", args=[year]),
            )
        )
    for part in notices_due(organisation_id, today):
        result.append(
            Deadline(
                "leave_notice",
                f"Уведомить {part.employee.short_name} о начале отпуска {part.effective_start:%d.%m.%Y}",
                rules.notice_due(part.effective_start),
                "ТК РФ ст. 123 ч. 3",
                reverse("leave:notice_print", args=[part.pk]),
            )
        )
    return result
