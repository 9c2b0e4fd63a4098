"""Pages of absences: the register of an organisation, adding and correcting an absence, the import of sick leaves.

Thin: access (capability + organisation scope) → form → the service → redirect/render. The register
and an absence's page show health data (sick leave): each opening is written to the access log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.absences import rules, services, services_import, tasks
from kadry.absences.forms import LEAVES, AbsenceForm, ImportForm, RegisterFilter, add_service_errors, default_period
from kadry.absences.models import Absence
from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.heartbeat import fail_if_abandoned
from kadry.core.http import MemberRequest
from kadry.core.models import BackgroundJob
from kadry.core.permissions import Capability, role_can
from kadry.core.uploads import validate_upload_size
from kadry.leave.models import LedgerEntry
from kadry.lib.pagination import OneQueryPaginator
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.models import Department, Employee

LEAVES_SHOWN = 200  # the leaves of a period on the register; a school grants a few dozen a month
REGISTER = "Неявки: реестр"  # what the access log says was opened
ABSENCE = "Неявка"


@dataclass(frozen=True)
class Register:
    absences: QuerySet[Absence]
    leaves: QuerySet[LedgerEntry]
    query: str  # the filters as a query string, for the pages' links


def _held(department: Department, start: dt.date, end: dt.date) -> QuerySet[Employee]:
    """Return the employees who worked in ``department`` at some time from ``start`` to ``end`` (a transfer moves them)."""
    return Employee.objects.filter(
        Q(assignments__end__isnull=True) | Q(assignments__end__gte=start),
        assignments__staffing_unit__department=department, assignments__start__lte=end,
    )  # fmt: skip


def _filtered(request: MemberRequest, form: RegisterFilter) -> Register:
    organisation_id = request.membership.organisation_id
    start, end = default_period(timezone.localdate())
    kind = department = employee = None
    if form.is_valid():
        data = form.cleaned_data
        start, end = data["start"] or start, data["end"] or end
        kind, department, employee = data["kind"], data["department"], data["employee"]
    absences = Absence.objects.filter(organisation_id=organisation_id, start__lte=end, end__gte=start)
    # The leaves granted by signed orders and not cancelled, as the periods they cover.
    leaves = LedgerEntry.objects.filter(
        organisation_id=organisation_id, kind=LedgerEntry.Kind.USED, reversed_by__isnull=True, start__lte=end,
        end__gte=start,
    )  # fmt: skip
    if kind == LEAVES:
        absences = absences.none()
    elif kind:
        absences, leaves = absences.filter(kind=kind), leaves.none()
    if employee:
        absences, leaves = absences.filter(employee=employee), leaves.filter(employee=employee)
    if department:
        held = _held(department, start, end).values("pk")
        absences, leaves = absences.filter(employee__in=held), leaves.filter(employee__in=held)
    query = f"start={start:%Y-%m-%d}&end={end:%Y-%m-%d}&kind={kind or ''}"
    query += f"&department={department.pk if department else ''}&employee={employee.pk if employee else ''}"
    return Register(
        absences.select_related("employee", "continues").order_by("-start", "id"),
        leaves.select_related("employee").order_by("-start", "id")[:LEAVES_SHOWN],
        query,
    )


@capability_required(Capability.VIEW_PERSONAL_DATA)
def register(request: MemberRequest) -> HttpResponse:
    """The absences of the organisation over a period, by kind, department and employee."""
    membership = request.membership
    form = RegisterFilter(request.GET or None, organisation_id=membership.organisation_id)
    found = _filtered(request, form)
    page = OneQueryPaginator(found.absences, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    lines = [(absence, rules.timesheet_code(absence.kind, absence.sick_reason)) for absence in page.object_list]
    # The leaves are shown on the first page only: the pages turn the absences.
    leaves = [(leave, rules.LEAVE_CODES.get(leave.leave_kind)) for leave in found.leaves] if page.number == 1 else []
    what = f"{REGISTER}, стр. {page.number}: {len(lines)} неявок, {len(leaves)} отпусков"
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    context = {"form": form, "lines": lines, "leaves": leaves, "page": page, "query": found.query,
               "leaves_shown": LEAVES_SHOWN, "can_edit": role_can(membership.role, Capability.EDIT_PERSONAL_DATA)}  # fmt: skip
    return render(request, "absences/register.html", context)


def _save(request: MemberRequest, form: AbsenceForm, absence: Absence | None) -> Absence | None:
    if not form.is_valid():
        return None
    try:
        if absence is None:
            employee = form.cleaned_data["employee"]
            return services.record_absence(actor=request.user, employee=employee, data=form.service_data())
        return services.correct_absence(actor=request.user, absence=absence, data=form.service_data())
    except ValidationError as error:
        add_service_errors(form, error.message_dict)
        return None


def _saved(request: MemberRequest, absence: Absence) -> HttpResponse:
    messages.success(request, f"Сохранено: {absence.employee.short_name}, {absence}.")
    for notice in services.leave_notices(absence):
        messages.warning(request, str(notice))
    return redirect("absences:edit", absence.pk)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def create(request: MemberRequest) -> HttpResponse:
    """Add an absence; ``?employee=`` comes from the employee's card."""
    organisation_id = request.membership.organisation_id
    initial: dict[str, Any] = {"kind": request.GET.get("kind", Absence.Kind.SICK)}
    if request.GET.get("employee", "").isdigit():
        initial["employee"] = int(request.GET["employee"])
    form = AbsenceForm(request.POST or None, organisation_id=organisation_id, initial=initial)
    if request.method == "POST" and (absence := _save(request, form, None)) is not None:
        return _saved(request, absence)
    return render(request, "absences/form.html", {"form": form, "absence": None})


def _absence(request: MemberRequest, pk: int) -> Absence:
    """Return the absence of the membership's organisation; another school's is a denial in the access log."""
    with denied_as(Absence, pk):
        rows = Absence.objects.select_related("employee", "continues")
        return get_object_or_404(rows, organisation_id=request.membership.organisation_id, pk=pk)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Correct an absence: its effects, the sick-pay rate and an annual leave it falls into are shown beside it."""
    absence = _absence(request, pk)
    membership = request.membership
    form = AbsenceForm(request.POST or None, organisation_id=membership.organisation_id, absence=absence)
    if request.method == "POST" and _save(request, form, absence) is not None:
        return _saved(request, absence)
    record_access(membership=membership, subject=absence.employee, what=f"{ABSENCE}: {absence}", request=request)
    context = {
        "form": form, "absence": absence, "effect": rules.effect_of(absence.kind),
        "code": rules.timesheet_code(absence.kind, absence.sick_reason), "sick_pay": services.sick_pay_of(absence),
        "notices": services.leave_notices(absence), "continuations": list(absence.continuations.all()),
    }  # fmt: skip
    return render(request, "absences/form.html", context)


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def delete(request: MemberRequest, pk: int) -> HttpResponse:
    absence = _absence(request, pk)
    try:
        services.delete_absence(actor=request.user, absence=absence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("absences:edit", pk)
    messages.success(request, f"Удалено: {absence.employee.short_name}, {absence}.")
    return redirect("absences:register")


@capability_required(Capability.EDIT_PERSONAL_DATA)
def import_sick_leaves(request: MemberRequest) -> HttpResponse:
    """Upload a table of sick leaves: a background job checks it (and, unless a dry run, saves it whole)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            validate_upload_size(upload)
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            job = tasks.start_import(
                membership=request.membership, content=upload.read(), filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )  # fmt: skip
            return redirect("absences:import_job", pk=job.pk)
    context = {"form": form, "headers": services_import.HEADERS}
    return render(request, "absences/import.html", context, status=400 if form.errors else 200)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def import_job(request: MemberRequest, pk: int) -> HttpResponse:
    """The progress of an import job, then its result: the sheets loaded, or the file's errors by row."""
    with denied_as(BackgroundJob, pk):
        job = get_object_or_404(
            BackgroundJob.objects.select_related("created_by"),
            pk=pk,
            organisation_id=request.membership.organisation_id,
            kind=BackgroundJob.Kind.SICK_LEAVE_IMPORT,
        )
    fail_if_abandoned(job)  # A job whose worker died is shown failed, not running for ever.
    template = "absences/_import_job_status.html" if request.htmx else "absences/import_job.html"
    return render(request, template, {"job": job})


@capability_required(Capability.EDIT_PERSONAL_DATA)
def import_template(request: MemberRequest) -> HttpResponse:
    content = table_to_xlsx("Листки нетрудоспособности", services_import.HEADERS, services_import.template_rows())
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, "Загрузка листков нетрудоспособности.xlsx")
    return response
