"""The forms of a discipline case: opening it, the explanation, the act, the acquaintance, the closing."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from kadry.absences.models import Absence
from kadry.core.forms import DateInput
from kadry.staff.models import Employee


class ViolationForm(forms.Form):
    employee = forms.ModelChoiceField(label="Сотрудник", queryset=Employee.objects.none())
    committed_on = forms.DateField(label="Дата проступка", widget=DateInput())
    description = forms.CharField(
        label="Проступок",
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "placeholder": "что нарушено: пункт правил внутреннего распорядка, должностной инструкции",
            }
        ),
    )
    discovered_by = forms.CharField(
        label="Кто обнаружил",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "заместитель директора по УВР Петрова А. А."}),
    )
    discovered_on = forms.DateField(label="Дата обнаружения", widget=DateInput())
    found_by_audit = forms.BooleanField(
        label="Выявлен ревизией, проверкой финансово-хозяйственной деятельности или аудитом",
        required=False,
        help_text="Тогда взыскание возможно в течение двух лет со дня проступка, а не шести месяцев (ТК РФ ст. 193 ч. 4).",
    )

    absence = forms.ModelChoiceField(queryset=Absence.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = Employee.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name", "middle_name")
        cast(forms.ModelChoiceField, self.fields["absence"]).queryset = Absence.objects.filter(
            organisation_id=organisation_id
        )


class RequestForm(forms.Form):
    requested_on = forms.DateField(label="Объяснение затребовано", widget=DateInput())


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label="Объяснение получено", widget=DateInput())
    text = forms.CharField(label="Текст объяснения", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label="Скан объяснения", required=False)


class ActForm(forms.Form):
    act_on = forms.DateField(label="Дата акта о непредоставлении объяснения", widget=DateInput())


class CloseForm(forms.Form):
    reason = forms.CharField(label="Почему без взыскания", max_length=300)


class AcquaintanceForm(forms.Form):
    acquainted_on = forms.DateField(label="Ознакомлен(а) с приказом под роспись", required=False, widget=DateInput())
    refusal_act_on = forms.DateField(
        label="или дата акта об отказе от ознакомления", required=False, widget=DateInput()
    )


# action → (the form, its prefix-free name in the page's context)
ACTION_FORMS: dict[str, type[forms.Form]] = {
    "request": RequestForm,
    "receipt": ReceiptForm,
    "act": ActForm,
    "close": CloseForm,
    "acquaintance": AcquaintanceForm,
}
