"""Labour discipline: opening a case, the explanation, the acquaintance, closing it.

Every change is atomic, takes ``actor=`` and writes the employee's change history. The orders app
calls ``case_for_sanction``, ``link_sanction`` and ``unlink_sanction`` when a sanction order is checked,
signed and cancelled; the terms are in ``terms``, the sanctions in force and their lifting early in
``sanctions``. Discipline never imports orders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kadry.absences.models import Absence
from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.discipline import rules
from kadry.discipline.models import SECTION, ExplanationRequest, Violation
from kadry.discipline.sanctions import sanctions_in_force
from kadry.discipline.terms import AWAY_HORIZON, MISCONDUCT_KINDS, away_periods, has_explanation
from kadry.leave.balances import corrections
from kadry.staff.models import Employee

ONE_DAY = dt.timedelta(days=1)


def _snapshot(violation: Violation) -> dict[str, str]:
    request = violation.explanation if has_explanation(violation) else None
    values = {
        "Дата проступка": f"{violation.committed_on:%d.%m.%Y}",
        "Проступок": violation.description,
        "Обнаружил(а)": f"{violation.discovered_by}, {violation.discovered_on:%d.%m.%Y}",
        "Выявлен проверкой": "да" if violation.found_by_audit else "нет",
        "Состояние": str(violation.get_status_display()),
    }
    if request is not None:
        values["Объяснение затребовано"] = f"{request.requested_on:%d.%m.%Y}"
        if request.received_on:
            values["Объяснение получено"] = f"{request.received_on:%d.%m.%Y}"
        if request.not_provided_act_on:
            values["Акт о непредоставлении объяснения"] = f"{request.not_provided_act_on:%d.%m.%Y}"
    if violation.acquainted_on:
        values["Ознакомлен(а) с приказом"] = f"{violation.acquainted_on:%d.%m.%Y}"
    if violation.refusal_act_on:
        values["Акт об отказе от ознакомления"] = f"{violation.refusal_act_on:%d.%m.%Y}"
    if violation.closed_reason:
        values["Закрыто без взыскания"] = violation.closed_reason
    return values


def _record(actor: Any, violation: Violation, action: str, before: dict[str, str]) -> None:
    record_change(
        actor=actor,
        organisation_id=violation.organisation_id,
        subject=violation.employee,
        section=SECTION,
        action=action,
        obj=violation,
        before=before,
        after=_snapshot(violation),
    )


def _refuse_unless_open(violation: Violation) -> None:
    if violation.status != Violation.Status.OPEN:
        raise ValidationError(f"Дело уже {violation.get_status_display()}: изменить его нельзя.")


@transaction.atomic
def open_violation(
    *,
    actor: Any,
    organisation_id: int,
    employee: Employee,
    committed_on: dt.date,
    description: str,
    discovered_by: str,
    discovered_on: dt.date,
    found_by_audit: bool = False,
    absence: Absence | None = None,
    today: dt.date,
) -> Violation:
    """Open a case of a misconduct; the dates cannot be in the future nor the discovery before the misconduct.

    ``absence``: the unexcused absence or lateness of the absences register the case is about.
    """
    errors: dict[str, str] = {}
    if employee.organisation_id != organisation_id:
        errors["employee"] = "Сотрудник другой организации."
    if absence is not None and (absence.employee_id != employee.pk or absence.kind not in MISCONDUCT_KINDS):
        errors["absence"] = "Это не прогул и не опоздание этого сотрудника."
    if committed_on > today:
        errors["committed_on"] = "Дата проступка ещё не наступила."
    if discovered_on > today:
        errors["discovered_on"] = "Дата обнаружения ещё не наступила."
    elif discovered_on < committed_on:
        errors["discovered_on"] = "Проступок не мог быть обнаружен раньше, чем совершён."
    if not description.strip():
        errors["description"] = "Опишите проступок."
    if not discovered_by.strip():
        errors["discovered_by"] = "Укажите, кто обнаружил проступок (должность, фамилия)."
    if errors:
        raise ValidationError(errors)
    violation = Violation.objects.create(
        organisation_id=organisation_id,
        employee=employee,
        committed_on=committed_on,
        description=description.strip(),
        discovered_by=discovered_by.strip(),
        discovered_on=discovered_on,
        found_by_audit=found_by_audit,
        absence=absence,
        created_by=actor,
    )
    _record(actor, violation, ChangeRecord.Action.CREATE, {})
    return violation


@transaction.atomic
def request_explanation(
    *, actor: Any, violation: Violation, requested_on: dt.date, today: dt.date
) -> ExplanationRequest:
    """Record that a written explanation was requested (ТК РФ ст. 193 ч. 1)."""
    _refuse_unless_open(violation)
    if has_explanation(violation):
        raise ValidationError({"requested_on": "Объяснение по этому проступку уже затребовано."})
    if requested_on < violation.committed_on:
        raise ValidationError({"requested_on": "Объяснение не могли затребовать до проступка."})
    if requested_on > today:
        raise ValidationError({"requested_on": "Дата ещё не наступила."})
    before = _snapshot(violation)
    request = ExplanationRequest.objects.create(
        organisation_id=violation.organisation_id, violation=violation, requested_on=requested_on
    )
    violation.explanation = request
    _record(actor, violation, ChangeRecord.Action.UPDATE, before)
    return request


def _request_of(violation: Violation) -> ExplanationRequest:
    _refuse_unless_open(violation)
    if not has_explanation(violation):
        raise ValidationError("Сначала затребуйте письменное объяснение (ТК РФ ст. 193 ч. 1).")
    return violation.explanation


@transaction.atomic
def record_explanation(
    *,
    actor: Any,
    violation: Violation,
    received_on: dt.date,
    text: str = "",
    attachment: UploadedFile | None = None,
    today: dt.date,
) -> ExplanationRequest:
    """Record the employee's written explanation (its text or scan optional)."""
    request = _request_of(violation)
    if request.received_on or request.not_provided_act_on:
        raise ValidationError({"received_on": "Объяснение уже получено или составлен акт о его непредоставлении."})
    if received_on < request.requested_on:
        raise ValidationError({"received_on": "Объяснение не может быть получено раньше, чем затребовано."})
    if received_on > today:
        raise ValidationError({"received_on": "Дата ещё не наступила."})
    before = _snapshot(violation)
    request.received_on, request.text = received_on, text.strip()
    fields = ["received_on", "text"]
    if attachment is not None:
        request.attachment = attachment
        fields.append("attachment")
    request.save(update_fields=fields)
    _record(actor, violation, ChangeRecord.Action.UPDATE, before)
    return request


@transaction.atomic
def record_non_provision_act(
    *, actor: Any, violation: Violation, act_on: dt.date, today: dt.date
) -> ExplanationRequest:
    """Record the act that no explanation came: drawn up only after its two working days (ТК РФ ст. 193 ч. 1)."""
    request = _request_of(violation)
    if request.received_on or request.not_provided_act_on:
        raise ValidationError({"act_on": "Объяснение уже получено или акт уже составлен."})
    first = rules.act_from(request.requested_on, corrections())
    if act_on < first:
        raise ValidationError(
            {
                "act_on": f"Акт составляется по истечении двух рабочих дней (ТК РФ ст. 193 ч. 1): не ранее {first:%d.%m.%Y}."
            }
        )
    if act_on > today:
        raise ValidationError({"act_on": "Дата ещё не наступила."})
    before = _snapshot(violation)
    request.not_provided_act_on = act_on
    request.save(update_fields=["not_provided_act_on"])
    _record(actor, violation, ChangeRecord.Action.UPDATE, before)
    return request


@transaction.atomic
def close_without_sanction(*, actor: Any, violation: Violation, reason: str) -> Violation:
    """Close an open case without a sanction (the explanation accepted, the term missed…), with the reason."""
    _refuse_unless_open(violation)
    if not reason.strip():
        raise ValidationError({"reason": "Укажите, почему дело закрыто без взыскания."})
    before = _snapshot(violation)
    violation.status, violation.closed_reason = Violation.Status.CLOSED, reason.strip()
    violation.save(update_fields=["status", "closed_reason"])
    _record(actor, violation, ChangeRecord.Action.UPDATE, before)
    return violation


@transaction.atomic
def record_acquaintance(
    *, actor: Any, violation: Violation, acquainted_on: dt.date | None, refusal_act_on: dt.date | None, today: dt.date
) -> Violation:
    """Record the employee's signature under the sanction order, or the act of refusal (ТК РФ ст. 193 ч. 6)."""
    if violation.status != Violation.Status.SANCTIONED or violation.sanction_item is None:
        raise ValidationError("Взыскание по этому делу ещё не применено приказом.")
    if (acquainted_on is None) == (refusal_act_on is None):
        raise ValidationError({"acquainted_on": "Укажите либо дату ознакомления, либо дату акта об отказе."})
    day = acquainted_on or refusal_act_on
    assert day is not None  # nosec B101 — narrows the type; checked just above
    order_date = violation.sanction_item.order.date
    field = "acquainted_on" if acquainted_on else "refusal_act_on"
    if day < order_date:
        raise ValidationError({field: f"Раньше даты приказа ({order_date:%d.%m.%Y})."})
    if day > today:
        raise ValidationError({field: "Дата ещё не наступила."})
    before = _snapshot(violation)
    violation.acquainted_on, violation.refusal_act_on = acquainted_on, refusal_act_on
    violation.save(update_fields=["acquainted_on", "refusal_act_on"])
    _record(actor, violation, ChangeRecord.Action.UPDATE, before)
    return violation


def absences_without_case(organisation_id: int, today: dt.date) -> list[Absence]:
    """Return the unexcused absences and lateness of the last six months no case was opened for.

    Older ones can no longer be sanctioned (ТК РФ ст. 193 ч. 4). One query.
    """
    since = today - relativedelta(months=rules.MISCONDUCT_MONTHS)
    return list(
        Absence.objects.filter(organisation_id=organisation_id, kind__in=MISCONDUCT_KINDS, start__gte=since)
        .filter(violations__isnull=True)
        .select_related("employee")
        .order_by("-start", "id")
    )


def misconduct_wording(absence: Absence) -> str:
    """Return the case's description proposed for an absence: «прогул 16.11.2026», «опоздание на 20 мин…»."""
    if absence.kind == Absence.Kind.LATENESS:
        minutes = f" на {absence.minutes_late} мин." if absence.minutes_late else ""
        return f"опоздание на работу {absence.start:%d.%m.%Y}{minutes} без уважительной причины"
    if absence.start == absence.end:
        return f"прогул {absence.start:%d.%m.%Y} (отсутствие на рабочем месте без уважительных причин)"
    return (
        f"прогул {absence.start:%d.%m.%Y}–{absence.end:%d.%m.%Y} (отсутствие на рабочем месте без уважительных причин)"
    )


# The orders app's calls.


def case_for_sanction(employee: Employee, committed_on: dt.date) -> Violation | None:
    """Return the open case of the employee's misconduct of ``committed_on`` a sanction order applies to."""
    return (
        Violation.objects.filter(
            organisation_id=employee.organisation_id,
            employee=employee,
            committed_on=committed_on,
            status=Violation.Status.OPEN,
        )
        .select_related("explanation")
        .order_by("-discovered_on", "-id")
        .first()
    )


def sanction_errors(
    *,
    employee: Employee,
    order_date: dt.date,
    committed_on: dt.date,
    discovered_on: dt.date,
    requested_on: dt.date,
) -> dict[str, str]:
    """Return ``{field: message}`` of a sanction order against ТК РФ ст. 193, illness and leave read from the registers.

    An open case of the same misconduct gives the explanation's receipt and the audit's longer term.
    """
    case = case_for_sanction(employee, committed_on)
    request = case.explanation if case is not None and has_explanation(case) else None
    return rules.sanction_date_errors(
        order_date=order_date,
        committed_on=committed_on,
        discovered_on=discovered_on,
        requested_on=requested_on,
        received_on=request.received_on if request else None,
        found_by_audit=case.found_by_audit if case else False,
        away=away_periods(employee, discovered_on, discovered_on + AWAY_HORIZON),
        corrections=corrections(),
    )


# Dismissal grounds that are a disciplinary sanction (ТК РФ ст. 192 ч. 3) and present in the grounds
# of dismissal. Ст. 81 ч. 1 п. 8 is one only when the immoral act was done at work, which the order
# does not say, so it is left out.
DISCIPLINARY_GROUNDS = frozenset({"81-1-5", "81-1-6а", "81-1-6б"})
REPEATED_GROUND = "81-1-5"


def latest_open_case(employee: Employee) -> Violation | None:
    """Return the employee's open case discovered last: the one a disciplinary dismissal ends."""
    return (
        Violation.objects.filter(
            organisation_id=employee.organisation_id, employee=employee, status=Violation.Status.OPEN
        )
        .select_related("explanation")
        .order_by("-discovered_on", "-id")
        .first()
    )


NO_CASE = (
    "Увольнение по этому основанию — дисциплинарное взыскание (ТК РФ ст. 192 ч. 3), а открытого дела о нарушении "
    "с затребованным объяснением нет: сроки ТК РФ ст. 193 не проверены."
)
NO_SANCTION = "У сотрудника нет действующего дисциплинарного взыскания (ТК РФ ст. 81 ч. 1 п. 5, ст. 194)."


def dismissal_warnings(*, employee: Employee, order_date: dt.date, ground: str) -> list[str]:
    """Return what a dismissal on a disciplinary ground should be warned of: no case to check, no sanction in force.

    Warnings, not refusals: the procedure may have been kept on paper before the register, and a
    sanction applied before the records were kept is not among them.
    """
    if ground not in DISCIPLINARY_GROUNDS:
        return []
    found = []
    case = latest_open_case(employee)
    if case is None or not has_explanation(case):
        found.append(NO_CASE)
    if ground == REPEATED_GROUND and not sanctions_in_force(employee, order_date):
        found.append(NO_SANCTION)
    return found


def dismissal_errors(*, employee: Employee, order_date: dt.date, ground: str) -> dict[str, str]:
    """Return ``{"dismissal_ground": message}`` of a dismissal on a disciplinary ground against ТК РФ ст. 193.

    The misconduct, its discovery and the explanation are those of the employee's open case.
    """
    if ground not in DISCIPLINARY_GROUNDS:
        return {}
    case = latest_open_case(employee)
    if case is None or not has_explanation(case):
        return {}  # warned of instead (dismissal_warnings)
    errors = rules.sanction_date_errors(
        order_date=order_date,
        committed_on=case.committed_on,
        discovered_on=case.discovered_on,
        requested_on=case.explanation.requested_on,
        received_on=case.explanation.received_on,
        found_by_audit=case.found_by_audit,
        away=away_periods(employee, case.discovered_on, case.discovered_on + AWAY_HORIZON),
        corrections=corrections(),
    )
    if not errors:
        return {}
    return {"dismissal_ground": f"Дело о проступке от {case.committed_on:%d.%m.%Y}: " + " ".join(errors.values())}


def link_sanction(*, actor: Any, employee: Employee, committed_on: dt.date, order_item: Any) -> Violation | None:
    """Mark the open case of the misconduct sanctioned by ``order_item`` (called when the order is signed)."""
    case = case_for_sanction(employee, committed_on)
    if case is None:
        return None
    before = _snapshot(case)
    case.status, case.sanction_item = Violation.Status.SANCTIONED, order_item
    case.save(update_fields=["status", "sanction_item"])
    _record(actor, case, ChangeRecord.Action.UPDATE, before)
    return case


def unlink_sanction(*, actor: Any, order_item: Any) -> None:
    """Reopen the case a cancelled sanction order had closed: the sanction is void, the case goes on."""
    for case in Violation.objects.filter(sanction_item=order_item).select_related("employee"):
        before = _snapshot(case)
        case.status, case.sanction_item = Violation.Status.OPEN, None
        case.acquainted_on = case.refusal_act_on = None
        case.save(update_fields=["status", "sanction_item", "acquainted_on", "refusal_act_on"])
        _record(actor, case, ChangeRecord.Action.UPDATE, before)
