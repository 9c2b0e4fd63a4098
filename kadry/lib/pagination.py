"""Paging a list in one query: the page's rows and the number of all rows together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

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
