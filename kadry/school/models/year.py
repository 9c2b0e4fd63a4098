"""The school year's calendar: periods (quarters, trimesters, half-years by grade band) and holidays."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    """A part of the school year for a band of grades: quarters by default, or trimesters or half-years."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("четверть")
        TRIMESTER = "trimester", _("триместр")
        HALF_YEAR = "half_year", _("полугодие")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    academic_year = models.ForeignKey("school.AcademicYear", on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("вид"), max_length=12, choices=Kind.choices, default=Kind.QUARTER)
    number = models.PositiveSmallIntegerField(_("номер"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    grade_from = models.PositiveSmallIntegerField(_("с класса"), default=1)
    grade_to = models.PositiveSmallIntegerField(_("по класс"), default=11)
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))

    class Meta:
        verbose_name = _("учебный период")
        verbose_name_plural = _("учебные периоды")
        ordering = ["grade_from", "start"]
        indexes = [models.Index(fields=["organisation", "academic_year", "start"], name="period_org_year_idx")]

    def __str__(self) -> str:
        return f"{self.number}-я {self.get_kind_display()} ({self.grade_from}–{self.grade_to} кл.)"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Дата окончания раньше даты начала.")})
        if self.grade_from and self.grade_to and self.grade_to < self.grade_from:
            raise ValidationError({"grade_to": _("Неверный диапазон классов.")})

    def covers(self, grade: int, day: dt.date) -> bool:
        return self.grade_from <= grade <= self.grade_to and self.start <= day <= self.end


class Holiday(models.Model):
    """School holidays (каникулы): no lessons, no attendance to mark."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    academic_year = models.ForeignKey("school.AcademicYear", on_delete=models.CASCADE, related_name="holidays")
    name = models.CharField(_("название"), max_length=100)
    start = models.DateField(_("начало"))
    end = models.DateField(_("окончание"))
    grade_from = models.PositiveSmallIntegerField(_("с класса"), default=1)
    grade_to = models.PositiveSmallIntegerField(_("по класс"), default=11)

    class Meta:
        verbose_name = _("каникулы")
        verbose_name_plural = _("каникулы")
        ordering = ["start"]
        indexes = [models.Index(fields=["organisation", "academic_year", "start"], name="holiday_org_year_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.start:%d.%m}–{self.end:%d.%m.%Y})"
