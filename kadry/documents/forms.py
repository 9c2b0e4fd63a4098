"""Forms of the documents app: the certificate of employment and a template upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.documents.contexts import DEFAULT_PURPOSE
from kadry.documents.models import DocumentTemplate
from kadry.documents.services import validate_docx_template
from kadry.lib.documents import MAX_TEMPLATE_BYTES

FORMAT_CHOICES = [("pdf", "PDF (для печати)"), ("docx", "DOCX (для правки в Word)")]


class CertificateForm(forms.Form):
    issued_on = forms.DateField(
        label=_("дата выдачи"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    number = forms.CharField(label=_("исходящий номер"), max_length=30, required=False)
    purpose = forms.CharField(label=_("для предоставления"), max_length=300, initial=DEFAULT_PURPOSE)
    include_salary = forms.BooleanField(label=_("указать должностной оклад"), required=False)
    fmt = forms.ChoiceField(label=_("формат"), choices=FORMAT_CHOICES, initial="pdf")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()

    def clean_issued_on(self) -> Any:
        issued_on = self.cleaned_data["issued_on"]
        if issued_on > timezone.localdate():
            raise ValidationError(_("Дата выдачи не может быть в будущем."))
        return issued_on


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("документ"), choices=DocumentTemplate.Kind.choices)
    file = forms.FileField(
        label=_("файл шаблона"),
        help_text=_("Документ Word (.docx) с полями {{ … }}, как в стандартном шаблоне."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        kind = self.cleaned_data.get("kind")
        if kind is None:
            return upload  # the kind's own error says what to fix first
        data = upload.read(MAX_TEMPLATE_BYTES + 1)  # a larger file is refused: no need to read it all
        upload.seek(0)
        try:
            validate_docx_template(upload.name or "", data, kind)
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from error
        return upload
