"""Grades imported from the regional electronic journal: subjects, period grades and current grades.

Kadry does not keep the journal; it holds the period results the journal exports, for the class
teacher's analysis of the quarter (regulation on class teachers, §4.1, §6.4).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.Model):
    """A school subject (учебный предмет) as the electronic journal names it."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    name = models.CharField(_("предмет"), max_length=150)

    class Meta:
        verbose_name = _("учебный предмет")
        verbose_name_plural = _("учебные предметы")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="subject_unique_name")]

    def __str__(self) -> str:
        return self.name


class Term(models.TextChoices):
    """The part of the school year a grade closes: the periods of ``school.Period`` and the year."""

    Q1 = "q1", _("1 четверть")
    Q2 = "q2", _("2 четверть")
    Q3 = "q3", _("3 четверть")
    Q4 = "q4", _("4 четверть")
    T1 = "t1", _("1 триместр")
    T2 = "t2", _("2 триместр")
    T3 = "t3", _("3 триместр")
    H1 = "h1", _("1 полугодие")
    H2 = "h2", _("2 полугодие")
    YEAR = "year", _("год")


class Mark(models.TextChoices):
    """A period grade: the five-point marks, the pass/fail of unmarked subjects, not attested, exempt."""

    FIVE = "5", "5"
    FOUR = "4", "4"
    THREE = "3", "3"
    TWO = "2", "2"
    PASS = "pass", _("зачёт")
    FAIL = "fail", _("незачёт")
    NOT_ATTESTED = "na", _("н/а")
    EXEMPT = "exempt", _("осв.")


class PeriodGrade(models.Model):
    """A student's grade in a subject for a term, with the class the student was in."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    academic_year = models.ForeignKey("school.AcademicYear", on_delete=models.CASCADE, related_name="+")
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="period_grades")
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="period_grades")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    term = models.CharField(_("период"), max_length=4, choices=Term.choices)
    mark = models.CharField(_("отметка"), max_length=6, choices=Mark.choices)
    updated_at = models.DateTimeField(_("загружено"))

    class Meta:
        verbose_name = _("отметка за период")
        verbose_name_plural = _("отметки за период")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "academic_year", "term", "student", "subject"], name="periodgrade_unique"
            )
        ]
        indexes = [
            # The analysis of a class (or of every class of the school) for a term.
            models.Index(
                fields=["organisation", "academic_year", "term", "school_class"], name="periodgrade_class_idx"
            ),
            # The student's own grades (the characteristic draft, the student's analysis).
            models.Index(fields=["organisation", "student", "academic_year"], name="periodgrade_student_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.get_mark_display()} ({self.get_term_display()})"


class CurrentGrade(models.Model):
    """A current (lesson) mark, kept when the journal's export gives them: date and mark."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="current_grades")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("дата"))
    mark = models.CharField(_("отметка"), max_length=6, choices=Mark.choices)
    updated_at = models.DateTimeField(_("загружено"))

    class Meta:
        verbose_name = _("текущая отметка")
        verbose_name_plural = _("текущие отметки")
        indexes = [
            # A class's marks over a span of days.
            models.Index(fields=["organisation", "school_class", "date"], name="currentgrade_class_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.get_mark_display()} ({self.date:%d.%m.%Y})"
