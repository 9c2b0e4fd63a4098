"""The forms of the register: recording one done, the filters, a school's own kind."""

from __future__ import annotations

from typing import Any

from django import forms

from kadry.core.forms import DateInput
from kadry.obligations import rules, services
from kadry.obligations.models import Applies
from kadry.staff.models import Department, Employee

STATE_CHOICES = (("", "все"), ("overdue", "просрочено"), ("due_soon", "срок подходит"), ("valid", "в порядке"))


class RecordForm(forms.Form):
    employee = forms.ModelChoiceField(label="Сотрудник", queryset=Employee.objects.none())
    kind = forms.ChoiceField(label="Вид")
    completed_on = forms.DateField(label="Дата прохождения (выдачи документа)", widget=DateInput())
    valid_until = forms.DateField(
        label="Действителен до", required=False, widget=DateInput(),
        help_text="Если документ сам называет срок действия; иначе срок считается по периодичности вида.",
    )  # fmt: skip
    document = forms.CharField(label="Документ (удостоверение, заключение), номер", max_length=300, required=False)
    note = forms.CharField(label="Примечание", max_length=300, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employee_field = self.fields["employee"]
        assert isinstance(employee_field, forms.ModelChoiceField)
        employee_field.queryset = Employee.objects.of(organisation_id).order_by("last_name", "first_name", "id")
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = services.kind_choices(organisation_id)


class RegisterFilterForm(forms.Form):
    on = forms.DateField(label="На дату", required=False, widget=DateInput())
    kind = forms.ChoiceField(label="Вид", required=False)
    department = forms.ModelChoiceField(
        label="Подразделение", queryset=Department.objects.none(), required=False, empty_label="все"
    )
    state = forms.ChoiceField(label="Состояние", choices=STATE_CHOICES, required=False)
    days = forms.IntegerField(label="Срок подходит в течение, дней", min_value=1, max_value=366, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", "все"), *services.kind_choices(organisation_id)]
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ModelChoiceField)
        department_field.queryset = Department.objects.filter(organisation_id=organisation_id).order_by("name")


class SchoolKindForm(forms.Form):
    builtin = forms.ChoiceField(
        label="Срок для вида, установленного законом", required=False,
        choices=[("", "— новый вид школы —"), *((kind.key, kind.name) for kind in rules.BUILTIN)],
        help_text="Школа может требовать чаще, чем закон (или обновлять справку о несудимости), но не реже.",
    )  # fmt: skip
    name = forms.CharField(label="Наименование нового вида", max_length=200, required=False)
    period_months = forms.IntegerField(
        label="Периодичность, месяцев", min_value=1, max_value=240, required=False,
        help_text="Пусто — только при приёме на работу.",
    )  # fmt: skip
    applies_to = forms.ChoiceField(label="Кому обязателен", choices=Applies.choices, required=False)
    basis = forms.CharField(label="Основание (локальный акт школы)", max_length=300)
