"""The personal card's tab of disciplinary sanctions: those in force today, with their last day (ТК РФ ст. 194).

Registered from ``DisciplineConfig.ready``; staff knows only that a tab was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.discipline import sanctions
from kadry.discipline.models import Violation
from kadry.staff.models import Employee
from kadry.staff.views.card import Tab, register_tab


def _sanctions(employee: Employee, today: dt.date) -> dict[str, Any]:
    open_cases = employee.violations.filter(
        organisation_id=employee.organisation_id, status=Violation.Status.OPEN
    ).order_by("-discovered_on")
    return {"sanctions_in_force": sanctions.sanctions_in_force(employee, today), "open_cases": list(open_cases)}


register_tab(Tab("sanctions", "Взыскания", (), "discipline/card_sanctions.html", _sanctions), before="timeline")
