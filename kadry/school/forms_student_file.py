"""The form of an issue of a student's personal file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from kadry.core.forms import DateInput
from kadry.school.models import StudentFileIssue


class StudentFileIssueForm(forms.ModelForm):
    class Meta:
        model = StudentFileIssue
        fields = ["issued_on", "issued_to", "purpose"]
        widgets = {"issued_on": DateInput()}
        help_texts = {
            "issued_to": "ФИО и кем приходится, или организация: «Петрова О. В., мать», «МБОУ СОШ № 5».",
            "purpose": "«в связи с выбытием в другую школу», «по запросу для ПМПК».",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()

    def clean_issued_on(self) -> Any:
        issued_on = self.cleaned_data["issued_on"]
        if issued_on > timezone.localdate():
            raise forms.ValidationError("Дата выдачи не может быть в будущем.")
        return issued_on
