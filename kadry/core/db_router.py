"""Reads of the report pages and exports from a PostgreSQL streaming replica, when one is configured.

``DATABASE_REPLICA_URL`` adds the database alias ``replica`` and installs ``ReplicaRouter``
(kadry/settings.py). Nothing reads from the replica unless asked: a read-only view opts in with
``@reads_from_replica`` (or a block with ``with reading_from_replica():``), and inside it the ORM's reads
go to the replica, except

- the user's own session, account, memberships, tokens, second factors, lock-out counters and background
  jobs (``PRIMARY_ONLY``): who the user is and what they may do is never read from a copy that may lag;
- reads inside a transaction on the primary (``transaction.atomic``): they must see that transaction;
- every read after the first write of the scope (read-after-write): whatever the request has changed
  it reads back from the primary. Writing the access log (``record_access``) does not count: the report
  never reads it back, so a logged report page still reads from the replica; nor does writing a table of
  ``PRIMARY_ONLY`` (a background report's progress on its ``BackgroundJob``), which is never read stale;
- when the replica cannot be reached (refused, down): the scope falls back to the primary, with a warning
  in the log, and the page is served.

Writes always go to the primary: the router names it for every write, and a replica is read-only anyway.
A page read from the replica shows the data as of the last transaction the replica has replayed: on a
streaming replica in the same network usually less than a second behind the primary. Nothing on the
page marks it; the pages that opt in are reports and exports, which a user opens after the work is done,
not the pages a change redirects to (docs/deployment.md).

Without ``DATABASE_REPLICA_URL`` the router is not installed and the decorator changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models

logger = logging.getLogger(__name__)

REPLICA = "replica"

# Read from the primary always, in a replica scope too: the user's identity and rights, and the
# tables only the worker and the log-in machinery use.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "contenttypes", "axes", "otp_totp", "otp_static", "django_tasks_db"})
PRIMARY_ONLY = frozenset(
    {"core.membership", "core.apitoken", "core.backgroundjob", "core.securityevent", "core.auditchainhead"}
)
# Written by a report while it reads and never read back by it: these writes (and those of the tables
# above) keep the scope on the replica.
LOG_MODELS = frozenset({"core.accesslogentry", "core.auditchainhead"})


@dataclass
class _Scope:
    """One opted-in view or block: whether it must read from the primary from now on, and why."""

    on_primary: bool = False
    probed: bool = False


_scope: ContextVar[_Scope | None] = ContextVar("kadry_replica_scope", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Let the ORM's reads inside the block go to the replica (see the module's rules). Nested: the outer scope holds."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


P = ParamSpec("P")
R = TypeVar("R")


def reads_from_replica(view: Callable[P, R]) -> Callable[P, R]:
    """Decorate a read-only view (a report page, an export): its ORM reads go to the replica.

    Put it under the access decorators (``capability_required``) so it wraps the view's own work only.
    The response is built inside the scope; a streaming response's iterator would run after it, on the primary.
    """

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with reading_from_replica():
            return view(*args, **kwargs)

    return wrapped


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _primary_only(model: type[models.Model]) -> bool:
    return model._meta.app_label in PRIMARY_ONLY_APPS or _label(model) in PRIMARY_ONLY


def _connect_replica() -> None:
    connections[REPLICA].ensure_connection()


def _replica_reachable(scope: _Scope) -> bool:
    """Connect to the replica once per scope (a kept connection costs nothing); unreachable → the primary."""
    if not scope.probed:
        scope.probed = True
        try:
            _connect_replica()
        except DatabaseError as error:
            logger.warning("The replica is unreachable; reading from the primary: %s", error)
            scope.on_primary = True
    return not scope.on_primary


class ReplicaRouter:
    """Route the reads of a replica scope to ``replica``; everything else to the primary (``default``).

    Outside a scope it names the primary explicitly: an object read from the replica would otherwise
    lead Django to read its related objects from the replica too (its ``_state.db``).
    """

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        scope = _scope.get()
        if (
            scope is None
            or scope.on_primary
            or _primary_only(model)
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not _replica_reachable(scope)
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        scope = _scope.get()
        if scope is not None and _label(model) not in LOG_MODELS and not _primary_only(model):
            # Read-after-write: the rest of the scope reads what it wrote. A table read from the primary
            # anyway (a background job's progress, the session) cannot be read stale.
            scope.on_primary = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object read from either may refer to one from the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        # The replica replays the primary's migrations; it is never migrated itself.
        return False if db == REPLICA else None
