"""The personal card's tab of absences: sick leave, trips, unexcused absence, lateness.

Registered from ``AbsencesConfig.ready``; staff knows only that a tab was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.absences.models import Absence
from kadry.staff.models import Employee
from kadry.staff.views.card import HISTORY_LIMIT, Tab, register_tab


def _absences(employee: Employee, today: dt.date) -> dict[str, Any]:
    rows = Absence.objects.filter(organisation_id=employee.organisation_id, employee=employee)
    return {"absences": list(rows.select_related("continues").order_by("-start", "-id")[:HISTORY_LIMIT])}


# After the leave of section VIII, before the timeline (as the card showed it when the tab was staff's own).
register_tab(Tab("absences", "Неявки", (), "absences/card_absences.html", _absences), before="timeline")
