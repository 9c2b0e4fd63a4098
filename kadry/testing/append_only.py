"""The test harness's way through the append-only triggers: for tests only, never imported by the app.

Django empties the database after a transactional test (live server, browser tests) with ``flush``.
On PostgreSQL that is TRUNCATE, which row triggers do not see; on SQLite it is DELETE, which they refuse.
A TEMP table cannot serve as a connection-local switch: SQLite refuses a trigger of the main schema
that reads the temp schema («cannot reference objects in database temp»). Instead the triggers are
dropped and put back inside one transaction: DDL is transactional on both databases and the writer
holds the lock, so no other connection ever sees the tables unguarded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from kadry.core import append_only


@contextmanager
def suspended(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Run the block with the append-only triggers dropped, and put them back before it commits."""
    connection = connections[using]
    with transaction.atomic(using=using):
        append_only.uninstall(connection)
        yield
        append_only.install(connection)
