"""The forms of a nomination: drafting it, sending it, its refusal."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from kadry.awards.rules import AWARD_KINDS
from kadry.core.forms import DateInput
from kadry.staff.models import Employee


class NominationForm(forms.Form):
    employee = forms.ModelChoiceField(label="Сотрудник", queryset=Employee.objects.none())
    award = forms.ChoiceField(label="Награда", choices=[(code, kind.name) for code, kind in AWARD_KINDS.items()])
    characteristic = forms.CharField(
        label="Характеристика с указанием конкретных заслуг",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = Employee.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name", "middle_name")


class SendForm(forms.Form):
    sent_on = forms.DateField(label="Дата направления", widget=DateInput())
    sent_to = forms.CharField(label="Куда направлено", max_length=300, required=False)


class RefuseForm(forms.Form):
    refused_on = forms.DateField(label="Дата отказа", widget=DateInput())
    reason = forms.CharField(label="Причина отказа", max_length=500, required=False)


ACTION_FORMS: dict[str, type[forms.Form]] = {"send": SendForm, "refuse": RefuseForm}
