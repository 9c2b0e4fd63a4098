"""The class's records about students: individual work and prevention, characteristics, activity."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kadry.school.rules.activities import points


class IndividualWork(models.Model):
    """Individual work with a student: conversations and prevention cases.

    Seen only by the class teacher of the student's class, the social pedagogue, the psychologist
    and the administration (the access helpers decide); every opening is access-logged.
    """

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("беседа")
        WITH_PARENTS = "with_parents", _("работа с родителями")
        INTERNAL_REGISTER = "internal_register", _("внутришкольный учёт")
        PDN = "pdn", _("ПДН")
        KDN = "kdn", _("КДН и ЗП")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="individual_work")
    date = models.DateField(_("дата"))
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    content = models.TextField(_("содержание"))
    outcome = models.TextField(_("результат"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("индивидуальная работа")
        verbose_name_plural = _("журнал индивидуальной работы")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "student", "date"], name="indwork_org_student_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class Characteristic(models.Model):
    """A characteristic of a student written on request, with the register of requests and copies issued."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="characteristics")
    requested_by = models.CharField(_("кто запросил"), max_length=300)
    requested_on = models.DateField(_("дата запроса"))
    purpose = models.CharField(_("для представления"), max_length=300)
    text = models.TextField(_("текст характеристики"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("выдана"), null=True, blank=True)
    issued_to = models.CharField(_("кому выдана"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("характеристика")
        verbose_name_plural = _("характеристики")
        ordering = ["-requested_on"]
        indexes = [models.Index(fields=["organisation", "student"], name="characteristic_org_student_idx")]

    def __str__(self) -> str:
        return f"Характеристика от {self.requested_on:%d.%m.%Y}"


class Activity(models.Model):
    """A student's extracurricular activity or self-government role: input of the effectiveness criteria (§9.5)."""

    class Kind(models.TextChoices):
        CLUB = "club", _("кружок, секция (внеурочная деятельность)")
        SELF_GOVERNMENT = "self_government", _("актив класса, ученическое самоуправление")
        COMPETITION = "competition", _("конкурс, соревнование, олимпиада")

    class Level(models.TextChoices):
        # The levels of the all-Russian olympiad's stages and of the contests' lists (Приказ Минпросвещения № 678).
        SCHOOL = "school", _("школьный")
        MUNICIPAL = "municipal", _("муниципальный")
        REGIONAL = "regional", _("региональный")
        FEDERAL = "federal", _("всероссийский")
        INTERNATIONAL = "international", _("международный")

    class Placement(models.TextChoices):
        PARTICIPANT = "participant", _("участник")
        PRIZE_WINNER = "prize_winner", _("призёр")
        WINNER = "winner", _("победитель")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    student = models.ForeignKey("school.Student", on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("название, роль"), max_length=300)
    start = models.DateField(_("с"))
    end = models.DateField(_("по"), null=True, blank=True)
    result = models.CharField(_("результат"), max_length=300, blank=True)
    # A club or a section: in the school or outside it (a sports school, a house of culture), and who runs it.
    outside_school = models.BooleanField(_("вне школы"), default=False)
    organiser = models.CharField(_("организация, которая проводит"), max_length=300, blank=True)
    # A competition or an olympiad: its level and the student's place — what the activity rating counts (§4.16).
    level = models.CharField(_("уровень"), max_length=20, choices=Level.choices, blank=True)
    placement = models.CharField(_("итог"), max_length=20, choices=Placement.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("занятость обучающегося")
        verbose_name_plural = _("занятость обучающихся")
        ordering = ["start"]
        indexes = [models.Index(fields=["organisation", "student", "start"], name="activity_org_student_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def rating_points(self) -> int:
        """Return what this result adds to the class's activity rating (rules/activities.py, §4.16)."""
        return points(self.level, self.placement) if self.kind == self.Kind.COMPETITION else 0
