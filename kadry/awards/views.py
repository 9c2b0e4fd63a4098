"""Pages of award nominations: the list with each one's status, drafting one, a nomination's page, the
printable наградной лист. Thin: access helper → form → service → redirect. HR drafts and sends
(EDIT_PERSONAL_DATA); whoever reads personal data sees them; a nomination's page and its print are
written to the access log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from kadry.awards import services
from kadry.awards.forms import ACTION_FORMS, NominationForm
from kadry.awards.models import Nomination
from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf

WHAT = "Ходатайство о награждении"  # what the access log says was opened
DONE = {"send": "Направление ходатайства записано.", "refuse": "Отказ в награждении записан."}


def get_nomination_for(membership: Membership, pk: int) -> Nomination:
    """Return the nomination ``pk`` of the membership's organisation; else 404, logged as denied."""
    with denied_as(Nomination, pk):
        return get_object_or_404(
            Nomination.objects.select_related("employee"), organisation_id=membership.organisation_id, pk=pk
        )


def _status(nomination: Nomination, awarded: dict[int, Any]) -> str:
    entry = awarded.get(nomination.pk)
    if entry is not None:
        return f"награждён(а) {entry.awarded_on:%d.%m.%Y}"
    return str(nomination.get_status_display())


@capability_required(Capability.VIEW_PERSONAL_DATA)
def nomination_list(request: MemberRequest) -> HttpResponse:
    """Every nomination of the organisation with its status (awarded when the card has the award). Two queries."""
    rows = list(
        Nomination.objects.filter(organisation_id=request.membership.organisation_id).select_related("employee")
    )
    awarded = services.awarded_entries(rows)
    context = {
        "rows": [(n, _status(n, awarded)) for n in rows],
        "can_edit": role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA),
    }
    return render(request, "awards/list.html", context)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


@capability_required(Capability.EDIT_PERSONAL_DATA)
def nomination_new(request: MemberRequest) -> HttpResponse:
    """Draft a nomination: the employee, the award, the characteristic."""
    form = NominationForm(request.POST or None, organisation_id=request.membership.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.create_nomination(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Ходатайство создано. Проверьте требования к награде.")
            return redirect("awards:detail", nomination.pk)
    return render(request, "awards/new.html", {"form": form})


def _detail(request: MemberRequest, nomination: Nomination, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    record_access(membership=request.membership, subject=nomination.employee, what=WHAT, request=request)
    today = timezone.localdate()
    awarded = services.awarded_entries([nomination])
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    actions = {name: form_class() for name, form_class in ACTION_FORMS.items()} if can_edit else {}
    actions.update(bound or {})
    context = {
        "nomination": nomination,
        "status": _status(nomination, awarded),
        "awarded": awarded.get(nomination.pk),
        "check": services.check_requirements(nomination.employee, nomination.award, today),
        "today": today,
        "forms": actions,
        "can_edit": can_edit,
    }
    return render(request, "awards/detail.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def nomination_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A nomination with the check of the award's requirements and, for HR, its next steps."""
    return _detail(request, get_nomination_for(request.membership, pk))


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def nomination_act(request: MemberRequest, pk: int, action: str) -> HttpResponse:
    """Send or refuse; a refused step shows the nomination again with the message on its field."""
    if action not in ACTION_FORMS:
        raise Http404
    nomination = get_nomination_for(request.membership, pk)
    form = ACTION_FORMS[action](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "send":
                services.send_nomination(actor=request.user, nomination=nomination, on=data["sent_on"],
                                         sent_to=data["sent_to"])  # fmt: skip
            else:
                services.refuse_nomination(actor=request.user, nomination=nomination, on=data["refused_on"],
                                           reason=data["reason"])  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, DONE[action])
            return redirect("awards:detail", nomination.pk)
    return _detail(request, nomination, {action: form})


@capability_required(Capability.VIEW_PERSONAL_DATA)
def nomination_print(request: MemberRequest, pk: int) -> HttpResponse:
    """The наградной лист as PDF: the nominee, their work and length of service, the characteristic."""
    nomination = get_nomination_for(request.membership, pk)
    today = timezone.localdate()
    context = {
        "organisation": request.membership.organisation,
        "nomination": nomination,
        "employee": nomination.employee,
        "check": services.check_requirements(nomination.employee, nomination.award, today),
        "today": today,
    }
    html = render_to_string("awards/print/award_sheet.html", context)
    try:
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect("awards:detail", nomination.pk)
    record_access(membership=request.membership, subject=nomination.employee, what=WHAT, request=request)
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    name = f"Наградной лист {nomination.employee.last_name}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
