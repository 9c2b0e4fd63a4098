"""Checking the audit records: the hash chains of the log and the history, and the checks apps register.

``manage.py verify_audit`` runs them. Apps whose records core cannot import (signed orders) register
their check here from their ``AppConfig.ready``, as the deadlines do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from django.apps import apps
from django.db import models
from django.db.models import QuerySet

from kadry.core.chain import GENESIS, ChainedRecord, link, row_digest
from kadry.core.models import AuditChainHead


@dataclass(frozen=True)
class Break:
    """The first broken link found: whose, in which table, which row (None: the chain's end) and why."""

    organisation_id: int
    table: str
    row_id: int | None
    reason: str

    def __str__(self) -> str:
        row = f"запись {self.row_id}" if self.row_id is not None else "конец цепочки"
        return f"организация {self.organisation_id}, таблица {self.table}, {row}: {self.reason}"


Check = Callable[[int | None], Iterable[Break]]
CHECKS: list[Check] = []


def chained_models() -> list[type[models.Model]]:
    """Return every model whose rows are chained: a new audit model is checked once it extends ChainedRecord."""
    return [model for model in apps.get_models() if issubclass(model, ChainedRecord)]


def register(check: Check) -> Check:
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def verify_chain(model: type[models.Model], organisation_id: int | None = None) -> Iterator[Break]:
    """Yield the first broken link of each organisation's chain in ``model``'s table."""
    table = model._meta.db_table
    heads = AuditChainHead.objects.filter(chain=table)
    organisations = set(model._default_manager.values_list("organisation_id", flat=True).distinct().order_by())
    organisations |= set(heads.values_list("organisation_id", flat=True))
    if organisation_id is not None:
        organisations &= {organisation_id}
    last_hashes = dict(heads.values_list("organisation_id", "last_hash"))
    for organisation in sorted(organisations):
        previous = GENESIS
        broken = None
        # Only chained models are verified (chained_models): their rows carry chain_hash.
        rows = cast(
            "QuerySet[ChainedRecord]", model._default_manager.filter(organisation_id=organisation).order_by("id")
        )
        for row in rows.iterator(chunk_size=2000):
            if row.chain_hash != link(previous, row_digest(row)):
                broken = Break(
                    organisation, table, row.pk, "хеш не совпадает с содержанием записи или с предыдущей записью"
                )
                break
            previous = row.chain_hash
        if broken is None and last_hashes.get(organisation, GENESIS) != previous:
            broken = Break(
                organisation, table, None, "последняя запись не совпадает с концом цепочки (удалены записи?)"
            )
        if broken is not None:
            yield broken


def verify_all(organisation_id: int | None = None) -> Iterator[Break]:
    for model in chained_models():
        yield from verify_chain(model, organisation_id)
    for check in CHECKS:
        yield from check(organisation_id)
