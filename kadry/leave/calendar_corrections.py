"""The production calendar's corrections: one national table, changed by audited services.

The history row is kept under the organisation of the person who made the change (the table itself
belongs to no organisation).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord, Organisation
from kadry.leave.models import CalendarCorrection

CALENDAR_SECTION = "Производственный календарь"


def _correction_snapshot(correction: CalendarCorrection | None) -> dict[str, str]:
    if correction is None:
        return {}
    return {"Дата": f"{correction.day:%d.%m.%Y}", "Что за день": str(correction.get_kind_display()),
            "Основание": correction.note}  # fmt: skip


@transaction.atomic
def save_correction(
    *, actor: Any, organisation: Organisation, day: dt.date, kind: str, note: str
) -> CalendarCorrection:
    """Add or change the correction of ``day``; the history is kept under the actor's organisation.

    The table is national (a decree holds for every school of the installation), so a change made
    from one organisation applies to all: only the HR head and the administrator may make it.
    """
    if kind not in CalendarCorrection.Kind.values:
        raise ValidationError({"kind": "Выберите, что это за день."})
    if not note.strip():
        raise ValidationError({"note": "Укажите основание: постановление Правительства или указ Президента."})
    existing = CalendarCorrection.objects.select_for_update().filter(day=day).first()
    before = _correction_snapshot(existing)
    correction, created = CalendarCorrection.objects.update_or_create(
        day=day, defaults={"kind": kind, "note": note.strip()}
    )
    record_change(
        actor=actor,
        organisation_id=organisation.pk,
        subject=organisation,
        section=CALENDAR_SECTION,
        action=ChangeRecord.Action.CREATE if created else ChangeRecord.Action.UPDATE,
        obj=correction,
        before=before,
        after=_correction_snapshot(correction),
    )
    return correction


@transaction.atomic
def delete_correction(*, actor: Any, organisation: Organisation, correction: CalendarCorrection) -> None:
    """Remove a correction: the day is again as the `holidays` package and the ст. 95 rule make it."""
    record_change(
        actor=actor,
        organisation_id=organisation.pk,
        subject=organisation,
        section=CALENDAR_SECTION,
        action=ChangeRecord.Action.DELETE,
        obj=correction,
        before=_correction_snapshot(correction),
    )
    correction.delete()
