"""Paging a list in one query: the page's rows and the number of all rows together, or by position (keyset)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet, Window
from django.db.models.fields.tuple_lookups import TupleGreaterThan, TupleLessThan

TOTAL = "rows_in_all"  # the annotation each row of a page carries


def _split(row: Any) -> tuple[Any, int]:
    """Return the row without the total, and the total (rows are tuples, dicts or model instances)."""
    if isinstance(row, tuple):
        return row[:-1], row[-1]
    if isinstance(row, dict):
        return row, row.pop(TOTAL)
    return row, getattr(row, TOTAL)


class OneQueryPaginator(Paginator):
    """A ``Paginator`` of a queryset whose page also says how many rows there are in all.

    Each row carries ``COUNT(*) OVER ()``, which the database computes before the LIMIT, so a page
    costs one query instead of a count and a page (issue #5). Only a page past the end also runs the
    count, to answer as ``Paginator.get_page`` does (the last page).

    For lists of a few hundred rows (a school's staff): the window reads every matching row where a
    count reads an index, so a long list ordered by an index (orders, the access log) pages cheaper
    with ``Paginator``.
    """

    object_list: QuerySet[Any]

    if TYPE_CHECKING:
        # Django's hook that makes the Page; django-stubs leaves it out.
        def _get_page(self, *args: Any, **kwargs: Any) -> Page: ...

    def get_page(self, number: Any) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            return super().get_page(number)  # the last page, as Django answers
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(**{TOTAL: Window(Count("pk"))})
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and number == 1:
            self.count = 0  # no first page: nothing at all
            return self._get_page([], 1, self)
        if not rows:
            return super().get_page(number)
        split = [_split(row) for row in rows]
        self.count = split[0][1]  # ``count`` is a cached property: known now, never queried
        return self._get_page([row for row, _total in split], number, self)


@dataclass(frozen=True)
class KeysetPage:
    """A page of rows found by position after (or before) a known row, never by counting the rows before it.

    ``rows`` begin with the primary key; ``next_after`` / ``previous_before`` are the keys the links
    carry (None when there is no such page).
    """

    rows: list[Any]
    next_after: Any = None
    previous_before: Any = None

    @property
    def has_other_pages(self) -> bool:
        return self.next_after is not None or self.previous_before is not None


def keyset_page(
    rows: QuerySet[Any], key: tuple[str, ...], per_page: int, *, after: tuple | None = None, before: tuple | None = None
) -> KeysetPage:
    """Return the ``per_page`` rows of ``rows`` (ordered by ``key``, unique) after the key ``after`` or before ``before``.

    One query of ``per_page + 1`` rows: the extra one only says that another page follows. Its cost
    depends on the page size, not on how many rows match nor how deep the page is, when an index
    serves ``key`` (a row comparison ``(a, b, …) > (x, y, …)`` is an index bound on PostgreSQL).
    """
    columns = [F(name) for name in key]
    if before is not None:
        found = list(
            rows.filter(TupleLessThan(columns, before)).order_by(*(f"-{name}" for name in key))[: per_page + 1]
        )
        more = len(found) > per_page
        page = found[:per_page][::-1]
        return KeysetPage(page, next_after=page[-1][0] if page else None, previous_before=page[0][0] if more else None)
    if after is not None:
        rows = rows.filter(TupleGreaterThan(columns, after))
    found = list(rows.order_by(*key)[: per_page + 1])
    page = found[:per_page]
    return KeysetPage(
        page,
        next_after=page[-1][0] if len(found) > per_page else None,
        previous_before=page[0][0] if after is not None and page else None,
    )


def capped_count(rows: QuerySet[Any], limit: int) -> tuple[int, bool]:
    """Return how many rows there are, counting at most ``limit`` of them, and whether there are more."""
    counted = rows.order_by()[: limit + 1].count()
    return min(counted, limit), counted > limit
