"""Forms of absences: the register's filters and the absence itself (the checks are the service's)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms

from kadry.absences.models import Absence
from kadry.staff.models import Department, Employee

LEAVES = "leave"  # the register's choice of the leaves of the ledger instead of absences
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _employees(organisation_id: int) -> Any:
    return Employee.objects.of(organisation_id).order_by("last_name", "first_name", "middle_name")


class RegisterFilter(forms.Form):
    start = forms.DateField(label="С", required=False, widget=DATE)
    end = forms.DateField(label="По", required=False, widget=DATE)
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=[("", "все"), *Absence.Kind.choices, (LEAVES, "отпуска по приказам")]
    )
    department = forms.ModelChoiceField(label="Подразделение", required=False, queryset=Department.objects.none(),
                                        empty_label="все")  # fmt: skip
    employee = forms.ModelChoiceField(label="Сотрудник", required=False, queryset=Employee.objects.none(),
                                      empty_label="все")  # fmt: skip

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(
            organisation_id=organisation_id
        )
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = _employees(organisation_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Дата окончания раньше даты начала.")
        return data


class AbsenceForm(forms.Form):
    employee = forms.ModelChoiceField(label="Сотрудник", queryset=Employee.objects.none())
    kind = forms.ChoiceField(label="Вид неявки", choices=Absence.Kind.choices)
    start = forms.DateField(label="С", widget=DATE)
    end = forms.DateField(label="По", widget=DATE)
    sick_leave_number = forms.CharField(label="Номер ЭЛН", max_length=12, required=False,
                                        help_text="12 цифр; для листка нетрудоспособности")  # fmt: skip
    sick_reason = forms.ChoiceField(label="Причина нетрудоспособности", required=False,
                                    choices=[("", "—"), *Absence.SickReason.choices])  # fmt: skip
    continues_number = forms.CharField(label="Продолжение листка №", max_length=12, required=False,
                                       help_text="номер ЭЛН, который продолжает этот листок")  # fmt: skip
    care_child_age = forms.IntegerField(label="Возраст ребёнка, лет", required=False, min_value=0, max_value=17,
                                        help_text="при уходе за больным ребёнком")  # fmt: skip
    care_outpatient = forms.BooleanField(label="Лечение амбулаторное", required=False, initial=True)
    destination = forms.CharField(label="Место назначения", max_length=300, required=False)
    purpose = forms.CharField(label="Цель командировки", max_length=300, required=False)
    minutes_late = forms.IntegerField(label="Опоздание, минут", required=False, min_value=1, max_value=600)
    note = forms.CharField(label="Примечание", max_length=500, required=False)

    def __init__(self, *args: Any, organisation_id: int, absence: Absence | None = None, **kwargs: Any) -> None:
        if absence is not None:
            kwargs.setdefault("initial", {}).update(initial_of(absence))
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        if absence is not None:
            del self.fields["employee"]  # an absence stays with its employee
        else:
            cast(forms.ModelChoiceField, self.fields["employee"]).queryset = _employees(organisation_id)

    def clean_continues_number(self) -> Absence | None:
        number = self.cleaned_data["continues_number"].strip()
        if not number:
            return None
        found = Absence.objects.filter(
            organisation_id=self.organisation_id, kind=Absence.Kind.SICK, sick_leave_number=number
        ).first()
        if found is None:
            raise forms.ValidationError("Листок с этим номером не внесён.")
        return found

    def service_data(self) -> dict[str, Any]:
        """Return the cleaned values under the names the service takes."""
        data = dict(self.cleaned_data)
        data.pop("employee", None)
        data["continues"] = data.pop("continues_number")
        return data


def initial_of(absence: Absence) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(absence, name) for name in (
        "kind", "start", "end", "sick_leave_number", "sick_reason", "care_child_age", "care_outpatient",
        "destination", "purpose", "minutes_late", "note")}  # fmt: skip
    values["continues_number"] = absence.continues.sick_leave_number if absence.continues else ""
    return values


# The service's field names → the form's.
FORM_FIELD = {"continues": "continues_number"}


def add_service_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    for field, texts in errors.items():
        name = FORM_FIELD.get(field, field)
        form.add_error(name if name in form.fields else None, texts)


class ImportForm(forms.Form):
    file = forms.FileField(label="Файл CSV или XLSX")
    dry_run = forms.BooleanField(label="Только проверить, ничего не сохраняя", required=False, initial=True)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """Return the register's period when none is asked for: the current month and the two before it."""
    month = today.month - 2
    year = today.year + (month - 1) // 12
    first = dt.date(year, (month - 1) % 12 + 1, 1)
    following = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)
