"""The vacation schedule Т-7: drafting a department's parts, checking, approving, moving, notices.

Every change is atomic and takes the version the editor read: a save made from an older version is
refused (optimistic locking), so two people editing one schedule cannot lose each other's changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from kadry.core.audit import record_change
from kadry.core.models import ChangeRecord
from kadry.employment.models import Assignment
from kadry.leave import rules
from kadry.leave.balances import entitlement_of
from kadry.leave.models import LeaveRule, PlannedLeave, PlannedLeaveMove, VacationSchedule
from kadry.leave.services import span
from kadry.staff.models import Department, Employee, Position

SECTION = "График отпусков"
STALE = "График уже изменил другой пользователь. Обновите страницу и внесите изменения ещё раз."


@dataclass(frozen=True)
class PlanRow:
    employee: Employee
    start: dt.date
    days: int


def schedule_for(organisation_id: int, year: int) -> VacationSchedule:
    schedule, _created = VacationSchedule.objects.get_or_create(organisation_id=organisation_id, year=year)
    return schedule


def _locked(schedule: VacationSchedule, version: int) -> VacationSchedule:
    locked = VacationSchedule.objects.select_for_update().get(pk=schedule.pk)
    if locked.version != version:
        raise ValidationError({"version": STALE})
    return locked


def _bump(schedule: VacationSchedule) -> None:
    VacationSchedule.objects.filter(pk=schedule.pk).update(version=F("version") + 1)
    schedule.refresh_from_db(fields=["version"])


@transaction.atomic
def save_department_plan(
    *, actor: Any, schedule: VacationSchedule, department: Department, version: int, rows: Sequence[PlanRow]
) -> VacationSchedule:
    """Replace the department's planned parts with ``rows``, all or nothing."""
    return save_plans(actor=actor, schedule=schedule, version=version, plans={department: rows})


@transaction.atomic
def save_plans(
    *, actor: Any, schedule: VacationSchedule, version: int, plans: Mapping[Department, Sequence[PlanRow]]
) -> VacationSchedule:
    """Replace the planned parts of every department of ``plans``, all or nothing; the others are untouched.

    The one writer of a draft's parts: the department page saves one department, the import from a
    file every department it names. The version is checked and raised once, whatever the number of
    departments; each employee whose parts changed gets a history row.
    """
    schedule = _locked(schedule, version)
    if schedule.status == VacationSchedule.Status.APPROVED:
        raise ValidationError("График утверждён: изменить его можно только переносом отпуска с указанием основания.")
    errors = {}
    for index, row in enumerate(row for rows in plans.values() for row in rows):
        if row.employee.organisation_id != schedule.organisation_id:
            errors[f"rows.{index}.employee"] = "Сотрудник другой организации."
        if row.start.year != schedule.year:
            errors[f"rows.{index}.start"] = (
                f"Отпуск по графику на {schedule.year} год начинается в {schedule.year} году."
            )
        if row.days < 1:
            errors[f"rows.{index}.days"] = "Отпуск длится хотя бы один день."
    if errors:
        raise ValidationError(errors)
    replaced = PlannedLeave.objects.filter(schedule=schedule, department__in=list(plans))
    before: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    subjects: dict[int, Employee] = {}
    for part in replaced.select_related("employee").order_by("start", "id"):
        before[(part.department_id, part.employee_id)].append((part.start, part.days))
        subjects[part.employee_id] = part.employee
    replaced.delete()
    after: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    for department, rows in plans.items():
        for row in rows:
            after[(department.pk, row.employee.pk)].append((row.start, row.days))
            subjects[row.employee.pk] = row.employee
    PlannedLeave.objects.bulk_create(
        PlannedLeave(
            organisation_id=schedule.organisation_id,
            schedule=schedule,
            department=department,
            employee=row.employee,
            start=row.start,
            days=row.days,
        )
        for department, rows in plans.items()
        for row in rows
    )
    _bump(schedule)
    for department_id, employee_id in sorted(before.keys() | after.keys()):
        # record_change writes nothing when the parts are the same as before.
        record_change(
            actor=actor,
            organisation_id=schedule.organisation_id,
            subject=subjects[employee_id],
            section=SECTION,
            action=ChangeRecord.Action.UPDATE,
            obj=schedule,
            before={"График отпусков": _parts_text(schedule.year, before.get((department_id, employee_id), []))},
            after={"График отпусков": _parts_text(schedule.year, after.get((department_id, employee_id), []))},
        )
    return schedule


def _parts_text(year: int, parts: Sequence[tuple[dt.date, int]]) -> str:
    """Return «2026: 01.07.2026 — 28 дн., …» for the history, or "" without parts."""
    if not parts:
        return ""
    return f"{year}: " + ", ".join(f"{start:%d.%m.%Y} — {days} дн." for start, days in sorted(parts))


@transaction.atomic
def approve_schedule(*, actor: Any, schedule: VacationSchedule, version: int, on: dt.date) -> VacationSchedule:
    """Approve the schedule (ТК РФ ст. 123 ч. 1); afterwards it is locked."""
    schedule = _locked(schedule, version)
    if schedule.status == VacationSchedule.Status.APPROVED:
        raise ValidationError("График уже утверждён.")
    if not schedule.parts.exists():
        raise ValidationError("В графике нет ни одного отпуска.")
    before = {"Состояние": schedule.get_status_display()}
    schedule.status = VacationSchedule.Status.APPROVED
    schedule.approved_on = on
    schedule.approved_by = actor
    schedule.save(update_fields=["status", "approved_on", "approved_by"])
    _bump(schedule)
    # In the history, and so on the organisation's change chain: the terms of ТК ст. 123 follow it.
    record_change(
        actor=actor, organisation_id=schedule.organisation_id, subject=schedule, section=SECTION,
        action=ChangeRecord.Action.UPDATE, obj=schedule, before=before,
        after={"Состояние": schedule.get_status_display(), "Дата утверждения": f"{on:%d.%m.%Y}"},
    )  # fmt: skip
    return schedule


@transaction.atomic
def move_planned(
    *, actor: Any, part: PlannedLeave, version: int, new_start: dt.date, reason: str, on: dt.date
) -> PlannedLeave:
    """Move a part of an approved schedule (Т-7 columns 8–9): the reason is required (ТК РФ ст. 124).

    The notice already handed named the old date, so it is due again for the new one (ТК РФ ст. 123 ч. 3).
    """
    schedule = _locked(part.schedule, version)
    if schedule.status != VacationSchedule.Status.APPROVED:
        raise ValidationError("Проект графика правится напрямую, перенос — только в утверждённом графике.")
    if not reason.strip():
        raise ValidationError({"move_reason": "Укажите основание переноса (заявление работника, служебная записка)."})
    if part.order_item_id:
        raise ValidationError("По этому отпуску уже подготовлен приказ: перенос оформляется другим приказом.")
    before = part.effective_start
    if new_start == before:
        raise ValidationError({"moved_start": f"Отпуск и так начинается {before:%d.%m.%Y}: укажите другую дату."})
    part.moved_start, part.move_reason, part.notice_handed_on = new_start, reason.strip(), None
    part.save(update_fields=["moved_start", "move_reason", "notice_handed_on"])
    PlannedLeaveMove.objects.create(
        organisation_id=schedule.organisation_id,
        part=part,
        from_start=before,
        to_start=new_start,
        reason=reason.strip(),
        moved_on=on,
        moved_by=actor,
    )
    _bump(schedule)
    part.schedule.version = schedule.version
    record_change(
        actor=actor,
        organisation_id=schedule.organisation_id,
        subject=part.employee,
        section=SECTION,
        action=ChangeRecord.Action.UPDATE,
        obj=part,
        before={"Начало отпуска по графику": f"{before:%d.%m.%Y}"},
        after={"Начало отпуска по графику": f"{new_start:%d.%m.%Y} ({reason.strip()})"},
    )
    return part


def moves_of(schedule: VacationSchedule, department: Department) -> list[PlannedLeaveMove]:
    """Return the moves of a department's parts, latest first (one query)."""
    return list(
        PlannedLeaveMove.objects.filter(
            organisation_id=schedule.organisation_id, part__schedule=schedule, part__department=department
        )
        .select_related("part__employee", "moved_by")
        .order_by("-moved_on", "-id")
    )


def notices_due(organisation_id: int | Sequence[int], today: dt.date, *, ahead_days: int = 14) -> list[PlannedLeave]:
    """Return the parts of approved schedules whose notice is due by ``today + ahead_days`` and not handed yet.

    One query, for one organisation or many (a centralised service).
    """
    ids = [organisation_id] if isinstance(organisation_id, int) else list(organisation_id)
    last_start = today + dt.timedelta(days=rules.NOTICE_DAYS + ahead_days)
    parts = PlannedLeave.objects.filter(
        organisation_id__in=ids,
        schedule__status=VacationSchedule.Status.APPROVED,
        notice_handed_on__isnull=True,
    ).filter(
        Q(moved_start__isnull=True, start__gte=today, start__lte=last_start)
        | Q(moved_start__gte=today, moved_start__lte=last_start)
    )
    return list(parts.select_related("employee", "department").order_by("start", "id"))


@transaction.atomic
def mark_notice_handed(*, actor: Any, part: PlannedLeave, on: dt.date) -> PlannedLeave:
    part.notice_handed_on = on
    part.save(update_fields=["notice_handed_on"])
    record_change(
        actor=actor,
        organisation_id=part.organisation_id,
        subject=part.employee,
        section=SECTION,
        action=ChangeRecord.Action.UPDATE,
        obj=part,
        before={"Уведомление о начале отпуска": ""},
        after={"Уведомление о начале отпуска": f"вручено {on:%d.%m.%Y}"},
    )
    return part


@dataclass(frozen=True)
class DepartmentPlan:
    department: Department
    rows: list[tuple[Employee, list[PlannedLeave], int, list[str]]]  # employee, parts, entitlement, problems
    warnings: list[str]


def department_plan(schedule: VacationSchedule, department: Department) -> DepartmentPlan:
    """Return a department's plan with its checks; a fixed number of queries whatever its size."""
    parts = list(PlannedLeave.objects.filter(schedule=schedule, department=department).order_by("start", "id"))
    return check_plans(schedule, {department: parts})[0]


def check_plans(
    schedule: VacationSchedule, parts_of: Mapping[Department, Sequence[PlannedLeave]]
) -> list[DepartmentPlan]:
    """Return the plans of departments holding ``parts_of`` (saved or not) with the page's checks.

    Two queries whatever the number of departments and people: the import's preview checks the parts
    read from a file exactly as the department page checks the saved ones.
    """
    on = dt.date(schedule.year, 1, 1)
    assignments = list(
        Assignment.objects.filter(
            organisation_id=schedule.organisation_id, staffing_unit__department__in=[d.pk for d in parts_of]
        )
        .active(on=on)
        .select_related("employee", "staffing_unit__position")
        # The card's many columns are not needed to plan leave: reading them was a fifth of the page.
        .only("start", "end", "kind", "rate", "employee_id", "staffing_unit_id", "employee__organisation_id",
              "employee__last_name", "employee__first_name", "employee__middle_name", "employee__birth_date",
              "staffing_unit__department_id", "staffing_unit__position__name",
              "staffing_unit__position__category")
        .order_by("employee__last_name", "employee__first_name", "start")
    )  # fmt: skip
    leave_rules = list(LeaveRule.objects.filter(organisation_id=schedule.organisation_id))
    return [
        _checked(department, [a for a in assignments if a.staffing_unit.department_id == department.pk], parts,
                 leave_rules, on)
        for department, parts in parts_of.items()
    ]  # fmt: skip


def _checked(
    department: Department,
    assignments: list[Assignment],
    parts: Sequence[PlannedLeave],
    leave_rules: list[LeaveRule],
    on: dt.date,
) -> DepartmentPlan:
    employees = list({a.employee_id: a.employee for a in assignments}.values())
    assignments_of: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        assignments_of[assignment.employee_id].append(assignment)
    by_employee: dict[int, list[PlannedLeave]] = defaultdict(list)
    for part in parts:
        by_employee[part.employee_id].append(part)
    rows = []
    spans = []
    for employee in employees:
        own = assignments_of[employee.pk]
        entitlement = entitlement_of(employee, own, leave_rules, on).total
        mine = by_employee.get(employee.pk, [])
        problems = rules.parts_errors([p.days for p in mine], entitlement) if mine else ["Отпуск не запланирован."]
        pedagogical = any(a.staffing_unit.position.category == Position.Category.PEDAGOGICAL for a in own)
        for part in mine:
            end, _inside = span("annual", part.effective_start, part.days)
            outside_summer = rules.teacher_outside_summer(part.effective_start, end)
            # Teachers on leave in the summer holidays leave no lessons uncovered: the school plans it so.
            if not pedagogical or outside_summer:
                spans.append((employee.pk, part.effective_start, end))
            if pedagogical and outside_summer:
                problems.append(f"Предупреждение: отпуск с {part.effective_start:%d.%m.%Y} — не в летние каникулы.")
        rows.append((employee, mine, entitlement, problems))
    return DepartmentPlan(department, rows, rules.coverage_warnings(spans, len(employees)))
