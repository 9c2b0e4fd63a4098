"""Incidents with students: accidents and emergencies (regulation §1.8, §4.17), and the accident act.

The register holds the facts the class teacher reports at once — when, where, what happened, the
first aid and the ambulance (§1.8), who of the administration and of the parents was told and when
(§4.17) — and the administration marks each report seen. An accident that freed the student from
lessons for a day or more is investigated by the school's commission and written up on the form of
the Порядок расследования (Приказ Минобрнауки России от 27.06.2017 № 602); the act's own fields are
filled by the commission on the same row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Incident(models.Model):
    """An accident or an emergency with one or more students of a class."""

    class Kind(models.TextChoices):
        ACCIDENT = "accident", _("несчастный случай (травма, отравление и т. п.)")
        HEALTH = "health", _("ухудшение самочувствия, жалоба на здоровье")
        EMERGENCY = "emergency", _("нештатная или чрезвычайная ситуация")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("когда произошло"))
    place = models.CharField(_("где произошло"), max_length=300)
    during = models.CharField(_("во время чего (урок, перемена, мероприятие…)"), max_length=300, blank=True)
    description = models.TextField(_("что произошло"))
    students = models.ManyToManyField("school.Student", verbose_name=_("обучающиеся"), related_name="incidents")
    injuries = models.TextField(_("характер повреждений, жалобы"), blank=True)
    first_aid = models.TextField(_("первая помощь: какая и кем оказана"), blank=True)
    ambulance_called_at = models.DateTimeField(_("скорая помощь вызвана"), null=True, blank=True)
    administration_informed_at = models.DateTimeField(_("администрация проинформирована"), null=True, blank=True)
    administration_informed_whom = models.CharField(_("кто из администрации"), max_length=300, blank=True)
    parents_informed_at = models.DateTimeField(_("родители проинформированы"), null=True, blank=True)
    parents_informed_whom = models.CharField(_("кто из родителей"), max_length=300, blank=True)
    witnesses = models.TextField(_("очевидцы"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(_("запись внесена"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("принято администрацией"), null=True, blank=True)
    # The commission's part of the act (Приказ № 602, the form of the act).
    act_number = models.CharField(_("№ акта"), max_length=30, blank=True)
    act_date = models.DateField(_("дата акта"), null=True, blank=True)
    commission = models.TextField(_("комиссия: председатель и члены (ФИО, должность)"), blank=True)
    days_off = models.PositiveSmallIntegerField(_("дней освобождения от занятий"), null=True, blank=True)
    causes = models.TextField(_("причины несчастного случая"), blank=True)
    responsible = models.TextField(_("лица, допустившие нарушения"), blank=True)
    measures = models.TextField(_("мероприятия по устранению причин"), blank=True)

    class Meta:
        verbose_name = _("происшествие с обучающимися")
        verbose_name_plural = _("журнал происшествий с обучающимися")
        ordering = ["-occurred_at"]
        indexes = [
            # The register of a class, newest first.
            models.Index(fields=["organisation", "school_class", "occurred_at"], name="incident_org_class_idx"),
            # The administration's home panel: the reports not yet seen.
            models.Index(fields=["organisation", "acknowledged_at"], name="incident_org_ack_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.occurred_at:%d.%m.%Y}"
