"""The heartbeat of a running background job, and the sweep of the jobs whose worker died.

A worker killed with SIGKILL (or a machine that lost power) cannot mark its job failed: the job would
show «выполняется» for ever. So a running job beats: a small thread of its worker stamps the row's
``heartbeat_at`` every ``KADRY_JOB_HEARTBEAT_TIMEOUT / 4`` seconds (each progress save stamps it
too), and a running job whose stamp is older than the timeout is marked failed by the sweep — when
its page is polled (that job only, no query unless it is stale), when a worker starts (``manage.py
db_worker``) and from ``manage.py sweep_jobs``.

A thread rather than stamps at row batches: reading a large XLSX and the final all-or-nothing write
are single long calls that report no progress, and the thread beats through them. Four beats a
timeout, so one late beat (a disk or lock wait) does not fail a live job.

On SQLite the thread cannot write while the job's own write transaction holds the database's lock;
then the sweep cannot write either, and the job writes «done» in that same transaction
(``kadry.core.jobs.finishing``), so a sweep that comes after it finds nothing to fail.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, cast

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)

# Both job models share these status values (BackgroundJob, documents.GeneratedDocument).
RUNNING = "running"
FAILED = "failed"


def heartbeat_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=settings.KADRY_JOB_HEARTBEAT_TIMEOUT)


def beat_interval() -> float:
    """Seconds between two beats of a running job: four a timeout."""
    return settings.KADRY_JOB_HEARTBEAT_TIMEOUT / 4


def beat(model: type[Model], pk: int) -> None:
    """Stamp the heartbeat of a job that is still running."""
    model._default_manager.filter(pk=pk, status=RUNNING).update(heartbeat_at=timezone.now())


class Heartbeat:
    """Beat for the job ``model``/``pk`` from a thread of its own while the ``with`` block runs.

    Only while the row is running: begun before the job is taken or left after it ended, beats do nothing.

    The thread uses its own database connection (Django's are per thread), in autocommit, so each
    beat is committed at once whatever transaction the job itself is in; it closes it when done.
    """

    def __init__(self, model: type[Model], pk: int) -> None:
        self.model = model
        self.pk = pk
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"heartbeat-{self.model._meta.label_lower}-{self.pk}", daemon=True
        )

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(beat_interval()):
                try:
                    beat(self.model, self.pk)
                except DatabaseError as error:
                    # SQLite: the job's own write transaction holds the lock; the next beat will do.
                    logger.warning("Heartbeat of %s %s missed: %s", self.model._meta.label, self.pk, error)
        finally:
            connections.close_all()


# The message of a job whose worker died: fixed, or made from the job (its progress so far).
Message = str | Callable[[Any], str]


@dataclass(frozen=True)
class SweptModel:
    """A job model the sweep watches: the message of a job whose worker died, and what to clean up.

    ``by_kind``: the message of each kind of job the model holds (its ``kind`` column), ``error`` of the others.
    """

    model: type[Model]
    error: Message
    cleanup: Callable[[Any], None] | None = None
    by_kind: dict[str, Message] = field(default_factory=dict)

    def message(self, job: Model) -> str:
        found = self.by_kind.get(str(getattr(job, "kind", "")), self.error)
        return found(job) if callable(found) else found


# Filled by the apps that own job models (their AppConfig.ready), so core imports none of them.
_SWEPT: dict[type[Model], SweptModel] = {}


def register(
    model: type[Model],
    *,
    error: Message,
    cleanup: Callable[[Any], None] | None = None,
    by_kind: dict[str, Message] | None = None,
) -> None:
    """Watch ``model``'s running jobs; ``by_kind`` keeps the messages of kinds registered before (``register_kind``)."""
    kinds = {**(_SWEPT[model].by_kind if model in _SWEPT else {}), **(by_kind or {})}
    _SWEPT[model] = SweptModel(model, error, cleanup, kinds)


def register_kind(model: type[Model], kind: str, error: Message) -> None:
    """Give the jobs of ``kind`` of a registered ``model`` their own message when their worker died.

    Called by the app that owns the kind of job (its AppConfig.ready), after the model's ``register``.
    """
    _SWEPT[model].by_kind[kind] = error


def _stale(cutoff: dt.datetime) -> Q:
    # A row with no heartbeat at all was started before heartbeats existed (or died at once).
    return Q(status=RUNNING) & (Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))


def stale_jobs(model: type[Model], *, now: dt.datetime | None = None) -> QuerySet:
    return model._default_manager.filter(_stale((now or timezone.now()) - heartbeat_timeout()))


def _fail(job: Model, now: dt.datetime) -> bool:
    """Mark ``job`` failed if it is still running with a stale heartbeat; clean up after it. Return whether."""
    swept = _SWEPT[type(job)]
    values = {"status": FAILED, "error": swept.message(job), "finished_at": now}
    # Conditional: a job that beat or finished since it was read is left alone.
    if not type(job)._default_manager.filter(_stale(now - heartbeat_timeout()), pk=job.pk).update(**values):
        return False
    for name, value in values.items():
        setattr(job, name, value)
    logger.warning("%s %s lost its worker and was marked failed", type(job)._meta.label, job.pk)
    if swept.cleanup is not None:
        swept.cleanup(job)
    return True


class PolledJob(Protocol):
    """The columns every registered job model has (the sweep's ``_stale`` filters on them)."""

    status: str
    heartbeat_at: dt.datetime | None
    created_at: dt.datetime


def fail_if_abandoned(job: Model, *, now: dt.datetime | None = None) -> bool:
    """Mark a polled job failed if its worker died. No query unless its heartbeat is stale."""
    polled = cast(PolledJob, job)
    if polled.status != RUNNING:
        return False
    now = now or timezone.now()
    beaten = polled.heartbeat_at or polled.created_at
    if beaten >= now - heartbeat_timeout():
        return False
    return _fail(job, now)


def sweep(*, now: dt.datetime | None = None) -> int:
    """Mark failed every running job of every registered model whose worker died; return how many."""
    now = now or timezone.now()
    return sum(_fail(job, now) for swept in _SWEPT.values() for job in stale_jobs(swept.model, now=now))
