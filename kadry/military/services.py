"""State changes of military registration: marking a notice to the commissariat as sent.

Atomic, with the actor, and written to the change history of the employee (section «Воинский учёт»).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.military import queries
from kadry.military.models import CommissariatNotice

SECTION = "Воинский учёт"


@transaction.atomic
def mark_notice_sent(
    *, actor: Any, organisation_id: int, event_id: int, sent_on: dt.date, number: str = "", today: dt.date
) -> CommissariatNotice:
    """Record that the hire or dismissal ``event_id`` was reported to the military commissariat on ``sent_on``.

    Refused: an event that needs no notice (or was reported already), a date in the future or before
    the event itself.
    """
    due = queries.liable_event(organisation_id, event_id, today)
    if due is None:
        raise ValidationError({"event": "Сообщение по этому событию не требуется или уже отмечено."})
    errors: dict[str, str] = {}
    if sent_on > today:
        errors["sent_on"] = "Дата отправки ещё не наступила."
    elif sent_on < due.event.date:
        errors["sent_on"] = f"Сообщение не могло быть отправлено раньше события ({due.event.date:%d.%m.%Y})."
    if len(number) > 50:
        errors["number"] = "Не более 50 символов."
    if errors:
        raise ValidationError(errors)
    notice = CommissariatNotice.objects.create(
        organisation_id=organisation_id, employee=due.event.employee, event=due.event, kind=due.kind,
        event_date=due.event.date, due_on=due.due, commissariat=due.commissariat, sent_on=sent_on,
        number=number.strip(), sent_by=actor,
    )  # fmt: skip
    record_change(
        actor=actor, organisation_id=organisation_id, subject=due.event.employee, section=SECTION,
        action=ChangeRecord.Action.CREATE, obj=notice,
        after={"Сообщение в военный комиссариат": notice.get_kind_display(),
               "Дата события": f"{notice.event_date:%d.%m.%Y}", "Отправлено": f"{sent_on:%d.%m.%Y}",
               "Исходящий номер": notice.number},
    )  # fmt: skip
    return notice
