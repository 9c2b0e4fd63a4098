"""The choice fields of order items and the checks behind them: which employees fit a kind of order on a date,
the employee picker, the personnel number proposed and refused. Every queryset is limited to the organisation
the user acts in (kadry.orders.forms sets it), so an id of another organisation is a field error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from kadry.employment.models import Assignment
from kadry.orders.models import Order, OrderItem
from kadry.school.models import SchoolClass
from kadry.staff.models import Employee, StaffingUnit
from kadry.staff.models.employee import EmployeeQuerySet
from kadry.staff.queries import personnel_number_holder
from kadry.staff.rules import next_personnel_number

Kind = Order.Kind


class SchoolClassChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SchoolClass) -> str:
        # Classes of several school years share their names: «7Б (2026/2027)».
        return f"{obj} ({obj.academic_year})"


def sanction_label(item: OrderItem) -> str:
    """Return «выговор от 10.02.2026, приказ № 3-к — Иванова И. И.» of a signed sanction order's item."""
    kind = OrderItem.SanctionKind(item.sanction_kind).label if item.sanction_kind else _("взыскание")
    return f"{kind} от {item.date:%d.%m.%Y}, приказ № {item.order.display_number} — {item.employee.short_name}"


class SanctionItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrderItem) -> str:
        return sanction_label(obj)


def signed_sanction_items(organisation_id: int) -> models.QuerySet[OrderItem]:
    """Return the items of the organisation's signed sanction orders not cancelled, the latest first."""
    return (
        OrderItem.objects.filter(
            organisation_id=organisation_id, order__kind=Kind.SANCTION, order__status=Order.Status.SIGNED
        )
        .select_related("order__journal", "employee")
        .order_by("-date", "-id")
    )


class StaffingUnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffingUnit) -> str:
        return f"{obj.position.name} — {obj.department.name}"


def employee_label(employee: Employee) -> str:
    return (
        f"{employee.full_name}, таб. № {employee.personnel_number}" if employee.personnel_number else employee.full_name
    )


class EmployeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return employee_label(obj)


# How many employees the picker offers at once; the search narrows the rest down.
PICKER_LIMIT = 20
PICKER_FIELDS = ("last_name", "first_name", "middle_name", "personnel_number")
EMPTY_PICK = _("— выберите сотрудника —")


def needs_working_employee(kind: str, employment_kind: str = "") -> bool:
    """Return whether an item of ``kind`` names someone working in the organisation on its date.

    A hire takes on someone who does not work there (as the main job or an external part-time one);
    an internal part-time job is taken by someone who does (ТК РФ ст. 60.1). Every other kind
    changes or ends a working employee's job, or rewards, sanctions, renames or sends on leave one.
    """
    if kind == Kind.HIRE:
        return employment_kind == OrderItem.EmploymentKind.INTERNAL_PART_TIME
    return True


def fitting_employees(organisation_id: int, kind: str, *, on: dt.date, employment_kind: str = "") -> EmployeeQuerySet:
    """Return the employees of the organisation an item of ``kind`` dated ``on`` may name, by name."""
    working = Exists(Assignment.objects.filter(organisation_id=organisation_id, employee=OuterRef("pk")).active(on=on))
    employees = Employee.objects.of(organisation_id)
    employees = (
        employees.filter(working) if needs_working_employee(kind, employment_kind) else employees.filter(~working)
    )
    return employees.order_by("last_name", "first_name", "middle_name", "pk")


def matching(employees: EmployeeQuerySet, query: str) -> EmployeeQuerySet:
    """Keep the employees a typed query names: digits are the start of a personnel number, words start names."""
    query = query.strip()
    if query.isdigit():
        return employees.filter(personnel_number__startswith=query)
    return employees.search(query)


def unfit_employee_error(employee: Employee, kind: str, *, on: dt.date, employment_kind: str = "") -> str:
    """Return why ``employee`` cannot be named by an item of ``kind`` on ``on``, or an empty string."""
    fits = fitting_employees(employee.organisation_id, kind, on=on, employment_kind=employment_kind)
    if fits.filter(pk=employee.pk).exists():
        return ""
    name, day = employee.short_name, f"{on:%d.%m.%Y}"
    if kind == Kind.HIRE and not needs_working_employee(kind, employment_kind):
        return (
            f"{name} уже работает в организации на {day}: принять можно только неработающего. "
            "Для работающего оформите перевод или приём на внутреннее совместительство."
        )
    if kind == Kind.HIRE:
        return f"{name} не работает в организации на {day}: внутреннее совместительство — только для работающих."
    return f"{name} не работает в организации на {day}: в приказ этого вида включают только работающих сотрудников."


class EmployeePicker(forms.Select):
    """The employee's select with a search field above it that refreshes its options as one types (htmx).

    The select offers at most ``PICKER_LIMIT`` fitting employees and the chosen one; without
    JavaScript it still works with those, and the form checks the choice whatever was sent.
    """

    template_name = "orders/widgets/employee_picker.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_url = ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["search_url"] = self.search_url
        return context


def proposed_personnel_number(organisation_id: int) -> str:
    """Return the next free personnel number of the organisation: past its employees' and its draft hires'."""
    held = Employee.objects.filter(organisation_id=organisation_id).exclude(personnel_number="")
    drafted = OrderItem.objects.filter(
        organisation_id=organisation_id, order__kind=Kind.HIRE, order__status=Order.Status.DRAFT
    ).exclude(personnel_number="")
    numbers = [*held.values_list("personnel_number", flat=True), *drafted.values_list("personnel_number", flat=True)]
    return next_personnel_number(numbers)


def personnel_number_error(organisation_id: int, number: str, employee: Employee, item_pk: int | None) -> str:
    """Return why ``number`` cannot be given to ``employee`` on a hire: another person holds or is offered it."""
    holder = personnel_number_holder(employee, number)
    if holder is not None:
        return f"Табельный номер {number} уже присвоен: {holder.short_name} Укажите другой."
    drafted = OrderItem.objects.filter(
        organisation_id=organisation_id,
        personnel_number=number,
        order__kind=Kind.HIRE,
        order__status=Order.Status.DRAFT,
    ).exclude(employee=employee)
    if item_pk is not None:  # the item itself, once saved
        drafted = drafted.exclude(pk=item_pk)
    if drafted.exists():
        return f"Табельный номер {number} уже предложен другому сотруднику в проекте приказа о приёме. Укажите другой."
    return ""
