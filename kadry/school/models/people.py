"""Classes, students, guardians, enrolments and who leads each class."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AcademicYear(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    name = models.CharField(_("учебный год"), max_length=20)  # «2026/2027»
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))

    class Meta:
        verbose_name = _("учебный год")
        verbose_name_plural = _("учебные годы")
        ordering = ["-start"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="academicyear_unique_name")]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    academic_year = models.ForeignKey(AcademicYear, on_delete=models.PROTECT, related_name="classes")
    grade = models.PositiveSmallIntegerField(_("параллель"), validators=[MinValueValidator(1), MaxValueValidator(11)])
    letter = models.CharField(_("литера"), max_length=3)
    # A whole-day absence counts this many lessons unless the teacher says otherwise.
    lessons_per_day = models.PositiveSmallIntegerField(
        _("уроков в день"), default=6, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        verbose_name = _("класс")
        verbose_name_plural = _("классы")
        ordering = ["grade", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year", "grade", "letter"], name="schoolclass_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade}{self.letter}"


class Student(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("мужской")
        FEMALE = "F", _("женский")

    class HealthGroup(models.TextChoices):
        # Группы здоровья детей: Приказ Минздрава № 514н (профилактические осмотры несовершеннолетних).
        I = "1", "I"  # noqa: E741
        II = "2", "II"
        III = "3", "III"
        IV = "4", "IV"
        V = "5", "V"

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    file_number = models.CharField(_("номер личного дела"), max_length=20)
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    sex = models.CharField(_("пол"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("дата рождения"))
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    health_group = models.CharField(_("группа здоровья"), max_length=1, choices=HealthGroup.choices, blank=True)

    class Meta:
        verbose_name = _("обучающийся")
        verbose_name_plural = _("обучающиеся")
        ordering = ["last_name", "first_name", "middle_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "file_number"], name="student_unique_file_number"),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)


class Guardian(models.Model):
    class Relation(models.TextChoices):
        MOTHER = "mother", _("мать")
        FATHER = "father", _("отец")
        GUARDIAN = "guardian", _("опекун (попечитель)")
        OTHER = "other", _("иной законный представитель")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardians")
    relation = models.CharField(_("кем приходится"), max_length=20, choices=Relation.choices)
    full_name = models.CharField(_("фамилия, имя, отчество"), max_length=300)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    receives_notices = models.BooleanField(_("получает уведомления"), default=False)

    class Meta:
        verbose_name = _("родитель (законный представитель)")
        verbose_name_plural = _("родители (законные представители)")
        indexes = [models.Index(fields=["organisation", "student"], name="guardian_org_student_idx")]

    def __str__(self) -> str:
        return self.full_name


class EnrollmentQuerySet(models.QuerySet["Enrollment"]):
    def active(self, *, on: dt.date) -> EnrollmentQuerySet:
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class Enrollment(models.Model):
    """A student's membership of a class over a period; a transfer ends one and starts another."""

    class EndReason(models.TextChoices):
        # What the graduates and ОО-1 reports count.
        CLASS_TRANSFER = "class_transfer", _("перевод в другой класс")
        PROMOTED = "promoted", _("переведён в следующий класс")
        OTHER_SCHOOL = "other_school", _("выбыл в другую образовательную организацию")
        VOCATIONAL = "vocational", _("поступил в организацию СПО")
        GRADUATED = "graduated", _("окончил обучение")
        FAMILY_EDUCATION = "family_education", _("перешёл на семейное образование")
        MOVED_ABROAD = "moved_abroad", _("выбыл за пределы РФ")
        EXPELLED = "expelled", _("отчислен")
        OTHER = "other", _("иная причина")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrollments")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="enrollments")
    start = models.DateField(_("с"))
    end = models.DateField(_("по"), null=True, blank=True)
    end_reason = models.CharField(_("причина выбытия"), max_length=20, choices=EndReason.choices, blank=True)
    destination = models.CharField(_("куда выбыл"), max_length=300, blank=True)
    basis = models.CharField(_("основание (приказ)"), max_length=300, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("зачисление в класс")
        verbose_name_plural = _("зачисления в классы")
        indexes = [
            # The class list on a date.
            models.Index(fields=["organisation", "school_class", "start"], name="enrollment_org_class_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.student} — {self.school_class}"


class ClassTeacherAssignmentQuerySet(models.QuerySet["ClassTeacherAssignment"]):
    def active(self, *, on: dt.date) -> ClassTeacherAssignmentQuerySet:
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class ClassTeacherAssignment(models.Model):
    """Классное руководство: appointed and released by the director's order (regulation §2)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    teacher = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="class_teacher_assignments")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="class_teacher_assignments")
    start = models.DateField(_("с"))
    end = models.DateField(_("по"), null=True, blank=True)
    monthly_allowance = models.DecimalField(_("ежемесячное вознаграждение, руб."), max_digits=10, decimal_places=2)
    agreement = models.CharField(_("дополнительное соглашение"), max_length=200, blank=True)
    # Regulation §1.7, §11.1: class leadership is given «с его согласия», «с их письменного согласия»;
    # §1.6: the director «заключает с педагогом дополнительное соглашение».
    consent_on = models.DateField(_("письменное согласие педагога"), null=True, blank=True)
    agreement_on = models.DateField(_("дата дополнительного соглашения"), null=True, blank=True)
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")
    release_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ClassTeacherAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("классное руководство")
        verbose_name_plural = _("классное руководство")
        ordering = ["start"]
        indexes = [
            # A class's teacher on a date; a teacher's classes on a date (access follows appointment).
            models.Index(fields=["organisation", "school_class", "start"], name="classteacher_org_class_idx"),
            models.Index(fields=["organisation", "teacher", "start"], name="classteacher_org_teacher_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.school_class}: {self.teacher}"


class StudentCategory(models.Model):
    """A social category of a student over a period, with its evidence: the input of the social passport."""

    class Category(models.TextChoices):
        LARGE_FAMILY = "large_family", _("многодетная семья")
        LOW_INCOME = "low_income", _("малоимущая семья")
        SINGLE_PARENT = "single_parent", _("неполная семья")
        GUARDIANSHIP = "guardianship", _("под опекой (попечительством)")
        ORPHAN = "orphan", _("ребёнок-сирота, оставшийся без попечения родителей")
        DISABLED = "disabled", _("ребёнок-инвалид")
        SPECIAL_NEEDS = "special_needs", _("ОВЗ (особые образовательные потребности)")
        MIGRANT = "migrant", _("семья мигрантов, вынужденных переселенцев")
        SVO_FAMILY = "svo_family", _("семья участника СВО")
        INTERNAL_REGISTER = "internal_register", _("внутришкольный учёт")
        PDN = "pdn", _("учёт в ПДН")
        KDN = "kdn", _("учёт в КДН и ЗП")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("категория"), max_length=20, choices=Category.choices)
    valid_from = models.DateField(_("с"))
    valid_to = models.DateField(_("по"), null=True, blank=True)
    evidence = models.CharField(_("подтверждающий документ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("социальная категория")
        verbose_name_plural = _("социальные категории")
        ordering = ["category", "valid_from"]
        indexes = [models.Index(fields=["organisation", "student"], name="studentcat_org_student_idx")]

    def __str__(self) -> str:
        return self.get_category_display()


class ClassTeacherSubstitution(models.Model):
    """A teacher leading a class while its class teacher is away (illness, leave, a course)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="substitutions")
    substitute = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="class_substitutions")
    start = models.DateField(_("с"))
    end = models.DateField(_("по"))
    reason = models.CharField(_("причина"), max_length=300)
    assigned_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("замена классного руководителя")
        verbose_name_plural = _("замены классных руководителей")
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["organisation", "substitute", "start"], name="substitution_org_teacher_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.school_class}: {self.substitute} ({self.start:%d.%m}–{self.end:%d.%m.%Y})"
