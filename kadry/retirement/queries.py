"""The pre-retirement and pension list of an organisation: who works, and when their right to a pension arises.

The pedagogical length of service comes from ``kadry.employment.seniority`` (prior jobs marked
pedagogical and assignments to positions counted in pedagogical service) and its rules (Приказ
Минтруда № 585н п. 20–21): the day the 25 years of 400-ФЗ ст. 30 ч. 1 п. 19 are reached is searched
for in the past, or projected from the work running today. Three queries whatever the headcount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kadry.employment import rules as service_rules
from kadry.employment.seniority import Source, sources_for_organisation, working_on
from kadry.retirement import rules
from kadry.staff.models import Employee
from kadry.staff.queries import attach_placement

ACCESS_LOG_WHAT = "Предпенсионеры и пенсионеры"
STATUS_LABELS = {
    "pension": "Право на пенсию возникло",
    "pre": "Предпенсионный возраст",
    "before": "Предпенсионный возраст наступит",
}


def _reached(spans: list[service_rules.Span], years: int) -> bool:
    return service_rules.spans_length(spans).years >= years


def years_reached_on(sources: Sequence[Source], on: dt.date, years: int = rules.TEACHER_YEARS) -> dt.date | None:
    """Return the day the pedagogical service of ``sources`` reaches ``years``: past, or projected from work on ``on``.

    Past: the first day whose length on that day (the day included) is ``years`` — found by halving
    the interval, the length never decreasing with the date. Future: ``spans_threshold`` (work going
    on as it runs on ``on``); None when not reached and no pedagogical work runs on ``on``.
    """
    pedagogical = [source for source in sources if source.pedagogical]
    if not pedagogical:
        return None
    spans = service_rules.counted_spans(pedagogical, on)
    if not _reached(spans, years):
        return service_rules.spans_threshold(spans, on, years)
    low = min(source.start for source in pedagogical)
    high = on  # reached on ``high``; not before ``low``
    while low < high:
        middle = low + (high - low) // 2
        if _reached(service_rules.counted_spans(pedagogical, middle), years):
            high = middle
        else:
            low = middle + dt.timedelta(days=1)
    return high


@dataclass(frozen=True)
class Row:
    employee: Employee  # with ``placement``
    outlook: rules.Outlook
    status: str
    in_window: bool  # the right, the pre-retirement age or the 25 years of a teacher fall within the months asked for
    checkup_days: int  # ТК РФ ст. 185.1 ч. 3: paid days for the medical check-up, pre-retirement or pension

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def checklist(self) -> list[tuple[str, str]]:
        return rules.checklist(self.outlook.teacher_right_on is not None)


def upcoming(organisation_id: int, today: dt.date, months: int) -> list[Row]:
    """Return the employees working today who are pre-retirement or entitled, or become so within ``months``.

    Sorted by the day of the right, the earliest first.
    """
    until = rules.months_later(today, months)
    employees = list(working_on(organisation_id, today).only("id", "organisation_id", "personnel_number",
                                                             "last_name", "first_name", "middle_name", "sex",
                                                             "birth_date"))  # fmt: skip
    sources = sources_for_organisation(organisation_id, today)
    rows = []
    for employee in employees:
        found = rules.outlook(employee.sex, employee.birth_date, years_reached_on(sources.get(employee.pk, []), today))
        if found.pre_retirement_from > until:
            continue
        status = found.status_on(today)
        events = (found.right_on, found.pre_retirement_from, found.teacher_25_on)
        in_window = any(day is not None and today <= day <= until for day in events)
        checkup = rules.CHECKUP_DAYS if status in ("pre", "pension") else 0
        rows.append(Row(employee, found, status, in_window, checkup))
    rows.sort(key=lambda row: (row.outlook.right_on, row.employee.last_name, row.employee.pk))
    attach_placement([row.employee for row in rows], today)
    return rows
