"""The repeating sections of the personal card Т-2 and the military-registration card (форма № 10).

Every row carries the organisation as well as the employee, so that every tenant table can be
filtered, indexed and distributed by organisation alone (see DESIGN.md).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _check_period(start: dt.date | None, end: dt.date | None, *, end_field: str = "end") -> None:
    """Raise a field error when a period ends before it starts or starts in the future."""
    errors = {}
    if start and start > timezone.localdate():
        errors["start"] = _("Дата начала не может быть в будущем.")
    if start and end and end < start:
        errors[end_field] = _("Дата окончания раньше даты начала.")
    if errors:
        raise ValidationError(errors)


class CardSection(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True


class NameChange(CardSection):
    previous_last_name = models.CharField(_("прежняя фамилия"), max_length=100)
    previous_first_name = models.CharField(_("прежнее имя"), max_length=100, blank=True)
    previous_middle_name = models.CharField(_("прежнее отчество"), max_length=100, blank=True)
    changed_on = models.DateField(_("дата изменения"))
    reason = models.CharField(_("основание (документ)"), max_length=300, blank=True)
    order_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("прежние ФИО")
        verbose_name_plural = _("прежние ФИО")
        ordering = ["-changed_on"]
        indexes = [models.Index(fields=["organisation", "employee"], name="namechange_org_emp_idx")]

    def __str__(self) -> str:
        return " ".join(p for p in (self.previous_last_name, self.previous_first_name, self.previous_middle_name) if p)

    def clean(self) -> None:
        if self.changed_on and self.changed_on > timezone.localdate():
            raise ValidationError({"changed_on": _("Дата изменения не может быть в будущем.")})


class Education(CardSection):
    class Level(models.TextChoices):
        # Уровни образования: Федеральный закон № 273-ФЗ «Об образовании», ст. 10.
        BASIC_GENERAL = "basic_general", _("основное общее")
        SECONDARY_GENERAL = "secondary_general", _("среднее общее")
        SECONDARY_VOCATIONAL = "secondary_vocational", _("среднее профессиональное")
        BACHELOR = "bachelor", _("высшее — бакалавриат")
        SPECIALIST = "specialist", _("высшее — специалитет, магистратура")
        DOCTORAL = "doctoral", _("высшее — подготовка кадров высшей квалификации")

    # The levels that admit to pedagogical work (ТК РФ ст. 331 ч. 1: среднее профессиональное или высшее).
    VOCATIONAL_OR_HIGHER = (Level.SECONDARY_VOCATIONAL, Level.BACHELOR, Level.SPECIALIST, Level.DOCTORAL)

    level = models.CharField(_("уровень образования"), max_length=30, choices=Level.choices)
    institution = models.CharField(_("образовательная организация"), max_length=300)
    document_name = models.CharField(_("документ об образовании"), max_length=100, default="диплом")
    document_series = models.CharField(_("серия"), max_length=20, blank=True)
    document_number = models.CharField(_("номер"), max_length=30, blank=True)
    graduation_year = models.PositiveSmallIntegerField(
        _("год окончания"), validators=[MinValueValidator(1940), MaxValueValidator(2100)]
    )
    specialty = models.CharField(_("направление подготовки или специальность"), max_length=300, blank=True)
    qualification = models.CharField(_("квалификация"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("образование")
        verbose_name_plural = _("образование")
        ordering = ["graduation_year"]
        indexes = [models.Index(fields=["organisation", "employee"], name="education_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.institution}, {self.graduation_year}"

    def clean(self) -> None:
        if self.graduation_year and self.graduation_year > timezone.localdate().year:
            raise ValidationError({"graduation_year": _("Год окончания не может быть в будущем.")})


class Training(CardSection):
    class Kind(models.TextChoices):
        TRAINING = "training", _("повышение квалификации")
        RETRAINING = "retraining", _("профессиональная переподготовка")

    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    program = models.CharField(_("программа"), max_length=300)
    institution = models.CharField(_("организация"), max_length=300)
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))
    hours = models.PositiveSmallIntegerField(_("часов"), null=True, blank=True)
    document = models.CharField(_("документ (удостоверение, диплом), номер, дата"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("повышение квалификации, переподготовка")
        verbose_name_plural = _("повышение квалификации и переподготовка")
        ordering = ["-end"]
        indexes = [models.Index(fields=["organisation", "employee"], name="training_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.program}"

    def clean(self) -> None:
        _check_period(self.start, self.end)


class FamilyMember(CardSection):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("супруг(а)")
        SON = "son", _("сын")
        DAUGHTER = "daughter", _("дочь")
        FATHER = "father", _("отец")
        MOTHER = "mother", _("мать")
        OTHER = "other", _("иное")

    relation = models.CharField(_("степень родства"), max_length=20, choices=Relation.choices)
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=300)
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)

    class Meta:
        verbose_name = _("член семьи")
        verbose_name_plural = _("состав семьи")
        ordering = ["birth_date"]
        indexes = [models.Index(fields=["organisation", "employee"], name="family_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.full_name}"

    def clean(self) -> None:
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("Дата рождения не может быть в будущем.")})


class LanguageSkill(CardSection):
    class Level(models.TextChoices):
        # Степени знания языка: ОКИН, раздел 04, как в форме Т-2.
        DICTIONARY = "dictionary", _("читает и переводит со словарём")
        CONVERSANT = "conversant", _("читает и может объясняться")
        FLUENT = "fluent", _("владеет свободно")

    language = models.CharField(_("язык"), max_length=100)
    level = models.CharField(_("степень знания"), max_length=20, choices=Level.choices)

    class Meta:
        verbose_name = _("знание языка")
        verbose_name_plural = _("знание иностранных языков")
        ordering = ["language"]
        indexes = [models.Index(fields=["organisation", "employee"], name="language_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_level_display()})"


class Award(CardSection):
    name = models.CharField(_("наименование награды (поощрения)"), max_length=300)
    awarded_on = models.DateField(_("дата"))
    document = models.CharField(_("документ: наименование, номер"), max_length=300, blank=True)
    # Awards of this organisation come from an award order; those from elsewhere are typed in.
    order_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("награда, поощрение")
        verbose_name_plural = _("награды и поощрения")
        ordering = ["-awarded_on"]
        indexes = [models.Index(fields=["organisation", "employee"], name="award_org_emp_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.awarded_on and self.awarded_on > timezone.localdate():
            raise ValidationError({"awarded_on": _("Дата награждения не может быть в будущем.")})


class SocialBenefit(CardSection):
    name = models.CharField(_("наименование льготы"), max_length=300)
    document = models.CharField(_("документ: номер, дата выдачи"), max_length=300, blank=True)
    basis = models.CharField(_("основание"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("социальная льгота")
        verbose_name_plural = _("социальные льготы")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "employee"], name="benefit_org_emp_idx")]

    def __str__(self) -> str:
        return self.name


class PriorJob(CardSection):
    """A job before this organisation, from the work book; input for length of service."""

    employer = models.CharField(_("организация"), max_length=300)
    position = models.CharField(_("должность"), max_length=300)
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))
    pedagogical = models.BooleanField(_("педагогическая работа"), default=False)

    class Meta:
        verbose_name = _("прежнее место работы")
        verbose_name_plural = _("прежние места работы")
        ordering = ["start"]
        indexes = [models.Index(fields=["organisation", "employee"], name="priorjob_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.employer}, {self.position}"

    def clean(self) -> None:
        _check_period(self.start, self.end)


class HireDocument(CardSection):
    """A document a pedagogical employee must bring on hire."""

    class Kind(models.TextChoices):
        # ТК РФ ст. 65, 331, 351.1: справка о наличии (отсутствии) судимости.
        CRIMINAL_RECORD = "criminal_record", _("справка об отсутствии судимости")
        # ТК РФ ст. 213, 331; Приказ Минздрава № 29н: предварительный медицинский осмотр.
        MEDICAL_EXAM = "medical_exam", _("заключение предварительного медосмотра")
        # ТК РФ ст. 213; Постановление Правительства № 695: психиатрическое освидетельствование.
        PSYCHIATRIC_EXAM = "psychiatric_exam", _("психиатрическое освидетельствование")
        HYGIENE_CERTIFICATE = "hygiene", _("личная медицинская книжка")

    kind = models.CharField(_("документ"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("номер"), max_length=50, blank=True)
    issued_on = models.DateField(_("дата выдачи"))
    valid_until = models.DateField(_("действителен до"), null=True, blank=True)
    note = models.CharField(_("примечание"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("документ при приёме")
        verbose_name_plural = _("документы при приёме (педагогические работники)")
        ordering = ["kind", "-issued_on"]
        indexes = [models.Index(fields=["organisation", "employee"], name="hiredoc_org_emp_idx")]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        if self.issued_on and self.issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("Дата выдачи не может быть в будущем.")})
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            raise ValidationError({"valid_until": _("Срок действия истекает раньше даты выдачи.")})


class MilitaryRecord(models.Model):
    """Воинский учёт: data of the personal card (форма № 10, Методические рекомендации Генштаба ВС РФ, 2017)."""

    class ReserveCategory(models.TextChoices):
        FIRST = "1", _("первая")
        SECOND = "2", _("вторая")

    class Fitness(models.TextChoices):
        # Категории годности: Положение о военно-врачебной экспертизе (Постановление Правительства № 565).
        A = "А", _("А — годен")
        B = "Б", _("Б — годен с незначительными ограничениями")
        V = "В", _("В — ограниченно годен")
        G = "Г", _("Г — временно не годен")
        D = "Д", _("Д — не годен")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.OneToOneField("staff.Employee", on_delete=models.CASCADE, related_name="military_record")
    reserve_category = models.CharField(
        _("категория запаса"), max_length=1, choices=ReserveCategory.choices, blank=True
    )
    rank = models.CharField(_("воинское звание"), max_length=100, blank=True)
    composition = models.CharField(_("состав (профиль)"), max_length=100, blank=True)
    specialty_code = models.CharField(_("полное кодовое обозначение ВУС"), max_length=20, blank=True)
    fitness = models.CharField(_("категория годности"), max_length=1, choices=Fitness.choices, blank=True)
    commissariat = models.CharField(_("военный комиссариат по месту жительства"), max_length=300)
    special_registration = models.CharField(_("состоит на специальном учёте (номер)"), max_length=100, blank=True)
    deregistered_on = models.DateField(_("снят с воинского учёта"), null=True, blank=True)
    deregistration_reason = models.CharField(_("причина снятия"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("воинский учёт")
        verbose_name_plural = _("воинский учёт")
        indexes = [models.Index(fields=["organisation", "employee"], name="military_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.rank or 'воинский учёт'}, {self.commissariat}"
