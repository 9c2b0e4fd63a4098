"""Lengths of time in years, months and days, and periods between two dates (both days included).

Length of service is stated as «5 лет 3 месяца 12 дней», never as a number of days: the law counts
whole calendar months and years (see ``kadry.employment.rules``). This module knows nothing of the
law; it only holds the values and writes them in Russian.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def plural(number: int, one: str, few: str, many: str) -> str:
    """Return the Russian form of a noun that agrees with ``number``: 1 год, 2 года, 5 лет, 11 лет, 21 год."""
    last_two = abs(number) % 100
    last = last_two % 10
    if last == 1 and last_two != 11:
        return one
    if 2 <= last <= 4 and not 12 <= last_two <= 14:
        return few
    return many


@dataclass(frozen=True, order=True, slots=True)
class Duration:
    """A length of time in years, months and days.

    Ordered field by field, which is the order of lengths as long as months < 12 and days stay
    below a month, as they do in every value the rules return.
    """

    years: int = 0
    months: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.years < 0 or self.months < 0 or self.days < 0:
            raise ValueError(f"Отрицательная продолжительность: {self.years}, {self.months}, {self.days}.")

    def __str__(self) -> str:
        """Return «5 лет 3 месяца 12 дней»; zero parts are left out, and nothing at all is «0 дней»."""
        # Written out part by part: a report prints thousands of these.
        parts = []
        if years := self.years:
            parts.append(f"{years} {plural(years, 'год', 'года', 'лет')}")
        if months := self.months:
            parts.append(f"{months} {plural(months, 'месяц', 'месяца', 'месяцев')}")
        if days := self.days:
            parts.append(f"{days} {plural(days, 'день', 'дня', 'дней')}")
        return " ".join(parts) or "0 дней"

    def as_dict(self) -> dict[str, int]:
        return {"years": self.years, "months": self.months, "days": self.days}


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``start`` to ``end``, both included; ``end`` is None while the period goes on."""

    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"Период заканчивается ({self.end}) раньше, чем начинается ({self.start}).")

    def __str__(self) -> str:
        end = "по настоящее время" if self.end is None else f"по {self.end:%d.%m.%Y}"
        return f"с {self.start:%d.%m.%Y} {end}"

    @property
    def days(self) -> int | None:
        """Return the number of calendar days, both ends included; None while the period goes on."""
        return None if self.end is None else (self.end - self.start).days + 1
