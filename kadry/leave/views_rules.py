"""The office's own entitlements: additional leave (and basic leave) per position or person, with its basis.

HR keeps them (the HR head and the inspector); the entitlement of the schedule, the balance and the
orders reads them.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.leave import entitlement_rules, rules
from kadry.leave.models import LeaveRule
from kadry.staff.models import Employee, Position


class LeaveRuleForm(forms.Form):
    position = forms.ModelChoiceField(label="Должность", queryset=Position.objects.none(), required=False)
    employee = forms.ModelChoiceField(label="или сотрудник", queryset=Employee.objects.none(), required=False)
    kind = forms.ChoiceField(label="Вид", choices=LeaveRule.Kind.choices)
    days = forms.IntegerField(label="Календарных дней", min_value=1, max_value=rules.RULE_MAXIMUM_DAYS)
    basis = forms.CharField(
        label="Основание",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "коллективный договор, п. 5.3; ТК РФ ст. 119"}),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["position"]).queryset = Position.objects.filter(
            organisation_id=organisation_id
        ).order_by("name")
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = Employee.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name", "middle_name")


def _save(request: MemberRequest, form: LeaveRuleForm, rule: LeaveRule | None) -> LeaveRule | None:
    if not form.is_valid():
        return None
    try:
        return entitlement_rules.save_leave_rule(
            actor=request.user, organisation_id=request.membership.organisation_id, rule=rule, **form.cleaned_data
        )
    except ValidationError as error:
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
        return None


@capability_required(Capability.EDIT_PERSONAL_DATA)
def leave_rules(request: MemberRequest) -> HttpResponse:
    """The office's rules, the law's extended leave for reference, and the form adding a rule."""
    organisation_id = request.membership.organisation_id
    form = LeaveRuleForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and _save(request, form, None) is not None:
        messages.success(request, "Право на отпуск добавлено.")
        return redirect("leave:rules")
    rows = (
        LeaveRule.objects.filter(organisation_id=organisation_id)
        .select_related("position", "employee")
        .order_by("position__name", "employee__last_name", "kind")
    )
    return render(
        request,
        "leave/rules.html",
        {"rules": rows, "form": form, "extended": rules.EXTENDED_LEAVE, "basic_days": rules.BASIC_DAYS,
         "minimums": rules.RULE_MINIMUM.values()},
    )  # fmt: skip


@capability_required(Capability.EDIT_PERSONAL_DATA)
def leave_rule_edit(request: MemberRequest, pk: int) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    rule = get_object_or_404(
        LeaveRule.objects.select_related("position", "employee"), organisation_id=organisation_id, pk=pk
    )
    initial = {"position": rule.position, "employee": rule.employee, "kind": rule.kind, "days": rule.days,
               "basis": rule.basis}  # fmt: skip
    form = LeaveRuleForm(request.POST or None, initial=initial, organisation_id=organisation_id)
    if request.method == "POST" and _save(request, form, rule) is not None:
        messages.success(request, "Право на отпуск изменено.")
        return redirect("leave:rules")
    return render(request, "leave/rule_edit.html", {"rule": rule, "form": form})


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def leave_rule_delete(request: MemberRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(LeaveRule, organisation_id=request.membership.organisation_id, pk=pk)
    entitlement_rules.delete_leave_rule(actor=request.user, rule=rule)
    messages.success(request, "Право на отпуск удалено.")
    return redirect("leave:rules")
