"""Class life: class hours, parent meetings, out-of-class events, safety briefings, duty, visits."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassHour(models.Model):
    """A class hour (классный час): planned for a period, then held or cancelled (regulation §6.2, §6.6)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("запланирован")
        HELD = "held", _("проведён")
        CANCELLED = "cancelled", _("отменён")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="class_hours")
    date = models.DateField(_("дата"))
    topic = models.CharField(_("тема"), max_length=300)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("причина отмены"), max_length=300, blank=True)
    cancel_notified_at = models.DateTimeField(_("администрация уведомлена"), null=True, blank=True)
    notes = models.TextField(_("итоги"), blank=True)

    class Meta:
        verbose_name = _("классный час")
        verbose_name_plural = _("классные часы")
        ordering = ["date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="classhour_org_class_idx")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.topic}"


class ParentMeeting(models.Model):
    """A class parent meeting with its agenda, attendance, minutes and decisions (regulation §6.7)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="parent_meetings")
    date = models.DateField(_("дата"))
    agenda = models.TextField(_("повестка"))
    minutes = models.TextField(_("протокол: слушали, выступили"), blank=True)
    decisions = models.TextField(_("решили"), blank=True)
    attended = models.ManyToManyField("school.Guardian", verbose_name=_("присутствовали"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("родительское собрание")
        verbose_name_plural = _("родительские собрания")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="meeting_org_class_idx")]

    def __str__(self) -> str:
        return f"Родительское собрание {self.date:%d.%m.%Y}"


class ClassEvent(models.Model):
    """An out-of-class event: notice to the administration and escorts are checked (regulation §6.9)."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("мероприятие"), max_length=300)
    date = models.DateField(_("дата"))
    start_time = models.TimeField(_("начало"), null=True, blank=True)
    place = models.CharField(_("место"), max_length=300)
    outside_school = models.BooleanField(_("вне школы"), default=False)
    participants = models.ManyToManyField("school.Student", verbose_name=_("участники"), related_name="+")
    escorts = models.ManyToManyField(
        "staff.Employee", verbose_name=_("сопровождающие сотрудники"), blank=True, related_name="+"
    )
    other_escorts = models.CharField(
        _("другие сопровождающие взрослые (ФИО через запятую)"), max_length=500, blank=True
    )
    notice_given_on = models.DateField(_("уведомление подано"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("отменено"), null=True, blank=True)
    cancel_reason = models.CharField(_("причина отмены"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("внеклассное мероприятие")
        verbose_name_plural = _("внеклассные мероприятия")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="event_org_class_idx")]

    def __str__(self) -> str:
        return f"{self.title}, {self.date:%d.%m.%Y}"


class SafetyBriefing(models.Model):
    """A safety briefing with the students present (журнал инструктажей: ПДД, ППБ, ОТ и ТБ)."""

    class Kind(models.TextChoices):
        TRAFFIC = "traffic", _("правила дорожного движения (ПДД)")
        FIRE = "fire", _("правила пожарной безопасности (ППБ)")
        SAFETY = "safety", _("охрана труда и техника безопасности (ОТ и ТБ)")
        EVENT = "event", _("инструктаж перед мероприятием")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="safety_briefings")
    date = models.DateField(_("дата"))
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices)
    topic = models.CharField(_("тема"), max_length=300)
    event = models.ForeignKey(ClassEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="briefings")
    present = models.ManyToManyField("school.Student", verbose_name=_("присутствовали"), related_name="+")
    conducted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("отменено"), null=True, blank=True)
    cancel_reason = models.CharField(_("причина отмены"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("инструктаж")
        verbose_name_plural = _("журнал инструктажей")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="briefing_org_class_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class DutyRoster(models.Model):
    """A day of class duty (дежурство) with the students on duty."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="duty_rosters")
    date = models.DateField(_("дата"))
    place = models.CharField(_("пост"), max_length=200, default="класс")
    students = models.ManyToManyField("school.Student", verbose_name=_("дежурные"), related_name="+")
    # The author corrects and cancels the record (regulation §6.4); rows from before authors were kept have none.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("отменено"), null=True, blank=True)
    cancel_reason = models.CharField(_("причина отмены"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("дежурство")
        verbose_name_plural = _("график дежурств")
        ordering = ["date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="duty_org_class_idx")]

    def __str__(self) -> str:
        return f"Дежурство {self.date:%d.%m.%Y}"


class ClassVisit(models.Model):
    """A lesson the class teacher visits by the schedule, or a consultation they receive (regulation §6.3).

    §6.3 «Посещает уроки в своем классе (согласно графику)»: a visit is planned for a date, then marked done.
    """

    class Kind(models.TextChoices):
        LESSON = "lesson", _("посещение урока")
        CONSULTATION = "consultation", _("консультация")

    class Status(models.TextChoices):
        PLANNED = "planned", _("по графику")
        DONE = "done", _("проведено")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    school_class = models.ForeignKey("school.SchoolClass", on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("вид"), max_length=15, choices=Kind.choices)
    date = models.DateField(_("дата"))
    with_whom = models.CharField(_("учитель, специалист"), max_length=300)
    subject = models.CharField(_("предмет, тема"), max_length=300)
    notes = models.TextField(_("выводы"), blank=True)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.DONE)
    # The author corrects and cancels the record (regulation §6.4); rows from before authors were kept have none.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("отменено"), null=True, blank=True)
    cancel_reason = models.CharField(_("причина отмены"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("посещение урока, консультация")
        verbose_name_plural = _("посещения уроков и консультации")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "school_class", "date"], name="visit_org_class_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"
