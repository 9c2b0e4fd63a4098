"""The registry of a centralised HR service across the schools it serves (issue 14, «Many schools»).

One list with a school column, searched and filtered as a school's registry is (the same form fields,
``registry_params`` and ``EmployeeQuerySet.registry``). A region's service keeps thousands of
employees, so the page never counts them all: it is cut by position (keyset: the page's rows and one
more, after or before a known row, ``kadry.lib.pagination.keyset_page``) along the index
``employee_name_idx``, and the number found is counted only up to ``COUNTED``.

A card opens in its school: the user acts there through their own membership in that school, which
becomes the current one as the organisation switcher makes it, and the card writes the school's
access log as any card does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from kadry.core.access import SESSION_KEY
from kadry.core.http import KadryRequest
from kadry.lib.pagination import capped_count, keyset_page
from kadry.lib.urls import url_by_pk
from kadry.staff.access import (
    card_membership,
    get_serviced_employee_for,
    serviced_schools_for,
    serviced_schools_query,
)
from kadry.staff.forms import ServicedRegistryFilterForm
from kadry.staff.models import Employee
from kadry.staff.models.employee import EmployeeQuerySet
from kadry.staff.views.registry import EmployeeRow, employee_rows, registry_params

# The order of the list and of its keyset: the name, then the id to make it unique (the index
# ``employee_name_idx`` serves it across schools).
ORDER = ("last_name", "first_name", "middle_name", "id")
# The number found is counted up to this many: a bounded scan, then «более 1 000».
COUNTED = 1000
# The columns of a row: the id first (the keyset's cursor), the school, then ``ROW_FIELDS`` after the id.
SERVICED_ROW_FIELDS = ("id", "organisation_id", "personnel_number", "last_name", "first_name", "middle_name")
CURSORS = ("after", "before")


class ServicedEmployeeRow(EmployeeRow):
    school: str


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _cursor_key(served: EmployeeQuerySet, pk: int | None) -> tuple[Any, ...] | None:
    """Return the sort key of the row ``pk`` of a served school (a page starts after or before it), else None."""
    if pk is None:
        return None
    return served.filter(pk=pk).values_list(*ORDER).order_by().first()


@login_required
def serviced_employee_list(request: KadryRequest) -> HttpResponse:
    schools = serviced_schools_for(request.memberships)
    # Every school's rows through a subquery of the served schools: no thousand ids bound as parameters.
    served = Employee.objects.filter(organisation__in=serviced_schools_query(request.memberships).values("pk"))
    today = timezone.localdate()
    params = registry_params(request.GET)
    form = ServicedRegistryFilterForm(params, schools=list(schools.items()))
    employees = Employee.objects.none()
    if form.is_valid():
        chosen = form.cleaned_data["school"]
        employees = Employee.objects.filter(organisation_id=chosen) if chosen else served
        employees = employees.registry(form.cleaned_data, today)
    after = _cursor_key(served, _int(request.GET.get("after")))
    before = None if after else _cursor_key(served, _int(request.GET.get("before")))
    page = keyset_page(
        employees.values_list(*SERVICED_ROW_FIELDS), ORDER, settings.KADRY_PAGE_SIZE, after=after, before=before
    )
    if page.has_other_pages:
        found, more = capped_count(employees, COUNTED)
    else:
        found, more = len(page.rows), False  # the one page holds them all: nothing to count
    # Cards open in the schools where the user holds a membership that reads them (their memberships are loaded).
    memberships = request.memberships
    openable = {m.organisation_id for m in memberships if card_membership(memberships, m.organisation_id) is not None}
    school_of = {row[0]: row[1] for row in page.rows}
    open_url = url_by_pk("serviced_employee_open")
    rows = employee_rows(
        set(school_of.values()),
        [(pk, *rest) for pk, _school, *rest in page.rows],
        today,
        href=lambda pk: open_url(pk) if school_of[pk] in openable else "",
    )
    context = {
        "rows": [
            ServicedEmployeeRow(**row, school=schools[school_of[pk]])
            for row, (pk, *_rest) in zip(rows, page.rows, strict=True)
        ],
        "page": page,
        "found": found,
        "more": more,
        "found_text": ("более " if more else "") + f"{found:,}".replace(",", "\u00a0"),  # «более 1 000»
        "query": _query(params),
        "schools_without_access": bool(set(schools) - openable),
    }
    if request.htmx:
        return render(request, "staff/_serviced_employee_rows.html", context)
    return render(request, "staff/serviced_employee_list.html", {**context, "form": form})


def _query(params: Any) -> str:
    query = params.copy()
    for name in (*CURSORS, "page"):
        query.pop(name, None)
    return query.urlencode()


@login_required
def serviced_employee_open(request: KadryRequest, pk: int) -> HttpResponse:
    """Open the card of a served school's employee in that school: act in the user's membership there
    (as the organisation switcher does) and show the card, which logs the opening in the school's log.

    It changes whom the session acts for, so only a form sends it (POST with the CSRF token), as the
    switcher; a GET answers 405 to those who may send it and 404 to the others.
    """
    employee, membership = get_serviced_employee_for(request.memberships, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.membership is None or request.membership.pk != membership.pk:
        request.session[SESSION_KEY] = membership.pk
        messages.info(
            request,
            f"Вы работаете в организации «{membership.organisation}» как {membership.get_role_display().lower()}.",
        )
    return redirect("employee_card", pk=employee.pk)
