from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kadry.core.access import service_memberships
from kadry.core.permissions import ROLE_CAPABILITIES


def membership(request: HttpRequest) -> dict[str, Any]:
    """Expose the current membership and its capabilities (as a set of names) to templates."""
    current = getattr(request, "membership", None)
    capabilities = ROLE_CAPABILITIES.get(current.role, frozenset()) if current else frozenset()
    memberships = getattr(request, "memberships", [])
    return {
        "membership": current,
        "memberships": memberships,
        "can": {capability.value: True for capability in capabilities},
        # The registry across the schools of a centralised HR service (kadry/staff/views/serviced.py).
        "serves_schools": bool(service_memberships(memberships)),
    }
