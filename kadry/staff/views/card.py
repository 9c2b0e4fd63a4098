"""The personal card Т-2: reading (logged), editing the main data, the sections and military registration."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.models import ChangeRecord
from kadry.core.permissions import Capability, role_can
from kadry.staff.access import get_card_for, get_employee_for, get_section_row_for, section_or_404
from kadry.staff.declension import CASES, employee_name
from kadry.staff.forms import EmployeeForm, MilitaryRecordForm, section_form_class
from kadry.staff.models import Employee, MilitaryRecord
from kadry.staff.sections import SECTIONS, Section
from kadry.staff.services import (
    add_section_row,
    delete_section_row,
    save_military_record,
    update_employee,
    update_section_row,
)

# Tabs of the card and the sections each shows, in the order of form Т-2.
CARD_TABS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("general", "Общие сведения", ("previous-names",)),
    ("education", "Образование", ("education", "training", "languages")),
    ("work", "Трудовая деятельность", ("prior-jobs", "awards")),
    ("family", "Семья и льготы", ("family", "benefits")),
    ("documents", "Документы при приёме", ("hire-documents",)),
    ("military", "Воинский учёт", ()),
    ("timeline", "Хронология", ()),
    ("history", "История изменений", ()),
)
HISTORY_LIMIT = 100
_SECTION_TAB = {slug: tab for tab, _title, slugs in CARD_TABS for slug in slugs}


def _section_rows(employee: Employee, section: Section) -> tuple[Section, list[tuple[models.Model, list[str]]]]:
    """Return the section with its prefetched rows and their displayed values."""
    rows = getattr(employee, section.related_name).all()
    return section, [(row, section.display_values(row)) for row in rows]


def _timeline(employee: Employee, assignments: Iterable[models.Model]) -> list[tuple[Any, str, Any, bool]]:
    """Return (date, kind, row, struck out) for the orders, assignments and work-record entries, newest first.

    Read through reverse relations (two queries): staff does not import orders or employment. Within
    one day the order comes before what it caused; cancelled orders and invalidated entries are struck out.
    """
    items = employee.order_items.exclude(order__status="draft").select_related(
        "order__journal", "order__cancelled_by__journal"
    )
    entries = list(employee.work_record_entries.all())
    invalid = {entry.invalidates_id for entry in entries}
    rows = [(item.order.date, "order", item, item.order.status == "cancelled") for item in items]
    rows += [(assignment.start, "assignment", assignment, False) for assignment in assignments]
    rows += [(entry.date, "entry", entry, entry.pk in invalid) for entry in entries]
    return sorted(rows, key=lambda row: row[0], reverse=True)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def employee_card(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    employee = get_card_for(membership, pk)
    record_access(membership=membership, subject=employee, what="Личная карточка Т-2", request=request)
    today = timezone.localdate()
    # Through the reverse relation: staff does not import the apps built on it (DESIGN.md).
    assignments = employee.assignments.select_related("staffing_unit__position", "staffing_unit__department").order_by(
        "-start"
    )
    history = ChangeRecord.objects.filter(
        organisation_id=employee.organisation_id, subject_type=employee._meta.label_lower, subject_id=employee.pk
    ).select_related("actor")[:HISTORY_LIMIT]
    tabs = [(slug, title, [_section_rows(employee, SECTIONS[s]) for s in slugs]) for slug, title, slugs in CARD_TABS]
    current = [a for a in assignments if a.start <= today and (a.end is None or a.end >= today)]
    # select_related gave the record or nothing; the reverse one-to-one raises when there is none.
    military = getattr(employee, "military_record", None)
    return render(
        request,
        "staff/employee_card.html",
        {
            "employee": employee,
            "tabs": tabs,
            "assignments": assignments,
            "current_assignments": current,
            "today": today,
            "history": history,
            "military": military,
            "timeline": _timeline(employee, assignments),
            "name_forms": [
                (question, employee_name(employee, case), case.value in employee.name_forms) for case, question in CASES
            ],
            "can_edit": role_can(membership.role, Capability.EDIT_PERSONAL_DATA),
        },
    )


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    form = EmployeeForm(request.POST or None, instance=employee, organisation_id=employee.organisation_id)
    if request.method == "POST" and form.is_valid():
        update_employee(actor=request.user, employee=employee, data=form.cleaned_data)
        messages.success(request, "Изменения сохранены.")
        return redirect("employee_card", pk=employee.pk)
    return render(
        request, "staff/employee_form.html", {"form": form, "employee": employee}, status=400 if form.errors else 200
    )


def _back_to_card(employee_pk: int, slug: str) -> HttpResponse:
    response = redirect("employee_card", pk=employee_pk)
    response["Location"] += f"#{_SECTION_TAB.get(slug, 'main')}"
    return response


@capability_required(Capability.EDIT_PERSONAL_DATA)
def section_add(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described = section_or_404(section)
    form = section_form_class(described)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_section_row(actor=request.user, employee=employee, section=described, data=form.cleaned_data)
        messages.success(request, f"Добавлено: {described.title.lower()}.")
        return _back_to_card(employee.pk, section)
    context = {"form": form, "employee": employee, "section": described, "title": described.title}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def section_edit(request: HttpRequest, pk: int, section: str, row: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described, instance = get_section_row_for(employee, section, row)
    form = section_form_class(described)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        update_section_row(
            actor=request.user, employee=employee, section=described, row=instance, data=form.cleaned_data
        )
        messages.success(request, "Изменения сохранены.")
        return _back_to_card(employee.pk, section)
    context = {"form": form, "employee": employee, "section": described, "row": instance, "title": described.title}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def section_delete(request: HttpRequest, pk: int, section: str, row: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described, instance = get_section_row_for(employee, section, row)
    delete_section_row(actor=request.user, employee=employee, section=described, row=instance)
    messages.success(request, f"Удалено: {instance}.")
    return _back_to_card(employee.pk, section)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def military_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    record = MilitaryRecord.objects.filter(employee=employee).first()
    form = MilitaryRecordForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_military_record(actor=request.user, employee=employee, data=form.cleaned_data)
        messages.success(request, "Сведения воинского учёта сохранены.")
        response = redirect("employee_card", pk=employee.pk)
        response["Location"] += "#military"
        return response
    context = {"form": form, "employee": employee, "title": "Воинский учёт (форма № 10)"}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)
