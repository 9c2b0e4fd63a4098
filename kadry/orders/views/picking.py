"""The employee picker of the order wizard: the employees who fit the draft's kind, found as one types."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import Http404, HttpResponse

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.orders.access import get_order_for
from kadry.orders.fields import EMPTY_PICK, PICKER_FIELDS, PICKER_LIMIT, employee_label, fitting_employees, matching
from kadry.orders.models import Order

EMPLOYEE_SEARCH = "Поиск сотрудника для приказа"
NOBODY_FOUND = "— никого не нашлось —"


@capability_required(Capability.DRAFT_ORDERS)
def employee_search(request: MemberRequest, pk: int) -> HttpResponse:
    """Return the item form's employee select with the fitting employees the query names (at most PICKER_LIMIT)."""
    membership = request.membership
    order = get_order_for(membership, pk, Capability.DRAFT_ORDERS)
    if order.kind == Order.Kind.CANCELLATION:
        raise Http404  # a cancellation names no employees
    try:
        on = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        on = order.date
    query = request.GET.get("q", "")[:100]
    fitting = fitting_employees(
        order.organisation_id, order.kind, on=on, employment_kind=request.GET.get("employment_kind", "")
    )
    found = list(matching(fitting, query).only(*PICKER_FIELDS)[:PICKER_LIMIT])
    # The names shown are personal data (152-ФЗ ст. 19): the search is logged like the draft it serves.
    what = f"{EMPLOYEE_SEARCH}: «{query.strip()}», показано {len(found)}"
    record_access(membership=membership, subject=order, what=what, request=request)
    choices = [("", EMPTY_PICK if found else NOBODY_FOUND), *((e.pk, employee_label(e)) for e in found)]
    select = forms.Select(choices=choices).render(
        "employee", request.GET.get("employee", ""), attrs={"id": "id_employee", "required": True}
    )
    return HttpResponse(select)
