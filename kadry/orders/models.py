"""Orders on personnel (приказы по личному составу): the only way an employee's working life changes.

A draft is edited freely. Signing numbers it in its journal and applies every item's effects in one
transaction; a signed order is never edited or deleted — a cancellation order reverses it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kadry.discipline.models import LiftInitiative
from kadry.employment.grounds import GROUND_CHOICES
from kadry.leave.models import LeaveKind


class OrderJournal(models.Model):
    """A register of orders with its own numbering, e.g. «-к» for personnel, «-о» for leave."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    suffix = models.CharField(_("индекс"), max_length=10)  # the number reads «12-к»
    name = models.CharField(_("журнал"), max_length=200)

    class Meta:
        verbose_name = _("журнал регистрации приказов")
        verbose_name_plural = _("журналы регистрации приказов")
        constraints = [models.UniqueConstraint(fields=["organisation", "suffix"], name="journal_unique_suffix")]

    def __str__(self) -> str:
        return f"{self.name} (-{self.suffix})"


class OrderCounter(models.Model):
    """The last number given in a journal in a year; its row is locked while an order is signed."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE)
    journal = models.ForeignKey(OrderJournal, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "journal", "year"], name="ordercounter_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.journal} {self.year}: {self.last_number}"


class Order(models.Model):
    class Kind(models.TextChoices):
        HIRE = "hire", _("О приёме на работу (Т-1, Т-1а)")
        TRANSFER = "transfer", _("О переводе (Т-5, Т-5а)")
        DISMISSAL = "dismissal", _("О прекращении трудового договора (Т-8, Т-8а)")
        AWARD = "award", _("О поощрении (Т-11, Т-11а)")
        SANCTION = "sanction", _("О дисциплинарном взыскании")
        SURNAME_CHANGE = "surname_change", _("Об изменении фамилии")
        CLASS_TEACHER_APPOINTMENT = "class_teacher_appointment", _("О назначении классного руководителя")
        CLASS_TEACHER_RELEASE = "class_teacher_release", _("Об освобождении от классного руководства")
        LEAVE = "leave", _("О предоставлении отпуска (Т-6, Т-6а)")
        LEAVE_RECALL = "leave_recall", _("Об отзыве из отпуска")
        BUSINESS_TRIP = "business_trip", _("О направлении в командировку (Т-9, Т-9а)")
        SANCTION_LIFT = "sanction_lift", _("О снятии дисциплинарного взыскания")
        CANCELLATION = "cancellation", _("Об отмене приказа")

    class Status(models.TextChoices):
        DRAFT = "draft", _("проект")
        # Sent by the HR inspector to the director after passing the check; only these reach the queue.
        SUBMITTED = "submitted", _("на подписи")
        SIGNED = "signed", _("подписан")
        CANCELLED = "cancelled", _("отменён")

    # A signed order is append-only (kadry.core.append_only): what it points to is PROTECTed.
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT)
    journal = models.ForeignKey(OrderJournal, verbose_name=_("журнал"), on_delete=models.PROTECT)
    kind = models.CharField(_("вид приказа"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("дата приказа"))
    number = models.PositiveIntegerField(_("номер"), null=True, blank=True)
    status = models.CharField(_("состояние"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    cancels = models.OneToOneField(
        "self",
        verbose_name=_("отменяемый приказ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancelled_by",
    )
    note = models.CharField(_("примечание"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # What the check warned of when the draft was sent (the queue shows it without re-running the check).
    submitted_warnings = models.JSONField(default=list, blank=True, editable=False)
    # The director's reason for returning a draft to the inspector; cleared when it is sent again.
    return_comment = models.TextField(_("замечания директора"), blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    # sha256 of the heading and the items as signed (kadry.orders.integrity); verify_audit recomputes it.
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    # The numbering year: the year of the order's date (orders are numbered anew each calendar year).
    year = models.PositiveSmallIntegerField(editable=False)

    class Meta:
        verbose_name = _("приказ")
        verbose_name_plural = _("приказы")
        ordering = ["-date", "-number", "-id"]
        constraints = [
            # Gap-free numbering is kept by OrderCounter; this makes a duplicate impossible anyway.
            models.UniqueConstraint(
                fields=["organisation", "journal", "year", "number"],
                condition=Q(number__isnull=False),
                name="order_unique_number",
            ),
        ]
        indexes = [
            # The orders list and the director's queue.
            models.Index(fields=["organisation", "status", "-date"], name="order_org_status_idx"),
        ]

    def __str__(self) -> str:
        if self.number is None:
            return f"Проект приказа от {self.date:%d.%m.%Y}"
        return f"Приказ от {self.date:%d.%m.%Y} № {self.display_number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.year = self.date.year
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "year"}
        super().save(*args, **kwargs)

    @property
    def display_number(self) -> str:
        # A draft has no number: its journal is not read (it may not be loaded).
        return number_label(self.number, self.journal.suffix) if self.number is not None else ""

    @property
    def is_draft(self) -> bool:
        """Return whether the order is not signed yet (a draft, or one sent for signature)."""
        return self.status in UNSIGNED

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


UNSIGNED = (Order.Status.DRAFT, Order.Status.SUBMITTED)


def number_label(number: int | None, suffix: str) -> str:
    """Return «12-к» from the number and its journal's suffix, or an empty string for a draft."""
    return f"{number}-{suffix}" if number is not None else ""


class OrderItem(models.Model):
    """One employee's part of an order. Which fields matter depends on the order's kind."""

    class ContractTerm(models.TextChoices):
        INDEFINITE = "indefinite", _("бессрочный")
        FIXED = "fixed", _("срочный")

    class EmploymentKind(models.TextChoices):
        MAIN = "1_main", _("основная работа")
        INTERNAL_PART_TIME = "2_internal", _("внутреннее совместительство")
        EXTERNAL_PART_TIME = "3_external", _("внешнее совместительство")

    class SanctionKind(models.TextChoices):
        REMARK = "remark", _("замечание")
        REPRIMAND = "reprimand", _("выговор")

    # Items of a signed order are append-only too; a draft's items are deleted before the draft.
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="items")
    employee = models.ForeignKey(
        "staff.Employee", verbose_name=_("сотрудник"), on_delete=models.PROTECT, related_name="order_items"
    )
    date = models.DateField(_("дата"), help_text=_("начала работы, перевода, увольнения, поощрения, взыскания"))
    end_date = models.DateField(_("дата окончания"), null=True, blank=True)
    basis = models.CharField(_("основание"), max_length=500, blank=True)

    # hire, transfer
    staffing_unit = models.ForeignKey(
        "staff.StaffingUnit", verbose_name=_("штатная единица"), null=True, blank=True, on_delete=models.PROTECT
    )
    rate = models.DecimalField(
        _("ставка"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1"))],
    )
    employment_kind = models.CharField(_("вид работы"), max_length=12, choices=EmploymentKind.choices, blank=True)
    contract_term = models.CharField(_("трудовой договор"), max_length=12, choices=ContractTerm.choices, blank=True)
    fixed_term_reason = models.CharField(_("основание срочного договора"), max_length=300, blank=True)
    contract_number = models.CharField(_("номер трудового договора"), max_length=30, blank=True)
    contract_date = models.DateField(_("дата трудового договора"), null=True, blank=True)
    probation_months = models.PositiveSmallIntegerField(_("испытательный срок, мес."), null=True, blank=True)
    # hire: the personnel number given to the employee on signing (the next free one is proposed)
    personnel_number = models.CharField(_("табельный номер"), max_length=20, blank=True)
    # transfer and dismissal: the assignment they end (chosen on signing when left empty)
    closed_assignment = models.ForeignKey(
        "employment.Assignment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_assignment_end = models.DateField(null=True, blank=True, editable=False)
    # dismissal
    dismissal_ground = models.CharField(_("основание увольнения"), max_length=10, choices=GROUND_CHOICES, blank=True)
    # dismissal at the employee's request (ТК РФ ст. 80): the statement's date and whether an earlier
    # date than two weeks after it was agreed
    statement_date = models.DateField(_("дата заявления работника"), null=True, blank=True)
    by_agreement = models.BooleanField(_("по соглашению сторон"), default=False)
    # award
    award = models.CharField(_("вид поощрения"), max_length=300, blank=True)
    # sanction (ТК РФ ст. 192–193)
    sanction_kind = models.CharField(_("взыскание"), max_length=12, choices=SanctionKind.choices, blank=True)
    misconduct = models.TextField(_("проступок"), blank=True)
    misconduct_date = models.DateField(_("дата проступка"), null=True, blank=True)
    misconduct_discovered_on = models.DateField(_("дата обнаружения"), null=True, blank=True)
    explanation_requested_on = models.DateField(_("объяснение затребовано"), null=True, blank=True)
    # surname change
    new_last_name = models.CharField(_("новая фамилия"), max_length=100, blank=True)
    previous_last_name = models.CharField(max_length=100, blank=True, editable=False)
    # class teacher
    school_class = models.ForeignKey(
        "school.SchoolClass", verbose_name=_("класс"), null=True, blank=True, on_delete=models.PROTECT
    )
    monthly_allowance = models.DecimalField(
        _("ежемесячное вознаграждение, руб."), max_digits=10, decimal_places=2, null=True, blank=True
    )
    agreement = models.CharField(_("дополнительное соглашение"), max_length=200, blank=True)
    # leave (Т-6): the date is the first day; the end is computed on signing (ТК РФ ст. 120)
    leave_kind = models.CharField(_("вид отпуска"), max_length=12, choices=LeaveKind.choices, blank=True)
    leave_days = models.PositiveSmallIntegerField(_("календарных дней"), null=True, blank=True)
    leave_additional_days = models.PositiveSmallIntegerField(
        _("дополнительный отпуск, календарных дней"), null=True, blank=True
    )
    # business trip (Т-9): the date is the first day, ``end_date`` the last; signing records the absence
    destination = models.CharField(_("место назначения"), max_length=300, blank=True)
    purpose = models.CharField(_("цель командировки"), max_length=300, blank=True)
    # sanction lift (ТК РФ ст. 194 ч. 2): the date is the day it is lifted from; the item of the signed
    # sanction order it lifts, and on whose initiative; signing records the lift in discipline
    lifted_sanction = models.ForeignKey(
        "self",
        verbose_name=_("снимаемое взыскание"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lift_initiative = models.CharField(
        _("по чьей инициативе"), max_length=16, choices=LiftInitiative.choices, blank=True
    )

    class Meta:
        verbose_name = _("пункт приказа")
        verbose_name_plural = _("пункты приказа")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["organisation", "order"], name="orderitem_org_order_idx"),
            # An employee's timeline of orders.
            models.Index(fields=["organisation", "employee"], name="orderitem_org_emp_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.order}: {self.employee}"
