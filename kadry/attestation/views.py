"""Pages of attestation: who is due, the schedules, the commissions, each attestation with its steps, the printouts.

Thin: access helper → form → service → redirect. HR keeps them (EDIT_PERSONAL_DATA); whoever reads
personal data sees them. Lists of named workers and an attestation's page are written to the access log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.attestation import printing, queries, rules, services
from kadry.attestation.forms import STEP_FORMS, CategoryForm, CommissionForm, MemberForm
from kadry.attestation.models import Attestation, Commission
from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.leave.balances import corrections
from kadry.lib.documents import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.staff.models import Employee

ATTESTATION = "Аттестация на соответствие занимаемой должности"  # what the access log says was opened
SCHEDULE = "График аттестации"
DOCUMENTS = printing.DOCUMENTS
DONE = {
    "acquaintance": "Ознакомление с графиком записано.",
    "representation": "Представление записано.",
    "protocol": "Решение комиссии записано.",
    "extract": "Выписка записана.",
    "decision": "Решение работодателя записано.",
}


def chosen_period(request: HttpRequest) -> tuple[dt.date, dt.date]:
    """Return ``?from=&to=``; the current school year for what is missing or malformed, the two in order."""
    year = rules.school_year_of(timezone.localdate())
    start, end = dt.date(year, 9, 1), dt.date(year + 1, 8, 31)
    with contextlib.suppress(ValueError):
        start = dt.date.fromisoformat(request.GET.get("from", ""))
    with contextlib.suppress(ValueError):
        end = dt.date.fromisoformat(request.GET.get("to", ""))
    return (start, end) if start <= end else (end, start)


def log_opened(request: MemberRequest, subject: Any, what: str) -> None:
    record_access(membership=request.membership, subject=subject, what=what, request=request)


def add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def pdf_response(request: MemberRequest, template: str, context: dict[str, Any], name: str) -> HttpResponse:
    html = render_to_string(template, {"organisation": request.membership.organisation, **context})
    try:
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect("attestation:due")
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
    return response


def docx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def due(request: MemberRequest) -> HttpResponse:
    """Who is due in a period: categories expiring, conformity attestations due, with the reasons not to attest."""
    start, end = chosen_period(request)
    rows = queries.due_list(request.membership.organisation_id, start, end)
    log_opened(
        request, request.membership.organisation, f"{queries.DUE_WHAT} {start:%d.%m.%Y}–{end:%d.%m.%Y}: {len(rows)}"
    )
    return render(
        request, "attestation/due.html",
        {"rows": rows, "start": start, "end": end, "today": timezone.localdate(), "source": rules.SOURCE,
         "can_edit": role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)},
    )  # fmt: skip


@capability_required(Capability.VIEW_PERSONAL_DATA)
def commissions(request: MemberRequest) -> HttpResponse:
    """The commissions with their orders; HR records a new one."""
    organisation_id = request.membership.organisation_id
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    form = CommissionForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            commission = services.create_commission(actor=request.user, organisation_id=organisation_id,
                                                    **form.cleaned_data)  # fmt: skip
            messages.success(request, "Комиссия записана: добавьте её членов.")
            return redirect("attestation:commission", commission.pk)
    found = Commission.objects.filter(organisation_id=organisation_id).annotate(count=Count("members"))
    return render(request, "attestation/commissions.html", {"commissions": found, "form": form, "can_edit": can_edit},
                  status=422 if request.method == "POST" else 200)  # fmt: skip


@capability_required(Capability.VIEW_PERSONAL_DATA)
def commission(request: MemberRequest, pk: int) -> HttpResponse:
    """A commission with its members; HR adds a member."""
    with denied_as(Commission, pk):
        found = get_object_or_404(Commission, organisation_id=request.membership.organisation_id, pk=pk)
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.add_member(actor=request.user, commission=found, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Член комиссии добавлен.")
                return redirect("attestation:commission", found.pk)
    return render(request, "attestation/commission.html",
                  {"commission": found, "members": list(found.members.all()), "form": form, "can_edit": can_edit},
                  status=422 if request.method == "POST" else 200)  # fmt: skip


def get_attestation_for(request: MemberRequest, pk: int) -> Attestation:
    with denied_as(Attestation, pk):
        return get_object_or_404(
            Attestation.objects.select_related("employee", "schedule__commission"),
            organisation_id=request.membership.organisation_id, pk=pk,
        )  # fmt: skip


def _detail(
    request: MemberRequest, attestation: Attestation, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    log_opened(request, attestation.employee, ATTESTATION)
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    steps: dict[str, forms.Form] = {}
    if can_edit:
        steps = {name: form_class(initial=_initial(attestation, name)) for name, form_class in STEP_FORMS.items()}
        steps.update(bound or {})
    terms = {"acquaintance_due": rules.acquaintance_due(attestation.planned_on)}
    days = corrections() if attestation.protocol_date else []
    if attestation.protocol_date:
        terms["extract_due"] = rules.extract_due(attestation.protocol_date, days)
    if attestation.extract_issued_on:
        terms["extract_acquaintance_due"] = rules.extract_acquaintance_due(attestation.extract_issued_on, days)
    short = bool(
        attestation.acquainted_on and rules.acquaintance_short(attestation.acquainted_on, attestation.planned_on)
    )
    last = services.last_step(attestation) if can_edit else None
    return render(request, "attestation/detail.html",
                  {"attestation": attestation, "steps": steps, "can_edit": can_edit, "terms": terms, "short": short,
                   "documents": DOCUMENTS, "source": rules.SOURCE, "last_step": last,
                   "last_title": services.STEP_TITLES.get(last or "", "")},
                  status=422 if bound else 200)  # fmt: skip


def _initial(attestation: Attestation, step: str) -> dict[str, Any]:
    return {name: getattr(attestation, name) for name in services.STEP_FIELDS[step] if getattr(attestation, name)}


@capability_required(Capability.VIEW_PERSONAL_DATA)
def detail(request: MemberRequest, pk: int) -> HttpResponse:
    """An attestation with its steps and terms; for HR, the forms of the steps."""
    return _detail(request, get_attestation_for(request, pk))


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def step(request: MemberRequest, pk: int, name: str) -> HttpResponse:
    """Record one step; a refused step shows the attestation again with the message on its field."""
    if name not in STEP_FORMS:
        raise Http404
    attestation = get_attestation_for(request, pk)
    form = STEP_FORMS[name](request.POST)
    if form.is_valid():
        try:
            services.record_step(actor=request.user, attestation=attestation, step=name, data=form.cleaned_data,
                                 today=timezone.localdate())  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, DONE[name])
            if name == "acquaintance" and rules.acquaintance_short(
                form.cleaned_data["acquainted_on"], attestation.planned_on
            ):
                messages.warning(request, "Ознакомление менее чем за 30 календарных дней до аттестации (Порядок № 196): "
                                          "перенесите дату аттестации в графике или получите согласие работника.")  # fmt: skip
            return redirect("attestation:detail", attestation.pk)
    return _detail(request, attestation, {name: form})


def _document_name(attestation: Attestation, kind: str) -> str:
    return f"{DOCUMENTS[kind]} {attestation.employee.last_name} {attestation.planned_on:%Y-%m-%d}"


def _document_of(request: MemberRequest, pk: int, kind: str, fmt: str) -> tuple[Attestation, list[Any]]:
    if kind not in DOCUMENTS:
        raise Http404
    attestation = get_attestation_for(request, pk)
    log_opened(request, attestation.employee, f"{ATTESTATION}: {DOCUMENTS[kind]} ({fmt})")
    return attestation, list(attestation.schedule.commission.members.all())


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def undo(request: MemberRequest, pk: int, name: str) -> HttpResponse:
    """Undo the last step recorded by mistake; a refusal comes back as the page's message."""
    if name not in services.STEP_TITLES:
        raise Http404
    attestation = get_attestation_for(request, pk)
    try:
        services.undo_step(actor=request.user, attestation=attestation, step=name)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        title = services.STEP_TITLES[name]
        messages.success(request, f"Шаг «{title}» отменён; в истории изменений видно, что было записано.")
    return redirect("attestation:detail", attestation.pk)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def document(request: MemberRequest, pk: int, kind: str) -> HttpResponse:
    """The representation, the protocol or the extract from the protocol of an attestation, as PDF."""
    attestation, members = _document_of(request, pk, kind, "PDF")
    context = {"attestation": attestation, "employee": attestation.employee, "members": members,
               "chair": next((m for m in members if m.role.endswith("chair")), None),
               "secretary": next((m for m in members if m.role.endswith("secretary")), None)}  # fmt: skip
    return pdf_response(request, f"attestation/print/{kind}.html", context, _document_name(attestation, kind))


@capability_required(Capability.VIEW_PERSONAL_DATA)
def document_docx(request: MemberRequest, pk: int, kind: str) -> HttpResponse:
    """The same documents as DOCX, to edit before signing."""
    attestation, members = _document_of(request, pk, kind, "DOCX")
    content = printing.document_docx(kind, request.membership.organisation.name, attestation, members)
    return docx_response(content, _document_name(attestation, kind))


@capability_required(Capability.EDIT_PERSONAL_DATA)
def category_new(request: MemberRequest) -> HttpResponse:
    """Record the decision of the region's commission that set a worker's category; the card shows it."""
    organisation_id = request.membership.organisation_id
    initial = {}
    if (pk := request.GET.get("employee", "")).isdigit():
        initial["employee"] = get_object_or_404(Employee, organisation_id=organisation_id, pk=int(pk))
    form = CategoryForm(request.POST or None, organisation_id=organisation_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.record_category(actor=request.user, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            until = f"действует по {decision.valid_until:%d.%m.%Y}" if decision.valid_until else "без срока действия"
            messages.success(request, f"Категория «{decision.get_category_display()}» записана, {until}.")
            return redirect(f"{reverse('employee_card', args=[decision.employee_id])}?tab=attestation")
    return render(request, "attestation/category_new.html", {"form": form},
                  status=422 if request.method == "POST" else 200)  # fmt: skip
