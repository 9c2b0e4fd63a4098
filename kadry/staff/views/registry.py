"""The staff registry: list with search and filters, creating a card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypedDict

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.lib.pagination import OneQueryPaginator
from kadry.lib.urls import url_by_pk
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.access import employees_for
from kadry.staff.forms import EmployeeFilterForm, EmployeeForm
from kadry.staff.models import Employee, full_name
from kadry.staff.models.employee import EmployeeQuerySet
from kadry.staff.queries import NOWHERE, placements_of
from kadry.staff.services import create_employee


class EmployeeRow(TypedDict):
    """What a row of the registry shows, ready to print (a dict: the template reads it without attribute lookups)."""

    number: str
    href: str  # empty when the user may not open cards
    name: str
    position: str
    department: str
    status: SafeString  # the status tag


# The tag of each status; «—» stands for an empty position or department.
STATUS_TAGS: dict[str, SafeString] = {
    Employee.Status.WORKING: mark_safe('<span class="tag ok">работает</span>'),  # nosec B308 # constant markup, no input in it
    Employee.Status.DISMISSED: mark_safe('<span class="tag muted">уволен</span>'),  # nosec B308 # constant markup, no input in it
    Employee.Status.NOT_HIRED: mark_safe('<span class="tag warn">не оформлен</span>'),  # nosec B308 # constant markup, no input in it
}
# The columns a registry row shows (see ``LIST_FIELDS`` for the API's and reports' instances).
ROW_FIELDS = ("id", "personnel_number", "last_name", "first_name", "middle_name")
REGISTRY_EXPORT = "Список сотрудников"


def employee_rows(
    organisation_ids: Iterable[int],
    employees: Iterable[tuple[int, str, str, str, str]],
    on: dt.date,
    *,
    href: Callable[[int], str] | None,
) -> list[EmployeeRow]:
    """Return the rows of a page of employees (tuples of ``ROW_FIELDS``) of the organisations, placed on ``on``
    with one query; ``href`` gives a row's link (none: the user may not open cards)."""
    employees = list(employees)
    placements = placements_of(organisation_ids, [employee[0] for employee in employees], on)
    rows = []
    for pk, number, last_name, first_name, middle_name in employees:
        placement = placements.get(pk, NOWHERE)
        rows.append(
            EmployeeRow(
                number=number,
                href=href(pk) if href is not None else "",
                name=full_name(last_name, first_name, middle_name),
                position=placement.position_name or "—",
                department=placement.department_name or "—",
                status=STATUS_TAGS[placement.status],
            )
        )
    return rows


def registry_params(query: QueryDict) -> QueryDict:
    """Return a registry's effective parameters: working staff unless a name is searched.

    Working staff by default: that is what the office browses nine times out of ten. A name typed
    into the search is looked for among everyone, so a card just created is found at once.
    """
    params = query.copy()
    if not params.get("q", "").strip():
        params.setdefault("status", Employee.Status.WORKING)
    return params


def _filtered(request: MemberRequest, today: dt.date) -> tuple[EmployeeFilterForm, QueryDict, EmployeeQuerySet]:
    """Return the registry's filter form, its effective parameters and the employees it keeps.

    The page and its XLSX export share it, so the file holds exactly what the page shows.
    """
    membership = request.membership
    params = registry_params(request.GET)
    form = EmployeeFilterForm(params, organisation_id=membership.organisation_id)
    employees = employees_for(membership)
    if form.is_valid():
        employees = employees.registry(form.cleaned_data, today)
    return form, params, employees


@capability_required(Capability.VIEW_STAFF)
def employee_list(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    today = timezone.localdate()
    form, params, employees = _filtered(request, today)
    rows = employees.values_list(*ROW_FIELDS)
    page = OneQueryPaginator(rows, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    href = url_by_pk("employee_card") if role_can(membership.role, Capability.VIEW_PERSONAL_DATA) else None
    page.object_list = employee_rows([membership.organisation_id], page.object_list, today, href=href)
    query = params.copy()
    query.pop("page", None)
    context = {"page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "staff/_employee_rows.html", context)
    return render(request, "staff/employee_list.html", {**context, "form": form})


EXPORT_HEADERS = ("Таб. №", "Фамилия, имя, отчество", "Должность", "Подразделение", "Статус")


@capability_required(Capability.VIEW_STAFF)
@reads_from_replica
def employee_list_export(request: MemberRequest) -> HttpResponse:
    """Download the registry as filtered on the page (every row, not one page) as XLSX."""
    membership = request.membership
    today = timezone.localdate()
    _form, _params, employees = _filtered(request, today)
    employees_list = list(employees.values_list(*ROW_FIELDS))
    placements = placements_of([membership.organisation_id], [employee[0] for employee in employees_list], today)
    rows = []
    for pk, number, last_name, first_name, middle_name in employees_list:
        placement = placements.get(pk, NOWHERE)
        rows.append(
            (
                number,
                full_name(last_name, first_name, middle_name),
                placement.position_name or "",
                placement.department_name or "",
                str(Employee.Status(placement.status).label),
            )
        )
    # A copy of the registry leaves the system: logged as a showing of the staff's data (152-ФЗ ст. 19).
    what = f"{REGISTRY_EXPORT} на {today:%d.%m.%Y} (XLSX): {len(rows)} сотр."
    record_access(membership=membership, subject=membership.organisation, what=what, request=request)
    content = table_to_xlsx(f"Сотрудники на {today:%d.%m.%Y}", EXPORT_HEADERS, rows)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="employees-{today:%Y-%m-%d}.xlsx"'
    return response


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_create(request: MemberRequest) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    form = EmployeeForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        employee = create_employee(actor=request.user, organisation_id=organisation_id, data=form.cleaned_data)
        messages.success(request, f"Карточка сотрудника {employee.full_name} создана.")
        return redirect("employee_card", pk=employee.pk)
    return render(request, "staff/employee_form.html", {"form": form}, status=400 if form.errors else 200)
