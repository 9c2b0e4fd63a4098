"""Departments, positions and the staffing table (Т-3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypedDict, cast

from django.contrib import messages
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kadry.core.access import capability_required
from kadry.core.db_router import reads_from_replica
from kadry.core.http import MemberRequest
from kadry.core.permissions import Capability, role_can
from kadry.lib.documents import PDF_CONTENT_TYPE, PdfUnavailableError, render_pdf
from kadry.lib.numbers import decimal_text
from kadry.lib.urls import url_by_pk
from kadry.lib.xlsx import XLSX_CONTENT_TYPE, table_to_xlsx
from kadry.staff.access import structure_for
from kadry.staff.forms import DepartmentForm, PositionForm, StaffingUnitForm
from kadry.staff.models import Department, Position, StaffingUnit
from kadry.staff.queries import StaffingTableSection, department_tree, staffing_table
from kadry.staff.rules import StaffingTotals
from kadry.staff.services import save_structure_object

# kind in the URL → (model, form, title of the form page)
STRUCTURE_KINDS = {
    "departments": (Department, DepartmentForm, "Структурное подразделение"),
    "positions": (Position, PositionForm, "Должность"),
    "staffing-units": (StaffingUnit, StaffingUnitForm, "Штатная единица"),
}


@capability_required(Capability.VIEW_STRUCTURE)
def structure(request: MemberRequest) -> HttpResponse:
    organisation_id = request.membership.organisation_id
    # A position's staffing units are the rates of its lines summed over departments (as Т-3 counts
    # them: «количество штатных единиц»), not the number of lines it appears on.
    positions = list(
        Position.objects.filter(organisation_id=organisation_id)
        .annotate(rates=Coalesce(Sum("staffingunit__rates"), Value(Decimal("0")), output_field=DecimalField()))
        .order_by("category", "name")
    )
    for position in positions:
        cast(Any, position).units_text = decimal_text(position.rates, trim=True)  # read by the template
    return render(
        request,
        "staff/structure.html",
        {
            "departments": department_tree(organisation_id),
            "positions": positions,
            "can_edit": role_can(request.membership.role, Capability.EDIT_STRUCTURE),
        },
    )


@capability_required(Capability.EDIT_STRUCTURE)
def structure_edit(request: MemberRequest, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in STRUCTURE_KINDS:
        raise Http404
    model, form_class, title = STRUCTURE_KINDS[kind]
    membership = request.membership
    instance = structure_for(membership, model, pk, Capability.EDIT_STRUCTURE) if pk else None
    form = form_class(request.POST or None, instance=instance, organisation_id=membership.organisation_id)
    if request.method == "POST" and form.is_valid():
        saved = save_structure_object(
            actor=request.user,
            instance=form.instance,
            data={name: form.cleaned_data[name] for name in form._meta.fields or ()},
        )
        messages.success(request, f"Сохранено: {saved}.")
        return redirect("staffing_table" if kind == "staffing-units" else "structure")
    context = {"form": form, "title": title, "instance": instance}
    return render(request, "staff/structure_form.html", context, status=400 if form.errors else 200)


def _chosen_date(request: MemberRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


class StaffingRow(TypedDict):
    """A line of Т-3 ready to print (a dict: the template reads it without attribute lookups)."""

    href: str  # the staffing unit's form, empty for those who may not edit
    position: str
    rates: str
    salary: str
    allowance: str
    monthly_fund: str
    occupied: str
    vacant: str
    is_vacant: bool
    note: str


class TotalsRow(TypedDict):
    rates: str
    monthly_fund: str
    occupied: str
    vacant: str


class SectionRows(TypedDict):
    department: str
    code: str
    rows: list[StaffingRow]
    totals: TotalsRow


def _totals_row(line: StaffingTotals) -> TotalsRow:
    return TotalsRow(
        rates=decimal_text(line.rates, trim=True),
        monthly_fund=decimal_text(line.monthly_fund, group=True),
        occupied=decimal_text(line.occupied, trim=True),
        vacant=decimal_text(line.vacant, trim=True),
    )


def staffing_rows(sections: list[StaffingTableSection], *, links: bool) -> list[SectionRows]:
    """Return the sections of Т-3 with every number written out once (rates trimmed, money grouped)."""
    unit_url = url_by_pk("structure_edit", "staffing-units")
    result = []
    for section in sections:
        rows = []
        for unit, line in section.rows:
            vacant = line.vacant
            rows.append(
                StaffingRow(
                    href=unit_url(unit.pk) if links else "",
                    position=unit.position.name,
                    rates=decimal_text(line.rates, trim=True),
                    salary=decimal_text(line.salary, group=True),
                    allowance=decimal_text(line.allowance, group=True),
                    monthly_fund=decimal_text(line.monthly_fund, group=True),
                    occupied=decimal_text(line.occupied, trim=True),
                    vacant=decimal_text(vacant, trim=True),
                    is_vacant=bool(vacant),
                    note=unit.note,
                )
            )
        result.append(
            SectionRows(
                department=section.department.name,
                code=section.department.code,
                rows=rows,
                totals=_totals_row(section.totals),
            )
        )
    return result


@capability_required(Capability.VIEW_STRUCTURE)
def staffing_table_view(request: MemberRequest) -> HttpResponse:
    on = _chosen_date(request)
    sections, grand_total = staffing_table(request.membership.organisation_id, on)
    can_edit = role_can(request.membership.role, Capability.EDIT_STRUCTURE)
    return render(
        request,
        "staff/staffing_table.html",
        {
            "sections": staffing_rows(sections, links=can_edit),
            "total": _totals_row(grand_total),
            "on": on,
            "on_iso": on.isoformat(),
            "on_text": on.strftime("%d.%m.%Y"),
            "can_edit": can_edit,
        },
    )


@capability_required(Capability.VIEW_STRUCTURE)
@reads_from_replica
def staffing_table_pdf(request: MemberRequest) -> HttpResponse:
    """Print Т-3 on the chosen date (the unified form, Постановление Госкомстата № 1 от 05.01.2004)."""
    on = _chosen_date(request)
    organisation = request.membership.organisation
    sections, grand_total = staffing_table(organisation.pk, on)
    html = render_to_string(
        "staff/print/t3.html",
        {
            "organisation": organisation,
            "sections": staffing_rows(sections, links=False),
            "total": _totals_row(grand_total),
            "on_text": on.strftime("%d.%m.%Y"),
        },
    )
    try:
        content = render_pdf(html)
    except PdfUnavailableError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('staffing_table')}?on={on.isoformat()}")
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="staffing-table-t3-{on:%Y-%m-%d}.pdf"'
    return response


@capability_required(Capability.VIEW_STRUCTURE)
@reads_from_replica
def staffing_table_export(request: MemberRequest) -> HttpResponse:
    on = _chosen_date(request)
    sections, grand_total = staffing_table(request.membership.organisation_id, on)
    # The total row leaves the salary and allowance columns empty.
    rows: list[tuple[str, str, float, float | None, float | None, float, float, float, str]] = [
        (
            section.department.name,
            unit.position.name,
            float(line.rates),
            float(line.salary),
            float(line.allowance),
            float(line.monthly_fund),
            float(line.occupied),
            float(line.vacant),
            unit.note,
        )
        for section in sections
        for unit, line in section.rows
    ]
    rows.append(
        (
            "Итого",
            "",
            float(grand_total.rates),
            None,
            None,
            float(grand_total.monthly_fund),
            float(grand_total.occupied),
            float(grand_total.vacant),
            "",
        )
    )
    content = table_to_xlsx(
        f"Т-3 на {on:%d.%m.%Y}",
        [
            "Подразделение",
            "Должность",
            "Штатных единиц",
            "Оклад, руб.",
            "Надбавки, руб.",
            "Всего в месяц, руб.",
            "Занято ставок",
            "Вакантно ставок",
            "Примечание",
        ],
        rows,
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="staffing-table-{on:%Y-%m-%d}.xlsx"'
    return response
