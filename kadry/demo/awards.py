"""The demo's award nominations: one draft and one sent, so the list shows both states.

Recorded through the awards service, as the office would draft and send them; the award order that
would write the card's entry is left to the user (the list then shows «награждён(а)»).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadry.awards import services
from kadry.demo.staff import Staff


def build_awards(staff: Staff, *, inspector: Any) -> None:
    teachers = [employee for holders in staff.holders.values() for employee in holders]
    draft, sent = teachers[0], teachers[1]
    services.create_nomination(
        actor=inspector, employee=draft, award="gratitude",
        characteristic="Подготовила победителей регионального этапа всероссийской олимпиады школьников по математике; "
                       "руководит методическим объединением учителей математики.",
    )  # fmt: skip
    nomination = services.create_nomination(
        actor=inspector, employee=sent, award="honour_certificate",
        characteristic="Двадцать лет работы в лицее; автор программы внеурочной деятельности «Юный исследователь», "
                       "наставник молодых учителей.",
    )  # fmt: skip
    services.send_nomination(
        actor=inspector, nomination=nomination, on=dt.date(2026, 11, 16),
        sent_to="Министерство образования области (наградная комиссия)",
    )  # fmt: skip
