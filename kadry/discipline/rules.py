"""Labour discipline: the terms of a case from the misconduct to the expiry of the sanction. Pure functions.

Sources:
- ТК РФ ст. 14: a term starts the day after the date that opens it; a term of months or years ends on
  the same date of the last month or year (the month's last day when it has no such date); a term
  whose last day is a day off ends on the next working day.
- ТК РФ ст. 193 ч. 1: a written explanation is requested before a sanction; when none is given within
  two working days an act is drawn up; ч. 2: its absence does not prevent the sanction.
- ТК РФ ст. 193 ч. 3: a sanction is applied not later than one month from the day the misconduct was
  discovered, not counting the time of the employee's illness and leave (Постановление Пленума ВС РФ
  от 17.03.2004 № 2, п. 34: every leave the employer grants — annual, additional, study, unpaid —
  interrupts the month; days off and other absence do not).
- ТК РФ ст. 193 ч. 4: and not later than six months from the day it was committed; two years when an
  audit, a revision of the financial activity or an inspection found it. (The time of criminal
  proceedings, which the same part excludes, is not recorded here.)
- ТК РФ ст. 193 ч. 6: the order is announced to the employee against signature within three working
  days of its date, not counting the time the employee is absent from work; a refusal to sign is
  recorded by an act.
- ТК РФ ст. 194 ч. 1: when within a year of a sanction the employee is given no new one, they are
  considered to have none; ч. 2: the employer may lift it earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from kadry.lib.calendar import Correction, is_working_day, next_working_day

ONE_DAY = dt.timedelta(days=1)
EXPLANATION_WORKING_DAYS = 2  # ст. 193 ч. 1
ACQUAINTANCE_WORKING_DAYS = 3  # ст. 193 ч. 6
DISCOVERY_MONTHS = 1  # ст. 193 ч. 3
MISCONDUCT_MONTHS = 6  # ст. 193 ч. 4
AUDIT_YEARS = 2  # ст. 193 ч. 4
EXPIRY_YEARS = 1  # ст. 194 ч. 1


@dataclass(frozen=True)
class Period:
    """A period the employee was away: illness or leave for the month of ст. 193 ч. 3."""

    start: dt.date
    end: dt.date
    what: str  # «болезнь», «отпуск»: named in the message when it extends the month


def _working_days_after(start: dt.date, count: int, skip: set[dt.date], corrections: Sequence[Correction]) -> dt.date:
    """Return the ``count``-th working day after ``start``, the days in ``skip`` not counted."""
    day, counted = start, 0
    while counted < count:
        day = next_working_day(day, corrections)
        if day not in skip:
            counted += 1
    return day


def _days(periods: Iterable[Period]) -> set[dt.date]:
    days: set[dt.date] = set()
    for period in periods:
        day = period.start
        while day <= period.end:
            days.add(day)
            day += ONE_DAY
    return days


def explanation_due(requested_on: dt.date, corrections: Sequence[Correction] = ()) -> dt.date:
    """Return the last day for the written explanation: the second working day after the request (ст. 193 ч. 1)."""
    return _working_days_after(requested_on, EXPLANATION_WORKING_DAYS, set(), corrections)


def act_from(requested_on: dt.date, corrections: Sequence[Correction] = ()) -> dt.date:
    """Return the first day the act of non-provision may be drawn up: the working day after the two (ст. 193 ч. 1)."""
    return next_working_day(explanation_due(requested_on, corrections), corrections)


def earliest_sanction(
    requested_on: dt.date, received_on: dt.date | None, corrections: Sequence[Correction] = ()
) -> dt.date:
    """Return the first day a sanction may be applied: once the explanation came, else once its two days ran out."""
    if received_on is not None:
        return received_on
    return explanation_due(requested_on, corrections) + ONE_DAY


def _ends_on_working_day(day: dt.date, skip: set[dt.date], corrections: Sequence[Correction]) -> dt.date:
    # ст. 14 ч. 4 moves a last day off to the next working day; a day of illness or leave still is not counted.
    while not is_working_day(day, corrections) or day in skip:
        day += ONE_DAY
    return day


@dataclass(frozen=True)
class LastDay:
    """The last day a sanction may be applied, and why it is that day."""

    day: dt.date
    month_end: dt.date  # one month from the discovery, illness and leave not counted (ст. 193 ч. 3)
    limit_end: dt.date  # six months (two years for an audit) from the misconduct (ст. 193 ч. 4)
    not_counted: tuple[Period, ...]  # the illness and leave inside the month that moved it

    @property
    def by_limit(self) -> bool:
        return self.limit_end < self.month_end

    @property
    def reason(self) -> str:
        """Return the reason of the last day in Russian, with its source."""
        if self.by_limit:
            return f"{self.limit_end:%d.%m.%Y} — предельный срок со дня совершения проступка (ТК РФ ст. 193 ч. 4)"
        if not self.not_counted:
            return f"{self.month_end:%d.%m.%Y} — месяц со дня обнаружения проступка (ТК РФ ст. 193 ч. 3)"
        away = ", ".join(f"{p.what} {p.start:%d.%m.%Y}–{p.end:%d.%m.%Y}" for p in self.not_counted)
        return (
            f"{self.month_end:%d.%m.%Y} — месяц со дня обнаружения проступка, не считая времени болезни "
            f"и отпуска ({away}) (ТК РФ ст. 193 ч. 3)"
        )


def last_sanction_day(
    *,
    committed_on: dt.date,
    discovered_on: dt.date,
    found_by_audit: bool = False,
    away: Sequence[Period] = (),
    corrections: Sequence[Correction] = (),
) -> LastDay:
    """Return the last day a sanction for the misconduct may be applied (ТК РФ ст. 193 ч. 3–4, ст. 14).

    The month counts its calendar days from the day after the discovery; each day of illness or leave
    inside it is not counted, so the month ends that many uncounted days later.
    """
    skip = _days(away)
    length = (discovered_on + relativedelta(months=DISCOVERY_MONTHS) - discovered_on).days
    day, counted = discovered_on, 0
    while counted < length:
        day += ONE_DAY
        if day not in skip:
            counted += 1
    month_end = _ends_on_working_day(day, skip, corrections)
    inside = tuple(sorted((p for p in away if p.start <= month_end and p.end > discovered_on), key=lambda p: p.start))
    limit = relativedelta(years=AUDIT_YEARS) if found_by_audit else relativedelta(months=MISCONDUCT_MONTHS)
    limit_end = _ends_on_working_day(committed_on + limit, set(), corrections)
    return LastDay(min(month_end, limit_end), month_end, limit_end, inside)


def acquaintance_due(
    order_date: dt.date, away: Sequence[Period] = (), corrections: Sequence[Correction] = ()
) -> dt.date:
    """Return the last day to announce the order against signature: the third working day after it,
    the days the employee is away not counted (ст. 193 ч. 6)."""
    return _working_days_after(order_date, ACQUAINTANCE_WORKING_DAYS, _days(away), corrections)


def sanction_date_errors(
    *,
    order_date: dt.date,
    committed_on: dt.date,
    discovered_on: dt.date,
    requested_on: dt.date,
    received_on: dt.date | None = None,
    found_by_audit: bool = False,
    away: Sequence[Period] = (),
    corrections: Sequence[Correction] = (),
) -> dict[str, str]:
    """Return ``{field: message}`` of a sanction applied on ``order_date`` against the terms of ТК РФ ст. 193."""
    errors = {}
    if discovered_on < committed_on:
        errors["misconduct_discovered_on"] = "Проступок не мог быть обнаружен раньше, чем совершён."
        return errors
    if requested_on < committed_on:
        errors["explanation_requested_on"] = "Объяснение не могли затребовать до проступка."
    else:
        earliest = earliest_sanction(requested_on, received_on, corrections)
        if order_date < earliest:
            errors["explanation_requested_on"] = (
                "Взыскание применяется после того, как получено объяснение или истекли два рабочих дня "
                f"со дня, когда оно затребовано (ТК РФ ст. 193 ч. 1): не ранее {earliest:%d.%m.%Y}."
            )
    last = last_sanction_day(
        committed_on=committed_on,
        discovered_on=discovered_on,
        found_by_audit=found_by_audit,
        away=away,
        corrections=corrections,
    )
    if order_date > last.day:
        field = "misconduct_date" if last.by_limit else "misconduct_discovered_on"
        errors[field] = f"Срок применения взыскания истёк: последний допустимый день {last.reason}."
    return errors


@dataclass(frozen=True)
class Applied:
    """A sanction as the expiry rule sees it: when applied, and when lifted early by order (if it was)."""

    key: int
    applied_on: dt.date
    lifted_on: dt.date | None = None


def expiry_dates(sanctions: Sequence[Applied]) -> dict[int, dt.date]:
    """Return each sanction's last day in force by ТК РФ ст. 194 ч. 1 (lifting aside).

    The year runs from the day after the sanction and ends on the same date a year on (ст. 14); a new
    sanction inside it starts a new year for all those still in force. A sanction lifted early still
    was applied, so it too starts a new year for the earlier ones (the law speaks of being given a new
    sanction, not of keeping it).
    """
    ordered = sorted(sanctions, key=lambda s: s.applied_on)
    result: dict[int, dt.date] = {}
    chain: list[Applied] = []
    for sanction in ordered:
        if chain and sanction.applied_on > chain[-1].applied_on + relativedelta(years=EXPIRY_YEARS):
            end = chain[-1].applied_on + relativedelta(years=EXPIRY_YEARS)
            result.update({s.key: end for s in chain})
            chain = []
        chain.append(sanction)
    if chain:
        end = chain[-1].applied_on + relativedelta(years=EXPIRY_YEARS)
        result.update({s.key: end for s in chain})
    return result


def in_force(sanctions: Sequence[Applied], on: dt.date) -> list[int]:
    """Return the keys of the sanctions in force on ``on`` (ТК РФ ст. 194): applied, not expired, not lifted."""
    known = [s for s in sanctions if s.applied_on <= on]
    ends = expiry_dates(known)
    return [
        s.key
        for s in sorted(known, key=lambda s: (s.applied_on, s.key))
        if ends[s.key] >= on and (s.lifted_on is None or s.lifted_on > on)
    ]
