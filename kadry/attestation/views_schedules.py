"""Pages of the attestation schedules: the list, a schedule made from the due list, its printouts and the
acquaintance sheet. The shared helpers (the access log, the PDF and DOCX answers) are in ``views``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from kadry.attestation import printing, queries, rules, services
from kadry.attestation.forms import ScheduleForm
from kadry.attestation.models import Attestation, Commission, Schedule
from kadry.attestation.views import SCHEDULE, add_errors, chosen_period, docx_response, log_opened, pdf_response
from kadry.core.access import capability_required, denied_as
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedules(request: MemberRequest) -> HttpResponse:
    """The schedules of the school years with their counts, and the commissions."""
    organisation_id = request.membership.organisation_id
    found = (
        Schedule.objects.filter(organisation_id=organisation_id)
        .select_related("commission")
        .annotate(count=Count("attestations"))
    )
    commissions = Commission.objects.filter(organisation_id=organisation_id).annotate(count=Count("members"))
    return render(request, "attestation/schedules.html", {"schedules": found, "commissions": commissions,
                  "can_edit": role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)})  # fmt: skip


@capability_required(Capability.EDIT_PERSONAL_DATA)
def schedule_new(request: MemberRequest) -> HttpResponse:
    """Make the schedule from the due list of the period: the workers ticked, each with the day of their attestation."""
    organisation_id = request.membership.organisation_id
    start, end = chosen_period(request)
    today = timezone.localdate()
    rows = [row for row in queries.due_list(organisation_id, start, end) if row.can_schedule]
    form = ScheduleForm(request.POST or None, organisation_id=organisation_id,
                        initial={"school_year": rules.school_year_of(start), "order_date": today})  # fmt: skip
    ticked: set[int] = set()
    planned: dict[int, str] = {}
    for row in rows:
        planned[row.employee.pk] = request.POST.get(f"planned_{row.employee.pk}") or f"{max(row.due, start):%Y-%m-%d}"
    if request.method == "POST":
        ticked = {int(pk) for pk in request.POST.getlist("employee") if pk.isdigit()}
        if form.is_valid():
            try:
                entries = []
                for row in rows:
                    if row.employee.pk in ticked:
                        try:
                            day = dt.date.fromisoformat(planned[row.employee.pk])
                        except ValueError as error:
                            raise ValidationError(
                                {"employees": f"{row.employee.short_name}: дата аттестации?"}
                            ) from error
                        entries.append((row.employee, row.position, day))
                schedule = services.create_schedule(actor=request.user, organisation_id=organisation_id,
                                                    entries=entries, **form.cleaned_data)  # fmt: skip
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, "График составлен. Ознакомьте работников под подпись не менее чем за 30 дней."
                )
                return redirect("attestation:schedule", schedule.pk)
    log_opened(
        request, request.membership.organisation, f"{queries.DUE_WHAT} {start:%d.%m.%Y}–{end:%d.%m.%Y}: {len(rows)}"
    )
    status = 422 if request.method == "POST" else 200
    return render(request, "attestation/schedule_new.html",
                  {"form": form, "rows": rows, "ticked": ticked, "planned": planned, "start": start, "end": end},
                  status=status)  # fmt: skip


def get_schedule_for(request: MemberRequest, pk: int) -> Schedule:
    with denied_as(Schedule, pk):
        return get_object_or_404(
            Schedule.objects.select_related("commission"), organisation_id=request.membership.organisation_id, pk=pk
        )


def _schedule_rows(schedule: Schedule) -> list[tuple[Attestation, bool, dt.date]]:
    rows = schedule.attestations.select_related("employee").order_by("planned_on", "employee__last_name", "id")
    return [(row, bool(row.acquainted_on and rules.acquaintance_short(row.acquainted_on, row.planned_on)),
             rules.acquaintance_due(row.planned_on)) for row in rows]  # fmt: skip


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule(request: MemberRequest, pk: int) -> HttpResponse:
    """A schedule: each worker, the day, the acquaintance (warned when under 30 days) and how far it went."""
    found = get_schedule_for(request, pk)
    rows = _schedule_rows(found)
    log_opened(request, request.membership.organisation, f"{SCHEDULE} {found.school_year_label}")
    return render(request, "attestation/schedule.html", {"schedule": found, "rows": rows,
                  "today": timezone.localdate()})  # fmt: skip


def _schedule_name(schedule: Schedule) -> str:
    return schedule.school_year_label.replace("/", "-")


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The schedule as PDF: the list of workers and the days of their attestation."""
    found = get_schedule_for(request, pk)
    rows = _schedule_rows(found)
    log_opened(request, request.membership.organisation, f"{SCHEDULE} {found.school_year_label} (PDF)")
    members = list(found.commission.members.all())
    return pdf_response(
        request,
        "attestation/print/schedule.html",
        {"schedule": found, "rows": rows, "members": members},
        f"График аттестации {_schedule_name(found)}",
    )


@capability_required(Capability.VIEW_PERSONAL_DATA)
def schedule_docx(request: MemberRequest, pk: int) -> HttpResponse:
    """The schedule as DOCX, the same list as the PDF."""
    found = get_schedule_for(request, pk)
    rows = [row for row, _short, _due in _schedule_rows(found)]
    log_opened(request, request.membership.organisation, f"{SCHEDULE} {found.school_year_label} (DOCX)")
    content = printing.schedule_docx(
        request.membership.organisation.name, found, rows, list(found.commission.members.all())
    )
    return docx_response(content, f"График аттестации {_schedule_name(found)}")


@capability_required(Capability.VIEW_PERSONAL_DATA)
def acquaintance_sheet(request: MemberRequest, pk: int, fmt: str) -> HttpResponse:
    """The sheet the workers sign when they read the schedule, as PDF or DOCX."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    found = get_schedule_for(request, pk)
    rows = _schedule_rows(found)
    log_opened(request, request.membership.organisation,
         f"{printing.ACQUAINTANCE_SHEET} {found.school_year_label} ({fmt.upper()})")  # fmt: skip
    name = f"{printing.ACQUAINTANCE_SHEET} {_schedule_name(found)}"
    if fmt == "docx":
        content = printing.acquaintance_docx(
            request.membership.organisation.name, found, [row for row, _short, _due in rows]
        )
        return docx_response(content, name)
    return pdf_response(request, "attestation/print/acquaintance.html", {"schedule": found, "rows": rows}, name)
