"""The organisation's structure: departments, positions and the staffing table (Т-3)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    name = models.CharField(_("наименование"), max_length=300)
    code = models.CharField(_("код"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("входит в"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    order = models.PositiveIntegerField(_("порядок"), default=0)

    class Meta:
        verbose_name = _("структурное подразделение")
        verbose_name_plural = _("структурные подразделения")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    class Category(models.TextChoices):
        # Categories of school staff as in the ОО-1 and staffing reports.
        PEDAGOGICAL = "pedagogical", _("Педагогические работники")
        MANAGEMENT = "management", _("Руководящие работники")
        EDUCATIONAL_SUPPORT = "educational_support", _("Учебно-вспомогательный персонал")
        ADMINISTRATIVE = "administrative", _("Административно-хозяйственный персонал")
        SERVICE = "service", _("Обслуживающий персонал")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    name = models.CharField(_("наименование должности"), max_length=300)
    category = models.CharField(_("категория"), max_length=30, choices=Category.choices)
    # Work in this position counts towards pedagogical length of service: teachers and other
    # pedagogical staff, and the heads who lead educational work (Номенклатура должностей
    # педагогических работников и руководителей, Постановление Правительства РФ № 225 от 21.02.2022).
    pedagogical_service = models.BooleanField(_("засчитывается в педагогический стаж"), default=False)
    # Corrections of the automatically declined title, by case ({"gent": "…"}); see staff/declension.py.
    name_forms = models.JSONField(_("формы наименования по падежам"), default=dict, blank=True)

    class Meta:
        verbose_name = _("должность")
        verbose_name_plural = _("должности")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="position_unique_name")]

    def __str__(self) -> str:
        return self.name


class StaffingUnit(models.Model):
    """A line of the staffing table: a position in a department with a number of rates and a salary."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    department = models.ForeignKey(Department, verbose_name=_("подразделение"), on_delete=models.PROTECT)
    position = models.ForeignKey(Position, verbose_name=_("должность"), on_delete=models.PROTECT)
    rates = models.DecimalField(
        _("количество ставок"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    salary = models.DecimalField(
        _("оклад (ставка), руб."), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    allowance = models.DecimalField(
        _("надбавки, руб."),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("примечание"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("штатная единица")
        verbose_name_plural = _("штатное расписание")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "department", "position"], name="staffingunit_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} — {self.department}"
