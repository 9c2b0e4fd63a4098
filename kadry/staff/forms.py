"""Forms of the staff registry; the API validates through the same forms, so messages are the same."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kadry.core.forms import DateInput
from kadry.lib.identifiers import normalise_inn, normalise_snils
from kadry.lib.widgets import PlainSelect
from kadry.staff.models import Department, Employee, MilitaryRecord, Position, StaffingUnit
from kadry.staff.sections import MILITARY_FIELDS, Section


def _date_widgets(model: type[models.Model], fields: tuple[str, ...]) -> dict[str, forms.Widget | type[forms.Widget]]:
    return {name: DateInput() for name in fields if isinstance(model._meta.get_field(name), models.DateField)}


# The edit form's groups, in the order of form Т-2.
EMPLOYEE_FIELDSETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Фамилия, имя, отчество", ("last_name", "first_name", "middle_name", "personnel_number")),
    ("Личные сведения", ("sex", "birth_date", "birth_place", "citizenship", "marital_status")),
    ("СНИЛС и ИНН", ("snils", "inn")),
    (
        "Документ, удостоверяющий личность",
        ("id_doc_kind", "id_doc_series", "id_doc_number", "id_doc_issued_on", "id_doc_issued_by", "id_doc_issuer_code"),
    ),
    ("Адреса", ("registration_address", "registration_date", "actual_address")),
    ("Контакты", ("phone", "phone_extra", "email")),
    ("Квалификация", ("qualification_category", "qualification_category_date")),
    ("Трудовая книжка (ТК РФ ст. 66.1)", ("work_book", "work_book_chosen_on")),
)
EMPLOYEE_FIELDS = tuple(name for _title, names in EMPLOYEE_FIELDSETS for name in names)


class EmployeeForm(forms.ModelForm):
    class Meta:
        model = Employee
        fields = EMPLOYEE_FIELDS
        widgets = _date_widgets(Employee, EMPLOYEE_FIELDS)

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in EMPLOYEE_FIELDSETS]

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        self.instance.organisation_id = organisation_id

    def clean_snils(self) -> str:
        value = self.cleaned_data["snils"].strip()
        if not value:
            return ""
        try:
            snils = normalise_snils(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        duplicates = Employee.objects.of(self.organisation_id).filter(snils=snils).exclude(pk=self.instance.pk)
        holder = duplicates.only("last_name", "first_name", "middle_name").first()
        if holder is not None:
            raise forms.ValidationError(
                _("Этот СНИЛС уже указан в карточке сотрудника %(name)s.") % {"name": holder.full_name}
            )
        return snils

    def clean_inn(self) -> str:
        value = self.cleaned_data["inn"].strip()
        if not value:
            return ""
        try:
            inn = normalise_inn(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        if len(inn) != 12:
            raise forms.ValidationError(_("ИНН физического лица состоит из 12 цифр."))
        return inn

    def clean_personnel_number(self) -> str:
        value = self.cleaned_data["personnel_number"].strip()
        taken = Employee.objects.of(self.organisation_id).filter(personnel_number=value).exclude(pk=self.instance.pk)
        if value and taken.exists():
            raise forms.ValidationError(_("Табельный номер уже занят."))
        return value


def section_form_class(section: Section) -> type[forms.ModelForm]:
    """Return the ModelForm of a repeating card section."""
    return forms.modelform_factory(
        section.model, fields=section.fields, widgets=_date_widgets(section.model, section.fields)
    )


class MilitaryRecordForm(forms.ModelForm):
    class Meta:
        model = MilitaryRecord
        fields = MILITARY_FIELDS
        widgets = _date_widgets(MilitaryRecord, MILITARY_FIELDS)


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ("name", "code", "parent", "order")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        parents = Department.objects.filter(organisation_id=organisation_id)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        name, parent = cleaned.get("name"), cleaned.get("parent")
        if name:
            siblings = Department.objects.filter(organisation_id=self.instance.organisation_id, parent=parent).exclude(
                pk=self.instance.pk
            )
            if name.strip().casefold() in {other.casefold() for other in siblings.values_list("name", flat=True)}:
                self.add_error("name", _("Подразделение с таким названием здесь уже есть."))
        return cleaned

    def clean_parent(self) -> Department | None:
        parent = self.cleaned_data["parent"]
        ancestor = parent
        while ancestor is not None and self.instance.pk:
            if ancestor.pk == self.instance.pk:
                raise forms.ValidationError(_("Подразделение не может входить само в себя."))
            ancestor = ancestor.parent
        return parent


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ("name", "category", "pedagogical_service")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        # Compared in Python: SQLite folds the case of Latin letters only, and positions are few.
        others = Position.objects.filter(organisation_id=self.instance.organisation_id).exclude(pk=self.instance.pk)
        if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
            raise forms.ValidationError(_("Такая должность уже есть."))
        return name


class StaffingUnitForm(forms.ModelForm):
    class Meta:
        model = StaffingUnit
        fields = ("department", "position", "rates", "salary", "allowance", "note")

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation_id = organisation_id
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = Department.objects.filter(
            organisation_id=organisation_id
        )
        cast(forms.ModelChoiceField, self.fields["position"]).queryset = Position.objects.filter(
            organisation_id=organisation_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        department, position = cleaned.get("department"), cleaned.get("position")
        if department and position:
            taken = StaffingUnit.objects.filter(
                organisation_id=self.instance.organisation_id, department=department, position=position
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("position", _("Эта должность уже есть в штатном расписании подразделения."))
        return cleaned


class RegistryFilterForm(forms.Form):
    """The search and filters every registry shares: a school's and a centralised HR service's across its schools."""

    q = forms.CharField(label=_("Поиск"), required=False)
    category = forms.ChoiceField(
        label=_("Категория"), choices=[("", _("все категории")), *Position.Category.choices], required=False
    )
    status = forms.ChoiceField(label=_("Статус"), choices=[("", _("все")), *Employee.Status.choices], required=False)


class EmployeeFilterForm(RegistryFilterForm):
    """A school's registry: the shared filters and the school's departments."""

    department = forms.TypedChoiceField(label=_("Подразделение"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        # Read once, when first validated or shown: the choices and the check of a chosen one share a query.
        cast(forms.ChoiceField, self.fields["department"]).choices = self._department_choices

    @cached_property
    def _departments(self) -> list[tuple[str, str]]:
        departments = Department.objects.filter(organisation_id=self.organisation_id).values_list("pk", "name")
        return [(str(pk), name) for pk, name in departments]

    def _department_choices(self) -> list[tuple[str, str]]:
        return [("", gettext("все подразделения")), *self._departments]


class ServicedRegistryFilterForm(RegistryFilterForm):
    """The registry of a centralised HR service across the schools it serves: the shared filters and the school.

    Departments are a school's own, so they are filtered in the school's registry, not across schools.
    """

    # A region's service keeps hundreds of schools: their options are written without the template engine.
    school = forms.TypedChoiceField(label=_("Школа"), coerce=int, empty_value=None, required=False, widget=PlainSelect)

    def __init__(self, *args: Any, schools: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext("все школы")), *((str(pk), name) for pk, name in schools)]
        cast(forms.ChoiceField, self.fields["school"]).choices = choices


class NameFormsForm(forms.Form):
    """The declined forms of a name or title, pre-filled with the automatic ones, for correction."""

    def __init__(self, *args: Any, automatic: dict[str, str], current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from kadry.staff.declension import CASES

        for case, question in CASES:
            self.fields[case.value] = forms.CharField(
                label=question,
                max_length=300,
                required=False,
                initial=current.get(case.value) or automatic[case.value],
                help_text=_("автоматически: %(form)s") % {"form": automatic[case.value]},
            )
