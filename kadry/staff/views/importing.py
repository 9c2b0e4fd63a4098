"""Import of employees from a file: dry run with errors by row and column, then a background job."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.access import capability_required
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.models import BackgroundJob
from kadry.core.permissions import Capability
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.staff import services_import
from kadry.staff.importing import COLUMNS


class EmployeeImportForm(forms.Form):
    file = forms.FileField(label=_("Файл CSV или XLSX"), required=False)
    # After a dry run the same file is sent back with «Загрузить», so it is not chosen twice.
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("content"):
            self.add_error("file", _("Выберите файл."))
        return cleaned

    def upload(self) -> tuple[bytes, str]:
        """Return the content and name of the chosen file, or of the one sent back after a dry run."""
        upload = self.cleaned_data["file"]
        if upload:
            return upload.read(), upload.name
        try:
            return base64.b64decode(self.cleaned_data["content"], validate=True), self.cleaned_data["filename"]
        except binascii.Error:
            return b"", ""


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = EmployeeImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        content, filename = form.upload()
        if "commit" in request.POST and filename:
            job = services_import.start_import(membership=membership, content=content, filename=filename)
            return redirect("employee_import_job", pk=job.pk)
        try:
            header, rows = services_import.read_table(content, filename)
        except services_import.TableError as error:
            form.add_error("file", str(error))
        else:
            plan = services_import.plan_for(
                organisation_id=membership.organisation_id, header=header, rows=rows, today=timezone.localdate()
            )
            form = EmployeeImportForm(initial={"content": base64.b64encode(content).decode(), "filename": filename})
    context = {"form": form, "plan": plan, "columns": COLUMNS}
    status = 400 if form.errors or (plan and plan.errors) else 200
    return render(request, "staff/import.html", context, status=status)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(services_import.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-employees.xlsx"'
    return response


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        BackgroundJob.objects.select_related("created_by"),
        pk=pk,
        organisation_id=request.membership.organisation_id,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
    )
    fail_if_abandoned(job)  # A job whose worker died is shown failed, not running for ever.
    template = "staff/_import_job_status.html" if request.htmx else "staff/import_job.html"
    return render(request, template, {"job": job})
