"""Checking and correcting the declined forms of an employee's name and of a position title."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.staff.access import get_employee_for, structure_for
from kadry.staff.declension import CASES, automatic_name, automatic_position, corrections
from kadry.staff.forms import NameFormsForm
from kadry.staff.models import Employee, Position
from kadry.staff.services import save_name_forms

NAME_FORMS = "Личная карточка Т-2: склонение ФИО"


def _edit(
    request: MemberRequest,
    obj: Employee | Position,
    automatic: dict[str, str],
    title: str,
    back: str,
    *,
    personal: bool = False,
) -> HttpResponse:
    form = NameFormsForm(request.POST or None, automatic=automatic, current=obj.name_forms)
    if request.method == "POST" and form.is_valid():
        save_name_forms(actor=request.user, obj=obj, subject=obj, forms=corrections(automatic, form.cleaned_data))
        messages.success(request, "Формы по падежам сохранены.")
        return redirect(back)
    if personal:
        # The form shows a person's name in every case (a saved correction is in the change history).
        record_access(membership=request.membership, subject=obj, what=NAME_FORMS, request=request)
    return render(request, "staff/name_forms.html", {"form": form, "title": title, "back": back})


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_name_forms(request: MemberRequest, pk: int) -> HttpResponse:
    employee = get_employee_for(request.membership, pk, Capability.EDIT_PERSONAL_DATA)
    automatic = {case.value: automatic_name(employee, case) for case, _question in CASES}
    back = reverse("employee_card", args=[employee.pk])
    return _edit(request, employee, automatic, f"{employee.full_name}: склонение ФИО", back, personal=True)


@capability_required(Capability.EDIT_STRUCTURE)
def position_name_forms(request: MemberRequest, pk: int) -> HttpResponse:
    position = structure_for(request.membership, Position, pk, Capability.EDIT_STRUCTURE)
    automatic = {case.value: automatic_position(position, case) for case, _question in CASES}
    return _edit(request, position, automatic, f"Должность «{position.name}»: склонение", reverse("structure"))
