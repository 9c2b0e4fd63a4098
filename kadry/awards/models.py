"""Award nominations (ходатайство о награждении, наградной лист): who is nominated for which award, and how far it went.

The award itself is conferred outside the school (the ministry, the President); the school signs its
own award order when the award arrives, and that order writes the card's award entry and the work
record. A nomination is awarded when such an entry of its award appears on the card after it was
sent: derived on reading (``services.awarded_entries``), so the awards app never imports orders.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kadry.awards.rules import AWARD_KINDS, AwardKind

SECTION = "Награждения"  # the change history's section


class Nomination(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("проект")
        SENT = "sent", _("направлено")
        REFUSED = "refused", _("отказано")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="nominations")
    award = models.CharField(
        _("награда"), max_length=40, choices=[(code, kind.name) for code, kind in AWARD_KINDS.items()]
    )
    characteristic = models.TextField(_("характеристика с указанием конкретных заслуг"))
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("направлено"), null=True, blank=True)
    sent_to = models.CharField(_("куда направлено"), max_length=300, blank=True)
    refused_on = models.DateField(_("дата отказа"), null=True, blank=True)
    refusal_reason = models.CharField(_("причина отказа"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)

    class Meta:
        verbose_name = _("ходатайство о награждении")
        verbose_name_plural = _("ходатайства о награждении")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list of an organisation's nominations; an employee's nominations on the card.
            models.Index(fields=["organisation", "status"], name="nomination_org_status_idx"),
            models.Index(fields=["organisation", "employee"], name="nomination_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind.name}: {self.employee}"

    @property
    def kind(self) -> AwardKind:
        return AWARD_KINDS[self.award]
