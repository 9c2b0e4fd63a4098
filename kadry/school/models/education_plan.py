"""The class's plan of educational work: revisions approved by the deputy director, and their items.

One row of ``EducationPlan`` is one revision of the class's plan for its school year (a class belongs
to one year, so the plan's year is the class's). Revision 1 is the plan of the year from the first
half-year; a correction for the second half-year (regulation §6.4) is a new revision copied from the
approved one — the approved revision stays as it was, readable and printable. Approval covers the
goals and the items; the yearly analysis (§7.3), written at the year's end, is kept on the latest
revision and is not part of what the deputy approved.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kadry.school.models.people import AcademicYear
from kadry.school.rules import education_plan as rules


class EducationPlan(models.Model):
    """One revision of the class's plan of educational work, and the yearly analysis (§4.11, §7.1, §7.3)."""

    class Status(models.TextChoices):
        DRAFT = rules.DRAFT, _("черновик")
        SUBMITTED = rules.SUBMITTED, _("на утверждении")
        APPROVED = rules.APPROVED, _("утверждён")
        RETURNED = rules.RETURNED, _("возвращён на доработку")

    class HalfYear(models.IntegerChoices):
        FIRST = rules.FIRST_HALF, _("с первого полугодия")
        SECOND = rules.SECOND_HALF, _("на второе полугодие (корректировка)")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="education_plans")
    version = models.PositiveSmallIntegerField(_("редакция"), default=1)
    half_year = models.PositiveSmallIntegerField(_("полугодие"), choices=HalfYear.choices, default=HalfYear.FIRST)
    goals = models.TextField(_("цели и задачи"), blank=True)
    directions = models.TextField(_("пояснения к плану"), blank=True)
    analysis = models.TextField(_("анализ воспитательной работы за год"), blank=True)
    status = models.CharField(_("состояние"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("отправлен на утверждение"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The deputy's decision: the approval, or the return with what to change.
    decided_at = models.DateTimeField(_("решение принято"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_comment = models.TextField(_("замечания заместителя директора"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("план воспитательной работы")
        verbose_name_plural = _("планы воспитательной работы")
        ordering = ["school_class", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_class", "version"], name="educationplan_unique_version"
            ),
        ]
        # The deputy's home page counts the plans waiting for her; her list filters by state.
        indexes = [models.Index(fields=["organisation", "status"], name="educationplan_org_status_idx")]

    def __str__(self) -> str:
        return f"План воспитательной работы {self.school_class}, редакция {self.version}"

    @property
    def school_year(self) -> AcademicYear:
        """The school year the plan is for: the class's (a class exists in one year)."""
        return self.school_class.academic_year

    @property
    def editable(self) -> bool:
        return self.status in rules.EDITABLE

    @property
    def approved(self) -> bool:
        return self.status == self.Status.APPROVED


class EducationPlanItem(models.Model):
    """One planned activity: its direction of educational work, month, form and who is responsible."""

    class Direction(models.TextChoices):
        # The directions are the tasks of the class teacher's work (regulation on class teachers, §2.3,
        # §3.1, §4): each names the paragraph it comes from.
        COLLECTIVE = "collective", _("формирование и развитие коллектива класса")  # §2.3.1
        CIVIC_PATRIOTIC = "civic_patriotic", _("гражданско-патриотическое воспитание")  # §2.3.10, §4.7
        MORAL = "moral", _("нравственное и духовное воспитание")  # §2.3.9
        HEALTH = "health", _("здоровьесбережение, здоровый образ жизни")  # §2.3.3, §4.7
        SAFETY = "safety", _("безопасность жизнедеятельности")  # §4.15
        PREVENTION = "prevention", _("профилактика правонарушений и девиантного поведения")  # §4.3, §6.1
        CREATIVE = "creative", _("социально значимая и творческая деятельность")  # §2.3.11, §4.18
        CAREER = "career", _("профориентация и профессиональное самоопределение")  # §2.3.12
        SELF_GOVERNMENT = "self_government", _("ученическое самоуправление, актив класса")  # §3.1.1, §6.3
        STUDY = "study", _("учебная деятельность, взаимодействие с учителями-предметниками")  # §4.1, §4.10
        INDIVIDUAL = "individual", _("индивидуальная работа с обучающимися")  # §6.1, §6.10
        PARENTS = "parents", _("работа с родителями")  # §3.1.1, §4.8, §6.7

    class Month(models.IntegerChoices):
        SEPTEMBER = 9, _("сентябрь")
        OCTOBER = 10, _("октябрь")
        NOVEMBER = 11, _("ноябрь")
        DECEMBER = 12, _("декабрь")
        JANUARY = 1, _("январь")
        FEBRUARY = 2, _("февраль")
        MARCH = 3, _("март")
        APRIL = 4, _("апрель")
        MAY = 5, _("май")
        JUNE = 6, _("июнь")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    plan = models.ForeignKey(EducationPlan, on_delete=models.CASCADE, related_name="items")
    direction = models.CharField(_("направление"), max_length=20, choices=Direction.choices)
    month = models.PositiveSmallIntegerField(_("месяц"), choices=Month.choices)
    title = models.CharField(_("мероприятие"), max_length=300)
    form = models.CharField(_("форма проведения, содержание"), max_length=500, blank=True)
    responsible = models.CharField(_("ответственные"), max_length=300, blank=True)
    date = models.DateField(_("дата"), null=True, blank=True)

    class Meta:
        verbose_name = _("мероприятие плана воспитательной работы")
        verbose_name_plural = _("мероприятия плана воспитательной работы")
        # Shown by the school year's months (September first), which the database order cannot say:
        # ``sorted_items`` orders them.
        ordering = ["pk"]
        indexes = [models.Index(fields=["organisation", "plan"], name="educationplanitem_org_plan_idx")]

    def __str__(self) -> str:
        return self.title


def sorted_items(items: list[EducationPlanItem]) -> list[EducationPlanItem]:
    """Return the items by the school year's month (September first), then by date (undated last), then as added."""
    return sorted(
        items,
        key=lambda item: (rules.month_order(item.month), item.date is None, item.date or 0, item.pk or 0),
    )
