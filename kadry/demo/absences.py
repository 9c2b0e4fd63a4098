"""The demo's absences: this autumn's sick leaves (one continued, one inside an annual leave), a trip, a lateness.

Recorded through the absences service, exactly as the office would enter them, so the register, the
card's tab and the notice of an illness inside an annual leave (ТК РФ ст. 124) have something to show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.absences import services
from kadry.demo.staff import Staff
from kadry.discipline.models import Violation

D = dt.date


def build_absences(staff: Staff, *, inspector: Any) -> None:
    teachers = [employee for holders in staff.holders.values() for employee in holders][:6]
    cleaner = staff.holders["уборщик служебных помещений"][1]

    def record(employee: Any, **data: Any) -> Any:
        return services.record_absence(actor=inspector, employee=employee, data=data)

    # The first teacher falls ill during the autumn annual leave of 26.10–01.11 (kadry/demo/orders.py).
    record(teachers[0], kind="sick", start=D(2026, 10, 29), end=D(2026, 11, 5), sick_leave_number="910245678301",
           sick_reason="own_illness")  # fmt: skip
    first = record(teachers[3], kind="sick", start=D(2026, 11, 9), end=D(2026, 11, 13),
                   sick_leave_number="910245678302", sick_reason="own_illness")  # fmt: skip
    record(teachers[3], kind="sick", start=D(2026, 11, 14), end=D(2026, 11, 20), sick_leave_number="910245678303",
           sick_reason="own_illness", continues=first)  # fmt: skip
    record(teachers[4], kind="sick", start=D(2026, 11, 2), end=D(2026, 11, 6), sick_leave_number="910245678304",
           sick_reason="family_care", care_child_age=6, care_outpatient=True)  # fmt: skip
    record(teachers[5], kind="business_trip", start=D(2026, 11, 16), end=D(2026, 11, 18), destination="г. Пермь, ИРО ПК",
           purpose="участие в краевом методическом семинаре")  # fmt: skip
    # The lateness the draft remark of kadry/demo/orders.py is about.
    lateness = record(cleaner, kind="lateness", start=D(2026, 11, 16), end=D(2026, 11, 16), minutes_late=120,
                      note="без уважительной причины, служебная записка заместителя директора по АХЧ")  # fmt: skip
    # The case opened for it (kadry/demo/orders.py, built before the absences) is the case of this absence.
    Violation.objects.filter(employee=cleaner, committed_on=lateness.start, absence__isnull=True).update(
        absence=lateness
    )
