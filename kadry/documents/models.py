"""Document templates (shipped, replaceable per organisation) and the jobs that produce documents."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def _template_path(instance: DocumentTemplate, filename: str) -> str:
    return f"templates/{instance.organisation_id}/{instance.kind}.docx"


def _generated_path(instance: GeneratedDocument, filename: str) -> str:
    return f"generated/{instance.organisation_id}/{filename}"


class DocumentTemplate(models.Model):
    """An organisation's own DOCX template for a kind of document, replacing the shipped one."""

    class Kind(models.TextChoices):
        PERSONAL_CARD_T2 = "personal_card_t2", _("Личная карточка работника (форма Т-2)")
        EMPLOYMENT_CERTIFICATE = "employment_certificate", _("Справка с места работы")
        SERVICE_CERTIFICATE = "service_certificate", _("Справка о стаже работы")
        ORDER_T1 = "order_t1", _("Приказ о приёме на работу (Т-1)")
        ORDER_T1A = "order_t1a", _("Приказ о приёме на работу, список (Т-1а)")
        ORDER_T5 = "order_t5", _("Приказ о переводе (Т-5)")
        ORDER_T5A = "order_t5a", _("Приказ о переводе, список (Т-5а)")
        ORDER_T8 = "order_t8", _("Приказ о прекращении трудового договора (Т-8)")
        ORDER_T8A = "order_t8a", _("Приказ о прекращении трудового договора, список (Т-8а)")
        ORDER_T11 = "order_t11", _("Приказ о поощрении (Т-11)")
        ORDER_T11A = "order_t11a", _("Приказ о поощрении, список (Т-11а)")
        ORDER_SANCTION = "order_sanction", _("Приказ о дисциплинарном взыскании")
        ORDER_SURNAME_CHANGE = "order_surname_change", _("Приказ об изменении фамилии")
        ORDER_CLASS_TEACHER = "order_class_teacher", _("Приказ о назначении классного руководителя")
        ORDER_CANCELLATION = "order_cancellation", _("Приказ об отмене приказа")
        ORDER_T6 = "order_t6", _("Приказ о предоставлении отпуска (Т-6)")
        ORDER_T6A = "order_t6a", _("Приказ о предоставлении отпуска, список (Т-6а)")
        ORDER_LEAVE_RECALL = "order_leave_recall", _("Приказ об отзыве из отпуска")
        ORDER_T9 = "order_t9", _("Приказ о направлении в командировку (Т-9)")
        ORDER_T9A = "order_t9a", _("Приказ о направлении в командировку, список (Т-9а)")
        ORDER_SANCTION_LIFT = "order_sanction_lift", _("Приказ о снятии дисциплинарного взыскания")
        WORK_RECORD_EXTRACT = "work_record_extract", _("Сведения о трудовой деятельности (СТД-Р)")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    kind = models.CharField(_("документ"), max_length=40, choices=Kind.choices)
    file = models.FileField(_("файл шаблона (DOCX)"), upload_to=_template_path, max_length=300)
    original_name = models.CharField(_("имя загруженного файла"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("загрузил"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("загружен"))

    class Meta:
        verbose_name = _("шаблон документа")
        verbose_name_plural = _("шаблоны документов")
        ordering = ["kind"]
        constraints = [
            # One replacement per kind: ``template_for`` looks it up by (organisation, kind).
            models.UniqueConstraint(fields=["organisation", "kind"], name="documenttemplate_unique_kind"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class GeneratedDocument(models.Model):
    """The job row of a document produced in the background: status, progress and the file when done."""

    class Kind(models.TextChoices):
        PERSONAL_CARDS_T2 = "personal_cards_t2", _("Личные карточки Т-2 всех работающих")
        # Produced by kadry.reports (its jobs module): offered to the user who asked for it only.
        REPORT_XLSX = "report_xlsx", _("Отчёт банка данных о персонале (XLSX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("в очереди")
        RUNNING = "running", _("формируется")
        DONE = "done", _("готов")
        FAILED = "failed", _("ошибка")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    kind = models.CharField(_("документ"), max_length=40, choices=Kind.choices)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0, validators=[MaxValueValidator(100)])
    file = models.FileField(_("файл"), upload_to=_generated_path, max_length=300, blank=True)
    title = models.CharField(_("название"), max_length=300)
    # What the job was asked for: the format, the date, the membership it runs for (access log).
    params = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("заказал"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("создан"))
    finished_at = models.DateTimeField(_("завершён"), null=True, blank=True)
    error = models.TextField(_("ошибка"), blank=True)
    # What a running job is doing now («Подсчёт состава»), shown beside its progress.
    stage = models.CharField(_("этап"), max_length=100, blank=True)
    # Set by the running job (kadry.core.jobs.Heartbeat): a stale one means its worker died.
    heartbeat_at = models.DateTimeField(_("последний признак работы"), null=True, blank=True)

    class Meta:
        verbose_name = _("сформированный документ")
        verbose_name_plural = _("сформированные документы")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The jobs page: an organisation's jobs, newest first.
            models.Index(fields=["organisation", "-created_at"], name="generateddoc_org_created_idx"),
            # The sweep of jobs whose worker died: running jobs by heartbeat (few rows, so a partial index).
            models.Index(
                fields=["heartbeat_at"], condition=models.Q(status="running"), name="generateddoc_running_beat_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="generateddocument_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
