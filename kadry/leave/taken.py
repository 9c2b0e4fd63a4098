"""The leave each employee actually took: granted by signed orders, not cancelled, cut short by a recall.

Read by the terms that a period away from work extends or suspends (probation, ТК РФ ст. 70; the month
to apply a sanction, ст. 193): one query whatever the number of employees.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Q

from kadry.leave.models import LedgerEntry

ONE_DAY = dt.timedelta(days=1)


def leave_taken(
    organisation_ids: Sequence[int], employee_ids: Iterable[int], *, start: dt.date, end: dt.date | None = None
) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """Return employee id → the first and last day of each leave taken that reaches into ``start``–``end``.

    A recalled leave ends the day before the recall (ТК РФ ст. 125): the employee is at work from it.
    """
    entries = LedgerEntry.objects.filter(
        Q(kind=LedgerEntry.Kind.USED) | Q(kind=LedgerEntry.Kind.RECALLED),
        organisation_id__in=organisation_ids,
        employee_id__in=list(employee_ids),
        reversed_by__isnull=True,
        end__gte=start,
    )
    if end is not None:
        entries = entries.filter(start__lte=end)
    rows = list(entries.order_by().values_list("employee_id", "kind", "start", "end"))
    recalls: dict[int, list[dt.date]] = defaultdict(list)
    for employee_id, kind, first, _last in rows:
        if kind == LedgerEntry.Kind.RECALLED:
            recalls[employee_id].append(first)
    taken: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for employee_id, kind, first, last in rows:
        if kind != LedgerEntry.Kind.USED:
            continue
        for recall in recalls.get(employee_id, ()):
            if first < recall <= last:
                last = min(last, recall - ONE_DAY)
        taken[employee_id].append((first, last))
    return taken
