"""Reading the personal card Т-2: the page shows the head and one tab; the other tabs load when chosen.

Each tab's data is queried only when that tab is shown, and each showing is written to the access
log naming the tab, so the log tells who read an employee's family or military data, not only who
opened the card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.models import ChangeRecord, Membership
from kadry.core.permissions import Capability, role_can
from kadry.lib.choices import value_label
from kadry.staff.access import get_employee_for
from kadry.staff.declension import CASES, employee_name
from kadry.staff.models import Employee, MilitaryRecord
from kadry.staff.sections import SECTIONS, Section

if TYPE_CHECKING:
    # Named for the checker only: at run time staff does not import the apps built on it.
    from kadry.employment.models import Assignment

CARD = "Личная карточка Т-2"  # what the access log says was opened
HISTORY_LIMIT = 100

TabData = Callable[[Employee, dt.date], dict[str, Any]]


def _assignments(employee: Employee) -> models.QuerySet[Assignment]:
    """Return the employee's assignments with their positions and departments."""
    # Through the reverse relation: staff does not import the apps built on it (DESIGN.md).
    return employee.assignments.filter(organisation_id=employee.organisation_id).select_related(
        "staffing_unit__position", "staffing_unit__department"
    )


@dataclass(frozen=True)
class CurrentJob:
    position: str
    department: str
    rate: Decimal
    kind: str  # the label


def current_jobs(employee: Employee, today: dt.date) -> list[CurrentJob]:
    """Return the jobs the employee holds on ``today``, latest first, for the card's head.

    Four columns rather than three joined rows: the head is on every card page, and building the
    assignments, units, positions and departments costs more than the query itself.
    """
    rows = (
        employee.assignments.filter(organisation_id=employee.organisation_id)
        .active(on=today)
        .order_by("-start")
        .values_list("staffing_unit__position__name", "staffing_unit__department__name", "rate", "kind")
    )
    return [
        CurrentJob(position, department, rate, value_label(rows.model, "kind", kind))
        for position, department, rate, kind in rows
    ]


def _name_forms(employee: Employee, today: dt.date) -> dict[str, Any]:
    forms = [(question, employee_name(employee, case), case.value in employee.name_forms) for case, question in CASES]
    return {"name_forms": forms}


def _work(employee: Employee, today: dt.date) -> dict[str, Any]:
    return {"assignments": list(_assignments(employee).order_by("-start"))}


def _military(employee: Employee, today: dt.date) -> dict[str, Any]:
    return {
        "military": MilitaryRecord.objects.filter(organisation_id=employee.organisation_id, employee=employee).first()
    }


def timeline(employee: Employee, assignments: Iterable[Assignment]) -> list[tuple[Any, str, Any, bool]]:
    """Return (date, kind, row, struck out) for the orders, assignments and work-record entries, newest first.

    Read through reverse relations: staff does not import orders or employment. Within one day the
    order comes before what it caused; cancelled orders and invalidated entries are struck out.
    """
    items = employee.order_items.exclude(order__status__in=("draft", "submitted")).select_related(
        "order__journal", "order__cancelled_by__journal"
    )
    entries = list(employee.work_record_entries.all())
    invalid = {entry.invalidates_id for entry in entries}
    rows: list[tuple[Any, str, Any, bool]] = [
        (item.order.date, "order", item, item.order.status == "cancelled") for item in items
    ]
    rows += [(assignment.start, "assignment", assignment, False) for assignment in assignments]
    rows += [(entry.date, "entry", entry, entry.pk in invalid) for entry in entries]
    return sorted(rows, key=lambda row: row[0], reverse=True)


def _timeline(employee: Employee, today: dt.date) -> dict[str, Any]:
    return {"timeline": timeline(employee, _assignments(employee))}


def _leave(employee: Employee, today: dt.date) -> dict[str, Any]:
    """Section VIII of Т-2: the leaves granted by signed orders and not cancelled (read through the reverse relation)."""
    leaves = employee.leave_entries.filter(kind="used", reversed_by__isnull=True).order_by("-start", "-id")
    return {"leaves": list(leaves)}


def _history(employee: Employee, today: dt.date) -> dict[str, Any]:
    history = ChangeRecord.objects.filter(
        organisation_id=employee.organisation_id, subject_type=employee._meta.label_lower, subject_id=employee.pk
    ).select_related("actor")[:HISTORY_LIMIT]
    return {"history": history}


@dataclass(frozen=True)
class Tab:
    slug: str  # the panel's id, the value of ?tab= and the last part of the fragment's URL
    title: str
    sections: tuple[str, ...] = ()  # the repeating sections shown, after the tab's own part
    template: str = ""  # the tab's own part
    data: TabData | None = None  # what the tab's own part shows, read only when the tab is shown


# The tabs of the card, in the order of form Т-2; the first is shown when none is asked for.
CARD_TABS: tuple[Tab, ...] = (
    Tab("general", "Общие сведения", ("previous-names",), "staff/card/main.html", _name_forms),
    Tab("education", "Образование", ("education", "training", "languages")),
    Tab("work", "Трудовая деятельность", ("prior-jobs", "awards"), "staff/card/assignments.html", _work),
    Tab("family", "Семья и льготы", ("family", "benefits")),
    Tab("documents", "Документы при приёме", ("hire-documents",)),
    Tab("military", "Воинский учёт", (), "staff/card/military.html", _military),
    Tab("leave", "Отпуск", (), "staff/card/leave.html", _leave),
    Tab("timeline", "Хронология", (), "staff/card/timeline.html", _timeline),
    Tab("history", "История изменений", (), "staff/card/history.html", _history),
)
TABS = {tab.slug: tab for tab in CARD_TABS}
SECTION_TAB = {slug: tab.slug for tab in CARD_TABS for slug in tab.sections}


def register_tab(tab: Tab, *, before: str) -> None:
    """Add a tab of an app built on staff (called from its ``AppConfig.ready``): staff never imports it."""
    global CARD_TABS
    if tab.slug in TABS:
        return
    index = next(i for i, known in enumerate(CARD_TABS) if known.slug == before)
    CARD_TABS = (*CARD_TABS[:index], tab, *CARD_TABS[index:])
    TABS[tab.slug] = tab


def _section_rows(employee: Employee, section: Section) -> tuple[Section, list[tuple[models.Model, list[str]]]]:
    """Return the section with its rows (one query) and their displayed values."""
    rows = getattr(employee, section.related_name).all()
    return section, [(row, section.display_values(row)) for row in rows]


def _panel_context(tab: Tab, employee: Employee, membership: Membership, today: dt.date) -> dict[str, Any]:
    """Return what ``staff/card/panel.html`` needs to show ``tab``: one query per section, and the tab's own."""
    context = {
        "tab": tab,
        "employee": employee,
        "today": today,
        "can_edit": role_can(membership.role, Capability.EDIT_PERSONAL_DATA),
        "sections": [_section_rows(employee, SECTIONS[slug]) for slug in tab.sections],
    }
    if tab.data is not None:
        context.update(tab.data(employee, today))
    return context


@capability_required(Capability.VIEW_PERSONAL_DATA)
def employee_card(request: MemberRequest, pk: int) -> HttpResponse:
    """Show the card's head and the tab of ``?tab=`` (the first by default); the other panels load on demand."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    tab = TABS.get(request.GET.get("tab", ""), CARD_TABS[0])
    what = CARD if tab is CARD_TABS[0] else f"{CARD}: {tab.title}"
    record_access(membership=membership, subject=employee, what=what, request=request)
    today = timezone.localdate()
    context = _panel_context(tab, employee, membership, today)
    context["tabs"] = CARD_TABS
    context["current_jobs"] = current_jobs(employee, today)
    return render(request, "staff/employee_card.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def employee_card_tab(request: MemberRequest, pk: int, tab: str) -> HttpResponse:
    """Return the panel of one tab (htmx loads it when the tab is first chosen); logged naming the tab."""
    described = TABS.get(tab)
    if described is None:
        raise Http404
    membership = request.membership
    employee = get_employee_for(membership, pk)
    record_access(membership=membership, subject=employee, what=f"{CARD}: {described.title}", request=request)
    context = _panel_context(described, employee, membership, timezone.localdate())
    return render(request, "staff/card/panel.html", context)
