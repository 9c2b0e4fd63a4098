"""Editing the personal card Т-2: the main data, the repeating sections and military registration."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.staff.access import get_employee_for, get_section_row_for, section_or_404
from kadry.staff.forms import EmployeeForm, MilitaryRecordForm, section_form_class
from kadry.staff.models import MilitaryRecord
from kadry.staff.services import (
    add_section_row,
    delete_section_row,
    save_military_record,
    update_employee,
    update_section_row,
)
from kadry.staff.views.card import CARD, SECTION_TAB

# An edit form shows the data it edits: its showing is logged like the card's (152-ФЗ ст. 19).
EDIT_FORM = "форма изменения"


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_edit(request: MemberRequest, pk: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    form = EmployeeForm(request.POST or None, instance=employee, organisation_id=employee.organisation_id)
    if request.method == "POST" and form.is_valid():
        update_employee(actor=request.user, employee=employee, data=form.cleaned_data)
        messages.success(request, "Изменения сохранены.")
        return redirect("employee_card", pk=employee.pk)
    record_access(membership=request.membership, subject=employee, what=f"{CARD}: {EDIT_FORM}", request=request)
    return render(
        request, "staff/employee_form.html", {"form": form, "employee": employee}, status=400 if form.errors else 200
    )


def _back_to_card(employee_pk: int, tab: str) -> HttpResponse:
    """Redirect to the card showing ``tab``, rendered with the page (no second request for it)."""
    return redirect(f"{reverse('employee_card', args=[employee_pk])}?tab={tab}")


@capability_required(Capability.EDIT_PERSONAL_DATA)
def section_add(request: MemberRequest, pk: int, section: str) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described = section_or_404(section)
    form = section_form_class(described)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_section_row(actor=request.user, employee=employee, section=described, data=form.cleaned_data)
        messages.success(request, f"Добавлено: {described.title.lower()}.")
        return _back_to_card(employee.pk, SECTION_TAB[described.slug])
    context = {"form": form, "employee": employee, "section": described, "title": described.title}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def section_edit(request: MemberRequest, pk: int, section: str, row: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described, instance = get_section_row_for(employee, section, row)
    form = section_form_class(described)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        update_section_row(
            actor=request.user, employee=employee, section=described, row=instance, data=form.cleaned_data
        )
        messages.success(request, "Изменения сохранены.")
        return _back_to_card(employee.pk, SECTION_TAB[described.slug])
    what = f"{CARD}: {described.title}, {EDIT_FORM}"
    record_access(membership=request.membership, subject=employee, what=what, request=request)
    context = {"form": form, "employee": employee, "section": described, "row": instance, "title": described.title}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def section_delete(request: MemberRequest, pk: int, section: str, row: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    described, instance = get_section_row_for(employee, section, row)
    delete_section_row(actor=request.user, employee=employee, section=described, row=instance)
    messages.success(request, f"Удалено: {instance}.")
    return _back_to_card(employee.pk, SECTION_TAB[described.slug])


@capability_required(Capability.EDIT_PERSONAL_DATA)
def military_edit(request: MemberRequest, pk: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    record = MilitaryRecord.objects.filter(employee=employee).first()
    form = MilitaryRecordForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_military_record(actor=request.user, employee=employee, data=form.cleaned_data)
        messages.success(request, "Сведения воинского учёта сохранены.")
        return _back_to_card(employee.pk, "military")
    what = f"{CARD}: воинский учёт, {EDIT_FORM}"
    record_access(membership=request.membership, subject=employee, what=what, request=request)
    context = {"form": form, "employee": employee, "title": "Воинский учёт (форма № 10)"}
    return render(request, "staff/section_form.html", context, status=400 if form.errors else 200)
