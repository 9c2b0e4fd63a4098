"""State changes of the school side. Appointments of class teachers come from signed orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kadry.core.audit import diff, record_change, snapshot
from kadry.core.models import ChangeRecord
from kadry.lib.dates import long_date
from kadry.lib.numbers import decimal_text
from kadry.school.models import ClassTeacherAllowance, ClassTeacherAssignment, SchoolClass
from kadry.school.rules import appointment as rules
from kadry.staff.models import Employee


def appoint_class_teacher(
    *,
    teacher: Employee,
    school_class: SchoolClass,
    start: dt.date,
    monthly_allowance: Decimal,
    agreement: str,
    order_item: Any,
) -> ClassTeacherAssignment:
    """Appoint ``teacher`` class teacher of ``school_class`` from ``start``."""
    current = ClassTeacherAssignment.objects.active(on=start)
    if current.filter(school_class=school_class).exists():
        raise ValidationError({"school_class": f"У класса {school_class} уже есть классный руководитель."})
    return ClassTeacherAssignment.objects.create(
        organisation_id=teacher.organisation_id,
        teacher=teacher,
        school_class=school_class,
        start=start,
        monthly_allowance=monthly_allowance,
        agreement=agreement,
        order_item=order_item,
    )


def classes_led(teacher: Employee, on: dt.date) -> int:
    """Return how many classes ``teacher`` leads on ``on``."""
    return ClassTeacherAssignment.objects.active(on=on).filter(teacher=teacher).count()


def release_class_teacher(
    *, teacher: Employee, school_class: SchoolClass, last_day: dt.date, order_item: Any
) -> ClassTeacherAssignment:
    """End the teacher's class leadership on ``last_day``."""
    assignment = (
        ClassTeacherAssignment.objects.active(on=last_day).filter(teacher=teacher, school_class=school_class).first()
    )
    if assignment is None:
        raise ValidationError(
            {"school_class": f"{teacher.short_name} не является классным руководителем {school_class}."}
        )
    assignment.end = last_day
    assignment.release_item = order_item
    assignment.save(update_fields=["end", "release_item"])
    return assignment


def undo_class_teacher_item(order_item: Any) -> None:
    """Reverse an appointment (remove it) or a release (reopen it) made by ``order_item``."""
    ClassTeacherAssignment.objects.filter(order_item=order_item).delete()
    ClassTeacherAssignment.objects.filter(release_item=order_item).update(end=None, release_item=None)


# --- the amount of the allowance ---------------------------------------------------------------

ALLOWANCE_SECTION = "Вознаграждение за классное руководство"


def allowance_history(organisation_id: int) -> QuerySet[ClassTeacherAllowance]:
    """Return the organisation's amounts of the allowance, the latest start first."""
    return ClassTeacherAllowance.objects.filter(organisation_id=organisation_id).order_by("-valid_from")


def allowance_in_force(organisation_id: int, on: dt.date) -> Decimal | None:
    """Return the monthly allowance the organisation pays on ``on`` (None when it set none by then)."""
    return rules.amount_in_force(allowance_history(organisation_id).values_list("valid_from", "amount"), on)


@transaction.atomic
def set_allowance(
    *, actor: Any, organisation_id: int, amount: Decimal, valid_from: dt.date, basis: str = ""
) -> ClassTeacherAllowance:
    """Set the allowance from ``valid_from`` on; a second amount from the same date replaces the first."""
    current = ClassTeacherAllowance.objects.filter(organisation_id=organisation_id, valid_from=valid_from).first()
    before = snapshot(current) if current else {}
    allowance, _created = ClassTeacherAllowance.objects.update_or_create(
        organisation_id=organisation_id,
        valid_from=valid_from,
        defaults={"amount": amount, "basis": basis, "created_by": actor, "created_at": timezone.now()},
    )
    ChangeRecord.objects.create(
        organisation_id=organisation_id,
        actor=actor,
        at=timezone.now(),
        action=ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE,
        subject_type="core.organisation",
        subject_id=organisation_id,
        section=ALLOWANCE_SECTION,
        object_id=allowance.pk,
        object_repr=str(allowance),
        changes=diff(before, snapshot(allowance)),
    )
    return allowance


@transaction.atomic
def record_consent(
    *,
    actor: Any,
    assignment: ClassTeacherAssignment,
    consent_on: dt.date,
    agreement: str,
    agreement_on: dt.date | None,
) -> ClassTeacherAssignment:
    """Record the teacher's written consent (§1.7, §11.1) and the additional agreement's number and date (§1.6)."""
    problems = rules.consent_refusal(consent_on, assignment.start, agreement_on)
    if problems:
        raise ValidationError(problems)
    before = snapshot(ClassTeacherAssignment.objects.get(pk=assignment.pk))
    assignment.consent_on, assignment.agreement, assignment.agreement_on = consent_on, agreement, agreement_on
    assignment.save(update_fields=["consent_on", "agreement", "agreement_on"])
    record_change(
        actor=actor,
        organisation_id=assignment.organisation_id,
        subject=assignment.teacher,
        section="Классное руководство",
        action=ChangeRecord.Action.UPDATE,
        obj=assignment,
        before=before,
        after=snapshot(assignment),
    )
    return assignment


# --- the additional agreement, printed ---------------------------------------------------------

BLANK_DATE = "«___» ____________ 20___ г."
# The agreement's clauses, as the PDF and the DOCX print them (regulation §1.6, §1.7, §11.1; ТК РФ ст. 60.2,
# ст. 72: extra work with the employee's written consent, a change of the contract agreed in writing).
AGREEMENT_CLAUSES = (
    "1. Работник с его письменного согласия{consent} выполняет с {start} наряду с работой, определённой трудовым "
    "договором, дополнительную работу по классному руководству в {school_class} классе в соответствии с положением "
    "о классном руководстве (п. 1.6, 1.7, 11.1).",
    "2. За классное руководство Работнику устанавливается ежемесячное вознаграждение в размере {allowance} руб.",
    "3. Классное руководство прекращается приказом директора; об отказе от дополнительной работы стороны "
    "предупреждают друг друга в письменной форме.",
    "4. Соглашение вступает в силу с {start}, является неотъемлемой частью трудового договора и составлено в двух "
    "экземплярах, по одному для каждой стороны (ТК РФ ст. 72: изменение условий трудового договора — по "
    "соглашению сторон, в письменной форме).",
)


def labour_contract(teacher: Employee) -> str:
    """Return «от 01.09.2020 № 12/2020»: the contract of the teacher's latest hire or transfer that names one.

    The agreement amends that contract (ТК РФ ст. 72); an employee taken over without orders has none
    on record, and the paper form keeps its blanks.
    """
    number, day = (
        teacher.assignments.filter(order_item__contract_number__gt="")
        .order_by("-start")
        .values_list("order_item__contract_number", "order_item__contract_date")
        .first()
    ) or ("", None)
    if not number:
        return "от «___» ____________ 20___ г. № ______"
    return f"от {day:%d.%m.%Y} № {number}" if day else f"№ {number}"


def agreement_context(assignment: ClassTeacherAssignment, *, organisation: Any) -> dict[str, Any]:
    """Return the additional agreement's texts (§1.6), strings only: the PDF and the DOCX print the same."""
    teacher = assignment.teacher
    terms = {
        "consent": f" от {long_date(assignment.consent_on)}" if assignment.consent_on else "",
        "start": long_date(assignment.start),
        "school_class": str(assignment.school_class),
        "allowance": decimal_text(assignment.monthly_allowance),
    }
    return {
        "number": assignment.agreement or "____",
        "contract": labour_contract(teacher),
        "date": long_date(assignment.agreement_on) if assignment.agreement_on else BLANK_DATE,
        "organisation": organisation.name or organisation.short_name,
        "teacher": " ".join(p for p in (teacher.last_name, teacher.first_name, teacher.middle_name) if p),
        "teacher_short": teacher.short_name,
        "clauses": [clause.format(**terms) for clause in AGREEMENT_CLAUSES],
    }
