"""The forms of attestation: a category decision, the commission and its members, the schedule, each step."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from kadry.attestation.models import Attestation, Category, Commission, CommissionMember
from kadry.core.forms import DateInput
from kadry.staff.models import Employee


class CategoryForm(forms.Form):
    employee = forms.ModelChoiceField(label="Работник", queryset=Employee.objects.none())
    category = forms.ChoiceField(label="Квалификационная категория", choices=Category.choices)
    position = forms.CharField(label="По должности", max_length=200, required=False)
    decided_on = forms.DateField(label="Дата решения аттестационной комиссии", widget=DateInput())
    issued_by = forms.CharField(
        label="Кем установлена", max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Министерство образования области (аттестационная комиссия)"}),
    )  # fmt: skip
    decision_number = forms.CharField(label="Номер распорядительного акта", max_length=50)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = Employee.objects.filter(
            organisation_id=organisation_id
        ).order_by("last_name", "first_name", "middle_name")


class CommissionForm(forms.Form):
    name = forms.CharField(label="Название", max_length=300, initial="Аттестационная комиссия")
    order_number = forms.CharField(label="Номер приказа о составе комиссии", max_length=50)
    order_date = forms.DateField(label="Дата приказа", widget=DateInput())


class MemberForm(forms.Form):
    full_name = forms.CharField(label="ФИО", max_length=200)
    position = forms.CharField(label="Должность", max_length=200, required=False)
    role = forms.ChoiceField(label="Роль в комиссии", choices=CommissionMember.Role.choices)
    union_representative = forms.BooleanField(label="Представитель первичной профсоюзной организации", required=False)


class ScheduleForm(forms.Form):
    commission = forms.ModelChoiceField(label="Аттестационная комиссия", queryset=Commission.objects.none())
    school_year = forms.IntegerField(label="Учебный год (год начала)", min_value=2000, max_value=2100)
    order_number = forms.CharField(label="Номер распорядительного акта", max_length=50)
    order_date = forms.DateField(label="Дата распорядительного акта", widget=DateInput())

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["commission"]).queryset = Commission.objects.filter(
            organisation_id=organisation_id
        )


class AcquaintanceForm(forms.Form):
    acquainted_on = forms.DateField(label="Ознакомлен(а) с распорядительным актом и графиком", widget=DateInput())


class RepresentationForm(forms.Form):
    representation = forms.CharField(
        label="Представление работодателя", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Мотивированная всесторонняя и объективная оценка профессиональных, деловых качеств, результатов "
                  "профессиональной деятельности работника.",
    )  # fmt: skip
    representation_acquainted_on = forms.DateField(
        label="Ознакомлен(а) с представлением", required=False, widget=DateInput()
    )


class ProtocolForm(forms.Form):
    protocol_number = forms.CharField(label="Номер протокола", max_length=30)
    protocol_date = forms.DateField(label="Дата заседания комиссии", widget=DateInput())
    result = forms.ChoiceField(label="Решение комиссии", choices=Attestation.Result.choices)
    recommendations = forms.CharField(label="Рекомендации", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtractForm(forms.Form):
    extract_issued_on = forms.DateField(label="Выписка из протокола составлена", widget=DateInput())
    extract_acquainted_on = forms.DateField(label="Работник ознакомлен с выпиской", required=False, widget=DateInput())


class DecisionForm(forms.Form):
    employer_decision = forms.CharField(
        label="Решение работодателя", max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "например: направить на дополнительное профессиональное образование"}),
    )  # fmt: skip


STEP_FORMS: dict[str, type[forms.Form]] = {
    "acquaintance": AcquaintanceForm,
    "representation": RepresentationForm,
    "protocol": ProtocolForm,
    "extract": ExtractForm,
    "decision": DecisionForm,
}
