"""The staff registry: list with search and filters, creating a card."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.permissions import Capability
from kadry.staff.access import employees_for
from kadry.staff.forms import EmployeeFilterForm, EmployeeForm
from kadry.staff.models import Employee
from kadry.staff.queries import LIST_FIELDS, attach_placement
from kadry.staff.services import create_employee


@capability_required(Capability.VIEW_STAFF)
def employee_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    params = request.GET.copy()
    # Working staff by default: that is what the office browses nine times out of ten. A name typed
    # into the search is looked for among everyone, so a card just created is found at once.
    if not params.get("q", "").strip():
        params.setdefault("status", Employee.Status.WORKING)
    form = EmployeeFilterForm(params, organisation_id=membership.organisation_id)
    today = timezone.localdate()
    employees = employees_for(membership).only(*LIST_FIELDS)
    if form.is_valid():
        data = form.cleaned_data
        department = data["department"]
        employees = (
            employees.search(data["q"])
            .with_status(data["status"], today)
            .placed(department_id=department.pk if department else None, category=data["category"], on=today)
        )
    page = Paginator(employees, settings.KADRY_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = attach_placement(list(page.object_list), today)
    query = params.copy()
    query.pop("page", None)
    template = "staff/_employee_rows.html" if request.htmx else "staff/employee_list.html"
    return render(request, template, {"form": form, "page": page, "query": query.urlencode()})


@capability_required(Capability.EDIT_PERSONAL_DATA)
def employee_create(request: HttpRequest) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    form = EmployeeForm(request.POST or None, organisation_id=organisation_id)
    if request.method == "POST" and form.is_valid():
        employee = create_employee(actor=request.user, organisation_id=organisation_id, data=form.cleaned_data)
        messages.success(request, f"Карточка сотрудника {employee.full_name} создана.")
        return redirect("employee_card", pk=employee.pk)
    return render(request, "staff/employee_form.html", {"form": form}, status=400 if form.errors else 200)
