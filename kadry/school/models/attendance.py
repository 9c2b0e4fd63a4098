"""Daily attendance: absences and lateness with reasons, and which classes have been marked."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttendanceMark(models.Model):
    """A student's absence (whole day or some lessons) or lateness on a day, with its reason."""

    class Kind(models.TextChoices):
        ABSENT = "absent", _("пропуск")
        LATE = "late", _("опоздание")

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("болезнь")
        NOTE = "note", _("по заявлению (записке) родителей")
        FAMILY = "family", _("семейные обстоятельства")
        REPRESENTING = "representing", _("соревнования, олимпиада (представляет школу)")
        UNEXCUSED = "unexcused", _("неуважительная")
        UNKNOWN = "unknown", _("причина не выяснена")

    # Reasons that excuse an absence; «unknown» is resolved later (regulation §6.1–6.2).
    EXCUSED = frozenset({Reason.ILLNESS, Reason.NOTE, Reason.FAMILY, Reason.REPRESENTING})

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="attendance_marks")
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.PROTECT, related_name="attendance_marks")
    date = models.DateField(_("дата"))
    kind = models.CharField(_("отметка"), max_length=10, choices=Kind.choices)
    whole_day = models.BooleanField(_("весь день"), default=True)
    lessons = models.PositiveSmallIntegerField(_("пропущено уроков"), default=0, validators=[MaxValueValidator(10)])
    minutes_late = models.PositiveSmallIntegerField(
        _("опоздание, мин."), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    reason = models.CharField(_("причина"), max_length=15, choices=Reason.choices, default=Reason.UNKNOWN)
    note = models.CharField(_("примечание"), max_length=300, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("отметка посещаемости")
        verbose_name_plural = _("отметки посещаемости")
        ordering = ["date", "student"]
        constraints = [
            # One mark per student and day: the grid saves the whole day's state at once.
            models.UniqueConstraint(fields=["organisation", "student", "date"], name="attendance_unique_day"),
            models.CheckConstraint(
                condition=~Q(kind="late") | Q(minutes_late__isnull=False), name="attendance_late_has_minutes"
            ),
        ]
        indexes = [
            # A class's grid for a day and its reports for a period.
            models.Index(fields=["organisation", "school_class", "date"], name="attendance_org_class_date_idx"),
            # Unresolved reasons of a class.
            models.Index(fields=["organisation", "reason", "date"], name="attendance_org_reason_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.student}: {self.get_kind_display()}"


class AttendanceDay(models.Model):
    """That a class's attendance for a day was marked (even when everyone was present)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="attendance_days")
    date = models.DateField(_("дата"))
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("отмеченный день")
        verbose_name_plural = _("отмеченные дни")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "school_class", "date"], name="attendanceday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.school_class} {self.date:%d.%m.%Y}"


class AttendanceThresholds(models.Model):
    """When unexcused absences flag a student for the social pedagogue and the deputy director."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="attendance_thresholds"
    )
    days_in_row = models.PositiveSmallIntegerField(_("дней подряд без уважительной причины"), default=3)
    monthly_share = models.PositiveSmallIntegerField(
        _("доля пропущенных без уважительной причины уроков за месяц, %"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("пороги посещаемости")
        verbose_name_plural = _("пороги посещаемости")

    def __str__(self) -> str:
        return f"{self.days_in_row} дн. подряд / {self.monthly_share} %"
