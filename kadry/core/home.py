"""The registries the home page is built from: legal terms (``Deadline``) and the panels of each app.

Core must not import the apps built on it (DESIGN.md «Terms and deadlines»), so each app registers
its functions here when it is ready (its ``AppConfig.ready``): a deadline source returns the terms a
membership has to watch; a panel source is given the request (its membership, and the address for the
access log when the panel shows personal data) and returns what the role has to do today, or None. Each function is called
once per home page and must cost a fixed number of queries, whatever the amount of data.

A deadline source registered with ``register_scoped_deadlines`` is given a ``DeadlineScope``: the
membership and every organisation it keeps (a centralised HR service keeps many schools), and answers
for all of them in the same queries. A source registered with ``register_deadlines`` answers for one
organisation and is asked once per school; each term carries a stable ``code`` of its kind
(``register_deadline_kind``) for the filters of the deadlines page and the API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from kadry.core.http import MemberRequest
from kadry.core.memory import remembered
from kadry.core.models import Membership, Organisation

# How far ahead the home page looks for terms: the ЕФС-1 terms are a few working days, so a week
# shows every term that can still be met while leaving the rest to the deadlines pages.
DEADLINE_HORIZON = dt.timedelta(days=7)
# The kind of the terms a source registered without a code (``Deadline.code`` empty).
OTHER_KIND = "other"


class DeadlineStatus(StrEnum):
    """Where a term stands on a day: the groups of the deadlines page and the API's ``status``."""

    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"  # within ``DEADLINE_HORIZON``
    LATER = "later"


STATUS_LABELS = {
    DeadlineStatus.OVERDUE: "Просрочено",
    DeadlineStatus.TODAY: "Сегодня",
    DeadlineStatus.WEEK: "На этой неделе",
    DeadlineStatus.LATER: "Позже",
}


@dataclass(frozen=True)
class Deadline:
    """One legal term to meet: what (kind), of whom (subject), by when, by what rule, where to act.

    ``kind`` is the words a person reads («Окончание испытания»); ``code`` is the stable name of the kind
    the page and the API filter by (registered with ``register_deadline_kind``). ``organisation_id``
    names the school whose term it is, for a centralised service that keeps many.
    """

    kind: str
    subject: str
    due: dt.date
    source: str  # the rule, e.g. «Постановление Правления ПФР № 730п»
    url: str = ""  # the page where the term is met
    action: str = ""  # the link's text
    code: str = ""
    organisation_id: int | None = None

    def overdue_on(self, today: dt.date) -> bool:
        return self.due < today

    def status_on(self, today: dt.date) -> DeadlineStatus:
        if self.due < today:
            return DeadlineStatus.OVERDUE
        if self.due == today:
            return DeadlineStatus.TODAY
        if self.due <= today + DEADLINE_HORIZON:
            return DeadlineStatus.WEEK
        return DeadlineStatus.LATER

    @property
    def kind_code(self) -> str:
        return self.code or OTHER_KIND


@dataclass(frozen=True)
class DeadlineScope:
    """Whose terms a source is asked for: the membership asking and the organisations it keeps.

    A school's user keeps their school; a centralised HR service keeps the schools it serves. A source
    answers for all of them at once (``organisation_id__in``), so the regional digest costs the same
    number of queries for three schools or three hundred.
    """

    membership: Membership
    organisation_ids: tuple[int, ...]
    today: dt.date

    @property
    def role(self) -> str:
        return self.membership.role


@dataclass
class Panel:
    """One block of a home page: a template (under ``templates/``) with its context."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50  # lower first
    url: str = ""  # the page the block summarises
    link: str = ""  # the text of the link to it


DeadlineSource = Callable[[Membership, dt.date], Iterable[Deadline]]
ScopedDeadlineSource = Callable[[DeadlineScope], Iterable[Deadline]]
PanelSource = Callable[[MemberRequest, dt.date], Panel | None]

_deadline_sources: list[DeadlineSource] = []
_scoped_sources: list[ScopedDeadlineSource] = []
_deadline_kinds: dict[str, str] = {}
_panel_sources: list[PanelSource] = []


def register_deadline_kind(code: str, label: str) -> str:
    """Name a kind of term for the filters of the deadlines page and the API; return ``code``."""
    _deadline_kinds[code] = label
    return code


def deadline_kinds() -> dict[str, str]:
    """Return code → label of every registered kind, by label, with the kind of terms registered without one."""
    kinds = dict(sorted(_deadline_kinds.items(), key=lambda item: item[1]))
    kinds[OTHER_KIND] = "Прочие сроки"
    return kinds


def register_deadlines(source: DeadlineSource) -> DeadlineSource:
    """Add a function returning a membership's deadlines (usable as a decorator); registering twice is a no-op.

    Such a source answers for the membership's own organisation: for a centralised service it is asked
    once per school it serves, so its queries grow with the schools. A source that can answer for
    many organisations at once registers with ``register_scoped_deadlines`` instead.
    """
    if source not in _deadline_sources:
        _deadline_sources.append(source)
    return source


def register_scoped_deadlines(source: ScopedDeadlineSource) -> ScopedDeadlineSource:
    """Add a function returning the deadlines of a ``DeadlineScope`` (many organisations in one go)."""
    if source not in _scoped_sources:
        _scoped_sources.append(source)
    return source


def register_panel(source: PanelSource) -> PanelSource:
    """Add a function returning a membership's home panel or None (usable as a decorator)."""
    if source not in _panel_sources:
        _panel_sources.append(source)
    return source


def kept_organisations(membership: Membership) -> list[int]:
    """Return the organisations whose terms ``membership`` keeps: its school, or the schools its service serves."""
    if membership.organisation.kind != Organisation.Kind.HR_SERVICE:
        return [membership.organisation_id]
    return list(
        Organisation.objects.filter(serviced_by_id=membership.organisation_id)
        .order_by("short_name")
        .values_list("pk", flat=True)
    )


def _legacy(source: DeadlineSource, membership: Membership, organisation_id: int, today: dt.date) -> list[Deadline]:
    """Ask a one-organisation source for ``organisation_id`` on behalf of ``membership`` (same user and role)."""
    if organisation_id == membership.organisation_id:
        found = source(membership, today)
    else:
        stand_in = Membership(user_id=membership.user_id, organisation_id=organisation_id, role=membership.role)
        found = source(stand_in, today)
    return [d if d.organisation_id else replace(d, organisation_id=organisation_id) for d in found]


def deadlines_for(
    membership: Membership,
    today: dt.date,
    *,
    until: dt.date | None = None,
    organisation_ids: Sequence[int] | None = None,
) -> list[Deadline]:
    """Return every registered deadline of ``membership`` due by ``until`` (all when None), soonest first.

    ``organisation_ids`` narrows a centralised service to some of its schools (the caller checks they
    are served); by default every organisation the membership keeps.
    """
    ids = tuple(kept_organisations(membership) if organisation_ids is None else organisation_ids)
    found = _remembered(membership, ids, today)
    return [d for d in found if until is None or d.due <= until]


def _remembered(membership: Membership, ids: tuple[int, ...], today: dt.date) -> list[Deadline]:
    """Return every term of ``ids`` for ``membership`` on ``today``, soonest first, computed at most once per change.

    Every source together costs some twenty queries and tens of milliseconds, asked by each home page
    and the deadlines page, while the terms change only when the data does or the day turns
    (``kadry.core.memory``).
    """
    # The user and role too: a source may answer by role, or for the user's own classes.
    who = (membership.user_id, membership.organisation_id, membership.role)
    return remembered("deadlines", ids, (who, tuple(ids), today.isoformat()), lambda: _computed(membership, ids, today))


def _computed(membership: Membership, ids: tuple[int, ...], today: dt.date) -> list[Deadline]:
    scope = DeadlineScope(membership, ids, today)
    found = [d for source in _scoped_sources for d in source(scope)]
    found += [d for source in _deadline_sources for pk in ids for d in _legacy(source, membership, pk, today)]
    return sorted(found, key=lambda d: (d.due, d.kind, d.subject))


def group_deadlines(found: Iterable[Deadline], today: dt.date) -> list[tuple[DeadlineStatus, str, list[Deadline]]]:
    """Return the groups of the deadlines page in their order (overdue, today, this week, later), empty ones too."""
    groups: dict[DeadlineStatus, list[Deadline]] = {status: [] for status in DeadlineStatus}
    for deadline in found:
        groups[deadline.status_on(today)].append(deadline)
    return [(status, STATUS_LABELS[status], groups[status]) for status in DeadlineStatus]


def panels_for(request: MemberRequest, today: dt.date) -> list[Panel]:
    """Return the home panels the registered sources give the request's membership, in their order."""
    panels = [panel for source in _panel_sources if (panel := source(request, today)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
