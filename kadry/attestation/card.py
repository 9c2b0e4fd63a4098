"""The personal card's tab of attestation: the category with its expiry, the decisions and the attestations.

Registered from ``AttestationConfig.ready``; staff knows only that a tab was added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.attestation.queries import employee_history
from kadry.staff.models import Employee
from kadry.staff.views.card import Tab, register_tab


def _attestation(employee: Employee, today: dt.date) -> dict[str, Any]:
    standing, decisions, attestations = employee_history(employee)
    return {"standing": standing, "decisions": decisions, "attestations": attestations}


register_tab(Tab("attestation", "Аттестация", (), "attestation/card_attestation.html", _attestation), before="timeline")
