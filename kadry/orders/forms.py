"""Forms of orders, shared by the UI and the API: the order's heading and one item form per kind.

Every choice of an employee, staffing unit, class or order is limited to the organisation the user
acts in, so an id of another organisation is a field error and never reaches a service.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.leave.models import LeaveKind
from kadry.orders.fields import (
    EMPTY_PICK,
    PICKER_FIELDS,
    PICKER_LIMIT,
    EmployeeChoiceField,
    EmployeePicker,
    SanctionItemChoiceField,
    SchoolClassChoiceField,
    StaffingUnitChoiceField,
    employee_label,
    fitting_employees,
    personnel_number_error,
    proposed_personnel_number,
    signed_sanction_items,
    unfit_employee_error,
)
from kadry.orders.kinds import ALWAYS_REQUIRED, DATE_LABELS, END_DATE_LABELS, ITEM_FIELDS
from kadry.orders.models import Order, OrderItem
from kadry.orders.rules import REQUIRED, dismissal_errors, fixed_term_errors
from kadry.school.models import SchoolClass
from kadry.school.services.appointment import allowance_in_force
from kadry.staff.models import Employee, StaffingUnit

if TYPE_CHECKING:
    pass

Kind = Order.Kind

# The upper bound of one assignment's rate (the Assignment model holds the same limit).

MAX_RATE = Decimal("1.5")


class OrderItemForm(forms.ModelForm):
    """The base of the item forms; ``item_form_class`` gives the one of a kind."""

    kind: str = ""

    class Meta:
        model = OrderItem
        fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, organisation_id: int, employee_search_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        self.instance.organisation_id = organisation_id
        fields = self.fields
        if "employee" in fields:
            # Any employee of the organisation is a valid choice, so that one who does not fit the kind
            # gets a message naming why (``clean``); the picker offers only those who fit.
            cast(forms.ModelChoiceField, fields["employee"]).queryset = Employee.objects.of(organisation_id).only(
                *PICKER_FIELDS
            )
            cast(forms.ModelChoiceField, fields["employee"]).empty_label = EMPTY_PICK
            fields["employee"].widget.search_url = employee_search_url
            self._offer_fitting_employees()
        if "staffing_unit" in fields:
            cast(forms.ModelChoiceField, fields["staffing_unit"]).queryset = (
                StaffingUnit.objects.filter(organisation_id=organisation_id)
                .select_related("position", "department")
                .order_by("department__order", "department__name", "position__name")
            )
        if "school_class" in fields:
            cast(forms.ModelChoiceField, fields["school_class"]).queryset = (
                SchoolClass.objects.filter(organisation_id=organisation_id)
                .select_related("academic_year")
                .order_by("-academic_year__start", "grade", "letter")
            )
        if "lifted_sanction" in fields:
            cast(forms.ModelChoiceField, fields["lifted_sanction"]).queryset = signed_sanction_items(organisation_id)
            cast(forms.ModelChoiceField, fields["lifted_sanction"]).empty_label = _("— выберите взыскание —")
        if "rate" in fields:
            fields["rate"].validators.append(MaxValueValidator(MAX_RATE))
            fields["rate"].widget.attrs.update(step="0.05", min="0.1", max=str(MAX_RATE))
        if self.kind == Kind.TRANSFER:
            cast(forms.ChoiceField, fields["employment_kind"]).choices = [
                ("", _("как до перевода")),
                *OrderItem.EmploymentKind.choices,
            ]
        if "date" in fields:
            fields["date"].label = DATE_LABELS[self.kind]
            fields["date"].help_text = ""  # the model's lists every kind; the label names this one
        if "end_date" in fields:
            fields["end_date"].label = END_DATE_LABELS[self.kind]
        if "personnel_number" in fields:
            fields["personnel_number"].help_text = _(
                "Предложен следующий свободный номер организации; можно изменить. "
                "Пусто — номер сотрудника, а если его нет, следующий свободный."
            )
        for name, message in {**ALWAYS_REQUIRED, **REQUIRED.get(self.kind, {})}.items():
            if name in fields:
                fields[name].required = True
                fields[name].error_messages["required"] = message

    def _picker_date(self) -> dt.date:
        """Return the item's date as typed (or as it starts), for whom the picker offers."""
        typed = self.data.get(self.add_prefix("date")) if self.is_bound else None
        try:
            return dt.date.fromisoformat(typed) if typed else self._initial_date()
        except ValueError:
            return self._initial_date()

    def _initial_date(self) -> dt.date:
        date = self.initial.get("date") or self.instance.date
        return date if isinstance(date, dt.date) else timezone.localdate()

    def _offer_fitting_employees(self) -> None:
        self._offered: list[tuple[Any, str]] | None = None
        # A callable: read when the select is drawn, so the API, which draws nothing, pays no query.
        self.fields["employee"].widget.choices = self._offered_choices

    def _offered_choices(self) -> list[tuple[Any, str]]:
        """Return the picker's first options: the chosen employee, then the first fitting ones by name.

        Read once: the select asks for its choices twice (its first option decides ``required``).
        """
        if self._offered is None:
            self._offered = self._read_offered_choices()
        return self._offered

    def _read_offered_choices(self) -> list[tuple[Any, str]]:
        if self.is_bound:
            employment_kind = self.data.get(self.add_prefix("employment_kind")) or ""
            chosen = str(self.data.get(self.add_prefix("employee")) or "")
        else:
            employment_kind = self.initial.get("employment_kind") or self.instance.employment_kind or ""
            chosen = str(self.instance.employee_id or "")
        on = self._picker_date()
        offered = list(
            fitting_employees(self.organisation_id, self.kind, on=on, employment_kind=employment_kind).only(
                *PICKER_FIELDS
            )[:PICKER_LIMIT]
        )
        if chosen.isdigit() and chosen not in {str(employee.pk) for employee in offered}:
            offered[:0] = Employee.objects.of(self.organisation_id).only(*PICKER_FIELDS).filter(pk=int(chosen))
        empty = cast(forms.ModelChoiceField, self.fields["employee"]).empty_label
        return [("", str(empty or "")), *((employee.pk, employee_label(employee)) for employee in offered)]

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        employee, date = cleaned.get("employee"), cleaned.get("date")
        if employee is not None and date is not None:
            error = unfit_employee_error(
                employee, self.kind, on=date, employment_kind=cleaned.get("employment_kind") or ""
            )
            if error:
                self.add_error("employee", error)
        if self.kind == Kind.HIRE and cleaned.get("date") and cleaned.get("contract_term"):
            if cleaned["contract_term"] == OrderItem.ContractTerm.INDEFINITE:
                if cleaned.get("end_date"):
                    self.add_error("end_date", _("У бессрочного договора нет даты окончания."))
                cleaned["fixed_term_reason"] = ""
            for name, message in fixed_term_errors(
                term=cleaned["contract_term"],
                start=cleaned["date"],
                end=cleaned.get("end_date"),
                reason=cleaned.get("fixed_term_reason", ""),
            ).items():
                if name not in self.errors:
                    self.add_error(name, message)
        if self.kind == Kind.DISMISSAL and cleaned.get("date"):
            for name, message in dismissal_errors(
                ground=cleaned.get("dismissal_ground", ""),
                statement_date=cleaned.get("statement_date"),
                dismissal_date=cleaned["date"],
                by_agreement=cleaned.get("by_agreement", False),
            ).items():
                if name not in self.errors:
                    self.add_error(name, message)
        lifted = cleaned.get("lifted_sanction")
        if lifted is not None and employee is not None and lifted.employee_id != employee.pk:
            self.add_error("lifted_sanction", _("Это взыскание другого сотрудника."))
        end, start = cleaned.get("end_date"), cleaned.get("date")
        if end and start and end < start and "end_date" not in self.errors:
            self.add_error("end_date", _("Дата окончания раньше даты начала."))
        if "personnel_number" in self.fields and cleaned.get("employee") is not None:
            self._clean_personnel_number(cleaned)
        return cleaned

    def _clean_personnel_number(self, cleaned: dict[str, Any]) -> None:
        """A typed number must be free; left blank, signing gives the employee's own or the next free one."""
        number = (cleaned.get("personnel_number") or "").strip()
        cleaned["personnel_number"] = number
        error = number and personnel_number_error(self.organisation_id, number, cleaned["employee"], self.instance.pk)
        if error:
            self.add_error("personnel_number", error)

    def field_data(self) -> dict[str, Any]:
        """Return the cleaned values of this kind's fields, as the services take them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


def _item_form(kind: str) -> type[OrderItemForm]:
    fields = ITEM_FIELDS[kind]
    widgets: dict[str, forms.Widget] = {
        name: DateInput() for name in fields if isinstance(OrderItem._meta.get_field(name), models.DateField)
    }
    if "misconduct" in fields:
        widgets["misconduct"] = forms.Textarea(attrs={"rows": 3})
    widgets["employee"] = EmployeePicker()
    field_classes = {
        "employee": EmployeeChoiceField,
        "staffing_unit": StaffingUnitChoiceField,
        "school_class": SchoolClassChoiceField,
        "lifted_sanction": SanctionItemChoiceField,
    }
    meta = type(
        "Meta",
        (OrderItemForm.Meta,),
        {
            "fields": fields,
            "widgets": widgets,
            "field_classes": {name: cls for name, cls in field_classes.items() if name in fields},
        },
    )
    name = "".join(part.capitalize() for part in kind.split("_")) + "ItemForm"
    return type(name, (OrderItemForm,), {"Meta": meta, "kind": kind})


ITEM_FORMS: dict[str, type[OrderItemForm]] = {kind: _item_form(kind) for kind in ITEM_FIELDS}


def item_form_class(kind: str) -> type[OrderItemForm]:
    """Return the item form of ``kind`` (a cancellation has no items: KeyError)."""
    return ITEM_FORMS[kind]


def item_defaults(order: Order) -> dict[str, Any]:
    """Return the values an item of ``order`` starts with (the UI's initial, the API's defaults)."""
    defaults: dict[str, Any] = {"date": order.date}
    if order.kind == Kind.CLASS_TEACHER_APPOINTMENT:
        # The amount the organisation's settings hold for the order's date; none set, it is typed in.
        allowance = allowance_in_force(order.organisation_id, order.date)
        if allowance is not None:
            defaults["monthly_allowance"] = allowance
    if order.kind == Kind.LEAVE:
        defaults["leave_kind"] = LeaveKind.ANNUAL
    return defaults


def item_initial(order: Order) -> dict[str, Any]:
    """Return the UI's initial values of a new item: the defaults and the usual choices."""
    initial = item_defaults(order)
    if order.kind == Kind.HIRE:
        initial.update(
            rate=Decimal("1"),
            employment_kind=OrderItem.EmploymentKind.MAIN,
            contract_term=OrderItem.ContractTerm.INDEFINITE,
            contract_date=order.date,
            personnel_number=proposed_personnel_number(order.organisation_id),
        )
    return initial


class OrderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Order) -> str:
        return f"{obj} — {obj.get_kind_display()}"


class OrderForm(forms.ModelForm):
    """The heading of an order: its kind (fixed once drafted), date, note, and for a cancellation the order cancelled."""

    class Meta:
        model = Order
        fields = ("kind", "date", "note", "cancels")
        widgets = {"date": DateInput()}
        field_classes = {"cancels": OrderChoiceField}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        self.fields["kind"].error_messages["required"] = _("Выберите вид приказа.")
        self.fields["date"].error_messages["required"] = _("Укажите дату приказа.")
        if self.instance.pk:
            # The items were written for this kind: a different kind is a new draft.
            self.fields["kind"].disabled = True
        # A signed order not cancelled yet; a cancellation is reversed by nothing (it has no effects of its own).
        cancellable = Order.objects.filter(
            organisation_id=organisation_id, status=Order.Status.SIGNED, cancelled_by__isnull=True
        ).exclude(kind=Kind.CANCELLATION)
        if self.instance.cancels_id:
            cancellable = cancellable | Order.objects.filter(pk=self.instance.cancels_id)
        cast(forms.ModelChoiceField, self.fields["cancels"]).queryset = cancellable.select_related("journal").order_by(
            "-date", "-number"
        )
        cast(forms.ModelChoiceField, self.fields["cancels"]).empty_label = _("— выберите приказ —")
        # Marked required (the asterisk) only where it is: on a cancellation.
        kind = self.instance.kind if self.instance.pk else (self.data.get("kind") or self.initial.get("kind"))
        self.fields["cancels"].required = kind == Kind.CANCELLATION
        self.fields["cancels"].error_messages["required"] = _("Выберите отменяемый приказ.")

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if cleaned.get("kind") != Kind.CANCELLATION:
            cleaned["cancels"] = None
            return cleaned
        cancels = cleaned.get("cancels")
        if cancels is None and "cancels" not in self.errors:
            self.add_error("cancels", self.fields["cancels"].error_messages["required"])
        elif cancels is not None and cleaned.get("date") and cleaned["date"] < cancels.date:
            self.add_error("date", _("Приказ об отмене не может быть датирован раньше отменяемого приказа."))
        return cleaned

    def draft_data(self) -> dict[str, Any]:
        """Return the values ``services.update_draft`` may change (the kind stays)."""
        return {name: self.cleaned_data[name] for name in ("date", "note", "cancels")}


class OrderFilterForm(forms.Form):
    q = forms.CharField(label=_("Сотрудник"), required=False)
    status = forms.ChoiceField(label=_("Состояние"), required=False, choices=[("", _("все")), *Order.Status.choices])
    kind = forms.ChoiceField(label=_("Вид"), required=False, choices=[("", _("все")), *Order.Kind.choices])
    year = forms.TypedChoiceField(label=_("Год"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("все")), *((year, str(year)) for year in years)]
