"""Organisations (tenants), memberships with roles, API tokens and the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kadry.core.chain import ChainedRecord


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("Образовательная организация")
        HR_SERVICE = "hr_service", _("Централизованная кадровая служба")

    name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("краткое наименование"), max_length=200)
    kind = models.CharField(_("тип"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    inn = models.CharField(_("ИНН"), max_length=10, blank=True)
    ogrn = models.CharField(_("ОГРН"), max_length=13, blank=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    # A school whose records are kept by a centralised HR service.
    serviced_by = models.ForeignKey(
        "self",
        verbose_name=_("обслуживающая кадровая служба"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="serviced_organisations",
    )

    class Meta:
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Membership(models.Model):
    """A user's role in one organisation; a user acts within one membership at a time."""

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Администратор")
        HR_HEAD = "hr_head", _("Начальник отдела кадров")
        HR_INSPECTOR = "hr_inspector", _("Инспектор по кадрам")
        DIRECTOR = "director", _("Директор")
        DEPUTY_DIRECTOR = "deputy_director", _("Заместитель директора по ВР")
        CLASS_TEACHER = "class_teacher", _("Классный руководитель")
        TEACHER = "teacher", _("Учитель")
        SOCIAL_PEDAGOGUE = "social_pedagogue", _("Социальный педагог")
        PSYCHOLOGIST = "psychologist", _("Педагог-психолог")
        AUDITOR = "auditor", _("Аудитор (только чтение)")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    # The employee record of this user in the organisation, when there is one (a teacher's own card).
    employee = models.ForeignKey(
        "staff.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    is_active = models.BooleanField(_("действует"), default=True)

    class Meta:
        verbose_name = _("членство")
        verbose_name_plural = _("членства")
        constraints = [
            # One row per user, organisation and role; the organisation switcher lists them.
            models.UniqueConstraint(fields=["organisation", "user", "role"], name="membership_unique_role"),
        ]
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"


def default_token_expiry() -> dt.datetime:
    """Return when a token created now expires (``KADRY_API_TOKEN_LIFETIME_DAYS`` from now)."""
    return timezone.now() + dt.timedelta(days=settings.KADRY_API_TOKEN_LIFETIME_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API, bound to one membership; only its hash is stored."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("название"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("создан"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("последнее использование"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("отозван"), null=True, blank=True)
    expires_at = models.DateTimeField(_("действует до"), default=default_token_expiry)

    class Meta:
        verbose_name = _("токен API")
        verbose_name_plural = _("токены API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_secret() -> str:
        return "kd_" + secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class ChangeRecord(ChainedRecord):
    """One change of a record: who, when, which fields, old → new.

    ``subject`` is the person the record belongs to (an employee's card and its sections
    all share the employee as subject), so a card can show its whole history at once.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("добавление")
        UPDATE = "update", _("изменение")
        DELETE = "delete", _("удаление")

    # Append-only rows keep what they point to (PROTECT): an organisation or a user with history stays.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(db_index=False)
    action = models.CharField(max_length=10, choices=Action.choices)
    subject_type = models.CharField(max_length=50)
    subject_id = models.BigIntegerField()
    section = models.CharField(_("раздел"), max_length=100)
    object_id = models.BigIntegerField(null=True)
    object_repr = models.CharField(max_length=300, blank=True)
    # {"field label": ["old", "new"]}, values already rendered for display.
    changes = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("изменение")
        verbose_name_plural = _("история изменений")
        ordering = ["-at", "-id"]
        indexes = [
            # The history tab of a card.
            models.Index(fields=["organisation", "subject_type", "subject_id", "-at"], name="change_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.section}, {self.object_repr}"


class AccessLogEntry(ChainedRecord):
    """An opening of personal data (a card, a student's file): who, whose, when, from where."""

    # Append-only rows keep what they point to (PROTECT): an organisation or a user with history stays.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    at = models.DateTimeField()
    subject_type = models.CharField(max_length=50)
    subject_id = models.BigIntegerField()
    subject_repr = models.CharField(max_length=300)
    what = models.CharField(max_length=100)
    ip_address = models.GenericIPAddressField(null=True)
    channel = models.CharField(max_length=10, default="web")
    # An attempt on an object the user may not reach (the access helpers' 404): subject_id is the id
    # asked for and subject_repr stays empty, the other organisation's data is never copied here.
    denied = models.BooleanField(_("отказ в доступе"), default=False)

    class Meta:
        verbose_name = _("запись журнала доступа")
        verbose_name_plural = _("журнал доступа к персональным данным")
        ordering = ["-at", "-id"]
        indexes = [
            # The access-log page: newest first within an organisation, by date range.
            models.Index(fields=["organisation", "-at"], name="accesslog_org_at_idx"),
            models.Index(fields=["organisation", "subject_type", "subject_id"], name="accesslog_subject_idx"),
            # «Только отказы» on the access-log page: denied attempts are rare among the openings.
            models.Index(fields=["organisation", "-at"], name="accesslog_denied_idx", condition=models.Q(denied=True)),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.what}: {self.subject_repr}"


class SecurityEvent(models.Model):
    """A logging-in or account event: log-ins, failures, lock-outs, password and second-factor changes.

    Rows are only ever inserted (the log is evidence; Приказ ФСТЭК № 21, РСБ.3: registration of
    identification and authentication events). ``user`` is empty for a log-in attempt under an
    unknown name; ``username`` keeps what was typed.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("вход")
        LOGOUT = "logout", _("выход")
        LOGIN_FAILED = "login_failed", _("неудачный вход")
        LOCKOUT = "lockout", _("блокировка входа")
        SESSION_EXPIRED = "session_expired", _("сеанс завершён по времени")
        PASSWORD_CHANGED = "password_changed", _("пароль изменён")
        PASSWORD_RESET_BY_ADMIN = "password_reset_by_admin", _("пароль сброшен администратором")
        OTP_ENABLED = "otp_enabled", _("включена двухфакторная аутентификация")
        OTP_RESET = "otp_reset", _("сброшена двухфакторная аутентификация")
        OTP_VERIFIED = "otp_verified", _("подтверждён второй фактор")
        OTP_FAILED = "otp_failed", _("неверный код второго фактора")
        RECOVERY_CODE_USED = "recovery_code_used", _("использован резервный код")
        RECOVERY_CODES_CREATED = "recovery_codes_created", _("выпущены резервные коды")
        TOKEN_CREATED = "token_created", _("создан токен API")
        TOKEN_REVOKED = "token_revoked", _("отозван токен API")

    at = models.DateTimeField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="security_events"
    )
    # Who did it when it was not the user (an administrator resetting a password).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(null=True)
    # Set when the event happened within one organisation (a token, a reset); log-ins belong to the user.
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("событие безопасности")
        verbose_name_plural = _("журнал входов и событий безопасности")
        ordering = ["-at", "-id"]
        indexes = [
            # The security log page (the events of an organisation's users, newest first) and the
            # last password event of a user, read at log-in.
            models.Index(fields=["user", "-at"], name="securityevent_user_at_idx"),
            models.Index(fields=["organisation", "-at"], name="securityevent_org_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_kind_display()}: {self.username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only: an existing row is never rewritten (DB triggers enforce it where installed).
        if not self._state.adding:
            raise ValueError("SecurityEvent rows are append-only.")
        super().save(*args, **kwargs)


class AuditChainHead(models.Model):
    """The last hash of one organisation's chain in one audit table (see kadry.core.chain).

    Its row is locked while a row is linked, which keeps concurrent writers in one chain.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    chain = models.CharField(max_length=63)  # the audit table's name
    last_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            # The upsert that links a row (ON CONFLICT) needs exactly this key.
            models.UniqueConstraint(fields=["organisation", "chain"], name="auditchainhead_unique_chain"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.chain}: {self.last_hash[:12]}…"


class BackgroundJob(models.Model):
    """A piece of heavy work run by the task worker (an import): its status, progress and result."""

    class Kind(models.TextChoices):
        EMPLOYEE_IMPORT = "employee_import", _("Загрузка сотрудников из файла")
        STUDENT_IMPORT = "student_import", _("Загрузка обучающихся из файла")
        TIMESHEET_FILL = "timesheet_fill", _("Заполнение табелей за месяц")
        SICK_LEAVE_IMPORT = "sick_leave_import", _("Загрузка больничных листов из файла")
        GRADE_IMPORT = "grade_import", _("Загрузка отметок из электронного журнала")

    class Status(models.TextChoices):
        QUEUED = "queued", _("в очереди")
        RUNNING = "running", _("выполняется")
        DONE = "done", _("выполнено")
        FAILED = "failed", _("ошибка")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    kind = models.CharField(_("вид"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("название"), max_length=300)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("готовность, %"), default=0)
    # What the job was asked for (the uploaded file's name in storage) and what it produced.
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("ошибка"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("запустил"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("создано"))
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    # Set by the running job at least every KADRY_JOB_HEARTBEAT_TIMEOUT / 4 seconds (kadry.core.jobs):
    # a running job whose heartbeat is older than the timeout lost its worker and is marked failed.
    heartbeat_at = models.DateTimeField(_("последний признак работы"), null=True, blank=True)

    class Meta:
        verbose_name = _("фоновая задача")
        verbose_name_plural = _("фоновые задачи")
        ordering = ["-created_at", "-id"]
        indexes = [
            # An organisation's jobs, newest first.
            models.Index(fields=["organisation", "-created_at"], name="backgroundjob_org_created_idx"),
            # The sweep of jobs whose worker died: running jobs by heartbeat (few rows, so a partial index).
            models.Index(
                fields=["heartbeat_at"], condition=models.Q(status="running"), name="backgroundjob_running_beat_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="backgroundjob_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
