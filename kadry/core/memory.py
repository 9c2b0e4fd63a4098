"""Figures computed at most once per state of the data: kept in the cache under the change chains' heads.

Some readings cost tens of queries or milliseconds and are asked by every opening of a page, while they
change only when the data does: the terms of the deadlines page and the home pages, the obligations
register, a school's summary of grades. Every change a service makes appends a change record in its own transaction and so moves its
organisation's chain head (``kadry.core.chain``); the heads of the organisations a reading covers name the
state of its data. They are read first, before the figures, so what is stored under a key is never older
than the key says; a reading from memory costs that one query.

``KADRY_MEMORY_SECONDS`` bounds how long a figure can outlive a change made outside the services (a data
migration, the shell); 0 turns the memory off (the test suite, whose factories write no change records).
The cache is Django's default, each process's own memory (bounded by its entry limit): nothing personal
leaves the process, and a process that has not read a state yet computes it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from kadry.core.models import AuditChainHead, ChangeRecord

T = TypeVar("T")


def remembered(namespace: str, organisation_ids: Collection[int], key: object, compute: Callable[[], T]) -> T:
    """Return ``compute()``, computed once per state of ``organisation_ids``' data and ``key``.

    ``key`` (any value with a stable ``repr``: ids, dates, the role) must hold everything besides the data
    that the result depends on: who asks, for which day, with which filters.
    """
    seconds = settings.KADRY_MEMORY_SECONDS
    if not seconds:
        return compute()
    heads = AuditChainHead.objects.filter(organisation_id__in=organisation_ids, chain=ChangeRecord._meta.db_table)
    state = sorted(heads.values_list("organisation_id", "last_hash"))
    digest = hashlib.sha256(repr((sorted(organisation_ids), key, state)).encode()).hexdigest()
    cache_key = f"{namespace}:{digest}"
    found = cache.get(cache_key)
    if found is None:
        found = compute()
        cache.set(cache_key, found, seconds)
    return found
