"""Import of classes, students and guardians: upload, dry run with errors by row and column, commit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kadry.core import uploads
from kadry.core.access import capability_required
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.models import BackgroundJob
from kadry.core.permissions import Capability
from kadry.lib.tables import TableError
from kadry.lib.xlsx import XLSX_CONTENT_TYPE
from kadry.school import tasks
from kadry.school.forms_classes import ImportForm
from kadry.school.services import importing


@capability_required(Capability.MANAGE_SCHOOL)
def import_students(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    organisation_id = membership.organisation_id
    form = ImportForm(request.POST or None, request.FILES or None, organisation_id=organisation_id)
    plan = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content, filename, kept_id = uploads.sent_or_kept_upload(membership=membership, data=data)
        try:
            header, rows = uploads.read_uploaded_table(content, filename)
        except TableError as error:
            form.add_error("file", str(error))
        else:
            year = data["academic_year"]
            plan = importing.plan_for(
                organisation_id=organisation_id,
                year=year,
                header=header,
                rows=rows,
                create_classes=data["create_classes"],
            )
            if "commit" in request.POST and not plan.errors:
                # The checked file is committed by a background job (a whole school's register can be large).
                job = tasks.start_import(
                    membership=membership,
                    year=year,
                    create_classes=data["create_classes"],
                    content=content,
                    filename=filename,
                )
                if kept_id:
                    uploads.discard_kept_upload(membership=membership, kept_id=kept_id)
                return redirect("school:import_job", pk=job.pk)
            if not plan.errors and not kept_id:
                kept_id = uploads.keep_upload(membership=membership, content=content, filename=filename)
            form = ImportForm(
                initial={
                    "academic_year": year,
                    "create_classes": data["create_classes"],
                    "upload": kept_id,
                    "filename": filename,
                },
                organisation_id=organisation_id,
            )
    context = {"form": form, "plan": plan, "columns": importing.columns()}
    status = 400 if form.errors or (plan and plan.errors) else 200
    return render(request, "school/classes/import.html", context, status=status)


@capability_required(Capability.MANAGE_SCHOOL)
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(importing.template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="import-students.xlsx"'
    return response


@capability_required(Capability.MANAGE_SCHOOL)
def import_job(request: MemberRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        BackgroundJob.objects.select_related("created_by"),
        pk=pk,
        organisation_id=request.membership.organisation_id,
        kind=BackgroundJob.Kind.STUDENT_IMPORT,
    )
    fail_if_abandoned(job)  # A job whose worker died is shown failed, not running for ever.
    template = "school/classes/_import_job_status.html" if request.htmx else "school/classes/import_job.html"
    return render(request, template, {"job": job})
