"""The registries the home page is built from: legal terms (``Deadline``) and the panels of each app.

Core must not import the apps built on it (DESIGN.md «Terms and deadlines»), so each app registers
its functions here when it is ready (its ``AppConfig.ready``): a deadline source returns the terms a
membership has to watch; a panel source is given the request (its membership, and the address for the
access log when the panel shows personal data) and returns what the role has to do today, or None. Each function is called
once per home page and must cost a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kadry.core.http import MemberRequest
from kadry.core.models import Membership

# How far ahead the home page looks for terms: the ЕФС-1 terms are a few working days, so a week
# shows every term that can still be met while leaving the rest to the deadlines pages.
DEADLINE_HORIZON = dt.timedelta(days=7)


@dataclass(frozen=True)
class Deadline:
    """One legal term to meet: what (kind), of whom (subject), by when, by what rule, where to act."""

    kind: str
    subject: str
    due: dt.date
    source: str  # the rule, e.g. «Постановление Правления ПФР № 730п»
    url: str = ""  # the page where the term is met
    action: str = ""  # the link's text

    def overdue_on(self, today: dt.date) -> bool:
        return self.due < today


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
PanelSource = Callable[[MemberRequest, dt.date], Panel | None]

_deadline_sources: list[DeadlineSource] = []
_panel_sources: list[PanelSource] = []


def register_deadlines(source: DeadlineSource) -> DeadlineSource:
    """Add a function returning a membership's deadlines (usable as a decorator); registering twice is a no-op."""
    if source not in _deadline_sources:
        _deadline_sources.append(source)
    return source


def register_panel(source: PanelSource) -> PanelSource:
    """Add a function returning a membership's home panel or None (usable as a decorator)."""
    if source not in _panel_sources:
        _panel_sources.append(source)
    return source


def deadlines_for(membership: Membership, today: dt.date, *, until: dt.date | None = None) -> list[Deadline]:
    """Return every registered deadline of ``membership`` due by ``until`` (all when None), soonest first."""
    found = [d for source in _deadline_sources for d in source(membership, today) if until is None or d.due <= until]
    return sorted(found, key=lambda d: (d.due, d.kind, d.subject))


def panels_for(request: MemberRequest, today: dt.date) -> list[Panel]:
    """Return the home panels the registered sources give the request's membership, in their order."""
    panels = [panel for source in _panel_sources if (panel := source(request, today)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
