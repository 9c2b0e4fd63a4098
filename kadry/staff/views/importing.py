"""Import of employees from a file: dry run with errors by row and column, then a background job."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core import uploads
from kadry.core.access import capability_required
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.models import BackgroundJob
from kadry.core.permissions import Capability
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.staff import services_import, tasks
from kadry.staff.importing import COLUMNS


class EmployeeImportForm(forms.Form):
    file = forms.FileField(label=_("Файл CSV или XLSX"), required=False, validators=[uploads.validate_upload_size])
    # After a dry run the checked file stays on the server; «Загрузить» names it by this id, so it is
    # neither chosen twice nor sent back through the page (a large file broke the request's limits).
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if not cleaned.get("file") and not cleaned.get("upload") and "file" not in self.errors:
            self.add_error("file", _("Выберите файл."))
        return cleaned


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    form = EmployeeImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        content, filename, kept_id = uploads.sent_or_kept_upload(membership=membership, data=form.cleaned_data)
        if "commit" in request.POST:
            job = tasks.start_import(membership=membership, content=content, filename=filename)
            if kept_id:
                uploads.discard_kept_upload(membership=membership, kept_id=kept_id)
            return redirect("employee_import_job", pk=job.pk)
        try:
            header, rows = services_import.read_table(content, filename)
        except services_import.TableError as error:
            form.add_error("file", str(error))
        else:
            plan = services_import.plan_for(
                organisation_id=membership.organisation_id, header=header, rows=rows, today=timezone.localdate()
            )
            if not plan.errors and not kept_id:
                kept_id = uploads.keep_upload(membership=membership, content=content, filename=filename)
            form = EmployeeImportForm(initial={"upload": kept_id, "filename": filename})
    context = {"form": form, "plan": plan, "columns": COLUMNS}
    status = 400 if form.errors or (plan and plan.errors) else 200
    return render(request, "staff/import.html", context, status=status)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(services_import.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-employees.xlsx"'
    return response


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_import_job(request: MemberRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        BackgroundJob.objects.select_related("created_by"),
        pk=pk,
        organisation_id=request.membership.organisation_id,
        kind=BackgroundJob.Kind.EMPLOYEE_IMPORT,
    )
    fail_if_abandoned(job)  # A job whose worker died is shown failed, not running for ever.
    template = "staff/_import_job_status.html" if request.htmx else "staff/import_job.html"
    return render(request, template, {"job": job})
