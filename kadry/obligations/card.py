"""The personal card's tab of mandatory training and documents: each kind's last, due and state today.

Registered from ``ObligationsConfig.ready``; staff knows only that a tab was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.obligations import queries, rules
from kadry.staff.models import Employee
from kadry.staff.views.card import Tab, register_tab


def _obligations(employee: Employee, today: dt.date) -> dict[str, Any]:
    found = queries.for_employee(employee, today)
    return {"obligations": found, "labels": rules.STATE_LABELS}


register_tab(
    Tab("obligations", "Обучение и медосмотры", (), "obligations/card_obligations.html", _obligations),
    before="military",
)
