"""Mandatory training, examinations and documents: what was completed, and the kinds a school adds.

The kinds the law sets are data in ``rules.BUILTIN``. Further education recorded on the card
(``staff.Training``) and the documents of hire (``staff.HireDocument``) count too: ``queries`` reads
them beside ``ObligationRecord``, nothing is typed in twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The section of the employee's change history where the app writes.
SECTION = "Обязательное обучение и документы"


class Applies(models.TextChoices):
    """Whom a school's kind applies to: everyone, or one category of position (``Position.Category``)."""

    EVERYONE = "", _("все работники")
    PEDAGOGICAL = "pedagogical", _("педагогические работники")
    MANAGEMENT = "management", _("руководящие работники")
    EDUCATIONAL_SUPPORT = "educational_support", _("учебно-вспомогательный персонал")
    ADMINISTRATIVE = "administrative", _("административно-хозяйственный персонал")
    SERVICE = "service", _("обслуживающий персонал")


class SchoolKind(models.Model):
    """A kind a school adds (its own training or document), or its own period for a kind of the law.

    ``builtin`` set: the row replaces the period of that kind of ``rules.BUILTIN`` for the school —
    shorter than the law's only, or a renewal the law does not ask for (the certificate of no record).
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    builtin = models.CharField(_("вид, установленный законом"), max_length=30, blank=True)
    name = models.CharField(_("наименование"), max_length=200, blank=True)
    period_months = models.PositiveSmallIntegerField(_("периодичность, месяцев"), null=True, blank=True)
    applies_to = models.CharField(_("кому"), max_length=30, choices=Applies.choices, blank=True)
    basis = models.CharField(_("основание (локальный акт)"), max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("вид обучения или документа школы")
        verbose_name_plural = _("виды обучения и документов школы")
        ordering = ["name", "id"]
        constraints = [
            # One override per kind of the law in a school.
            models.UniqueConstraint(
                fields=["organisation", "builtin"], condition=~Q(builtin=""), name="schoolkind_org_builtin_uniq"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "name"], name="schoolkind_org_name_idx")]

    def __str__(self) -> str:
        return self.name or self.builtin


class ObligationRecord(models.Model):
    """A training completed, an examination passed or a document presented by an employee."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="obligation_records")
    # A kind of ``rules.BUILTIN``, or empty with ``school_kind`` set.
    kind = models.CharField(_("вид"), max_length=30, blank=True)
    school_kind = models.ForeignKey(
        SchoolKind, null=True, blank=True, on_delete=models.PROTECT, related_name="records", verbose_name=_("вид школы")
    )
    completed_on = models.DateField(_("дата прохождения (выдачи)"))
    valid_until = models.DateField(_("действителен до"), null=True, blank=True)
    document = models.CharField(_("документ (удостоверение, заключение), номер"), max_length=300, blank=True)
    note = models.CharField(_("примечание"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("прохождение обучения, осмотра, документ")
        verbose_name_plural = _("прохождения обучения, осмотров, документы")
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="") & Q(school_kind__isnull=False)) | (~Q(kind="") & Q(school_kind__isnull=True)),
                name="obligationrecord_one_kind",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("completed_on")),
                name="obligationrecord_valid_after_completed",
            ),
        ]
        indexes = [
            # The register and the card: an organisation's records by employee, the latest first.
            models.Index(fields=["organisation", "employee", "completed_on"], name="obligrec_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind or self.school_kind} {self.completed_on:%d.%m.%Y}"

    @property
    def kind_key(self) -> str:
        return self.kind or f"school-{self.school_kind_id}"
