"""Pages of the Council of prevention: its sittings, a sitting with its decisions, the protocol printed.

The sittings are the whole school's business: the roles that see every case read them (404 for a class
teacher, who sees the decisions on their students' case pages); the roles that keep prevention records
write them. A sitting and its decisions are saved with the changes they make to the cases, all or nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from kadry.core.access import membership_required
from kadry.core.http import MemberRequest
from kadry.prevention import printing, services
from kadry.prevention.access import get_sitting_for, keeper, sittings_for
from kadry.prevention.forms import BaseDecisionFormSet, SittingForm, decision_formset, open_cases
from kadry.prevention.models import CouncilSitting
from kadry.school import access_log
from kadry.school.access import keeps_prevention
from kadry.school.views.life import pdf_or_html, refused

SITTING = "Совет профилактики"
PROTOCOL = "Протокол Совета профилактики"


def _keeps(request: MemberRequest) -> bool:
    return keeps_prevention(request.membership)


@membership_required
@require_GET
def sittings(request: MemberRequest) -> HttpResponse:
    """The sittings, newest first, with how many decisions each took (no student named: nothing logged)."""
    rows = sittings_for(request.membership).annotate(decided=Count("decisions")).order_by("-date", "-pk")
    return render(request, "prevention/sittings.html", {"sittings": rows, "keeps": _keeps(request)})


def _put_refusal(formset: Any, error: ValidationError) -> None:
    index = getattr(error, "index", None)
    if index is not None and index < len(formset.forms):
        refused(formset.forms[index], error)
    else:
        formset._non_form_errors = formset.error_class(error.messages)


def _log_form(request: MemberRequest) -> None:
    # The decision form lists the students on the registers (its choice of open cases): logged.
    count = open_cases(request.membership.organisation_id).values("student_id").distinct().count()
    access_log.record_list_access(request, request.membership.organisation, f"{SITTING}: форма решений", count)


@membership_required
def sitting_new(request: MemberRequest) -> HttpResponse:
    """Record a sitting with its decisions (up to three at once; more on the sitting's page)."""
    sittings_for(request.membership)
    membership = keeper(request.membership)
    form = SittingForm(request.POST or None, initial={"date": timezone.localdate()})
    formset = decision_formset(request.POST or None, membership.organisation_id)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            sitting = services.hold_sitting(
                actor=request.user,
                organisation_id=membership.organisation_id,
                data=form.cleaned_data,
                decisions=formset.decisions(),
            )
        except services.DecisionRefused as error:
            _put_refusal(formset, error)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, f"{sitting} записан, решения применены к случаям учёта.")
            return redirect("prevention:sitting", sitting_pk=sitting.pk)
    _log_form(request)
    failed = request.method == "POST"
    data = {"form": form, "formset": formset}
    return render(request, "prevention/sitting_form.html", data, status=400 if failed else 200)


def _sitting_page(
    request: MemberRequest, sitting: CouncilSitting, status: int = 200, formset: BaseDecisionFormSet | None = None
) -> HttpResponse:
    context = printing.protocol_context(sitting, request.membership.organisation, timezone.localdate())
    access_log.record_list_access(
        request,
        request.membership.organisation,
        f"{SITTING}: {sitting}",
        len({d.case.student_id for d, _ in context["decisions"]}),
    )
    if formset is None and _keeps(request):
        formset = decision_formset(None, request.membership.organisation_id, extra=1)
    context |= {"formset": formset, "keeps": _keeps(request)}
    return render(request, "prevention/sitting.html", context, status=status)


@membership_required
def sitting_detail(request: MemberRequest, sitting_pk: int) -> HttpResponse:
    """A sitting: who attended, each decision with its case; a keeper adds a decision forgotten at first (POST)."""
    sitting = get_sitting_for(request.membership, sitting_pk)
    if request.method != "POST":
        return _sitting_page(request, sitting)
    if not _keeps(request):
        raise Http404
    formset = decision_formset(request.POST, request.membership.organisation_id)
    if formset.is_valid() and formset.decisions():
        try:
            services.add_decisions(actor=request.user, sitting=sitting, decisions=formset.decisions())
        except ValidationError as error:
            _put_refusal(formset, error)
        else:
            messages.success(request, "Решение записано и применено к случаю учёта.")
            return redirect("prevention:sitting", sitting_pk=sitting.pk)
    return _sitting_page(request, sitting, status=400, formset=formset)


@membership_required
@require_GET
def protocol_pdf(request: MemberRequest, sitting_pk: int) -> HttpResponse:
    """The protocol of the sitting, to print and sign."""
    sitting = get_sitting_for(request.membership, sitting_pk)
    context = printing.protocol_context(sitting, request.membership.organisation, timezone.localdate())
    students = len({d.case.student_id for d, _ in context["decisions"]})
    access_log.record_list_access(request, request.membership.organisation, f"{PROTOCOL}: {sitting}", students)
    return pdf_or_html(request, "prevention/print/protocol.html", context, f"protocol-{sitting.pk}")
