"""Military registration kept by the organisation beyond the card: the notices sent to the commissariat.

The data of registration itself is section II of the card (``staff.MilitaryRecord``); the hires and
dismissals are the ЕФС-1 events of signed orders (``employment.WorkRecordEvent``). A notice row
records that the event was reported to the military commissariat (Положение о воинском учёте, п. 32).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommissariatNotice(models.Model):
    """A notice to the military commissariat of a hire or dismissal of a person liable to registration."""

    class Kind(models.TextChoices):
        HIRE = "hire", _("о приёме на работу")
        DISMISSAL = "dismissal", _("об увольнении")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="+")
    event = models.OneToOneField(
        "employment.WorkRecordEvent", on_delete=models.PROTECT, related_name="commissariat_notice"
    )
    kind = models.CharField(_("сообщение"), max_length=12, choices=Kind.choices)
    event_date = models.DateField(_("дата приёма (увольнения)"))
    due_on = models.DateField(_("срок"))
    commissariat = models.CharField(_("военный комиссариат"), max_length=300)
    sent_on = models.DateField(_("дата отправки"))
    number = models.CharField(_("исходящий номер"), max_length=50, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("сообщение в военный комиссариат")
        verbose_name_plural = _("сообщения в военный комиссариат")
        # The notices page and the deadlines read the notices of an organisation by event.
        indexes = [models.Index(fields=["organisation", "event"], name="military_notice_org_event_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} от {self.sent_on:%d.%m.%Y}"
