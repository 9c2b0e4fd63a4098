"""Award nominations: drafting, sending, refusal; the checks of the requirements; the award found on the card.

Each change is atomic, takes ``actor=`` and writes the change history. Whether a nomination was
awarded is read from the card (the award order's entry), never stored twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kadry.awards import rules
from kadry.awards.models import SECTION, Nomination
from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.employment.seniority import length_of_service_on, sources_for_employee
from kadry.staff.models import Award, Employee


@dataclass(frozen=True)
class Check:
    """What the nominee has and lacks for the award on a day."""

    total: str
    sphere: str
    organisation: str
    earlier: list[str]
    problems: list[str]


def check_requirements(employee: Employee, award: str, on: dt.date) -> Check:
    """Return the nominee's length of service and earlier awards against the award's requirements (two queries)."""
    kind = rules.AWARD_KINDS[award]
    service = length_of_service_on(sources_for_employee(employee), on)
    earlier = list(
        Award.objects.filter(organisation_id=employee.organisation_id, employee=employee, awarded_on__lte=on)
        .order_by("awarded_on")
        .values_list("name", flat=True)
    )
    problems = rules.requirement_problems(
        kind,
        total=service.total.duration,
        sphere=service.pedagogical.duration,
        organisation=service.organisation.duration,
        earlier=earlier,
    )
    return Check(
        str(service.total.duration), str(service.pedagogical.duration), str(service.organisation.duration),
        earlier, problems,
    )  # fmt: skip


def _snapshot(nomination: Nomination) -> dict[str, str]:
    return {
        "Награда": nomination.kind.name,
        "Состояние": str(nomination.get_status_display()),
        "Направлено": f"{nomination.sent_on:%d.%m.%Y} {nomination.sent_to}".strip() if nomination.sent_on else "",
        "Отказ": f"{nomination.refused_on:%d.%m.%Y} {nomination.refusal_reason}".strip()
        if nomination.refused_on
        else "",
    }


def _record(actor: Any, nomination: Nomination, action: str, before: dict[str, str] | None) -> None:
    record_change(
        actor=actor,
        organisation_id=nomination.organisation_id,
        subject=nomination.employee,
        section=SECTION,
        action=action,
        obj=nomination,
        before=before,
        after=_snapshot(nomination),
    )


@transaction.atomic
def create_nomination(*, actor: Any, employee: Employee, award: str, characteristic: str) -> Nomination:
    """Draft a nomination; an unknown award or an empty characteristic is refused on its field."""
    errors = {}
    if award not in rules.AWARD_KINDS:
        errors["award"] = "Выберите награду из списка."
    if not characteristic.strip():
        errors["characteristic"] = "Опишите конкретные заслуги: без характеристики ходатайство не рассматривают."
    if errors:
        raise ValidationError(errors)
    nomination = Nomination.objects.create(
        organisation_id=employee.organisation_id, employee=employee, award=award,
        characteristic=characteristic.strip(), created_by=actor,
    )  # fmt: skip
    _record(actor, nomination, ChangeRecord.Action.CREATE, None)
    return nomination


@transaction.atomic
def send_nomination(*, actor: Any, nomination: Nomination, on: dt.date, sent_to: str) -> Nomination:
    """Record that the nomination went to the body that confers the award (only a draft is sent)."""
    if nomination.status != Nomination.Status.DRAFT:
        raise ValidationError({"sent_on": "Направить можно только проект ходатайства."})
    before = _snapshot(nomination)
    nomination.status, nomination.sent_on, nomination.sent_to = Nomination.Status.SENT, on, sent_to.strip()
    nomination.save(update_fields=["status", "sent_on", "sent_to"])
    _record(actor, nomination, ChangeRecord.Action.UPDATE, before)
    return nomination


@transaction.atomic
def refuse_nomination(*, actor: Any, nomination: Nomination, on: dt.date, reason: str) -> Nomination:
    """Record the refusal of a sent nomination, with its date and reason."""
    if nomination.status != Nomination.Status.SENT or awarded_entries([nomination]).get(nomination.pk):
        raise ValidationError(
            {"refused_on": "Отказ записывается только по направленному и не награждённому ходатайству."}
        )
    if nomination.sent_on and on < nomination.sent_on:
        raise ValidationError({"refused_on": "Дата отказа раньше направления ходатайства."})
    before = _snapshot(nomination)
    nomination.status, nomination.refused_on, nomination.refusal_reason = Nomination.Status.REFUSED, on, reason.strip()
    nomination.save(update_fields=["status", "refused_on", "refusal_reason"])
    _record(actor, nomination, ChangeRecord.Action.UPDATE, before)
    return nomination


def awarded_entries(nominations: Sequence[Nomination]) -> dict[int, Award]:
    """Return nomination id → the card's award entry that ends it: its award, dated on or after the sending (one query).

    The entry is written by the school's award order when it is signed (the award order's effect in
    orders); cancelling that order removes the entry, and the nomination is «sent» again.
    """
    sent = [n for n in nominations if n.status == Nomination.Status.SENT and n.sent_on]
    if not sent:
        return {}
    entries: dict[int, list[Award]] = defaultdict(list)
    for entry in Award.objects.filter(
        organisation_id__in={n.organisation_id for n in sent},
        employee_id__in={n.employee_id for n in sent},
        awarded_on__gte=min(n.sent_on for n in sent if n.sent_on),
    ).order_by("awarded_on", "id"):
        entries[entry.employee_id].append(entry)
    result = {}
    for n in sent:
        found = [
            e
            for e in entries[n.employee_id]
            if n.sent_on and e.awarded_on >= n.sent_on and rules.matches_award(n.kind, e.name)
        ]
        if found:
            result[n.pk] = found[0]
    return result
