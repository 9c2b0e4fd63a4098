"""Append-only tables: database triggers that refuse UPDATE and DELETE, on PostgreSQL and on SQLite.

The access log, the change history and signed orders with their items are evidence (152-ФЗ ст. 19,
Приказ ФСТЭК № 21: registration of events; a signed order is changed only by another order). The
triggers make the database itself refuse to rewrite them, whatever code or SQL tries.

Adding a table is one line in ``PROTECTED`` and, when the table is created after core migration 0010,
a ``RunPython(install_app_triggers(...))`` in the migration that creates it.

On SQLite, Django rebuilds a table for many ALTERs (new table, copy, drop, rename), which silently drops
its triggers: a migration that alters a protected table must call ``install`` again. The test
``test_append_only_triggers_exist_after_all_migrations`` fails when it does not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class Protected:
    """One protected table and the rule its triggers enforce.

    ``always``: no row is ever updated or deleted.
    ``signed``: rows whose ``status`` is not ``draft`` are neither updated nor deleted, except the one
    transition a cancellation makes: ``signed`` → ``cancelled`` with every other column unchanged.
    ``child``: rows whose parent (``parent`` table through the ``parent_column``) is not a draft are
    neither updated nor deleted, nor moved to such a parent.
    """

    app_label: str
    table: str
    rule: str = "always"
    parent: str = ""
    parent_column: str = ""


PROTECTED: tuple[Protected, ...] = (
    Protected("core", "core_accesslogentry"),
    Protected("core", "core_changerecord"),
    # Log-ins, lock-outs, password and second-factor changes (issue 10 §2); not chained: a failed log-in
    # under an unknown name belongs to no organisation, and the chains are per organisation.
    Protected("core", "core_securityevent"),
    Protected("orders", "orders_order", rule="signed"),
    Protected("orders", "orders_orderitem", rule="child", parent="orders_order", parent_column="order_id"),
)

# Not signed yet (orders.models.UNSIGNED; core does not import orders): a draft, or a draft sent for
# signature; both are still edited.
UNSIGNED_SQL = "('draft', 'submitted')"
SIGNED = "signed"
CANCELLED = "cancelled"

# PostgreSQL's SQLSTATE integrity_constraint_violation: psycopg raises IntegrityError, as SQLite does for RAISE(ABORT).
PG_ERRCODE = "23000"


def trigger_names(protected: Protected) -> tuple[str, str]:
    return (f"{protected.table}_no_update", f"{protected.table}_no_delete")


def _message(protected: Protected, operation: str) -> str:
    return f"append-only: {operation} of a row of {protected.table} is refused"


# PostgreSQL ---------------------------------------------------------------------------------------


def _pg_function_name(protected: Protected) -> str:
    return f"{protected.table}_append_only"


def _pg_condition(protected: Protected) -> str:
    """Return the plpgsql condition under which the operation (TG_OP) is allowed."""
    if protected.rule == "always":
        return "FALSE"
    if protected.rule == "signed":
        # to_jsonb(row) - 'status' compares every other column, including ones added later.
        return (
            f"OLD.status IN {UNSIGNED_SQL} OR (TG_OP = 'UPDATE' AND OLD.status = '{SIGNED}' "
            f"AND NEW.status = '{CANCELLED}' AND to_jsonb(NEW) - 'status' = to_jsonb(OLD) - 'status')"
        )
    parent_is_draft = (
        f"(SELECT status FROM {protected.parent} WHERE id = {{row}}.{protected.parent_column}) IN {UNSIGNED_SQL}"  # nosec B608 - table and column names are our constants, values are bound
    )
    return f"{parent_is_draft.format(row='OLD')} AND (TG_OP = 'DELETE' OR {parent_is_draft.format(row='NEW')})"


def _pg_install(connection: BaseDatabaseWrapper, protected: Protected) -> list[str]:
    function = _pg_function_name(protected)
    statements = [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF {_pg_condition(protected)} THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'append-only: % of a row of % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = '{PG_ERRCODE}';
END
$$"""
    ]
    for name, operation in zip(trigger_names(protected), ("UPDATE", "DELETE"), strict=True):
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {protected.table}",
            f"CREATE TRIGGER {name} BEFORE {operation} ON {protected.table} FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    return statements


def _pg_uninstall(protected: Protected) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name} ON {protected.table}" for name in trigger_names(protected)]


# SQLite -------------------------------------------------------------------------------------------


def _sqlite_columns(connection: BaseDatabaseWrapper, table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _sqlite_refused_when(connection: BaseDatabaseWrapper, protected: Protected, operation: str) -> str:
    """Return the WHEN condition under which the trigger refuses ``operation``, or "" for always."""
    if protected.rule == "always":
        return ""
    if protected.rule == "signed":
        if operation == "DELETE":
            return f"OLD.status NOT IN {UNSIGNED_SQL}"
        # SQLite has no whole-row comparison: the columns are listed as the table has them now, so a
        # column added later needs the triggers installed again (the test of installed triggers says so).
        unchanged = " AND ".join(
            f'OLD."{column}" IS NEW."{column}"'
            for column in _sqlite_columns(connection, protected.table)
            if column != "status"
        )
        return f"OLD.status NOT IN {UNSIGNED_SQL} AND NOT (OLD.status = '{SIGNED}' AND NEW.status = '{CANCELLED}' AND {unchanged})"
    rows = "OLD." + protected.parent_column
    if operation == "UPDATE":
        rows += ", NEW." + protected.parent_column
    return f"EXISTS (SELECT 1 FROM {protected.parent} WHERE id IN ({rows}) AND status NOT IN {UNSIGNED_SQL})"  # nosec B608 - table and column names are our constants, values are bound


def _sqlite_trigger_sql(connection: BaseDatabaseWrapper, protected: Protected) -> dict[str, str]:
    """Return ``{trigger name: CREATE TRIGGER statement}`` for the table as it is now."""
    result = {}
    for name, operation in zip(trigger_names(protected), ("UPDATE", "DELETE"), strict=True):
        when = _sqlite_refused_when(connection, protected, operation)
        result[name] = (
            f"CREATE TRIGGER {name} BEFORE {operation} ON {protected.table}"
            + (f" WHEN {when}" if when else "")
            + f" BEGIN SELECT RAISE(ABORT, '{_message(protected, operation)}'); END"
        )
    return result


# Installing and checking --------------------------------------------------------------------------


def _selected(connection: BaseDatabaseWrapper, app_label: str | None, tables: Iterable[str] | None) -> list[Protected]:
    """Return the protected tables that exist in the database, of one app or by name when asked."""
    existing = set(connection.introspection.table_names())
    wanted = set(tables) if tables is not None else None
    return [
        p
        for p in PROTECTED
        if p.table in existing
        and (app_label is None or p.app_label == app_label)
        and (wanted is None or p.table in wanted)
    ]


def install(
    connection: BaseDatabaseWrapper, *, app_label: str | None = None, tables: Iterable[str] | None = None
) -> list[str]:
    """(Re)install the triggers of the protected tables that exist; return the tables done.

    Idempotent: each trigger is dropped first. A table not yet created is skipped, so a migration
    written today still runs when the list later names a table that a later migration creates.
    """
    done = []
    with connection.cursor() as cursor:
        for protected in _selected(connection, app_label, tables):
            if connection.vendor == "postgresql":
                statements = _pg_install(connection, protected)
            elif connection.vendor == "sqlite":
                creates = _sqlite_trigger_sql(connection, protected)
                statements = [f"DROP TRIGGER IF EXISTS {name}" for name in creates] + list(creates.values())
            else:
                raise NotImplementedError(f"append-only triggers for {connection.vendor}")
            for statement in statements:
                cursor.execute(statement)
            done.append(protected.table)
    return done


def uninstall(
    connection: BaseDatabaseWrapper, *, app_label: str | None = None, tables: Iterable[str] | None = None
) -> None:
    """Drop the triggers (reversing a migration; the test harness's flush, see kadry.testing.append_only)."""
    with connection.cursor() as cursor:
        for protected in _selected(connection, app_label, tables):
            if connection.vendor == "postgresql":
                statements = _pg_uninstall(protected)
            else:
                statements = [f"DROP TRIGGER IF EXISTS {name}" for name in trigger_names(protected)]
            for statement in statements:
                cursor.execute(statement)


def problems(connection: BaseDatabaseWrapper) -> list[str]:
    """Return what is wrong with the installed triggers: missing, disabled or stale ones."""
    found = []
    with connection.cursor() as cursor:
        for protected in _selected(connection, None, None):
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                    [protected.table],
                )
                installed = dict(cursor.fetchall())
                for name in trigger_names(protected):
                    if name not in installed:
                        found.append(f"{protected.table}: trigger {name} is missing")
                    elif installed[name] == "D":
                        found.append(f"{protected.table}: trigger {name} is disabled")
            else:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [protected.table]
                )
                installed = dict(cursor.fetchall())
                for name, sql in _sqlite_trigger_sql(connection, protected).items():
                    if name not in installed:
                        found.append(f"{protected.table}: trigger {name} is missing")
                    elif installed[name] != sql:
                        found.append(f"{protected.table}: trigger {name} is stale (columns changed?)")
    return found


def install_app_triggers(app_label: str) -> Callable[[Any, Any], None]:
    """Return a RunPython function that installs the triggers of ``app_label``'s protected tables."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        install(schema_editor.connection, app_label=app_label)

    return forwards


def uninstall_app_triggers(app_label: str) -> Callable[[Any, Any], None]:
    def backwards(apps: Any, schema_editor: Any) -> None:
        uninstall(schema_editor.connection, app_label=app_label)

    return backwards
