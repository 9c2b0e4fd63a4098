"""Import of a draft vacation schedule from a file: «Проверить файл» (a dry run), then «Загрузить».

Thin: access (DRAFT_ORDERS, a draft schedule of the organisation) → the file → the import's services.
The checked file stays on the server between the two steps (kadry/core/uploads.py), as the employee
import keeps it; «Загрузить» checks it again and writes it in one transaction.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from kadry.core import uploads
from kadry.core.access import capability_required
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.leave import services_import
from kadry.leave.importing import COLUMNS
from kadry.leave.models import VacationSchedule
from kadry.leave.views import _schedule
from kadry.lib.xlsx import XLSX_CONTENT_TYPE

APPROVED = "График утверждён: загрузить его из файла нельзя, отпуск переносят с указанием основания."


class ScheduleImportForm(forms.Form):
    file = forms.FileField(label="Файл CSV или XLSX", required=False, validators=[uploads.validate_upload_size])
    # After a dry run the checked file stays on the server; «Загрузить» names it by this id.
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)
    # The schedule's version the dry run showed: «Загрузить» is refused once somebody changed it since.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if not cleaned.get("file") and not cleaned.get("upload") and "file" not in self.errors:
            self.add_error("file", "Выберите файл.")
        return cleaned


@capability_required(Capability.DRAFT_ORDERS)
def schedule_import(request: MemberRequest, year: int) -> HttpResponse:
    plan = _schedule(request, year)
    membership = request.membership
    context: dict[str, Any] = {"plan": plan, "year": year, "columns": COLUMNS, "result": None, "preview": []}
    if plan.status != VacationSchedule.Status.DRAFT:
        if request.method == "POST":
            messages.error(request, APPROVED)
            return redirect("leave:schedule", year)
        return render(request, "leave/schedule_import.html", {**context, "form": None, "approved": APPROVED})
    form = ScheduleImportForm(request.POST or None, request.FILES or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content, filename, kept_id = uploads.sent_or_kept_upload(membership=membership, data=data)
        try:
            header, rows = services_import.read_schedule_table(content, filename)
        except services_import.TableError as error:
            form.add_error("file", str(error))
        else:
            result = services_import.plan_for(schedule=plan, header=header, rows=rows)
            version = plan.version
            if "commit" in request.POST and not result.errors:
                try:
                    services_import.commit_import(
                        actor=request.user,
                        schedule=plan,
                        version=-1 if data["version"] is None else data["version"],
                        plan=result,
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                    plan.refresh_from_db()  # a fresh dry run below, at the version now in force
                    version = plan.version
                else:
                    if kept_id:
                        uploads.discard_kept_upload(membership=membership, kept_id=kept_id)
                    departments = len(result.by_department())
                    messages.success(
                        request,
                        f"График загружен из файла: частей отпуска {len(result.parts)}, подразделений {departments}.",
                    )
                    return redirect("leave:schedule", year)
            elif "commit" in request.POST and data["version"] is not None:
                version = data["version"]
            if not result.errors and not kept_id:
                kept_id = uploads.keep_upload(membership=membership, content=content, filename=filename)
            form = ScheduleImportForm(initial={"upload": kept_id, "filename": filename, "version": version})
            context |= {"result": result, "preview": services_import.preview(plan, result) if not result.errors else []}
    status = 400 if form.errors or (context["result"] and context["result"].errors) else 200
    return render(request, "leave/schedule_import.html", {**context, "form": form}, status=status)


@capability_required(Capability.DRAFT_ORDERS)
def schedule_import_template(request: MemberRequest, year: int) -> HttpResponse:
    _schedule(request, year)  # the years the schedule pages know
    response = HttpResponse(services_import.template_xlsx(year), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"График отпусков {year} — шаблон.xlsx")
    return response
