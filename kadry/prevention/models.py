"""Prevention of offences (regulation on class teachers §4.3): cases on a register, their plans, the Council.

A student is put on a register (the school's own, or with the police's ПДН, the КДН и ЗП, or as a
minor in a socially dangerous position) by a decision of the school's Council of prevention; the
case carries the individual prevention plan (its measures), its reviews, and every decision the
Council takes on it, up to the one that closes it. The data is of restricted access: read only by the
roles that see individual work (``kadry.school.access.sees_prevention``), every reading logged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ONE_OPEN_CASE = _(
    "У обучающегося уже есть открытый случай этого вида учёта: закройте его решением Совета профилактики."
)


class PreventionCase(models.Model):
    """A student on one register (вид учёта), with the individual prevention plan kept for them."""

    class Register(models.TextChoices):
        INTERNAL = "internal", _("внутришкольный учёт")
        PDN = "pdn", _("учёт в ПДН")
        KDN = "kdn", _("учёт в КДН и ЗП")
        SOP = "sop", _("СОП — социально опасное положение")

    class Status(models.TextChoices):
        OPEN = "open", _("открыт")
        CLOSED = "closed", _("закрыт")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="prevention_cases")
    register = models.CharField(_("вид учёта"), max_length=10, choices=Register.choices)
    reason = models.TextField(_("основание и причина постановки на учёт"))
    basis_document = models.CharField(
        _("документ-основание (постановление КДН и ЗП, информация ПДН, заявление)"), max_length=300, blank=True
    )
    opened_on = models.DateField(_("поставлен на учёт"))
    responsible = models.ForeignKey(
        "staff.Employee", on_delete=models.PROTECT, related_name="prevention_cases", verbose_name=_("ответственный")
    )
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("снят с учёта"), null=True, blank=True)
    closing_reason = models.TextField(_("причина снятия с учёта"), blank=True)

    class Meta:
        verbose_name = _("случай профилактического учёта")
        verbose_name_plural = _("профилактический учёт")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            # One open case per student and register: a second would split the plan in two.
            models.UniqueConstraint(
                fields=["organisation", "student", "register"],
                condition=Q(status="open"),
                name="prevcase_one_open_per_register",
                violation_error_message=ONE_OPEN_CASE,
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True) | Q(status="closed", closed_on__isnull=False),
                name="prevcase_closed_has_date",
            ),
        ]
        indexes = [
            # The register of a school by state; a student's cases on their page.
            models.Index(fields=["organisation", "status", "opened_on"], name="prevcase_org_status_idx"),
            models.Index(fields=["organisation", "student"], name="prevcase_org_student_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.get_register_display()} с {self.opened_on:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Measure(models.Model):
    """A measure of the individual prevention plan: what, who, by when, and its result once recorded."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    case = models.ForeignKey(PreventionCase, on_delete=models.CASCADE, related_name="measures")
    what = models.TextField(_("мероприятие"))
    responsible = models.CharField(_("ответственный"), max_length=300)
    due_on = models.DateField(_("срок"))
    result = models.TextField(_("результат"), blank=True)
    result_on = models.DateField(_("дата результата"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("мероприятие плана профилактики")
        verbose_name_plural = _("мероприятия плана профилактики")
        ordering = ["due_on", "pk"]
        indexes = [
            # The measures without a result by term: the deadlines and the register's «просрочено».
            models.Index(fields=["organisation", "result_on", "due_on"], name="prevmeasure_org_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.what[:60]} (до {self.due_on:%d.%m.%Y})"


class CouncilSitting(models.Model):
    """A sitting of the school's Council of prevention (Совет профилактики) with its protocol's number."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    date = models.DateField(_("дата заседания"))
    number = models.CharField(_("№ протокола"), max_length=20)
    attendees = models.TextField(_("присутствовали (ФИО, должность)"))
    agenda = models.TextField(_("повестка"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("заседание Совета профилактики")
        verbose_name_plural = _("заседания Совета профилактики")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organisation", "date"], name="prevsitting_org_date_idx")]

    def __str__(self) -> str:
        return f"Протокол № {self.number} от {self.date:%d.%m.%Y}"


class CouncilDecision(models.Model):
    """What the Council decided on one case at one sitting; the case changes with it, in one transaction."""

    class Kind(models.TextChoices):
        OPEN = "open", _("поставить на учёт")
        CONTINUE = "continue", _("продолжить работу по плану")
        CHANGE_PLAN = "change_plan", _("изменить план")
        CLOSE = "close", _("снять с учёта")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    sitting = models.ForeignKey(CouncilSitting, on_delete=models.CASCADE, related_name="decisions")
    case = models.ForeignKey(PreventionCase, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("решение"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("формулировка решения"))

    class Meta:
        verbose_name = _("решение Совета профилактики")
        verbose_name_plural = _("решения Совета профилактики")
        ordering = ["sitting__date", "pk"]
        constraints = [
            # A sitting decides once on a case.
            models.UniqueConstraint(fields=["organisation", "sitting", "case"], name="prevdecision_once_per_sitting")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.sitting})"


class Review(models.Model):
    """A review of the plan: its date and conclusion; a Council's decision to continue or change records one."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    case = models.ForeignKey(PreventionCase, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("дата пересмотра"))
    conclusion = models.TextField(_("вывод (что достигнуто, что изменить)"))
    decision = models.OneToOneField(
        CouncilDecision, on_delete=models.CASCADE, null=True, blank=True, related_name="review"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("пересмотр плана профилактики")
        verbose_name_plural = _("пересмотры плана профилактики")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["organisation", "case", "date"], name="prevreview_org_case_idx")]

    def __str__(self) -> str:
        return f"Пересмотр {self.date:%d.%m.%Y}"
