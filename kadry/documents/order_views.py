"""Printing orders (Т-1 … Т-11 and free-form orders), СТД-Р and the certificate of length of service."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.audit import record_access
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability
from kadry.documents import order_contexts, order_print_data, services
from kadry.documents.record_contexts import service_certificate_context, work_record_extract_context
from kadry.documents.views import DOCUMENT_FAILURES, _download, _unavailable
from kadry.employment.models import WorkRecordEvent
from kadry.employment.seniority import length_of_service_on, sources_for_employee
from kadry.orders.access import orders_for
from kadry.staff.access import get_employee_for

WORK_RECORD_EXTRACT = "work_record_extract"
WORK_RECORD_EXTRACT_ACCESS = "СТД-Р"
SERVICE_CERTIFICATE = "service_certificate"
SERVICE_CERTIFICATE_ACCESS = "Справка о стаже"


@capability_required(Capability.VIEW_ORDERS)
def order_print(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Download an order as DOCX or PDF on its form: Т-1, Т-1а, … by its kind and number of items."""
    order = order_print_data.order_for_print(orders_for(request.membership), pk)
    items = order_print_data.order_items(order)
    form = order_contexts.print_form(order, len(items))
    context = order_contexts.order_context(
        order, items, order_print_data.load_print_data(order, items), organisation=order.organisation
    )
    number = order.display_number if order.number is not None else "проект"
    try:
        rendered = services.render(
            form.kind,
            context,
            fmt,
            organisation_id=order.organisation_id,
            filename=services.file_stem(form.code or "Приказ", number, order.date.isoformat()),
        )
    except DOCUMENT_FAILURES as error:
        return _unavailable(request, error)
    # An order carries its employees' data (terms, grounds, pay): its print is logged with the order as subject.
    what = f"{services.ORDER_PRINT} ({fmt.upper()})"
    record_access(membership=request.membership, subject=order, what=what, request=request)
    return _download(rendered)


class PeriodForm(forms.Form):
    """The period of СТД-Р: from the first record when ``start`` is empty, to today when ``end`` is."""

    start = forms.DateField(required=False)
    end = forms.DateField(required=False)

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("Начало периода позже его окончания.")
        return data


def _bad_request(form: forms.Form) -> HttpResponse:
    messages = [str(message) for errors in form.errors.values() for message in errors]
    text = "Неверные параметры: даты указываются в формате ГГГГ-ММ-ДД. " + " ".join(messages)
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


@capability_required(Capability.VIEW_PERSONAL_DATA)
def work_record_extract(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Download СТД-Р of an employee for ``?start=&end=`` (logged as an opening of personal data)."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    today = timezone.localdate()
    start, end = form.cleaned_data["start"], form.cleaned_data["end"] or today
    events = WorkRecordEvent.objects.filter(
        organisation_id=membership.organisation_id, employee=employee, date__lte=end
    ).order_by("date", "id")
    if start is not None:
        events = events.filter(date__gte=start)
    context = work_record_extract_context(
        employee, organisation=membership.organisation, events=events, start=start, end=end, issued_on=today
    )
    try:
        rendered = services.render(
            WORK_RECORD_EXTRACT,
            context,
            fmt,
            organisation_id=membership.organisation_id,
            filename=services.employee_file_stem("СТД-Р", employee),
        )
    except DOCUMENT_FAILURES as error:
        return _unavailable(request, error)
    record_access(membership=membership, subject=employee, what=WORK_RECORD_EXTRACT_ACCESS, request=request)
    return _download(rendered)


class OnDateForm(forms.Form):
    on = forms.DateField(required=False)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_on(self) -> dt.date:
        on = self.cleaned_data["on"] or self.today
        if on > self.today:
            raise forms.ValidationError("Дата справки не может быть в будущем.")
        return on


@capability_required(Capability.VIEW_PERSONAL_DATA)
def service_certificate(request: MemberRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Download the certificate of length of service on ``?on=`` (today by default), logged."""
    membership = request.membership
    employee = get_employee_for(membership, pk)
    today = timezone.localdate()
    form = OnDateForm(request.GET, today=today)
    if not form.is_valid():
        return _bad_request(form)
    sources = sources_for_employee(employee)
    service = length_of_service_on(sources, form.cleaned_data["on"])
    context = service_certificate_context(
        employee, organisation=membership.organisation, sources=sources, service=service, issued_on=today
    )
    try:
        rendered = services.render(
            SERVICE_CERTIFICATE,
            context,
            fmt,
            organisation_id=membership.organisation_id,
            filename=services.employee_file_stem("Справка_о_стаже", employee),
        )
    except DOCUMENT_FAILURES as error:
        return _unavailable(request, error)
    record_access(membership=membership, subject=employee, what=SERVICE_CERTIFICATE_ACCESS, request=request)
    return _download(rendered)
