from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kadry.core.models import SecurityEvent


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
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Название токена"), max_length=100, help_text=_("Например: «Выгрузка в 1С»."))


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Код"),
        max_length=20,
        help_text=_("Шесть цифр из приложения-аутентификатора или один из резервных кодов."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )


class SecurityLogFilterForm(forms.Form):
    start = forms.DateField(label=_("С"), required=False, widget=DateInput())
    end = forms.DateField(label=_("По"), required=False, widget=DateInput())
    q = forms.CharField(label=_("Имя пользователя"), required=False)
    kind = forms.ChoiceField(label=_("Событие"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("все")), *SecurityEvent.Kind.choices]

    def clean(self) -> dict:
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        return cleaned
