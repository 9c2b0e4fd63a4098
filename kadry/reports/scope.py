"""Which organisations a report counts: one's own school, or the schools a centralised HR service keeps.

A school's user counts their school. A user of a centralised HR service (``Organisation.Kind.HR_SERVICE``)
counts the schools it serves (``Organisation.serviced_by``): one of them with ``organisation=<id>``, all of
them summed without it. Any other organisation is refused on the field, never counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from kadry.core.models import Membership, Organisation

Errors = dict[str, list[str]]
NOT_SERVED = "Отчёты строятся только по своей организации и по школам, которые обслуживает ваша кадровая служба."


@dataclass(frozen=True)
class Scope:
    ids: list[int]
    choices: list[tuple[int, str]]  # the schools one may choose (empty for a school's own user)
    chosen: int | None


def organisations_for(membership: Membership, requested: str | int | None) -> tuple[Scope, Errors]:
    """Return the organisations to count for ``membership`` and ``?organisation=`` (one query), and the errors."""
    own = membership.organisation
    errors: Errors = {}
    try:
        wanted = None if requested in (None, "") else int(requested)
    except (TypeError, ValueError):
        wanted, errors = None, {"organisation": ["Организация — её числовой идентификатор."]}
    if own.kind != Organisation.Kind.HR_SERVICE:
        if wanted not in (None, own.pk):
            errors = {"organisation": [NOT_SERVED]}
        return Scope([own.pk], [], None), errors
    served = list(Organisation.objects.filter(serviced_by=own).order_by("short_name").values_list("pk", "short_name"))
    ids = [pk for pk, _name in served]
    if wanted is not None and wanted not in ids:
        return Scope(ids, served, None), {"organisation": [NOT_SERVED]}
    return Scope([wanted] if wanted is not None else ids, served, wanted), errors
