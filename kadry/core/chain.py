"""Hash chains of the audit tables: each row's hash covers its content and the previous row's hash.

Per organisation and table, ``chain_hash = sha256(previous chain_hash + sha256(canonical row))`` (hex
digests, UTF-8), starting from ``GENESIS``. The last hash of each chain is kept in ``AuditChainHead``;
its row is locked while a row is added, so concurrent writers cannot fork the chain, and a row cut
off the end is noticed. The head's upsert computes the new hash in the database (PostgreSQL's sha256(),
Django's SHA256 function on SQLite) and returns it: on SQLite one extra query before the row's insert,
on PostgreSQL no extra statement at all (the upsert runs in a CTE of the row's INSERT).
Rows get their ids after the head's lock is taken, so within an organisation ids follow the chain and
``verify_audit`` follows the chain by id.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.db import connections, models, router, transaction

GENESIS = "0" * 64
# Queries a single chained row costs beyond its INSERT (asserted by the pages' query-count tests); a bulk
# insert costs two more per organisation (lock the head, move it).
LINK_QUERIES = {"postgresql": 0, "sqlite": 1}
# Not hashed: the key (not known before the insert) and the hash itself.
NOT_HASHED = frozenset({"id", "chain_hash"})


def _plain(field: models.Field, value: Any) -> Any:
    """Return ``value`` as it reads back from either database, in a JSON-serialisable form."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        places = getattr(field, "decimal_places", None)
        return format(value.quantize(Decimal(1).scaleb(-places)) if places is not None else value, "f")
    if isinstance(value, uuid.UUID | bytes | memoryview):
        return bytes(value).hex() if not isinstance(value, uuid.UUID) else str(value)
    if value is not None and not isinstance(value, str | int | float | bool | dict | list):
        raise TypeError(f"{field.name}: {type(value).__name__} cannot be hashed (not written yet?)")
    return value


def _plain_type(field: models.Field) -> type | None:
    """Return the Python type a field's value already has in its plain form, so it skips the conversion."""
    if isinstance(field, models.ForeignKey):
        return _plain_type(field.target_field)
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.CharField | models.TextField):
        return str
    if isinstance(field, models.IntegerField | models.AutoField):
        return int
    return None  # dates, decimals, addresses (IPv6 is normalised as stored), JSON: converted


@functools.cache
def _hashed_fields(
    model: type[models.Model], exclude: frozenset[str]
) -> tuple[tuple[models.Field, type | None, Any], ...]:
    """Return the model's hashed fields with their plain types and defaults, worked out once per model."""
    return tuple(
        (field, _plain_type(field), field.get_default())
        for field in model._meta.concrete_fields
        if field.name not in exclude and field.attname not in exclude
    )


def canonical(instance: models.Model, *, exclude: frozenset[str] = NOT_HASHED) -> str:
    """Return the row's content as canonical JSON: ``{column: value}`` sorted, defaults left out.

    Every concrete field counts, so a field added to the model is covered without a change here.
    A field holding its default is left out, so adding a field with a default (or a nullable one)
    keeps the hashes of the rows written before it valid. Changing a field's default later would not.
    """
    content = {}
    for field, plain_type, default in _hashed_fields(type(instance), exclude):
        value = getattr(instance, field.attname)
        if type(value) is not plain_type and value is not None:  # every log write comes here: the fast path first
            value = _plain(field, field.get_prep_value(value))
        if value == default and type(value) is type(default):
            continue
        content[field.column] = value
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def link(previous: str, row_digest: str) -> str:
    return digest(previous + row_digest)


def row_digest(instance: models.Model) -> str:
    return digest(canonical(instance))


# The head row -------------------------------------------------------------------------------------

HEAD_TABLE = "core_auditchainhead"


def _sha256_sql(vendor: str, expression: str) -> str:
    if vendor == "postgresql":
        return f"encode(sha256(convert_to({expression}, 'UTF8')), 'hex')"
    return f"SHA256({expression})"  # registered on every SQLite connection by Django


def advance_head(using: str, organisation_id: int, chain: str, row_hash: str) -> str:
    """Link one row into its chain in one statement; return the row's chain hash.

    The upsert creates the head at the first row and otherwise updates it, holding its row lock until
    the transaction ends, so the next writer of the same chain waits and links to this row.
    """
    connection = connections[using]
    # Typed parameters: PostgreSQL with server-side binding cannot infer the type of ``%s || %s``.
    text = "%s::text" if connection.vendor == "postgresql" else "%s"
    new = _sha256_sql(connection.vendor, f"{HEAD_TABLE}.last_hash || {text}")
    first = _sha256_sql(connection.vendor, f"{text} || {text}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {HEAD_TABLE} (organisation_id, chain, last_hash) VALUES (%s, %s, {first}) "  # nosec B608 - table and column names are our constants, values are bound
            f"ON CONFLICT (organisation_id, chain) DO UPDATE SET last_hash = {new} RETURNING last_hash",
            [organisation_id, chain, GENESIS, row_hash, row_hash],
        )
        return cursor.fetchone()[0]


def lock_head(using: str, organisation_id: int, chain: str) -> str:
    """Lock the chain's head (creating it at the genesis) and return its last hash."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {HEAD_TABLE} (organisation_id, chain, last_hash) VALUES (%s, %s, %s) "  # nosec B608 - table and column names are our constants, values are bound
            f"ON CONFLICT (organisation_id, chain) DO UPDATE SET last_hash = {HEAD_TABLE}.last_hash "
            "RETURNING last_hash",
            [organisation_id, chain, GENESIS],
        )
        return cursor.fetchone()[0]


def set_head(using: str, organisation_id: int, chain: str, last_hash: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"UPDATE {HEAD_TABLE} SET last_hash = %s WHERE organisation_id = %s AND chain = %s",  # nosec B608 - table and column names are our constants, values are bound
            [last_hash, organisation_id, chain],
        )


def chain_rows(using: str, rows: Sequence[ChainedRecord]) -> None:
    """Set ``chain_hash`` on unsaved rows, in their order, and move their chains' heads; inside a transaction."""
    by_organisation: dict[int, list[ChainedRecord]] = defaultdict(list)
    for row in rows:
        by_organisation[row.organisation_id].append(row)
    for organisation_id in sorted(by_organisation):  # one order of locks for every writer: no deadlock
        chain = by_organisation[organisation_id][0]._meta.db_table
        last = lock_head(using, organisation_id, chain)
        for row in by_organisation[organisation_id]:
            last = row.chain_hash = link(last, row_digest(row))
        set_head(using, organisation_id, chain, last)


_Chained = TypeVar("_Chained", bound="ChainedRecord")


class ChainedQuerySet(models.QuerySet[_Chained]):
    def bulk_create(
        self,
        objs: Iterable[_Chained],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[_Chained]:
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            chain_rows(self.db, objs)
            return super().bulk_create(
                objs,
                batch_size=batch_size,
                ignore_conflicts=ignore_conflicts,
                update_conflicts=update_conflicts,
                update_fields=update_fields,
                unique_fields=unique_fields,
            )


class ChainedRecord(models.Model):
    """An append-only audit row chained to the previous row of its organisation."""

    chain_hash = models.CharField(max_length=64, editable=False, default="")
    organisation_id: int  # every chained table has an ``organisation`` key: the chains are per organisation

    objects = ChainedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            super().save(*args, **kwargs)  # refused by the table's trigger; kept so the error is the database's
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        if connections[using].vendor == "postgresql":
            self._insert_linked(using)
            return
        with transaction.atomic(using=using, savepoint=False):
            self.chain_hash = advance_head(using, self.organisation_id, self._meta.db_table, row_digest(self))
            super().save(*args, **kwargs)

    def _insert_linked(self, using: str) -> None:
        """Insert the row and link it in one PostgreSQL statement: the head's upsert in a CTE.

        One statement is atomic by itself, so a card view in autocommit pays no BEGIN/COMMIT round trips,
        and the head's row lock is held only for the statement when no transaction is open.
        """
        connection = connections[using]
        meta = self._meta
        fields = [f for f in meta.local_concrete_fields if f is not meta.pk and f.attname != "chain_hash"]
        values = [field.pre_save(self, add=True) for field in fields]
        row_hash = row_digest(self)
        columns = ", ".join(connection.ops.quote_name(cast(str, field.column)) for field in fields)  # concrete: has one
        placeholders = ", ".join(["%s"] * len(fields))
        new = _sha256_sql("postgresql", f"{HEAD_TABLE}.last_hash || %s::text")
        first = _sha256_sql("postgresql", "%s::text || %s::text")
        # The key is drawn in the head's RETURNING, after its lock is taken: ids then follow the chain's
        # order, which verify_audit relies on (a default drawn before the lock could overtake a waiter).
        sql = (
            f"WITH head AS (INSERT INTO {HEAD_TABLE} (organisation_id, chain, last_hash) VALUES (%s, %s, {first}) "  # nosec B608 - table and column names are our constants, values are bound
            f"ON CONFLICT (organisation_id, chain) DO UPDATE SET last_hash = {new} "
            f"RETURNING last_hash, nextval(pg_get_serial_sequence(%s, %s)) AS id) "
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({meta.pk.column}, {columns}, chain_hash) "
            f"VALUES ((SELECT id FROM head), {placeholders}, (SELECT last_hash FROM head)) "
            f"RETURNING {meta.pk.column}, chain_hash"
        )
        params: list[Any] = [
            self.organisation_id,
            meta.db_table,
            GENESIS,
            row_hash,
            row_hash,
            meta.db_table,
            meta.pk.column,
        ]
        params += [field.get_db_prep_save(value, connection) for field, value in zip(fields, values, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            self.pk, self.chain_hash = cursor.fetchone()
        self._state.adding = False
        self._state.db = using
