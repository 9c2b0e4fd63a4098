"""Assignments: who holds which staffing unit, at which rate, over which period.

Assignments, contracts, work-record entries, ЕФС-1 events and sanctions are derived from signed
orders (each keeps the order item that made it). The one exception is ``record_opening_assignment``:
the opening balance entered when a school starts keeping its records in Kadry, with the paper
order it rests on named in ``basis``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def active(self, *, on: dt.date) -> AssignmentQuerySet:
        """Keep the assignments in force on ``on`` (start ≤ on ≤ end, open end allowed)."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class Assignment(models.Model):
    class Kind(models.TextChoices):
        # Sorted so that the main job comes first when an employee holds several.
        MAIN = "1_main", _("основная работа")
        INTERNAL_PART_TIME = "2_internal", _("внутреннее совместительство")
        EXTERNAL_PART_TIME = "3_external", _("внешнее совместительство")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="assignments")
    staffing_unit = models.ForeignKey(
        "staff.StaffingUnit", verbose_name=_("штатная единица"), on_delete=models.PROTECT, related_name="assignments"
    )
    rate = models.DecimalField(
        _("ставка"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1.5"))],
    )
    kind = models.CharField(_("вид работы"), max_length=12, choices=Kind.choices, default=Kind.MAIN)
    start = models.DateField(_("с"))
    end = models.DateField(_("по"), null=True, blank=True)
    basis = models.CharField(_("основание"), max_length=300)
    # The signed order item that created it; empty for the opening balance.
    order_item = models.ForeignKey(
        "orders.OrderItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("назначение")
        verbose_name_plural = _("назначения")
        ordering = ["start"]
        indexes = [
            # An employee's current placement (registry, card).
            models.Index(fields=["organisation", "employee", "start"], name="assignment_org_emp_idx"),
            # Occupancy of the staffing table on a date.
            models.Index(fields=["organisation", "staffing_unit", "start"], name="assignment_org_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="assignment_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staffing_unit}, {self.rate} ст."


class Contract(models.Model):
    """The employment contract (трудовой договор) concluded by a hire order."""

    class Term(models.TextChoices):
        # ТК РФ ст. 58: a contract is indefinite unless a fixed term is justified under ст. 59.
        INDEFINITE = "indefinite", _("бессрочный")
        FIXED = "fixed", _("срочный")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="contracts")
    number = models.CharField(_("номер договора"), max_length=30)
    date = models.DateField(_("дата договора"))
    term = models.CharField(_("срок"), max_length=12, choices=Term.choices, default=Term.INDEFINITE)
    kind = models.CharField(_("вид работы"), max_length=12, choices=Assignment.Kind.choices)
    start = models.DateField(_("дата начала работы"))
    end = models.DateField(_("дата окончания"), null=True, blank=True)
    fixed_term_reason = models.CharField(_("основание срочного договора (ТК РФ ст. 59)"), max_length=300, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("испытательный срок, мес."), null=True, blank=True)
    order_item = models.ForeignKey("orders.OrderItem", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("трудовой договор")
        verbose_name_plural = _("трудовые договоры")
        ordering = ["start"]
        indexes = [models.Index(fields=["organisation", "employee"], name="contract_org_emp_idx")]

    def __str__(self) -> str:
        return f"Трудовой договор № {self.number} от {self.date:%d.%m.%Y}"


class WorkRecordEntry(models.Model):
    """An entry of the work book (paper) and of the electronic work record (Приказ Минтруда № 320н)."""

    class Kind(models.TextChoices):
        HIRE = "hire", _("приём")
        TRANSFER = "transfer", _("перевод")
        DISMISSAL = "dismissal", _("увольнение")
        AWARD = "award", _("награждение")
        NAME_CHANGE = "name_change", _("изменение фамилии")
        INVALIDATION = "invalidation", _("признание записи недействительной")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="work_record_entries")
    number = models.PositiveIntegerField(_("№ записи"))
    date = models.DateField(_("дата"))
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    wording = models.TextField(_("сведения о работе"))
    document = models.CharField(_("наименование, дата и номер документа"), max_length=300)
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")
    invalidates = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="invalidated_by"
    )

    class Meta:
        verbose_name = _("запись о работе")
        verbose_name_plural = _("записи о работе")
        ordering = ["number"]
        constraints = [
            # Entries are numbered in sequence within one employee's work record.
            models.UniqueConstraint(fields=["organisation", "employee", "number"], name="workrecord_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.wording}"


class WorkRecordEvent(models.Model):
    """An event of the electronic work record to report in ЕФС-1 подраздел 1.1."""

    class Kind(models.TextChoices):
        # Codes of ЕФС-1 подраздел 1.1 (Постановление Правления ПФР от 31.10.2022 № 245п).
        HIRE = "hire", _("ПРИЕМ")
        TRANSFER = "transfer", _("ПЕРЕВОД")
        DISMISSAL = "dismissal", _("УВОЛЬНЕНИЕ")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="work_record_events")
    kind = models.CharField(_("мероприятие"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("дата мероприятия"))
    position = models.CharField(_("должность"), max_length=300)
    department = models.CharField(_("подразделение"), max_length=300, blank=True)
    part_time = models.BooleanField(_("совместительство"), default=False)
    ground_wording = models.TextField(_("основание увольнения"), blank=True)
    ground_article = models.CharField(max_length=10, blank=True)
    ground_part = models.CharField(max_length=5, blank=True)
    ground_item = models.CharField(max_length=5, blank=True)
    document_name = models.CharField(_("документ"), max_length=100, default="Приказ")
    document_date = models.DateField(_("дата документа"))
    document_number = models.CharField(_("номер документа"), max_length=30)
    deadline = models.DateField(_("срок представления"))
    # A cancelled event is reported again with the cancellation flag (ЕФС-1, «Признак отмены»).
    cancels = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="cancelled_by")
    reported_on = models.DateField(_("представлено"), null=True, blank=True)
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("мероприятие ЭТК")
        verbose_name_plural = _("мероприятия ЭТК (ЕФС-1)")
        ordering = ["deadline", "id"]
        indexes = [
            # The deadlines page: unreported events of an organisation by deadline.
            models.Index(fields=["organisation", "reported_on", "deadline"], name="workevent_org_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"


class Sanction(models.Model):
    """A disciplinary sanction (ТК РФ ст. 192): remark or reprimand."""

    class Kind(models.TextChoices):
        REMARK = "remark", _("замечание")
        REPRIMAND = "reprimand", _("выговор")

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.PROTECT, related_name="sanctions")
    kind = models.CharField(_("взыскание"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("дата применения"))
    misconduct = models.TextField(_("проступок"))
    order_item = models.ForeignKey("orders.OrderItem", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("дисциплинарное взыскание")
        verbose_name_plural = _("дисциплинарные взыскания")
        ordering = ["-date"]
        indexes = [models.Index(fields=["organisation", "employee"], name="sanction_org_emp_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} от {self.date:%d.%m.%Y}"


class CertificateApplication(models.Model):
    """An employee's written application for a certificate of employment, made from their home page.

    ТК РФ ст. 62: the employer issues it within three working days of the application; the HR office
    sees the open applications with their term on its home page and marks each one issued.
    """

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    employee = models.ForeignKey("staff.Employee", on_delete=models.CASCADE, related_name="certificate_applications")
    purpose = models.CharField(_("для представления"), max_length=200, blank=True)
    applied_on = models.DateField(_("дата заявления"))
    due = models.DateField(_("выдать не позднее"))
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateField(_("выдана"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("заявление о выдаче справки")
        verbose_name_plural = _("заявления о выдаче справок")
        ordering = ["due", "id"]
        indexes = [
            # The HR office's home page: an organisation's applications not yet issued, by term.
            models.Index(fields=["organisation", "issued_on", "due"], name="certapp_org_open_idx"),
        ]

    def __str__(self) -> str:
        return f"Заявление о выдаче справки от {self.applied_on:%d.%m.%Y}"
