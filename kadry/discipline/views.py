"""Pages of labour discipline: the register of cases with their terms, opening a case, a case's page.

Thin: access helper → form → service → redirect. HR keeps the cases (EDIT_PERSONAL_DATA); whoever
reads personal data sees them; a case's page is written to the access log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kadry.absences.models import Absence
from kadry.core.access import capability_required, denied_as
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.models import Membership
from kadry.core.permissions import Capability, role_can
from kadry.discipline import sanctions, services
from kadry.discipline import terms as discipline_terms
from kadry.discipline.forms import ACTION_FORMS, ViolationForm
from kadry.discipline.models import Violation

STATUS_ORDER = (Violation.Status.OPEN, Violation.Status.SANCTIONED, Violation.Status.CLOSED)
CASE = "Дело о дисциплинарном проступке"  # what the access log says was opened
DONE = {
    "request": "Требование объяснения записано.",
    "receipt": "Объяснение записано.",
    "act": "Акт о непредоставлении объяснения записан.",
    "close": "Дело закрыто без взыскания.",
    "acquaintance": "Ознакомление с приказом записано.",
}


def get_violation_for(membership: Membership, pk: int) -> Violation:
    """Return the case ``pk`` of the membership's organisation with what its terms need; else 404, logged as denied."""
    with denied_as(Violation, pk):
        return get_object_or_404(
            Violation.objects.select_related("employee", "explanation", "sanction_item__order__journal"),
            organisation_id=membership.organisation_id,
            pk=pk,
        )


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, texts in error.message_dict.items():
            form.add_error(field if field in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def register(request: MemberRequest) -> HttpResponse:
    """The register of cases, open first, each with its terms (ТК РФ ст. 193)."""
    status = request.GET.get("status", "")
    cases = Violation.objects.filter(organisation_id=request.membership.organisation_id).select_related(
        "employee", "explanation", "sanction_item__order"
    )
    if status in Violation.Status.values:
        cases = cases.filter(status=status)
    # Open cases first (their terms run), then the sanctioned, then the closed; the latest first in each.
    rank = Case(*(When(status=value, then=Value(n)) for n, value in enumerate(STATUS_ORDER)), default=Value(9))
    rows = list(cases.order_by(rank, "-discovered_on", "-id"))
    terms = discipline_terms.register_terms(rows)
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    absences = (
        services.absences_without_case(request.membership.organisation_id, timezone.localdate()) if can_edit else []
    )
    return render(
        request,
        "discipline/register.html",
        {"rows": [(case, terms[case.pk]) for case in rows], "statuses": Violation.Status.choices, "status": status,
         "can_edit": can_edit, "absences": absences},
    )  # fmt: skip


@capability_required(Capability.EDIT_PERSONAL_DATA)
def new(request: MemberRequest) -> HttpResponse:
    """Open a case: the employee, the misconduct, who discovered it and when."""
    organisation_id = request.membership.organisation_id
    form = ViolationForm(request.POST or None, organisation_id=organisation_id, initial=_from_absence(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_violation(
                actor=request.user, organisation_id=organisation_id, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Дело открыто. Затребуйте письменное объяснение (ТК РФ ст. 193 ч. 1).")
            return redirect("discipline:detail", case.pk)
    return render(request, "discipline/new.html", {"form": form})


def _from_absence(request: MemberRequest) -> dict[str, Any]:
    """Return the form's initial values for a case opened from an absence of the register (``?absence=``)."""
    pk = request.GET.get("absence", "")
    if not pk.isdigit():
        return {}
    absence = get_object_or_404(Absence, organisation_id=request.membership.organisation_id, pk=int(pk))
    return {"absence": absence.pk, "employee": absence.employee_id, "committed_on": absence.start,
            "description": services.misconduct_wording(absence)}  # fmt: skip


def _detail(request: MemberRequest, case: Violation, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    record_access(membership=request.membership, subject=case.employee, what=CASE, request=request)
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    actions: dict[str, Any] = {}
    if can_edit:
        actions = {name: form_class() for name, form_class in ACTION_FORMS.items()}
        actions.update(bound or {})
    return render(
        request,
        "discipline/detail.html",
        {"case": case, "terms": discipline_terms.terms_of(case), "can_edit": can_edit, "forms": actions,
         "sanction": sanctions.case_sanction(case, timezone.localdate()),
         "explanation": case.explanation if discipline_terms.has_explanation(case) else None},
    )  # fmt: skip


@capability_required(Capability.VIEW_PERSONAL_DATA)
def detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A case with its terms and, for HR, the forms of its next steps."""
    return _detail(request, get_violation_for(request.membership, pk))


@capability_required(Capability.EDIT_PERSONAL_DATA)
@require_POST
def act(request: MemberRequest, pk: int, action: str) -> HttpResponse:
    """Record one step of a case; a refused step shows the case again with the message on its field."""
    if action not in ACTION_FORMS:
        raise Http404
    case = get_violation_for(request.membership, pk)
    form = ACTION_FORMS[action](request.POST, request.FILES)
    if form.is_valid():
        data, today = form.cleaned_data, timezone.localdate()
        try:
            _perform(request, case, action, data, today)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, DONE[action])
            return redirect("discipline:detail", case.pk)
    return _detail(request, case, {action: form})


def _perform(request: MemberRequest, case: Violation, action: str, data: dict[str, Any], today: Any) -> None:
    actor = request.user
    if action == "request":
        services.request_explanation(actor=actor, violation=case, requested_on=data["requested_on"], today=today)
    elif action == "receipt":
        services.record_explanation(
            actor=actor, violation=case, received_on=data["received_on"], text=data["text"],
            attachment=data["attachment"], today=today,
        )  # fmt: skip
    elif action == "act":
        services.record_non_provision_act(actor=actor, violation=case, act_on=data["act_on"], today=today)
    elif action == "close":
        services.close_without_sanction(actor=actor, violation=case, reason=data["reason"])
    else:
        services.record_acquaintance(
            actor=actor, violation=case, acquainted_on=data["acquainted_on"], refusal_act_on=data["refusal_act_on"],
            today=today,
        )  # fmt: skip
