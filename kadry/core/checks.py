"""System checks for configuration that must hold."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def every_role_has_capabilities(**kwargs: Any) -> list[Error]:
    """A role missing from the capability table would silently see nothing."""
    from kadry.core.models import Membership
    from kadry.core.permissions import ROLE_CAPABILITIES

    return [
        Error(f"Role {role!r} has no entry in ROLE_CAPABILITIES.", id="kadry.E001")
        for role in Membership.Role
        if role not in ROLE_CAPABILITIES
    ]


@register(deploy=True)
def production_database_is_postgresql(**kwargs: Any) -> list[Warning]:
    """SQLite serves one school well; a centralised service with many schools needs PostgreSQL."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return [Warning("SQLite is configured; set DATABASE_URL=postgres://… for production.", id="kadry.W001")]
    return []
