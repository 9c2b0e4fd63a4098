"""What the register of incidents checks: the order of the times, the ambulance, who was told, the act.

Pure functions of plain values. Sources:
- the lyceum's regulation on class teachers (seed 003): §1.8 «Вызывать скорую медицинскую помощь
  обучающимся при травмах/жалобах любой этиологии», §4.17 «Информировать администрацию школы о любых
  нештатных и чрезвычайных ситуациях с обучающимися»;
- Порядок расследования и учета несчастных случаев с обучающимися во время пребывания в организации,
  осуществляющей образовательную деятельность (Приказ Минобрнауки России от 27.06.2017 № 602,
  зарегистрирован в Минюсте 29.09.2017 № 48372, в силе с 13.10.2017): an accident is investigated and
  recorded when it freed the student from lessons for at least one day by the medical conclusion (or
  ended in death); the act is written on the form of the Порядок's annex, the journal of accidents on
  annex № 6.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Приказ № 602: «освобождение от занятий не менее чем на один день» makes an accident subject to
# investigation and recording by the commission.
INVESTIGATION_MIN_DAYS_OFF = 1

ACCIDENT = "accident"
HEALTH = "health"
# §1.8 names injuries and complaints «любой этиологии»: both kinds call for the ambulance.
AMBULANCE_KINDS = frozenset({ACCIDENT, HEALTH})


def needs_investigation(kind: str, days_off: int | None) -> bool:
    """Whether the commission investigates and writes the act (Приказ № 602): an accident, ≥ 1 day off lessons.

    Until the medical conclusion gives the days (``None``) the act is not yet due; a health
    complaint or another emergency is not an accident and has no act.
    """
    return kind == ACCIDENT and days_off is not None and days_off >= INVESTIGATION_MIN_DAYS_OFF


def time_problems(
    *,
    occurred_at: dt.datetime,
    now: dt.datetime,
    ambulance_called_at: dt.datetime | None,
    administration_informed_at: dt.datetime | None,
    parents_informed_at: dt.datetime | None,
) -> dict[str, str]:
    """Return, by field, the times that cannot be: an incident in the future, a call or a report before it."""
    problems: dict[str, str] = {}
    if occurred_at > now:
        problems["occurred_at"] = "Происшествие не может быть позже текущего момента."
    for name, value, what in (
        ("ambulance_called_at", ambulance_called_at, "Скорую помощь"),
        ("administration_informed_at", administration_informed_at, "Администрацию"),
        ("parents_informed_at", parents_informed_at, "Родителей"),
    ):
        if value is not None and value < occurred_at:
            problems[name] = f"{what} не могли известить раньше, чем произошло происшествие."
        elif value is not None and value > now:
            problems[name] = "Время ещё не наступило."
    return problems


@dataclass(frozen=True)
class Reminder:
    """What the register still misses about an incident, with the rule that asks for it."""

    field: str
    text: str


def reminders(
    *,
    kind: str,
    ambulance_called: bool,
    administration_informed: bool,
    parents_informed: bool,
    acknowledged: bool,
) -> list[Reminder]:
    """Return what is still to be done or recorded for an incident, in the order it is done."""
    found = []
    if kind in AMBULANCE_KINDS and not ambulance_called:
        found.append(
            Reminder(
                "ambulance_called_at",
                "Скорая медицинская помощь не вызвана: при травмах и жалобах любой этиологии её вызывают "
                "(п. 1.8 положения о классном руководстве).",
            )
        )
    if not administration_informed and not acknowledged:
        found.append(
            Reminder(
                "administration_informed_at",
                "Администрация ещё не проинформирована: о любых нештатных и чрезвычайных ситуациях с "
                "обучающимися её информируют (п. 4.17 положения).",
            )
        )
    if not parents_informed:
        found.append(Reminder("parents_informed_at", "Родители (законные представители) ещё не проинформированы."))
    return found
