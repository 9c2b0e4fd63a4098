"""Forms of the prevention pages: the Council's sitting and its decisions, a measure, its result, a review."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.prevention.models import CouncilDecision, CouncilSitting, Measure, PreventionCase, Review
from kadry.school.models import Enrollment, Student
from kadry.staff.models import Employee

Kind = CouncilDecision.Kind


class SittingForm(forms.ModelForm):
    class Meta:
        model = CouncilSitting
        fields = ["date", "number", "attendees", "agenda"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 2}),
        }


def open_cases(organisation_id: int) -> Any:
    return (
        PreventionCase.objects.filter(organisation_id=organisation_id, status=PreventionCase.Status.OPEN)
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "register")
    )


class DecisionForm(forms.Form):
    """One decision of a sitting: on an open case, or putting a student on a register (a new case)."""

    # An empty first choice: an untouched extra row sends "" and is skipped, not refused.
    kind = forms.ChoiceField(label=_("решение"), choices=[("", "—"), *Kind.choices])
    case = forms.ModelChoiceField(
        label=_("случай учёта (кроме «поставить на учёт»)"), queryset=PreventionCase.objects.none(), required=False
    )
    student = forms.ModelChoiceField(
        label=_("обучающийся (для «поставить на учёт»)"), queryset=Student.objects.none(), required=False
    )
    register = forms.ChoiceField(
        label=_("вид учёта"), choices=[("", "—"), *PreventionCase.Register.choices], required=False
    )
    reason = forms.CharField(label=_("основание и причина"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    basis_document = forms.CharField(label=_("документ-основание"), max_length=300, required=False)
    responsible = forms.ModelChoiceField(
        label=_("ответственный за план"), queryset=Employee.objects.none(), required=False
    )
    text = forms.CharField(label=_("формулировка решения"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        enrolled = Enrollment.objects.active(on=today).filter(organisation_id=organisation_id).values("student_id")
        fields = self.fields
        cast(forms.ModelChoiceField, fields["case"]).queryset = open_cases(organisation_id)
        cast(forms.ModelChoiceField, fields["student"]).queryset = Student.objects.filter(
            organisation_id=organisation_id, pk__in=enrolled
        ).order_by("last_name", "first_name", "pk")
        cast(forms.ModelChoiceField, fields["responsible"]).queryset = (
            Employee.objects.of(organisation_id)
            .with_status(Employee.Status.WORKING, today)
            .order_by("last_name", "first_name", "pk")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Kind.OPEN:
            for name, message in (
                ("student", "Выберите обучающегося, которого ставят на учёт."),
                ("register", "Выберите вид учёта."),
                ("reason", "Опишите основание и причину постановки на учёт."),
                ("responsible", "Выберите ответственного за план."),
            ):
                if not data.get(name):
                    self.add_error(name, message)
            data["case"] = None
        elif data.get("kind") and not data.get("case"):
            self.add_error("case", "Выберите случай учёта, по которому принято решение.")
        return data


class BaseDecisionFormSet(forms.BaseFormSet):
    def decisions(self) -> list[dict[str, Any]]:
        """Return the filled rows' cleaned data, in order (an untouched extra row is skipped)."""
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]


DecisionFormSet = forms.formset_factory(DecisionForm, formset=BaseDecisionFormSet, extra=3)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["what", "responsible", "due_on"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}


class ResultForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["result", "result_on"]
        widgets = {"result": forms.Textarea(attrs={"rows": 2}), "result_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].required = True
        self.fields["result_on"].required = True
        if not self.is_bound and self.instance.result_on is None:
            self.initial["result_on"] = timezone.localdate()


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["date", "conclusion"]
        widgets = {"date": DateInput(), "conclusion": forms.Textarea(attrs={"rows": 2})}


def decision_formset(data: Any, organisation_id: int, *, extra: int = 3) -> BaseDecisionFormSet:
    """Return the decisions' formset of a sitting (``extra`` empty rows)."""
    formset = cast(
        BaseDecisionFormSet,
        DecisionFormSet(data, prefix="decisions", form_kwargs={"organisation_id": organisation_id}),
    )
    formset.extra = extra
    return formset
