"""Which days have lessons: inside the school year, a working day of the production calendar, not school holidays.

Pure functions of plain values. Sources: the school year and its holidays are the school's own calendar
(Федеральный закон от 29.12.2012 № 273-ФЗ: ст. 28 ч. 3 п. 6 — the school approves its educational
programmes, of which the calendar study schedule is a part, ст. 2 п. 9); days off and public holidays are the production calendar (ТК РФ ст. 111, 112, through
kadry/lib/calendar.py). The school works a five-day week, like the production calendar.
"""

from __future__ import annotations

import datetime as dt

from kadry.lib.calendar import is_working_day, public_holiday_name

MOVED_DAY_OFF = "Выходной"
WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


def no_lessons_reason(
    day: dt.date,
    *,
    year_name: str,
    year_start: dt.date,
    year_end: dt.date,
    school_holiday: str | None = None,
) -> str | None:
    """Return why ``day`` has no lessons (outside the school year, school holidays, a day off), or None."""
    shown = f"{day:%d.%m.%Y}"
    if not year_start <= day <= year_end:
        return f"{shown} — вне учебного года {year_name} ({year_start:%d.%m.%Y}–{year_end:%d.%m.%Y}): уроков нет."
    if school_holiday:
        return f"{shown} — каникулы ({school_holiday}): уроков нет."
    if not is_working_day(day):
        holiday = public_holiday_name(day)
        # A day off moved by the Government's decree is named «Выходной (перенесено с …)».
        if holiday and holiday.startswith(MOVED_DAY_OFF):
            return f"{shown} — выходной день{holiday.removeprefix(MOVED_DAY_OFF)}: уроков нет."
        if holiday:
            return f"{shown} — нерабочий праздничный день ({holiday}): уроков нет."
        return f"{shown} — выходной день ({WEEKDAYS[day.weekday()]}): уроков нет."
    return None
