"""The register of the students' personal files issued: who printed one, when, to whom and for what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StudentFileIssue(models.Model):
    """An issue of a student's personal file (regulation on class teachers, §6.5, §8.2): one row per copy.

    The file itself is made from what Kadry holds when it is printed; the register keeps the fact
    of the issue — the file leaves the school with the student who moves, or is shown on request.
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="file_issues")
    issued_on = models.DateField(_("дата выдачи"))
    issued_to = models.CharField(_("кому выдано"), max_length=300)
    purpose = models.CharField(_("для чего"), max_length=300)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("записано"))

    class Meta:
        verbose_name = _("выдача личного дела")
        verbose_name_plural = _("журнал выдачи личных дел")
        ordering = ["-issued_on", "-id"]
        # The student's register on the file's page.
        indexes = [models.Index(fields=["organisation", "student"], name="fileissue_org_student_idx")]

    def __str__(self) -> str:
        return f"Выдача личного дела {self.issued_on:%d.%m.%Y}: {self.issued_to}"
