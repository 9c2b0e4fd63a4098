"""Printing (Т-2, certificate of employment), the generated-documents jobs and the organisation's templates."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.documents import services, tasks
from kadry.documents.contexts import CertificateError, CertificateRequest, employment_certificate_context
from kadry.documents.forms import CertificateForm, TemplateUploadForm
from kadry.documents.models import DocumentTemplate, GeneratedDocument
from kadry.documents.placeholders import PLACEHOLDERS
from kadry.lib.documents import ALLOWED_FILTERS, MAX_TEMPLATE_BYTES, DocumentTemplateError, PdfUnavailableError
from kadry.lib.docx_template import LOOP_FIELDS, placeholder_rows
from kadry.staff.access import get_card_for, get_employee_for

# The newest jobs shown on the page; older ones stay in the table for the record.
JOBS_SHOWN = 50


def _download(rendered: services.RenderedDocument) -> FileResponse:
    return FileResponse(
        io.BytesIO(rendered.content),
        as_attachment=True,
        filename=rendered.filename,
        content_type=rendered.content_type,
    )


# What stops a document from being made, shown to the user as a page with the reason, not as a crash:
# PDF missing on the server (503), or the organisation's template broken or refused by the sandbox (422).
DOCUMENT_FAILURES = (PdfUnavailableError, DocumentTemplateError)


def _unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    status = 422 if isinstance(error, DocumentTemplateError) else 503
    return render(request, "documents/unavailable.html", {"message": str(error)}, status=status)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def personal_card(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Download the personal card Т-2 of an employee as DOCX or PDF (logged as an opening of the card)."""
    membership = request.membership
    employee = get_card_for(membership, pk)
    try:
        rendered = services.render_personal_card(
            employee, fmt, organisation=membership.organisation, today=timezone.localdate()
        )
    except DOCUMENT_FAILURES as error:
        return _unavailable(request, error)
    record_access(membership=membership, subject=employee, what=services.T2_ACCESS, request=request)
    return _download(rendered)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def employment_certificate(request: MemberRequest, pk: int) -> HttpResponse | FileResponse:
    """Show the certificate form; on POST download the certificate of employment (ТК РФ ст. 62)."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    assignments = services.employee_assignments(employee)
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        certificate = CertificateRequest(
            issued_on=data["issued_on"],
            purpose=data["purpose"],
            include_salary=data["include_salary"],
            number=data["number"],
        )
        try:
            context = employment_certificate_context(
                employee, organisation=membership.organisation, assignments=assignments, certificate=certificate
            )
            rendered = services.render(
                DocumentTemplate.Kind.EMPLOYMENT_CERTIFICATE,
                context,
                data["fmt"],
                organisation_id=membership.organisation_id,
                filename=services.employee_file_stem("Справка_с_места_работы", employee),
            )
        except CertificateError as error:
            form.add_error("issued_on", str(error))
        except DOCUMENT_FAILURES as error:
            return _unavailable(request, error)
        else:
            record_access(membership=membership, subject=employee, what=services.CERTIFICATE_ACCESS, request=request)
            return _download(rendered)
    # The form shows the employee's current jobs (and the salary it may include).
    what = f"{services.CERTIFICATE_ACCESS}: форма"
    record_access(membership=membership, subject=employee, what=what, request=request)
    today = timezone.localdate()
    current = [a for a in assignments if a.start <= today and (a.end is None or a.end >= today)]
    return render(
        request,
        "documents/certificate_form.html",
        {"form": form, "employee": employee, "current_assignments": current},
        status=400 if form.errors else 200,
    )


# The batches of this page; a report's file (kadry.reports) is its own user's, offered on its job's page.
BATCH_KINDS = (GeneratedDocument.Kind.PERSONAL_CARDS_T2,)


def _jobs_of(organisation_id: int) -> list[GeneratedDocument]:
    return list(
        GeneratedDocument.objects.filter(organisation_id=organisation_id, kind__in=BATCH_KINDS).select_related(
            "created_by"
        )[:JOBS_SHOWN]
    )


@capability_required(Capability.VIEW_PERSONAL_DATA)
def jobs(request: MemberRequest) -> HttpResponse:
    """List the organisation's generated documents; htmx polls the table while any is pending."""
    rows = _jobs_of(request.membership.organisation_id)
    for job in rows:
        fail_if_abandoned(job)  # A job whose worker died is shown failed, not pending for ever.
    context = {"jobs": rows, "pending": any(job.is_pending for job in rows)}
    if request.htmx:
        return render(request, "documents/_jobs_table.html", context)
    return render(request, "documents/jobs.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
@require_POST
def start_personal_cards(request: MemberRequest) -> HttpResponse:
    fmt = request.POST.get("fmt", "docx")
    if fmt not in services.CONTENT_TYPES:
        raise Http404
    tasks.start_personal_cards_batch(membership=request.membership, on=timezone.localdate(), fmt=fmt)
    messages.success(request, "Задание поставлено в очередь: архив появится в списке, когда будет готов.")
    return redirect("documents:jobs")


@capability_required(Capability.VIEW_PERSONAL_DATA)
def job_download(request: MemberRequest, pk: int) -> HttpResponse | FileResponse:
    """Download a finished batch; who downloads is logged, not only who asked for it (the archive may be passed on)."""
    with denied_as(GeneratedDocument, pk):
        job = get_object_or_404(
            GeneratedDocument,
            pk=pk,
            organisation_id=request.membership.organisation_id,
            kind__in=BATCH_KINDS,
            status=GeneratedDocument.Status.DONE,
        )
    if not job.file:  # deleted after KADRY_GENERATED_FILES_DAYS by `purge_files`
        raise Http404
    record_access(membership=request.membership, subject=job, what=services.BATCH_DOWNLOAD, request=request)
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=services.file_stem(job.title) + ".zip",
        content_type="application/zip",
    )


@capability_required(Capability.EDIT_PERSONAL_DATA)
def templates(request: MemberRequest) -> HttpResponse:
    """List the document kinds with the template in force; upload an organisation's own."""
    organisation_id = request.membership.organisation_id
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_template(
                actor=request.user,
                organisation_id=organisation_id,
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Шаблон загружен: документы будут формироваться по нему.")
            return redirect("documents:templates")
    own = {
        t.kind: t
        for t in DocumentTemplate.objects.filter(organisation_id=organisation_id).select_related("uploaded_by")
    }
    kinds = [
        (kind, label, own.get(kind), services.shipped_template(kind) is not None)
        for kind, label in DocumentTemplate.Kind.choices
    ]
    fields = [(label, placeholder_rows(PLACEHOLDERS[kind])) for kind, label in DocumentTemplate.Kind.choices]
    context = {
        "form": form,
        "kinds": kinds,
        "fields": fields,
        "loop_fields": LOOP_FIELDS.items(),
        "filters": sorted(ALLOWED_FILTERS),
        "max_megabytes": MAX_TEMPLATE_BYTES // (1024 * 1024),
    }
    return render(request, "documents/templates.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def template_download(request: MemberRequest, kind: str) -> HttpResponse | FileResponse:
    """Download the template in force for ``kind`` (to edit it in Word and upload it back)."""
    if kind not in DocumentTemplate.Kind.values:
        raise Http404
    try:
        data = services.template_for(request.membership.organisation_id, kind)
    except services.TemplateMissingError as error:
        raise Http404 from error
    return _download(services.RenderedDocument(data, f"{kind}.docx", services.CONTENT_TYPES["docx"]))


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def template_reset(request: MemberRequest, kind: str) -> HttpResponse:
    if kind not in DocumentTemplate.Kind.values:
        raise Http404
    services.reset_template(actor=request.user, organisation_id=request.membership.organisation_id, kind=kind)
    messages.success(request, "Восстановлен стандартный шаблон.")
    return redirect("documents:templates")
