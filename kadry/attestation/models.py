"""Attestation of pedagogical workers: category decisions, the school's commission, the schedule and each attestation.

The card (``staff.Employee.qualification_category`` and its date) keeps the current result; these rows
keep how it came about. The commission and the schedule are appointed by the director's orders, whose
number and date HR types in: they are not personnel orders, and attestation never imports orders.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The section of the employee's change history where attestation writes.
SECTION = "Аттестация"


class Category(models.TextChoices):
    """The qualification categories a commission of the region sets (Порядок № 196)."""

    FIRST = "first", _("первая")
    HIGHEST = "highest", _("высшая")
    METHODIST = "methodist", _("педагог-методист")
    MENTOR = "mentor", _("педагог-наставник")


class CategoryDecision(models.Model):
    """The decision of the region's commission that set a worker's qualification category."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="category_decisions")
    category = models.CharField(_("квалификационная категория"), max_length=12, choices=Category.choices)
    position = models.CharField(_("по должности"), max_length=200, blank=True)
    decided_on = models.DateField(_("дата решения"))
    issued_by = models.CharField(_("кем установлена"), max_length=300)
    decision_number = models.CharField(_("номер распорядительного акта"), max_length=50)
    # Computed by rules.category_valid_until when the row is written; None: no term (Порядок № 196).
    valid_until = models.DateField(_("действует по"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("решение об установлении категории")
        verbose_name_plural = _("решения об установлении категорий")
        ordering = ["-decided_on", "-id"]
        indexes = [
            # The card's history and the due list: an employee's decisions, the latest first.
            models.Index(fields=["organisation", "employee", "decided_on"], name="catdecision_org_emp_idx"),
            # The deadlines: the categories expiring in a period.
            models.Index(fields=["organisation", "valid_until"], name="catdecision_org_until_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} с {self.decided_on:%d.%m.%Y}"


class Commission(models.Model):
    """The organisation's attestation commission, formed by the director's order (273-ФЗ ст. 49 ч. 2)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    name = models.CharField(_("название"), max_length=300, default="Аттестационная комиссия")
    order_number = models.CharField(_("номер приказа о составе"), max_length=50)
    order_date = models.DateField(_("дата приказа"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("аттестационная комиссия")
        verbose_name_plural = _("аттестационные комиссии")
        ordering = ["-order_date", "-id"]
        indexes = [models.Index(fields=["organisation", "order_date"], name="commission_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.name} (приказ от {self.order_date:%d.%m.%Y} № {self.order_number})"


class CommissionMember(models.Model):
    """One member of a commission with their role in it."""

    class Role(models.TextChoices):
        # The protocol is signed by the chair, the deputy, the secretary and the members present.
        CHAIR = "1_chair", _("председатель")
        DEPUTY = "2_deputy", _("заместитель председателя")
        SECRETARY = "3_secretary", _("секретарь")
        MEMBER = "4_member", _("член комиссии")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    commission = models.ForeignKey(Commission, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("ФИО"), max_length=200)
    position = models.CharField(_("должность"), max_length=200, blank=True)
    role = models.CharField(_("роль"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    # Порядок № 196: the elected body of the primary trade-union organisation has its representative.
    union_representative = models.BooleanField(_("представитель профсоюзной организации"), default=False)

    class Meta:
        verbose_name = _("член аттестационной комиссии")
        verbose_name_plural = _("члены аттестационной комиссии")
        ordering = ["role", "full_name", "id"]
        indexes = [models.Index(fields=["organisation", "commission"], name="commember_org_commission_idx")]

    def __str__(self) -> str:
        return self.full_name


class Schedule(models.Model):
    """The administrative act of a school year: the list of workers attested for conformity and its schedule."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_year = models.PositiveSmallIntegerField(_("учебный год (год начала)"))
    commission = models.ForeignKey(Commission, verbose_name=_("комиссия"), on_delete=models.PROTECT)
    order_number = models.CharField(_("номер распорядительного акта"), max_length=50)
    order_date = models.DateField(_("дата распорядительного акта"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("график аттестации")
        verbose_name_plural = _("графики аттестации")
        ordering = ["-school_year", "-order_date", "-id"]
        indexes = [models.Index(fields=["organisation", "school_year"], name="attschedule_org_year_idx")]

    def __str__(self) -> str:
        return f"График аттестации на {self.school_year_label} учебный год"

    @property
    def school_year_label(self) -> str:
        return f"{self.school_year}/{self.school_year + 1}"


class Attestation(models.Model):
    """One worker's attestation for conformity with the position, step by step (Порядок № 196, разд. II)."""

    class Result(models.TextChoices):
        CONFORMS = "conforms", _("соответствует занимаемой должности")
        DOES_NOT = "does_not", _("не соответствует занимаемой должности")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="attestations")
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="conformity_attestations")
    position = models.CharField(_("должность"), max_length=200)
    planned_on = models.DateField(_("дата аттестации по графику"))
    acquainted_on = models.DateField(_("ознакомлен(а) с графиком"), null=True, blank=True)
    representation = models.TextField(_("представление работодателя"), blank=True)
    representation_acquainted_on = models.DateField(_("ознакомлен(а) с представлением"), null=True, blank=True)
    protocol_number = models.CharField(_("номер протокола"), max_length=30, blank=True)
    protocol_date = models.DateField(_("дата заседания (протокола)"), null=True, blank=True)
    result = models.CharField(_("решение комиссии"), max_length=10, choices=Result.choices, blank=True)
    recommendations = models.TextField(_("рекомендации комиссии"), blank=True)
    extract_issued_on = models.DateField(_("выписка составлена"), null=True, blank=True)
    extract_acquainted_on = models.DateField(_("ознакомлен(а) с выпиской"), null=True, blank=True)
    employer_decision = models.CharField(_("решение работодателя"), max_length=500, blank=True)
    # What the card held before the protocol's «соответствует» went on it, so that undoing the protocol
    # can put it back (services.undo_step); not editable: the history shows the card's own row instead.
    card_written = models.BooleanField(default=False, editable=False)
    card_category_before = models.CharField(max_length=20, blank=True, editable=False)
    card_category_date_before = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("аттестация на соответствие занимаемой должности")
        verbose_name_plural = _("аттестации на соответствие занимаемой должности")
        ordering = ["planned_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "schedule", "employee"], name="attestation_once_a_schedule"
            ),
            models.CheckConstraint(
                condition=Q(protocol_date__isnull=True) | Q(result__gt=""), name="attestation_protocol_has_result"
            ),
            models.CheckConstraint(
                condition=Q(acquainted_on__isnull=True) | Q(acquainted_on__lte=F("planned_on")),
                name="attestation_acquainted_before",
            ),
        ]
        indexes = [
            # The card's history and the due list: an employee's attestations.
            models.Index(fields=["organisation", "employee", "planned_on"], name="attestation_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"Аттестация {self.planned_on:%d.%m.%Y}"
