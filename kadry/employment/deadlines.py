"""The terms of labour contracts as ``Deadline`` values of the core registry (DESIGN «Terms and deadlines»).

The end of probation (ТК РФ ст. 70), of a fixed-term contract with its notice (ст. 79) and of a
temporary transfer (ст. 72.2), from the contracts and assignments signed orders made; the days away
that move the probation from the absences and the leave ledger. Registered from
``EmploymentConfig.ready``; a fixed number of queries (five), whatever the number of contracts and of
the schools a centralised service keeps.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from kadry.absences.models import Absence
from kadry.core.home import Deadline, DeadlineScope, register_deadline_kind, register_scoped_deadlines
from kadry.core.permissions import Capability, role_can
from kadry.employment import term_rules
from kadry.employment.models import Assignment, Contract, WorkRecordEvent
from kadry.employment.rules import ONE_DAY
from kadry.leave.taken import leave_taken

PROBATION_KIND = "Окончание испытания"
FIXED_TERM_KIND = "Окончание срочного трудового договора"
NOTICE_KIND = "Предупреждение об окончании срочного договора"
TRANSFER_KIND = "Окончание временного перевода"
PROBATION_CODE = register_deadline_kind("probation", "Окончание испытания")
FIXED_TERM_CODE = register_deadline_kind("fixed_term", "Окончание срочного трудового договора")
TRANSFER_CODE = register_deadline_kind("temporary_transfer", "Окончание временного перевода")
# The terms are listed from this long before (time to judge the probation, to warn, to find a
# replacement) and for a month after, until the office has acted. Office practice, not law.
LEAD = dt.timedelta(days=92)
LOOKBACK = dt.timedelta(days=30)
# A probation lasts at most six months (ТК РФ ст. 70 ч. 5) and the days away may add as many again:
# contracts begun earlier than this cannot still be on probation.
PROBATION_REACH = dt.timedelta(days=2 * 366)
# At work though not on the site (a business trip) or at work late: not days away (ст. 70 ч. 7).
AT_WORK = (Absence.Kind.BUSINESS_TRIP, Absence.Kind.LATENESS)


def _dismissed() -> Exists:
    """A dismissal signed (not cancelled) on or after the contract's start: its terms are met."""
    return Exists(
        WorkRecordEvent.objects.filter(
            employee_id=OuterRef("employee_id"),
            kind=WorkRecordEvent.Kind.DISMISSAL,
            cancels__isnull=True,
            cancelled_by__isnull=True,
            date__gte=OuterRef("start"),
        )
    )


def days_away(
    organisation_ids: Sequence[int], employee_ids: Sequence[int], start: dt.date
) -> dict[int, list[tuple[dt.date, dt.date]]]:
    """Return employee id → the periods they were actually away from work since ``start`` (two queries).

    The absences other than a business trip or lateness, and the leave granted by signed orders (a
    recalled leave ends the day before the recall, ТК РФ ст. 125).
    """
    found: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for absence in Absence.objects.filter(
        organisation_id__in=organisation_ids, employee_id__in=employee_ids, end__gte=start
    ).exclude(kind__in=AT_WORK):
        found[absence.employee_id].append((absence.start, absence.end))
    for employee_id, periods in leave_taken(organisation_ids, employee_ids, start=start).items():
        found[employee_id] += periods
    return found


def contract_deadlines(organisation_ids: Sequence[int], today: dt.date) -> list[Deadline]:
    """Return the ends of probation and of fixed-term contracts near ``today`` (three queries)."""
    contracts = list(
        Contract.objects.filter(organisation_id__in=organisation_ids)
        .filter(
            Q(probation_months__isnull=False, probation_months__gt=0, start__gte=today - PROBATION_REACH)
            | Q(term=Contract.Term.FIXED, end__gte=today - LOOKBACK, end__lte=today + LEAD + LOOKBACK)
        )
        .exclude(_dismissed())
        .select_related("employee")
        .order_by("start", "id")
    )
    probations = [c for c in contracts if c.probation_months]
    away = (
        days_away(organisation_ids, sorted({c.employee_id for c in probations}), min(c.start for c in probations))
        if probations
        else {}
    )
    first, last = today - LOOKBACK, today + LEAD
    result = []
    for contract in contracts:
        who, url = contract.employee.short_name, reverse("employee_card", args=[contract.employee_id])
        org = contract.organisation_id
        if contract.probation_months:
            end = term_rules.probation_end(
                contract.start, contract.probation_months, away.get(contract.employee_id, [])
            )
            if first <= end <= last:
                warn = term_rules.probation_warning_due(end)
                subject = (
                    f"{who}, испытание {contract.probation_months} мес. с {contract.start:%d.%m.%Y} по {end:%d.%m.%Y};"
                    f" о неудовлетворительном результате предупредить не позднее {warn:%d.%m.%Y}"
                )
                result.append(
                    Deadline(
                        PROBATION_KIND, subject, end, term_rules.PROBATION_SOURCE, url, "Личная карточка",
                        PROBATION_CODE, org,
                    )
                )  # fmt: skip
        if contract.term == Contract.Term.FIXED and contract.end and first <= contract.end <= last + LOOKBACK:
            notice = term_rules.fixed_term_notice_due(contract.end)
            result.append(
                Deadline(
                    NOTICE_KIND, f"{who}, договор № {contract.number} по {contract.end:%d.%m.%Y}", notice,
                    term_rules.FIXED_TERM_SOURCE, url, "Личная карточка", FIXED_TERM_CODE, org,
                )
            )  # fmt: skip
            result.append(
                Deadline(
                    FIXED_TERM_KIND, f"{who}, договор № {contract.number}: приказ о прекращении", contract.end,
                    "ТК РФ ст. 79, ст. 77 ч. 1 п. 2", url, "Личная карточка", FIXED_TERM_CODE, org,
                )
            )  # fmt: skip
    return [d for d in result if first <= d.due <= last]


def transfer_deadlines(organisation_ids: Sequence[int], today: dt.date) -> list[Deadline]:
    """Return the ends of temporary transfers near ``today`` (two queries).

    A temporary transfer is the assignment a transfer order made with an end, followed the next day
    by the return to the former work made by the same order item (``orders.effects.Transfer``).
    """
    ending = list(
        Assignment.objects.filter(
            organisation_id__in=organisation_ids,
            order_item__isnull=False,
            end__gte=today - LOOKBACK,
            end__lte=today + LEAD,
        )
        .select_related("employee", "staffing_unit__position")
        .order_by("end", "id")
    )
    if not ending:
        return []
    returns = set(
        Assignment.objects.filter(
            organisation_id__in=organisation_ids,
            order_item_id__in={a.order_item_id for a in ending},
            start__in={a.end + ONE_DAY for a in ending if a.end},
        ).values_list("order_item_id", "employee_id", "start")
    )
    result = []
    for assignment in ending:
        end = assignment.end
        if end is None or (assignment.order_item_id, assignment.employee_id, end + ONE_DAY) not in returns:
            continue
        subject = (
            f"{assignment.employee.short_name}, {assignment.staffing_unit.position} с {assignment.start:%d.%m.%Y}"
            f" по {end:%d.%m.%Y}: вернуть на прежнюю работу или перевести постоянно"
        )
        result.append(
            Deadline(
                TRANSFER_KIND, subject, end, term_rules.TEMPORARY_TRANSFER_SOURCE,
                reverse("employee_card", args=[assignment.employee_id]), "Личная карточка",
                TRANSFER_CODE, assignment.organisation_id,
            )
        )  # fmt: skip
    return result


@register_scoped_deadlines
def employment_deadlines(scope: DeadlineScope) -> list[Deadline]:
    """HR drafts the orders that meet these terms (dismissal, return, permanent transfer)."""
    if not role_can(scope.role, Capability.DRAFT_ORDERS):
        return []
    return contract_deadlines(scope.organisation_ids, scope.today) + transfer_deadlines(
        scope.organisation_ids, scope.today
    )
