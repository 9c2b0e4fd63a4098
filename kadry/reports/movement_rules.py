"""Movement of staff over a period: hires, dismissals by ground group, transfers and the usual rates.

Pure functions of plain values (``rules.Person`` and the dismissal grounds as recorded). A hire is the
first day of a person's uninterrupted period on the list, a dismissal its last day (the list as in
``rules``: main work and internal part-time, transfers inside it joined); external part-timers are
not in the movement of the list, as in the П-4 (НЗ) form's lines of those hired and dismissed.

The rates, in per cent of the average headcount of the period (``rules``):

- hiring (коэффициент оборота по приёму) = hired ÷ average × 100;
- separation (коэффициент оборота по выбытию) = dismissed ÷ average × 100;
- turnover (коэффициент текучести) = dismissed at own will and for breaches of discipline ÷ average
  × 100 — the «излишний оборот» of the textbooks (Генкин Б. М., «Экономика и социология труда»;
  the same split as the П-4 (НЗ) lines «по собственному желанию» and «по инициативе работодателя за
  нарушение трудовой дисциплины»);
- stability (коэффициент постоянства состава) = those on the list for the whole period ÷ average × 100.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from kadry.reports.rules import Person

# Ground groups, in the order of a report. Each ground is the code of ``employment.grounds``:
# «article-part-item» (ТК РФ).
OWN_WILL = "own_will"
AGREEMENT = "agreement"
END_OF_TERM = "end_of_term"
TRANSFER = "transfer"
EMPLOYER = "employer"
DISCIPLINE = "discipline"
RETIREMENT = "retirement"
CIRCUMSTANCES = "circumstances"
OTHER = "other"
NOT_RECORDED = "not_recorded"

GROUP_LABELS: dict[str, str] = {
    OWN_WILL: "По собственному желанию (ТК РФ ст. 77 ч. 1 п. 3, ст. 80)",
    RETIREMENT: "По собственному желанию в связи с выходом на пенсию (ст. 80 ч. 3)",
    AGREEMENT: "По соглашению сторон (ст. 77 ч. 1 п. 1, ст. 78)",
    END_OF_TERM: "Истечение срока трудового договора (ст. 77 ч. 1 п. 2, ст. 79)",
    TRANSFER: "Перевод к другому работодателю (ст. 77 ч. 1 п. 5)",
    EMPLOYER: "По инициативе работодателя (ст. 81 ч. 1 п. 1–3, 11)",
    DISCIPLINE: "За нарушения трудовой дисциплины (ст. 81 ч. 1 п. 5, 6, 8; ст. 336)",
    CIRCUMSTANCES: "Обстоятельства, не зависящие от воли сторон (ст. 83)",
    OTHER: "Другие основания (ст. 77 ч. 1 п. 6–9)",
    NOT_RECORDED: "Основание не записано (назначение закрыто без приказа в системе)",
}

# ТК РФ: the ground → its group. Discipline: the culpable grounds of ст. 81 (п. 5 repeated failure,
# п. 6 a gross breach, п. 8 an immoral act of a teacher) and the teachers' ст. 336 (a repeated gross
# breach of the charter, violent methods of upbringing).
GROUND_GROUPS: dict[str, str] = {
    "77-1-1": AGREEMENT,
    "77-1-2": END_OF_TERM,
    "77-1-3": OWN_WILL,
    "77-1-5": TRANSFER,
    "77-1-6": OTHER,
    "77-1-7": OTHER,
    "77-1-8": OTHER,
    "77-1-9": OTHER,
    "81-1-1": EMPLOYER,
    "81-1-2": EMPLOYER,
    "81-1-3": EMPLOYER,
    "81-1-11": EMPLOYER,
    "81-1-5": DISCIPLINE,
    "81-1-6а": DISCIPLINE,
    "81-1-6б": DISCIPLINE,
    "81-1-8": DISCIPLINE,
    "336-1": DISCIPLINE,
    "336-2": DISCIPLINE,
}
# Turnover: leaving by one's own will (retirement among them) and for breaches of discipline.
TURNOVER_GROUPS = frozenset({OWN_WILL, RETIREMENT, DISCIPLINE})
# ТК РФ ст. 80 ч. 3: «в связи с выходом на пенсию» — the work book's wording names it when it applies.
RETIREMENT_WORDS = "на пенсию"


def ground_code(article: str, part: str, item: str) -> str:
    """Return the code of ``employment.grounds`` from the article, part and item of an ЕФС-1 event."""
    return "-".join(piece for piece in (article, part, item) if piece)


def ground_group(code: str, wording: str = "") -> str:
    """Return the group of a recorded ground; an empty code: not recorded."""
    if not code:
        return NOT_RECORDED
    if code.startswith("83-"):
        return CIRCUMSTANCES
    group = GROUND_GROUPS.get(code, OTHER)
    if group == OWN_WILL and RETIREMENT_WORDS in wording.lower():
        return RETIREMENT
    return group


@dataclass(frozen=True)
class Dismissal:
    """A dismissal as recorded: the last day, the ground and its wording (ЕФС-1 event of the order)."""

    employee_id: int
    date: dt.date
    code: str
    wording: str


@dataclass(frozen=True)
class Leaver:
    employee_id: int
    last_day: dt.date
    group: str
    wording: str


@dataclass(frozen=True)
class Movement:
    first: dt.date
    last: dt.date
    hired: int
    leavers: tuple[Leaver, ...]
    transfers: int
    whole_period: int  # on the list every day of the period
    average: Fraction

    @property
    def dismissed(self) -> int:
        return len(self.leavers)

    @property
    def by_group(self) -> dict[str, int]:
        counts = dict.fromkeys(GROUP_LABELS, 0)
        for leaver in self.leavers:
            counts[leaver.group] += 1
        return counts

    @property
    def turnover_count(self) -> int:
        return sum(1 for leaver in self.leavers if leaver.group in TURNOVER_GROUPS)

    @property
    def hiring_rate(self) -> Decimal | None:
        return percent(self.hired, self.average)

    @property
    def separation_rate(self) -> Decimal | None:
        return percent(self.dismissed, self.average)

    @property
    def turnover_rate(self) -> Decimal | None:
        return percent(self.turnover_count, self.average)

    @property
    def stability_rate(self) -> Decimal | None:
        return percent(self.whole_period, self.average)


def percent(count: int, average: Fraction) -> Decimal | None:
    """Return count ÷ average × 100 with two decimals, half up; None when the average is zero."""
    if not average:
        return None
    value = Fraction(count * 100) / average
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def movement(
    people: Sequence[Person],
    dismissals: Iterable[Dismissal],
    transfer_dates: Iterable[dt.date],
    first: dt.date,
    last: dt.date,
    average: Fraction,
) -> Movement:
    """Return the movement of the list from ``first`` to ``last`` (both included).

    A dismissal's ground is the one recorded for the person on the period's last day; a period closed
    without an order in the system (an opening balance) has none.
    """
    recorded = {(d.employee_id, d.date): d for d in dismissals}
    hired = 0
    leavers = []
    whole = 0
    for person in people:
        for start, end in person.list_spans:
            if first <= start <= last:
                hired += 1
            if end is not None and first <= end <= last:
                found = recorded.get((person.employee_id, end))
                code, wording = (found.code, found.wording) if found else ("", "")
                leavers.append(Leaver(person.employee_id, end, ground_group(code, wording), wording))
        if any(start <= first and (end is None or end >= last) for start, end in person.list_spans):
            whole += 1
    transfers = sum(1 for day in transfer_dates if first <= day <= last)
    leavers.sort(key=lambda leaver: (leaver.last_day, leaver.employee_id))
    return Movement(first, last, hired, tuple(leavers), transfers, whole, average)
