from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kadry.core.uploads import validate_upload_size


class GradeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл CSV или XLSX из электронного журнала"), required=False, validators=[validate_upload_size]
    )
    # After a dry run the checked file stays on the server; «Загрузить» names it by this id.
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if not cleaned.get("file") and not cleaned.get("upload") and "file" not in self.errors:
            self.add_error("file", _("Выберите файл."))
        return cleaned
