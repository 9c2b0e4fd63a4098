"""Logging the denied attempts on objects: the access helpers' 404s (``kadry.core.access.DeniedObject``).

A user who asks for a card, a class or an order they may not reach is answered 404 like for one that
does not exist; the access log of the organisation they act in keeps the attempt (152-ФЗ ст. 19,
Приказ ФСТЭК № 21 РСБ.3) with the kind and the id asked for, never anything of the object itself.
"""

from __future__ import annotations

from django.http import HttpRequest

from kadry.core.access import DeniedObject
from kadry.core.audit import record_access

DENIED_WHAT = "Отказ в доступе"

# subject_id is a bigint: an id outside it names no row and would not fit the column.
_BIGINT = range(-(2**63), 2**63)


def record_denied(request: HttpRequest, error: DeniedObject, *, channel: str = "web") -> None:
    """Log ``error`` for the request's user in their current organisation; nothing for an anonymous one."""
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    if membership is None or user is None or not user.is_authenticated:
        return
    try:
        pk = int(error.pk)
    except (TypeError, ValueError):
        return
    if pk not in _BIGINT:
        return
    label = error.model._meta.verbose_name
    record_access(
        membership=membership,
        # An unsaved instance carrying only the id: its type and id are all the log keeps.
        subject=error.model(pk=pk),
        what=f"{DENIED_WHAT}: {label}"[:100],
        request=request,
        channel=channel,
        denied=True,
    )
