"""Pages of mandatory training and documents: the expiry register with its export, recording one done,
the notices to employees, the kinds a school adds.

Thin: filters → ``queries`` → a table or a file; form → ``services`` → redirect. The register lists
named employees: it and its files are written to the access log (the organisation as subject), a
notice to the employee it names.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.memory import remembered
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.urls import url_by_pk
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.obligations import queries, rules, services
from kadry.obligations.forms import RecordForm, RegisterFilterForm, SchoolKindForm
from kadry.obligations.models import SchoolKind
from kadry.staff.access import get_employee_for

XLSX_HEADERS = ("Сотрудник", "Табельный номер", "Подразделение", "Должность", "Вид", "Последнее", "Документ",
                "Срок", "Состояние", "Основание")  # fmt: skip
NOTICE_WHAT = "Уведомление о необходимости пройти обучение (представить документ)"


def _filters(request: MemberRequest) -> tuple[RegisterFilterForm, dict[str, Any]]:
    organisation_id = request.membership.organisation_id
    form = RegisterFilterForm(request.GET or None, organisation_id=organisation_id)
    values: dict[str, Any] = {"on": timezone.localdate(), "kind": "", "department": None, "state": "",
                              "days": rules.DUE_SOON_DAYS}  # fmt: skip
    if form.is_valid():
        values.update({key: value for key, value in form.cleaned_data.items() if value not in (None, "")})
    return form, values


def _register(request: MemberRequest, values: dict[str, Any]) -> tuple[list[rules.Kind], list[queries.RegisterRow]]:
    """Return the register as filtered, computed at most once per state of the school's data (every
    employee's every kind: thirteen queries and the rules over them; ``kadry.core.memory``)."""
    organisation_id = request.membership.organisation_id
    department_id = values["department"].pk if values["department"] else None
    filters = (values["on"].isoformat(), values["kind"], department_id, values["state"], values["days"])
    return remembered(
        "obligations-register", [organisation_id], filters,
        lambda: queries.register(organisation_id, values["on"], kind=values["kind"], department_id=department_id,
                                 state=values["state"], soon_days=values["days"]),
    )  # fmt: skip


def _log(request: MemberRequest, what: str) -> None:
    membership = request.membership
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def register(request: MemberRequest) -> HttpResponse:
    """The expiry register on a date: each employee's required kinds, the most urgent first, by pages, with filters."""
    form, values = _filters(request)
    kinds, rows = _register(request, values)
    _log(request, f"{queries.ACCESS_LOG_WHAT} на {values['on']:%d.%m.%Y}: {len(rows)} строк")
    page = Paginator(rows, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    card, notice = url_by_pk("employee_card"), url_by_pk("obligations:notice")
    linked = [(row, card(row.employee.pk), notice(row.employee.pk)) for row in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "on": values["on"], "page": page, "rows": linked, "total": len(rows), "kinds": kinds,
        "query": query.urlencode(), "record_url": reverse("obligations:record"),
        "overdue": sum(row.obligation.overdue for row in rows), "labels": rules.STATE_LABELS,
        "can_edit": role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA),
    }  # fmt: skip
    return render(request, "obligations/register.html", context)


@capability_required(Capability.VIEW_PERSONAL_DATA)
def register_xlsx(request: MemberRequest) -> HttpResponse:
    """The register as filtered, as XLSX."""
    _form, values = _filters(request)
    _kinds, rows = _register(request, values)
    cells = [
        (row.employee.full_name, row.employee.personnel_number, row.placement.department_name or "",
         row.placement.position_name or "", row.obligation.kind.name, row.obligation.last, row.obligation.document,
         row.obligation.due, rules.STATE_LABELS[row.obligation.state], row.obligation.kind.source)
        for row in rows
    ]  # fmt: skip
    content = table_to_xlsx("Сроки обучения и документов", XLSX_HEADERS, cells)
    _log(request, f"{queries.ACCESS_LOG_WHAT} на {values['on']:%d.%m.%Y} (XLSX): {len(rows)} строк")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"Сроки обучения и документов {values['on']:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@capability_required(Capability.EDIT_PERSONAL_DATA)
def record(request: MemberRequest) -> HttpResponse:
    """Record a training completed, an examination passed or a document presented (from the register or the card)."""
    organisation_id = request.membership.organisation_id
    initial = {"employee": request.GET.get("employee"), "kind": request.GET.get("kind"),
               "completed_on": timezone.localdate()}  # fmt: skip
    form = RecordForm(request.POST or None, initial=initial, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_obligation(
                actor=request.user, organisation_id=organisation_id, employee=data["employee"], kind=data["kind"],
                completed_on=data["completed_on"], valid_until=data["valid_until"], document=data["document"],
                note=data["note"], today=timezone.localdate(),
            )  # fmt: skip
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            messages.success(request, f"Записано: {data['employee'].short_name}.")
            back = request.POST.get("next", "")
            return redirect(back if back.startswith("/") and not back.startswith("//") else "obligations:register")
    status = 422 if request.method == "POST" else 200
    return render(request, "obligations/record.html", {"form": form, "next": request.GET.get("next", "")},
                  status=status)  # fmt: skip


@capability_required(Capability.VIEW_PERSONAL_DATA)
def notice(request: MemberRequest, pk: int) -> HttpResponse:
    """The notice to an employee of what is overdue or coming (PDF): «уведомление о необходимости пройти …»."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    on = timezone.localdate()
    found = queries.for_employee(employee, on)
    items = [item for item in found.items if item.required and item.state != rules.State.VALID]
    html = render_to_string(
        "obligations/print/notice.html",
        {"organisation": membership.organisation, "employee": employee, "items": items, "on": on},
    )
    try:
        content = render_pdf(html, base_url=str(settings.BASE_DIR))
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('employee_card', args=[employee.pk])}?tab=obligations")
    record_access(membership=membership, subject=employee, what=NOTICE_WHAT, request=request)
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    name = f"Уведомление {employee.last_name} {on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@capability_required(Capability.VIEW_PERSONAL_DATA)
def kinds(request: MemberRequest) -> HttpResponse:
    """The kinds in force in the school with their periods and sources; HR adds the school's own."""
    organisation_id = request.membership.organisation_id
    can_edit = role_can(request.membership.role, Capability.EDIT_PERSONAL_DATA)
    form = SchoolKindForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_school_kind(
                    actor=request.user, organisation_id=organisation_id, builtin=data["builtin"], name=data["name"],
                    period_months=data["period_months"], applies_to=data["applies_to"], basis=data["basis"],
                )  # fmt: skip
            except ValidationError as error:
                for field, texts in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, texts)
            else:
                messages.success(request, "Вид добавлен.")
                return redirect("obligations:kinds")
    own = SchoolKind.objects.filter(organisation_id=organisation_id)
    context = {"kinds": queries.kinds_of(organisation_id), "form": form, "can_edit": can_edit, "own": own.count()}
    return render(request, "obligations/kinds.html", context, status=422 if form.errors else 200)
