"""The term of issuing a certificate of employment. A pure function of dates."""

from __future__ import annotations

import datetime as dt

from kadry.lib.calendar import is_working_day

# ТК РФ ст. 62, ч. 1: «не позднее трех рабочих дней со дня подачи этого заявления».
CERTIFICATE_ISSUE_WORKING_DAYS = 3


def certificate_due(applied_on: dt.date) -> dt.date:
    """Return the last day to issue a certificate applied for on ``applied_on``: the third working day of the term.

    The term counts from the day of the application itself (ТК РФ ст. 14, ч. 1: a term that gives rise
    to a duty runs from the calendar date it names — «со дня подачи»; so an application of the 1st is
    due on the 3rd), working days only; one made on a day off starts on the next working day.
    """
    day, counted = applied_on, 0
    while True:
        counted += is_working_day(day)
        if counted == CERTIFICATE_ISSUE_WORKING_DAYS:
            return day
        day += dt.timedelta(days=1)
