"""Work-record entries and ЕФС-1 reporting: wording and deadlines. Pure functions of plain values."""

from __future__ import annotations

import datetime as dt

from kadry.lib.calendar import next_working_day, working_day_on_or_after


def efs_deadline(event_kind: str, order_date: dt.date) -> dt.date:
    """Return the last day to report a work-record event to the Social Fund in ЕФС-1 подраздел 1.1.

    Федеральный закон № 27-ФЗ от 01.04.1996, ст. 11 п. 6: hiring and dismissal — not later than the
    working day following the day of the order; other events — not later than the 25th of the month
    following the month of the event. A term ending on a day off moves to the next working day
    (ГК РФ ст. 193).
    """
    if event_kind in {"hire", "dismissal"}:
        return next_working_day(order_date)
    year, month = (order_date.year + 1, 1) if order_date.month == 12 else (order_date.year, order_date.month + 1)
    return working_day_on_or_after(dt.date(year, month, 25))


def gendered(sex: str, masculine: str, feminine: str) -> str:
    return feminine if sex == "F" else masculine


def hire_wording(*, sex: str, position_genitive: str) -> str:
    """Return «Принята на должность учителя математики» (Приказ Минтруда № 320н, п. 16)."""
    return f"{gendered(sex, 'Принят', 'Принята')} на должность {position_genitive}"


def transfer_wording(*, sex: str, position_genitive: str) -> str:
    """Return «Переведена на должность …» (Приказ Минтруда № 320н, п. 16)."""
    return f"{gendered(sex, 'Переведён', 'Переведена')} на должность {position_genitive}"


def award_wording(*, sex: str, award_instrumental: str) -> str:
    """Return «Награждена Почётной грамотой …» (Приказ Минтруда № 320н, п. 24)."""
    return f"{gendered(sex, 'Награждён', 'Награждена')} {award_instrumental}"


def surname_change_wording(*, previous: str, new: str, basis: str) -> str:
    """Return the note of a changed surname (Приказ Минтруда № 320н, п. 26: on the title page, with the document)."""
    return f"Фамилия изменена с «{previous}» на «{new}» на основании: {basis}"


def invalid_entry_wording(entry_number: int) -> str:
    """Return «Запись за номером N недействительна» (Приказ Минтруда № 320н, п. 30)."""
    return f"Запись за номером {entry_number} недействительна"
