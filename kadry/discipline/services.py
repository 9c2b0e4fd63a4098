"""Labour discipline: opening a case, the explanation, the acquaintance; the terms read from the registers.

Every change is atomic, takes ``actor=`` and writes the employee's change history. The orders app
calls ``case_for_sanction``, ``link_sanction`` and ``unlink_sanction`` when a sanction order is checked,
signed and cancelled, and ``lift_errors``, ``record_lift`` and ``undo_lift`` for the order lifting a
sanction early (ТК РФ ст. 194 ч. 2); discipline never imports orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q

from kadry.absences.models import Absence
from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.discipline import rules
from kadry.discipline.models import ExplanationRequest, LiftInitiative, SanctionLift, Violation
from kadry.discipline.rules import Period
from kadry.employment.models import Sanction
from kadry.leave.models import LedgerEntry
from kadry.leave.services import corrections
from kadry.lib.calendar import Correction
from kadry.staff.models import Employee

SECTION = "Трудовая дисциплина"
ONE_DAY = dt.timedelta(days=1)
# ТК РФ ст. 193 ч. 3 speaks of the employee's own illness: the care of a family member is not it.
ILLNESS_REASONS = ("", Absence.SickReason.OWN_ILLNESS, Absence.SickReason.WORK_INJURY, Absence.SickReason.PREGNANCY)
# The absences that are a misconduct in themselves and open a case (ТК РФ ст. 192; ст. 81 ч. 1 п. 6 «а»).
MISCONDUCT_KINDS = (Absence.Kind.UNEXCUSED, Absence.Kind.LATENESS)
# How far the registers are read around a case: the month and its extensions, the acquaintance.
AWAY_HORIZON = dt.timedelta(days=400)
ACQUAINTANCE_HORIZON = dt.timedelta(days=60)


def away_periods(employee: Employee, start: dt.date, end: dt.date, *, any_absence: bool = False) -> list[Period]:
    """Return the employee's illness (sick leave) and leave (signed, not cancelled) touching ``start``–``end``.

    ``any_absence``: every recorded absence from work too (ТК РФ ст. 193 ч. 6, the acquaintance).
    Two queries.
    """
    found = away_of(employee.organisation_id, [employee.pk], start, end, any_absence=any_absence)
    return found.get(employee.pk, [])


def away_of(
    organisation_id: int, employee_ids: Sequence[int], start: dt.date, end: dt.date, *, any_absence: bool = False
) -> dict[int, list[Period]]:
    """Return employee id → the periods of ``away_periods``, for many employees in the same two queries."""
    absences = Absence.objects.filter(
        organisation_id=organisation_id, employee_id__in=employee_ids, start__lte=end, end__gte=start
    ).exclude(kind=Absence.Kind.LATENESS)  # a late employee was at work that day
    if not any_absence:
        absences = absences.filter(kind=Absence.Kind.SICK, sick_reason__in=ILLNESS_REASONS)
    result: dict[int, list[Period]] = {}
    for a in absences:
        what = "болезнь" if a.kind == Absence.Kind.SICK else str(a.get_kind_display())
        result.setdefault(a.employee_id, []).append(Period(a.start, a.end, what))
    entries = list(
        LedgerEntry.objects.filter(
            Q(kind=LedgerEntry.Kind.USED) | Q(kind=LedgerEntry.Kind.RECALLED),
            organisation_id=organisation_id,
            employee_id__in=employee_ids,
            reversed_by__isnull=True,
            start__lte=end,
            end__gte=start,
        )
    )
    recalls = [e for e in entries if e.kind == LedgerEntry.Kind.RECALLED]
    for entry in entries:
        if entry.kind != LedgerEntry.Kind.USED:
            continue
        last = entry.end
        for recall in recalls:
            if recall.employee_id == entry.employee_id and entry.start < recall.start <= entry.end:
                last = min(last, recall.start - ONE_DAY)  # recalled (ТК РФ ст. 125): at work from that day
        result.setdefault(entry.employee_id, []).append(Period(entry.start, last, "отпуск"))
    return {key: sorted(periods, key=lambda p: p.start) for key, periods in result.items()}


@dataclass(frozen=True)
class CaseTerms:
    """Every term of a case, for its page, the register and the deadlines."""

    explanation_due: dt.date | None
    act_from: dt.date | None
    earliest_sanction: dt.date | None
    last_day: rules.LastDay
    acquaintance_due: dt.date | None


def terms_of(
    violation: Violation,
    *,
    away: Sequence[Period] | None = None,
    absent: Sequence[Period] | None = None,
    found_corrections: Sequence[Correction] | None = None,
) -> CaseTerms:
    """Return the terms of ``violation`` (its explanation and sanction order prefetched).

    ``away``: the illness and leave of the month; ``absent``: every absence, for the acquaintance of a
    signed order (ТК РФ ст. 193 ч. 6). Read when not given (the register passes them, read at once).
    """
    request = violation.explanation if has_explanation(violation) else None
    found = corrections() if found_corrections is None else found_corrections
    if away is None:
        away = away_periods(violation.employee, violation.discovered_on, violation.discovered_on + AWAY_HORIZON)
    last = rules.last_sanction_day(
        committed_on=violation.committed_on,
        discovered_on=violation.discovered_on,
        found_by_audit=violation.found_by_audit,
        away=away,
        corrections=found,
    )
    order_date = violation.sanction_item.order.date if violation.sanction_item is not None else None
    if order_date is not None and absent is None:
        absent = away_periods(violation.employee, order_date, order_date + ACQUAINTANCE_HORIZON, any_absence=True)
    return CaseTerms(
        explanation_due=rules.explanation_due(request.requested_on, found) if request else None,
        act_from=rules.act_from(request.requested_on, found) if request else None,
        earliest_sanction=rules.earliest_sanction(request.requested_on, request.received_on, found)
        if request
        else None,
        last_day=last,
        acquaintance_due=rules.acquaintance_due(order_date, absent or (), found) if order_date else None,
    )


def register_terms(violations: Sequence[Violation]) -> dict[int, CaseTerms]:
    """Return violation id → its terms for many cases (sanction orders prefetched): at most five queries."""
    if not violations:
        return {}
    organisation_id = violations[0].organisation_id
    employees = sorted({v.employee_id for v in violations})
    start = min(v.discovered_on for v in violations)
    away = away_of(organisation_id, employees, start, max(v.discovered_on for v in violations) + AWAY_HORIZON)
    orders = [v.sanction_item.order.date for v in violations if v.sanction_item is not None]
    absent: dict[int, list[Period]] = {}
    if orders:
        absent = away_of(organisation_id, employees, min(orders), max(orders) + ACQUAINTANCE_HORIZON, any_absence=True)
    found = corrections()
    return {
        v.pk: terms_of(
            v, away=away.get(v.employee_id, []), absent=absent.get(v.employee_id, []), found_corrections=found
        )
        for v in violations
    }


def has_explanation(violation: Violation) -> bool:
    try:
        violation.explanation  # noqa: B018  (a missing one-to-one raises)
    except ExplanationRequest.DoesNotExist:
        return False
    return True


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


# Sanctions in force (ТК РФ ст. 194).


@dataclass(frozen=True)
class SanctionInForce:
    sanction: Sanction
    expires_after: dt.date  # the last day in force unless a new sanction comes (ст. 194 ч. 1)


def sanctions_in_force(employee: Employee, on: dt.date) -> list[SanctionInForce]:
    """Return the employee's sanctions in force on ``on``: applied by a signed order not cancelled, not expired,
    not lifted early by a signed order (ТК РФ ст. 194 ч. 2) from ``on`` or earlier.

    A cancelled order's sanction is removed with its effects (employment.undo_order_item), a cancelled
    lift order's lift too (``undo_lift``). One query.
    """
    rows = list(
        Sanction.objects.filter(organisation_id=employee.organisation_id, employee=employee, date__lte=on)
        .select_related("lift")
        .order_by("date", "id")
    )
    applied = [rules.Applied(row.pk, row.date, _lifted_on(row)) for row in rows]
    ends = rules.expiry_dates(applied)
    keep = set(rules.in_force(applied, on))
    return [SanctionInForce(row, ends[row.pk]) for row in rows if row.pk in keep]


def _lift_of(sanction: Sanction) -> SanctionLift | None:
    # The reverse one-to-one raises when there is none; select_related has read it already.
    return getattr(sanction, "lift", None)


def _lifted_on(sanction: Sanction) -> dt.date | None:
    lift = _lift_of(sanction)
    return lift.lifted_on if lift is not None else None


# Lifting a sanction early by order (ТК РФ ст. 194 ч. 2): the orders app's calls.


def sanction_of_item(order_item: Any) -> Sanction | None:
    """Return the sanction a signed sanction order's ``order_item`` applied (none once that order is cancelled)."""
    return Sanction.objects.filter(order_item=order_item).select_related("lift").first()


def lift_errors(
    *, employee: Employee, sanction_item: Any, lifted_on: dt.date, order_date: dt.date, exclude_order_item: Any = None
) -> dict[str, str]:
    """Return ``{field: message}`` of an order lifting the sanction of ``sanction_item`` from ``lifted_on``.

    The sanction must be the employee's, applied and not cancelled, not lifted already by another
    order, and in force on the order's date and on the day it is lifted from: ст. 194 ч. 2 lets the
    employer lift it «до истечения года», and an expired one is no longer there to lift.
    """
    sanction = sanction_of_item(sanction_item)
    if sanction is None or sanction.organisation_id != employee.organisation_id:
        return {"lifted_sanction": "Взыскание по этому приказу не применено или приказ о нём отменён."}
    if sanction.employee_id != employee.pk:
        return {"lifted_sanction": "Это взыскание другого сотрудника."}
    lift = _lift_of(sanction)
    if lift is not None and lift.order_item_id != getattr(exclude_order_item, "pk", None):
        return {"lifted_sanction": f"Взыскание уже снято с {lift.lifted_on:%d.%m.%Y}."}
    if lifted_on < order_date:
        return {"date": f"Взыскание снимается не раньше даты приказа ({order_date:%d.%m.%Y})."}
    if lifted_on < sanction.date:
        return {"date": f"Взыскание применено {sanction.date:%d.%m.%Y}: снять его раньше нельзя."}
    for day in (order_date, lifted_on):
        found = [row for row in sanctions_in_force(employee, day) if row.sanction.pk == sanction.pk]
        if found:
            continue
        if day < sanction.date:
            return {"lifted_sanction": f"На {day:%d.%m.%Y} взыскание ещё не применено."}
        earlier = Sanction.objects.filter(organisation_id=employee.organisation_id, employee=employee, date__lte=day)
        end = rules.expiry_dates([rules.Applied(row.pk, row.date) for row in earlier]).get(sanction.pk)
        when = f"последний день его действия — {end:%d.%m.%Y}, " if end else ""
        return {
            "lifted_sanction": (
                f"На {day:%d.%m.%Y} взыскание уже не действует: год со дня его применения истёк "
                f"({when}ТК РФ ст. 194 ч. 1), снимать нечего."
            )
        }
    return {}


def _lift_snapshot(lift: SanctionLift) -> dict[str, str]:
    return {
        "Взыскание": str(lift.sanction),
        "Снято с": f"{lift.lifted_on:%d.%m.%Y}",
        "Инициатива": str(lift.get_initiative_display()),
    }


@transaction.atomic
def record_lift(
    *, actor: Any, employee: Employee, sanction_item: Any, lifted_on: dt.date, initiative: str, order_item: Any
) -> SanctionLift:
    """Record that the signed ``order_item`` lifts the sanction of ``sanction_item`` from ``lifted_on``."""
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    errors = lift_errors(
        employee=employee, sanction_item=sanction_item, lifted_on=lifted_on, order_date=lifted_on,
        exclude_order_item=order_item,
    )  # fmt: skip
    if initiative not in LiftInitiative.values:
        errors["lift_initiative"] = "Укажите, по чьей инициативе снимается взыскание (ТК РФ ст. 194 ч. 2)."
    if errors:
        raise ValidationError(errors)
    sanction = sanction_of_item(sanction_item)
    assert sanction is not None  # nosec B101 — lift_errors refused a missing one
    lift = SanctionLift.objects.create(
        organisation_id=employee.organisation_id, sanction=sanction, lifted_on=lifted_on, initiative=initiative,
        order_item=order_item, created_by=actor,
    )  # fmt: skip
    record_change(
        actor=actor, organisation_id=employee.organisation_id, subject=employee, section=SECTION,
        action=ChangeRecord.Action.CREATE, obj=lift, before={}, after=_lift_snapshot(lift),
    )  # fmt: skip
    return lift


@transaction.atomic
def undo_lift(*, actor: Any, order_item: Any) -> int:
    """Remove the lift recorded by ``order_item``: its order is cancelled, the sanction is in force again."""
    lifts = list(SanctionLift.objects.filter(order_item=order_item).select_related("sanction__employee"))
    for lift in lifts:
        record_change(
            actor=actor, organisation_id=lift.organisation_id, subject=lift.sanction.employee, section=SECTION,
            action=ChangeRecord.Action.DELETE, obj=lift, before=_lift_snapshot(lift), after={},
        )  # fmt: skip
        lift.delete()
    return len(lifts)


@dataclass(frozen=True)
class CaseSanction:
    """The sanction a case ended in, as its page shows it: in force today, or lifted early and from when."""

    sanction: Sanction
    in_force: bool
    lift: SanctionLift | None


def case_sanction(case: Violation, today: dt.date) -> CaseSanction | None:
    """Return the sanction the case's signed order applied, with whether it is in force on ``today``. Two queries."""
    if case.sanction_item_id is None:
        return None
    sanction = sanction_of_item(case.sanction_item_id)
    if sanction is None:
        return None
    in_force = any(row.sanction.pk == sanction.pk for row in sanctions_in_force(case.employee, today))
    return CaseSanction(sanction, in_force, _lift_of(sanction))
