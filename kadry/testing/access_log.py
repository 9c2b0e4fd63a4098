"""Test helper: what another school's user left in the access log by being refused."""

from __future__ import annotations

from typing import Any

from kadry.core.models import AccessLogEntry


def only_denials_by(persona: Any) -> bool:
    """Whether every access-log row is a denial of ``persona`` in their own organisation, and there is one.

    A refused attempt is logged where the user acts, never in the organisation they aimed at, and it
    names nothing of the object (kadry/core/denials.py).
    """
    rows = set(AccessLogEntry.objects.values_list("organisation_id", "actor_id", "denied", "subject_repr"))
    return rows == {(persona.membership.organisation_id, persona.user.pk, True, "")}
