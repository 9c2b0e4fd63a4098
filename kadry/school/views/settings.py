"""The organisation's settings of the school side: the amount of the class-teacher allowance."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.lib.numbers import decimal_text
from kadry.school.forms_classes import ClassTeacherAllowanceForm
from kadry.school.services import appointment as services


@capability_required(Capability.MANAGE_SETTINGS)
def allowance(request: MemberRequest) -> HttpResponse:
    """Show the amounts of the allowance with the one in force today, and add the next one."""
    organisation_id = request.membership.organisation_id
    form = ClassTeacherAllowanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = services.set_allowance(actor=request.user, organisation_id=organisation_id, **form.cleaned_data)
        messages.success(
            request, f"Сохранено: {decimal_text(saved.amount, group=True)} руб. с {saved.valid_from:%d.%m.%Y}."
        )
        return redirect("school:allowance_settings")
    today = timezone.localdate()
    history = list(services.allowance_history(organisation_id).select_related("created_by"))
    in_force = next((row for row in history if row.valid_from <= today), None)
    rows = [
        {
            "amount": decimal_text(row.amount, group=True),
            "valid_from": row.valid_from,
            "basis": row.basis,
            "author": row.created_by.get_full_name() or row.created_by.username
            if row.created_by
            else "перенесено при обновлении",
            "in_force": row is in_force,
            "future": row.valid_from > today,
        }
        for row in history
    ]
    status = 400 if form.errors else 200
    return render(request, "school/settings/allowance.html", {"form": form, "rows": rows}, status=status)
