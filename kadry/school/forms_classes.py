"""Forms of the school's register: year, classes, students with guardians and categories, moves, import."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import inlineformset_factory, modelformset_factory
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.core.uploads import validate_upload_size
from kadry.school.models import (
    AcademicYear,
    ClassTeacherAllowance,
    ClassTeacherSubstitution,
    Enrollment,
    Guardian,
    Holiday,
    Period,
    SchoolClass,
    Student,
    StudentCategory,
)
from kadry.staff.models import Employee

BANDS = ((1, 4), (5, 9), (10, 11))


class YearForm(forms.ModelForm):
    kind_1_4 = forms.ChoiceField(label=_("1–4 классы"), choices=Period.Kind.choices, initial=Period.Kind.QUARTER)
    kind_5_9 = forms.ChoiceField(label=_("5–9 классы"), choices=Period.Kind.choices, initial=Period.Kind.QUARTER)
    kind_10_11 = forms.ChoiceField(label=_("10–11 классы"), choices=Period.Kind.choices, initial=Period.Kind.QUARTER)

    class Meta:
        model = AcademicYear
        fields = ("name", "start", "end")
        widgets = {"start": DateInput(), "end": DateInput()}
        help_texts = {"name": _("Например: 2026/2027.")}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        name = cleaned.get("name")
        if name and AcademicYear.objects.filter(organisation_id=self.instance.organisation_id, name=name).exists():
            self.add_error("name", _("Такой учебный год уже есть."))
        return cleaned

    def kinds(self) -> dict[tuple[int, int], str]:
        return {band: self.cleaned_data[f"kind_{band[0]}_{band[1]}"] for band in BANDS}


PeriodFormSet = modelformset_factory(
    Period,
    fields=("kind", "number", "grade_from", "grade_to", "start", "end"),
    widgets={"start": DateInput(), "end": DateInput()},
    extra=0,
    can_delete=True,
)
HolidayFormSet = modelformset_factory(
    Holiday,
    fields=("name", "start", "end", "grade_from", "grade_to"),
    widgets={"start": DateInput(), "end": DateInput()},
    extra=1,
    can_delete=True,
)


class SchoolClassForm(forms.ModelForm):
    class Meta:
        model = SchoolClass
        fields = ("academic_year", "grade", "letter", "lessons_per_day")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        cast(forms.ModelChoiceField, self.fields["academic_year"]).queryset = AcademicYear.objects.filter(
            organisation_id=organisation_id
        )

    def clean_letter(self) -> str:
        return self.cleaned_data["letter"].strip().upper()

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        grade = cleaned.get("grade")
        if grade is None:  # refused on its own field; no class is without a grade
            return cleaned
        duplicate = SchoolClass.objects.filter(
            organisation_id=self.instance.organisation_id,
            academic_year=cleaned.get("academic_year"),
            grade=grade,
            letter=cleaned.get("letter"),
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            self.add_error("letter", _("Такой класс в этом учебном году уже есть."))
        return cleaned


STUDENT_FIELDS = (
    "file_number",
    "last_name",
    "first_name",
    "middle_name",
    "sex",
    "birth_date",
    "address",
    "health_group",
)


class StudentForm(forms.ModelForm):
    class Meta:
        model = Student
        fields = STUDENT_FIELDS
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id

    def clean_file_number(self) -> str:
        number = self.cleaned_data["file_number"].strip()
        taken = Student.objects.filter(organisation_id=self.instance.organisation_id, file_number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Личное дело с таким номером уже есть."))
        return number


class EnrolForm(forms.Form):
    school_class = forms.ModelChoiceField(label=_("Класс"), queryset=SchoolClass.objects.none())
    enrolled_on = forms.DateField(label=_("Зачислен(а) с"), widget=DateInput())

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["school_class"]).queryset = SchoolClass.objects.filter(
            organisation_id=organisation_id
        ).select_related("academic_year")


class BaseGuardianFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [f for f in self.forms if f.has_changed() or f.instance.pk]
        kept = [f for f in kept if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if kept and not any(f.cleaned_data.get("receives_notices") for f in kept):
            raise forms.ValidationError(_("Отметьте представителя, который получает уведомления."))


GuardianFormSet = inlineformset_factory(
    Student,
    Guardian,
    formset=BaseGuardianFormSet,
    fields=("relation", "full_name", "phone", "email", "receives_notices"),
    extra=1,
    can_delete=True,
)
CategoryFormSet = inlineformset_factory(
    Student,
    StudentCategory,
    fields=("category", "valid_from", "valid_to", "evidence"),
    widgets={"valid_from": DateInput(), "valid_to": DateInput()},
    extra=1,
    can_delete=True,
)


class TransferForm(forms.Form):
    to_class = forms.ModelChoiceField(label=_("В класс"), queryset=SchoolClass.objects.none())
    on = forms.DateField(label=_("С даты"), widget=DateInput())
    basis = forms.CharField(label=_("Основание (приказ)"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_class"]).queryset = SchoolClass.objects.filter(
            organisation_id=organisation_id
        )


class WithdrawForm(forms.Form):
    last_day = forms.DateField(label=_("Последний день обучения"), widget=DateInput())
    reason = forms.ChoiceField(
        label=_("Причина выбытия"),
        choices=[c for c in Enrollment.EndReason.choices if c[0] != Enrollment.EndReason.CLASS_TRANSFER],
    )
    destination = forms.CharField(label=_("Куда выбыл(а)"), max_length=300, required=False)
    basis = forms.CharField(label=_("Основание (приказ)"), max_length=300, required=False)


class SubstitutionForm(forms.ModelForm):
    class Meta:
        model = ClassTeacherSubstitution
        fields = ("school_class", "substitute", "start", "end", "reason")
        widgets = {"start": DateInput(), "end": DateInput()}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        cast(forms.ModelChoiceField, self.fields["school_class"]).queryset = SchoolClass.objects.filter(
            organisation_id=organisation_id
        )
        cast(forms.ModelChoiceField, self.fields["substitute"]).queryset = Employee.objects.filter(
            organisation_id=organisation_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        return cleaned


class ImportForm(forms.Form):
    academic_year = forms.ModelChoiceField(label=_("Учебный год"), queryset=AcademicYear.objects.none())
    file = forms.FileField(label=_("Файл CSV или XLSX"), required=False, validators=[validate_upload_size])
    create_classes = forms.BooleanField(label=_("Создавать классы, которых ещё нет"), required=False, initial=True)
    # After a dry run the checked file stays on the server; «Загрузить» names it by this id, so it is
    # neither chosen twice nor sent back through the page (a large file broke the request's limits).
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["academic_year"]).queryset = AcademicYear.objects.filter(
            organisation_id=organisation_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        if not cleaned.get("file") and not cleaned.get("upload") and "file" not in self.errors:
            self.add_error("file", _("Выберите файл."))
        return cleaned


class ClassTeacherAllowanceForm(forms.ModelForm):
    """A new amount of the class-teacher allowance and the date it applies from."""

    class Meta:
        model = ClassTeacherAllowance
        fields = ["amount", "valid_from", "basis"]
        widgets = {"valid_from": DateInput()}
        help_texts = {
            "amount": _("Федеральная выплата — 5 000 ₽ в месяц за класс (Постановление Правительства РФ № 448)."),
            "basis": _("Например: приказ директора, постановление региона."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].error_messages["required"] = _("Укажите размер вознаграждения.")
        self.fields["amount"].error_messages["min_value"] = _("Размер вознаграждения должен быть больше нуля.")
        self.fields["valid_from"].error_messages["required"] = _("Укажите, с какой даты действует размер.")
        self.fields["amount"].widget.attrs.update(step="0.01", min="0.01")
