"""Documents: choosing the template, uploading an organisation's own, rendering, and the batch jobs."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from pathlib import Path
from typing import Any, NamedTuple, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from kadry.core.audit import record_access, record_change
from kadry.core.models import ChangeRecord, Membership, Organisation
from kadry.documents.contexts import personal_card_context
from kadry.documents.models import DocumentTemplate, GeneratedDocument
from kadry.documents.placeholders import PLACEHOLDERS
from kadry.lib.dates import short_date
from kadry.lib.documents import (
    DOCX_CONTENT_TYPE,
    MAX_TEMPLATE_BYTES,
    PDF_CONTENT_TYPE,
    TemplateArchiveError,
    render_docx,
    render_pdf,
)
from kadry.lib.docx_template import TemplateCheckError, check_template
from kadry.staff.models import Employee
from kadry.staff.sections import SECTIONS

logger = logging.getLogger(__name__)

Kind = DocumentTemplate.Kind
SHIPPED_DIR = Path(__file__).resolve().parent / "templates_docx"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}
TEMPLATES_SECTION = "Шаблоны документов"
T2_ACCESS = "Печать личной карточки Т-2"
CERTIFICATE_ACCESS = "Справка с места работы"
BATCH_DOWNLOAD = "Скачивание архива документов"
ORDER_PRINT = "Печать приказа"
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


class TemplateMissingError(LookupError):
    """Neither the organisation nor the application has a template for this kind of document."""


class RenderedDocument(NamedTuple):
    content: bytes
    filename: str
    content_type: str


def file_stem(*parts: str) -> str:
    """Return a file name stem from ``parts``: «Т-2_Иванова_МП» (no spaces, dots or path characters)."""
    cleaned = (_UNSAFE_IN_FILENAME.sub("_", part.replace(".", "")).strip("_") for part in parts)
    return "_".join(part for part in cleaned if part)


def employee_file_stem(prefix: str, employee: Employee) -> str:
    initials = "".join(part[:1] for part in (employee.first_name, employee.middle_name) if part)
    return file_stem(prefix, employee.last_name, initials)


def shipped_template(kind: str) -> Path | None:
    """Return the path of the template shipped with the application, if there is one."""
    path = SHIPPED_DIR / f"{kind}.docx"
    return path if path.exists() else None


def template_for(organisation_id: int | None, kind: str) -> bytes:
    """Return the DOCX template of ``kind``: the organisation's upload if present, else the shipped one."""
    if organisation_id is not None:
        own = DocumentTemplate.objects.filter(organisation_id=organisation_id, kind=kind).first()
        if own is not None:
            with own.file.open("rb") as stored:
                return stored.read()
    shipped = shipped_template(kind)
    if shipped is None:
        raise TemplateMissingError(f"Нет шаблона документа «{Kind(kind).label}»: загрузите его на странице шаблонов.")
    return shipped.read_bytes()


def validate_docx_template(name: str, data: bytes, kind: str) -> None:
    """Raise a ``ValidationError`` on ``file`` unless the upload is a bounded .docx using only ``kind``'s fields.

    The bounds (``kadry.lib.documents.MAX_TEMPLATE_*``) are checked on the zip's directory before
    anything is unpacked; then every placeholder and tag is checked against ``PLACEHOLDERS[kind]``:
    an upload that could reach beyond its context (``{{ x.__class__ }}``, a call, an include) never
    gets stored.
    """
    if not name.lower().endswith(".docx"):
        raise ValidationError({"file": "Загрузите файл Word в формате .docx (шаблон docxtpl)."})
    try:
        check_template(data, PLACEHOLDERS[kind], document=str(Kind(kind).label))
    except TemplateArchiveError as error:
        raise ValidationError({"file": str(error)}) from error
    except TemplateCheckError as error:
        logger.info("Refused a template upload of %s: %s", kind, error)
        raise ValidationError({"file": error.messages}) from error


def _template_snapshot(template: DocumentTemplate | None) -> dict[str, str]:
    if template is None:
        return {}
    return {
        "Шаблон": str(template.get_kind_display()),
        "Файл": template.original_name,
        "Загружен": timezone.localtime(template.uploaded_at).strftime("%d.%m.%Y %H:%M"),
    }


@transaction.atomic
def upload_template(*, actor: Any, organisation_id: int, kind: str, file: UploadedFile) -> DocumentTemplate:
    """Store ``file`` as the organisation's template of ``kind``, replacing its previous upload."""
    data = file.read(MAX_TEMPLATE_BYTES + 1)
    validate_docx_template(file.name or "", data, kind)
    organisation = Organisation.objects.get(pk=organisation_id)
    template = DocumentTemplate.objects.select_for_update().filter(organisation_id=organisation_id, kind=kind).first()
    before = _template_snapshot(template)
    old_name = template.file.name if template is not None else None
    if template is None:
        template = DocumentTemplate(organisation_id=organisation_id, kind=kind)
    template.uploaded_by = actor
    template.uploaded_at = timezone.now()
    template.original_name = Path(file.name or "").name[:255]
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    template.save()
    if old_name and old_name != template.file.name:
        storage = template.file.storage
        # Only once the new row is committed: a rollback must leave the old file in place.
        transaction.on_commit(lambda: storage.delete(old_name))
    record_change(
        actor=actor,
        organisation_id=organisation_id,
        subject=organisation,
        section=TEMPLATES_SECTION,
        action=ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE,
        obj=template,
        before=before,
        after=_template_snapshot(template),
    )
    return template


@transaction.atomic
def reset_template(*, actor: Any, organisation_id: int, kind: str) -> None:
    """Remove the organisation's own template of ``kind``: the shipped one applies again."""
    template = DocumentTemplate.objects.select_for_update().filter(organisation_id=organisation_id, kind=kind).first()
    if template is None:
        return
    organisation = Organisation.objects.get(pk=organisation_id)
    before = _template_snapshot(template)
    storage, name = template.file.storage, cast(str, template.file.name)  # a template row always has its file
    record_change(
        actor=actor,
        organisation_id=organisation_id,
        subject=organisation,
        section=TEMPLATES_SECTION,
        action=ChangeRecord.Action.DELETE,
        obj=template,
        before=before,
    )
    template.delete()
    transaction.on_commit(lambda: storage.delete(name))


def render(
    kind: str,
    context: dict[str, Any],
    fmt: str,
    *,
    organisation_id: int | None = None,
    filename: str = "",
    template: bytes | None = None,
) -> RenderedDocument:
    """Render a document of ``kind`` as DOCX (from the template) or PDF (from its HTML twin).

    ``template`` spares a batch from reading the template once per document.
    """
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"Unknown document format {fmt!r}")
    if fmt == "docx":
        content = render_docx(template if template is not None else template_for(organisation_id, kind), context)
    else:
        html = render_to_string(f"documents/print/{kind}.html", context)
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    return RenderedDocument(content, f"{filename or kind}.{fmt}", CONTENT_TYPES[fmt])


# --- Personal cards Т-2 ---


def employee_assignments(employee: Employee) -> list[Any]:
    """Return all assignments of ``employee`` with their position and department (one query)."""
    # Through the reverse relation: the documents app renders employment data, it does not own it.
    return list(
        employee.assignments.select_related("staffing_unit__position", "staffing_unit__department").order_by("start")
    )


def render_personal_card(
    employee: Employee,
    fmt: str,
    *,
    today: dt.date,
    organisation: Organisation | None = None,
    assignments: list[Any] | None = None,
    template: bytes | None = None,
) -> RenderedDocument:
    """Render the personal card Т-2 of an employee whose card sections are loaded.

    ``assignments`` are read here when the caller has not loaded them already.
    """
    context = personal_card_context(
        employee,
        organisation=organisation or employee.organisation,
        assignments=assignments if assignments is not None else employee_assignments(employee),
        today=today,
    )
    return render(
        Kind.PERSONAL_CARD_T2,
        context,
        fmt,
        organisation_id=employee.organisation_id,
        filename=employee_file_stem("Т-2", employee),
        template=template,
    )


@transaction.atomic
def create_personal_cards_job(*, membership: Membership, on: dt.date, fmt: str = "docx") -> GeneratedDocument:
    """Create the pending job of the personal cards Т-2 of everyone working on ``on``, as one ZIP.

    ``tasks.start_personal_cards_batch`` creates it and queues its run."""
    job = GeneratedDocument.objects.create(
        organisation_id=membership.organisation_id,
        kind=GeneratedDocument.Kind.PERSONAL_CARDS_T2,
        title=f"Личные карточки Т-2 всех работающих на {short_date(on)} ({fmt.upper()})",
        params={"on": on.isoformat(), "fmt": fmt, "membership_id": membership.pk},
        created_by=membership.user,
        created_at=timezone.now(),
    )
    return job


def _working_employees(organisation_id: int, on: dt.date) -> list[Employee]:
    """Return everyone working on ``on`` with every card section, the military record and assignments."""
    working = Employee.objects.of(organisation_id).with_status(Employee.Status.WORKING, on).values("pk")
    return list(
        Employee.objects.filter(pk__in=working)
        .select_related("military_record")
        .prefetch_related(
            *(section.related_name for section in SECTIONS.values()),
            "assignments__staffing_unit__position",
            "assignments__staffing_unit__department",
        )
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def _set_progress(job: GeneratedDocument, progress: int) -> None:
    # Each progress save is also a heartbeat (kadry.core.heartbeat).
    job.progress, job.heartbeat_at = progress, timezone.now()
    job.save(update_fields=["progress", "heartbeat_at"])


def _end_job(job: GeneratedDocument, **values: Any) -> bool:
    """Record how a running job ended; False if it no longer runs (the sweep failed it: its worker seemed dead)."""
    if not GeneratedDocument.objects.filter(pk=job.pk, status=GeneratedDocument.Status.RUNNING).update(**values):
        return False
    for name, value in values.items():
        setattr(job, name, value)
    return True


def run_personal_cards_job(job_id: int) -> None:
    """Render the cards of a queued job into a ZIP, reporting progress on the job row.

    Runs outside a transaction on purpose: each progress update is committed at once so that the
    jobs page can show it while the rest is still being rendered.
    """
    job = GeneratedDocument.objects.select_related("organisation").get(pk=job_id)
    if job.status != GeneratedDocument.Status.QUEUED:
        return  # Already taken by another worker, or retried after it finished.
    job.status, job.heartbeat_at = GeneratedDocument.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "heartbeat_at"])
    try:
        on = dt.date.fromisoformat(job.params["on"])
        fmt = job.params.get("fmt", "docx")
        membership = Membership.objects.filter(pk=job.params.get("membership_id")).first()
        employees = _working_employees(job.organisation_id, on)
        template = template_for(job.organisation_id, Kind.PERSONAL_CARD_T2) if fmt == "docx" else None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for index, employee in enumerate(employees, start=1):
                rendered = render_personal_card(
                    employee,
                    fmt,
                    today=on,
                    organisation=job.organisation,
                    assignments=list(employee.assignments.all()),  # prefetched
                    template=template,
                )
                archive.writestr(f"{index:04d}_{rendered.filename}", rendered.content)
                if membership is not None:
                    record_access(membership=membership, subject=employee, what=T2_ACCESS, channel="batch")
                progress = index * 100 // len(employees)
                if progress != job.progress and progress < 100:
                    _set_progress(job, progress)
        job.file.save(
            file_stem("Т-2", job.organisation.short_name, on.isoformat()) + ".zip",
            ContentFile(buffer.getvalue()),
            save=False,
        )
        done = _end_job(
            job, file=job.file.name, status=GeneratedDocument.Status.DONE, progress=100, finished_at=timezone.now()
        )
        if not done:
            # Nobody will offer it (saved just above): the job is shown as failed.
            job.file.storage.delete(cast(str, job.file.name))
    except Exception as error:
        logger.exception("Document job %s failed", job_id)
        _end_job(
            job,
            status=GeneratedDocument.Status.FAILED,
            error=str(error)[:2000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
