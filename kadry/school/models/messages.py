"""Messages to the parents of a class or of one student (regulation §4.8), and whom they went to.

Kadry sends nothing itself: the message is printed or exported as a list for the school's messenger,
and the recipients row is the record of who was to receive it and when it was handed over.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParentMessage(models.Model):
    """A message to the guardians of a class (all, or one student's)."""

    class Topic(models.TextChoices):
        GRADES = "grades", _("успеваемость за период")
        EVENT = "event", _("мероприятие")
        MEETING = "meeting", _("родительское собрание")
        OTHER = "other", _("другое")

    class Channel(models.TextChoices):
        PRINT = "print", _("распечатано и выдано")
        MESSENGER = "messenger", _("разослано через мессенджер школы")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="parent_messages")
    student = models.ForeignKey(
        "school.Student", null=True, blank=True, on_delete=models.CASCADE, related_name="parent_messages"
    )
    topic = models.CharField(_("тема"), max_length=10, choices=Topic.choices)
    title = models.CharField(_("заголовок"), max_length=300)
    text = models.TextField(_("текст"))
    channel = models.CharField(_("как передано"), max_length=10, choices=Channel.choices)
    # A message of the period's grades: each family's copy carries their child's grades of this period.
    term = models.CharField(_("период (оценки)"), max_length=10, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("отправлено"))

    class Meta:
        verbose_name = _("сообщение родителям")
        verbose_name_plural = _("сообщения родителям")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["organisation", "school_class", "sent_at"], name="parentmsg_org_class_idx")]

    def __str__(self) -> str:
        return f"{self.title}, {self.sent_at:%d.%m.%Y}"


class ParentMessageRecipient(models.Model):
    """One guardian a message went to, as they were at sending (names and phones change later)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    message = models.ForeignKey(ParentMessage, on_delete=models.CASCADE, related_name="recipients")
    guardian = models.ForeignKey("school.Guardian", null=True, on_delete=models.SET_NULL, related_name="+")
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField(_("родитель (законный представитель)"), max_length=300)
    phone = models.CharField(_("телефон"), max_length=30, blank=True)
    # The student's grades of the message's period as sent (the journal's export may be loaded again later).
    grades = models.TextField(_("оценки за период"), blank=True)

    class Meta:
        verbose_name = _("получатель сообщения")
        verbose_name_plural = _("получатели сообщения")
        indexes = [models.Index(fields=["organisation", "message"], name="parentmsgrcpt_org_msg_idx")]

    def __str__(self) -> str:
        return self.full_name
