"""The employee and the main part of the personal card (Т-2, Постановление Госкомстата № 1 от 05.01.2004)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.lib.names import cyrillic_name_error, is_russian_citizenship
from kadry.lib.phones import phone_error
from kadry.lib.text import search_key, search_terms

if TYPE_CHECKING:
    # Named for the checker only: at run time staff does not import the apps built on it.
    from django_stubs_ext import StrOrPromise

    from kadry.employment.models import AssignmentQuerySet


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def of(self, organisation_id: int) -> EmployeeQuerySet:
        return self.filter(organisation_id=organisation_id)

    def search(self, query: str) -> EmployeeQuerySet:
        """Keep employees each of whose query words starts a word of their full name («ё» = «е»)."""
        result = self
        for term in search_terms(query):
            result = result.filter(search_key__contains=" " + term)
        return result

    def registry(self, data: Mapping[str, Any], on: dt.date) -> EmployeeQuerySet:
        """Keep the employees a registry's cleaned filters ask for (``kadry.staff.forms.RegistryFilterForm``):
        the search, the status on ``on``, the main job's department (a school's registry) and category."""
        return (
            self.search(data["q"])
            .with_status(data["status"], on)
            .placed(department_id=data.get("department"), category=data["category"], on=on)
        )

    def _assignments(self) -> AssignmentQuerySet:
        """Return the assignments of the outer employee, for correlated subqueries.

        Assignments belong to the employment app and come from orders; they are reached by name so
        that staff does not import the apps built on it. Filtering by the organisation too lets the
        (organisation, employee, start) index serve the subquery.
        """
        assignment_model = apps.get_model("employment", "Assignment")
        return assignment_model.objects.filter(organisation=OuterRef("organisation"), employee=OuterRef("pk"))

    def with_status(self, status: str, on: dt.date | None = None) -> EmployeeQuerySet:
        """Keep the employees with ``Employee.Status`` ``status`` on ``on`` (everyone for an empty status)."""
        on = on or timezone.localdate()
        current = Exists(self._assignments().active(on=on))
        hired = Exists(self._assignments().filter(start__lte=on))
        if status == Employee.Status.WORKING:
            return self.filter(current)
        if status == Employee.Status.DISMISSED:
            return self.filter(~current, hired)
        if status == Employee.Status.NOT_HIRED:
            return self.filter(~hired)
        return self

    def placed(
        self, *, department_id: int | None = None, category: str | None = None, on: dt.date | None = None
    ) -> EmployeeQuerySet:
        """Keep the employees whose main job on ``on`` is in the department and of the position category.

        «Main» is the first current assignment by kind and start — the one the registry shows — so
        the filter and the row always agree. The subqueries run only when a filter asks for them.
        """
        on = on or timezone.localdate()
        main = self._assignments().active(on=on).order_by("kind", "start")
        result: EmployeeQuerySet = self
        if department_id is not None:
            result = result.alias(main_department_id=Subquery(main.values("staffing_unit__department_id")[:1])).filter(
                main_department_id=department_id
            )
        if category:
            result = result.alias(main_category=Subquery(main.values("staffing_unit__position__category")[:1])).filter(
                main_category=category
            )
        return result


class Employee(models.Model):
    class Status(models.TextChoices):
        WORKING = "working", _("Работает")
        DISMISSED = "dismissed", _("Уволен")
        NOT_HIRED = "not_hired", _("Не оформлен")

    class Sex(models.TextChoices):
        MALE = "M", _("мужской")
        FEMALE = "F", _("женский")

    class IdentityDocument(models.TextChoices):
        # Коды видов документов, удостоверяющих личность, из справочника ФНС и СФР (применяются в ЕФС-1).
        PASSPORT_RF = "21", _("Паспорт гражданина РФ")
        FOREIGN_PASSPORT = "10", _("Паспорт иностранного гражданина")
        RESIDENCE_PERMIT = "12", _("Вид на жительство в РФ")
        TEMPORARY_RESIDENCE = "15", _("Разрешение на временное проживание")
        OTHER = "91", _("Иной документ")

    class MaritalStatus(models.TextChoices):
        # ОКИН, раздел 10 «Состояние в браке».
        NEVER_MARRIED = "never_married", _("никогда не состоял(а) в браке")
        MARRIED = "married", _("состоит в зарегистрированном браке")
        WIDOWED = "widowed", _("вдовец (вдова)")
        DIVORCED = "divorced", _("разведён (разведена)")
        SEPARATED = "separated", _("разошёлся (разошлась)")

    class QualificationCategory(models.TextChoices):
        # Приказ Минпросвещения № 196 от 24.03.2023: порядок аттестации педагогических работников.
        NONE = "", _("без категории")
        CONFORMITY = "conformity", _("соответствие занимаемой должности")
        FIRST = "first", _("первая")
        HIGHEST = "highest", _("высшая")
        METHODIST = "methodist", _("педагог-методист")
        MENTOR = "mentor", _("педагог-наставник")

    class WorkBook(models.TextChoices):
        # ТК РФ ст. 66.1: выбор работника между бумажной и электронной трудовой книжкой.
        NOT_CHOSEN = "", _("не выбрано")
        PAPER = "paper", _("бумажная")
        ELECTRONIC = "electronic", _("электронная")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    personnel_number = models.CharField(_("табельный номер"), max_length=20, blank=True)
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    sex = models.CharField(_("пол"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("дата рождения"))
    birth_place = models.CharField(_("место рождения"), max_length=300, blank=True)
    citizenship = models.CharField(_("гражданство"), max_length=100, default="Российская Федерация")
    snils = models.CharField(_("СНИЛС"), max_length=14, blank=True)
    inn = models.CharField(_("ИНН"), max_length=12, blank=True)

    id_doc_kind = models.CharField(
        _("документ, удостоверяющий личность"),
        max_length=2,
        choices=IdentityDocument.choices,
        default=IdentityDocument.PASSPORT_RF,
    )
    id_doc_series = models.CharField(_("серия"), max_length=10, blank=True)
    id_doc_number = models.CharField(_("номер"), max_length=20, blank=True)
    id_doc_issued_by = models.CharField(_("кем выдан"), max_length=300, blank=True)
    id_doc_issued_on = models.DateField(_("дата выдачи"), null=True, blank=True)
    id_doc_issuer_code = models.CharField(_("код подразделения"), max_length=7, blank=True)

    registration_address = models.CharField(_("адрес регистрации"), max_length=500, blank=True)
    registration_date = models.DateField(_("дата регистрации"), null=True, blank=True)
    actual_address = models.CharField(_("адрес фактического места жительства"), max_length=500, blank=True)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    phone_extra = models.CharField(_("дополнительный телефон"), max_length=30, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)

    marital_status = models.CharField(_("состояние в браке"), max_length=20, choices=MaritalStatus.choices, blank=True)
    qualification_category = models.CharField(
        _("квалификационная категория"), max_length=20, choices=QualificationCategory.choices, blank=True
    )
    qualification_category_date = models.DateField(_("дата присвоения категории"), null=True, blank=True)
    work_book = models.CharField(_("трудовая книжка"), max_length=20, choices=WorkBook.choices, blank=True)
    work_book_chosen_on = models.DateField(_("дата заявления о выборе"), null=True, blank=True)

    # Corrections of the automatically declined full name, by case ({"gent": "…"}); see staff/declension.py.
    name_forms = models.JSONField(_("формы ФИО по падежам"), default=dict, blank=True)
    search_key = models.CharField(max_length=320, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmployeeQuerySet.as_manager()
    # Not a column: the kadry.staff.queries.Placement that attach_placement sets on the rows it places
    # (that module imports this one, so the type is not named here).
    placement: Any

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")
        ordering = ["last_name", "first_name", "middle_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "snils"], condition=~Q(snils=""), name="employee_unique_snils"
            ),
            models.UniqueConstraint(
                fields=["organisation", "personnel_number"],
                condition=~Q(personnel_number=""),
                name="employee_unique_personnel_number",
            ),
        ]
        indexes = [
            # The registry: sorted by surname within an organisation.
            models.Index(
                fields=["organisation", "last_name", "first_name", "middle_name", "id"], name="employee_org_name_idx"
            ),
            # The registry of a centralised HR service across its schools (kadry/staff/views/serviced.py): by
            # name whatever the school, so a page is read in order and stops after its rows (its keyset).
            models.Index(fields=["last_name", "first_name", "middle_name", "id"], name="employee_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_key = search_key(self.last_name, self.first_name, self.middle_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def short_name(self) -> str:
        """Return «Иванова М. П.»."""
        return short_name(self.last_name, self.first_name, self.middle_name)

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        today = timezone.localdate()
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = _("Дата рождения не может быть в будущем.")
        elif self.birth_date and self.birth_date < dt.date(today.year - 100, 1, 1):
            errors["birth_date"] = _("Проверьте дату рождения: возраст больше 100 лет.")
        if self.id_doc_issued_on and self.birth_date and self.id_doc_issued_on < self.birth_date:
            errors["id_doc_issued_on"] = _("Документ не может быть выдан до рождения.")
        if self.id_doc_issued_on and self.id_doc_issued_on > today:
            errors["id_doc_issued_on"] = _("Дата выдачи не может быть в будущем.")
        if self.work_book and not self.work_book_chosen_on:
            errors["work_book_chosen_on"] = _("Укажите дату заявления о выборе трудовой книжки.")
        elif self.work_book_chosen_on and self.work_book_chosen_on > today:
            errors["work_book_chosen_on"] = _("Дата заявления не может быть в будущем.")
        if self.registration_date and self.birth_date and self.registration_date < self.birth_date:
            errors["registration_date"] = _("Дата регистрации не может быть раньше даты рождения.")
        elif self.registration_date and self.registration_date > today:
            errors["registration_date"] = _("Дата регистрации не может быть в будущем.")
        if self.qualification_category_date and self.qualification_category_date > today:
            errors["qualification_category_date"] = _("Дата присвоения категории не может быть в будущем.")
        for name in ("phone", "phone_extra"):
            problem = phone_error(getattr(self, name))
            if problem:
                errors[name] = problem
        if is_russian_citizenship(self.citizenship):
            for name in ("last_name", "first_name", "middle_name"):
                problem = cyrillic_name_error(getattr(self, name))
                if problem:
                    errors[name] = problem
        if errors:
            raise ValidationError(errors)


# Of the name columns alone, for lists that read plain columns rather than employees.
def full_name(last_name: str, first_name: str, middle_name: str) -> str:
    """Return «Иванова Мария Петровна», the parts there are."""
    return " ".join(part for part in (last_name, first_name, middle_name) if part)


def short_name(last_name: str, first_name: str, middle_name: str) -> str:
    """Return «Иванова М. П.»."""
    initials = " ".join(f"{part[0]}." for part in (first_name, middle_name) if part)
    return f"{last_name} {initials}".strip()
