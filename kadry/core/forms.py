from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class AccessLogFilterForm(forms.Form):
    start = forms.DateField(label=_("С"), required=False, widget=DateInput())
    end = forms.DateField(label=_("По"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Чья карточка или кто открыл"), required=False)
    denied = forms.BooleanField(label=_("только отказы"), required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Название токена"), max_length=100, help_text=_("Например: «Выгрузка в 1С»."))
