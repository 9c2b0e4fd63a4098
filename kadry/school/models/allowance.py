"""The organisation's amount of the class-teacher allowance, with the date from which each amount applies."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassTeacherAllowance(models.Model):
    """The monthly «вознаграждение за классное руководство» of a school from ``valid_from`` on.

    The amount is the organisation's to set, not the code's: the federal payment (5 000 ₽ a month for
    a class, for no more than two classes — Постановление Правительства РФ от 04.04.2020 № 448) and
    the regional and the school's own supplements change by acts of their own. The amount in force on
    a day is the one with the latest ``valid_from`` not after it; the earlier ones stay as history.
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    amount = models.DecimalField(
        _("вознаграждение в месяц, руб."),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    valid_from = models.DateField(_("действует с"))
    basis = models.CharField(_("основание"), max_length=300, blank=True)
    # Empty for the amount the migration carried over from the code's former constant.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("вознаграждение за классное руководство")
        verbose_name_plural = _("вознаграждение за классное руководство")
        constraints = [
            # One amount from a date; the index serves «the latest valid_from ≤ day» of an organisation.
            models.UniqueConstraint(fields=["organisation", "valid_from"], name="allowance_one_amount_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} руб. с {self.valid_from:%d.%m.%Y}"
