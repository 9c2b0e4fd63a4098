"""The vacation schedule: drafting per department all or nothing, optimistic locking, approval, moves, notices, orders."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kadry.core.models import ChangeRecord
from kadry.leave import schedule as schedules
from kadry.leave.models import LedgerEntry, PlannedLeave, VacationSchedule
from kadry.leave.rules import approval_due, coverage_warnings
from kadry.orders import services as orders
from kadry.orders.from_schedule import draft_leave_orders
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def maths(school):
    return DepartmentFactory(organisation=school, name="МО математики")


@pytest.fixture
def teachers(school, maths):
    people = []
    unit = StaffingUnitFactory(organisation=school, department=maths, position__name="Учитель математики")
    for name in ("Алексеева", "Борисова"):
        person = EmployeeFactory(organisation=school, last_name=name)
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
        people.append(person)
    return people


def test_a_department_plan_is_saved_whole_and_checked(hr_inspector, school, maths, teachers) -> None:
    schedule = schedules.schedule_for(school.pk, 2027)
    first, second = teachers
    rows = [
        schedules.PlanRow(first, D(2027, 7, 1), 42),
        schedules.PlanRow(first, D(2027, 12, 20), 14),  # outside the summer: a warning
        schedules.PlanRow(second, D(2027, 7, 1), 10),
        schedules.PlanRow(second, D(2027, 8, 1), 10),
    ]
    schedules.save_department_plan(actor=hr_inspector.user, schedule=schedule, department=maths, version=0, rows=rows)
    plan = schedules.department_plan(schedule, maths)
    problems = {employee.last_name: found for employee, _parts, _days, found in plan.rows}
    assert problems["Алексеева"] == ["Предупреждение: отпуск с 20.12.2027 — не в летние каникулы."]
    assert "Одна из частей отпуска должна быть не менее 14 календарных дней (ТК РФ ст. 125)." in problems["Борисова"]
    assert "Запланировано 20 дн. из 56: распределите весь отпуск." in problems["Борисова"]
    # Both teachers away from 1 July is the school's summer, not a gap in lessons: no coverage warning.
    assert plan.warnings == []


def test_coverage_warns_when_over_half_of_a_non_teaching_department_is_away(hr_inspector, school) -> None:
    office = DepartmentFactory(organisation=school, name="Бухгалтерия")
    unit = StaffingUnitFactory(
        organisation=school, department=office, position__name="Бухгалтер", position__category="administrative", rates=2
    )
    people = [EmployeeFactory(organisation=school, last_name=name) for name in ("Громова", "Дёмина")]
    for person in people:
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
    schedule = schedules.schedule_for(school.pk, 2027)
    rows = [schedules.PlanRow(people[0], D(2027, 7, 1), 28), schedules.PlanRow(people[1], D(2027, 7, 12), 28)]
    schedules.save_department_plan(actor=hr_inspector.user, schedule=schedule, department=office, version=0, rows=rows)

    plan = schedules.department_plan(schedule, office)

    # 12.07–28.07 both are away (28 days from 1 July end on 28 July): 2 of 2, over 50 %.
    assert plan.warnings == ["12.07–28.07: в отпуске больше 50% работников подразделения."]


def test_a_bad_row_writes_nothing(hr_inspector, school, maths, teachers) -> None:
    schedule = schedules.schedule_for(school.pk, 2027)
    rows = [schedules.PlanRow(teachers[0], D(2027, 7, 1), 28), schedules.PlanRow(teachers[1], D(2028, 1, 10), 28)]
    with pytest.raises(ValidationError) as error:
        schedules.save_department_plan(
            actor=hr_inspector.user, schedule=schedule, department=maths, version=0, rows=rows
        )
    assert "rows.1.start" in error.value.message_dict
    assert not PlannedLeave.objects.exists()


def test_a_save_from_a_stale_version_is_refused(hr_inspector, hr_head, school, maths, teachers) -> None:
    schedule = schedules.schedule_for(school.pk, 2027)
    read_by_both = schedule.version
    mine = [schedules.PlanRow(teachers[0], D(2027, 7, 1), 56)]
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=schedule, department=maths, version=read_by_both, rows=mine
    )
    theirs = [schedules.PlanRow(teachers[0], D(2027, 8, 1), 56)]
    with pytest.raises(ValidationError) as error:
        schedules.save_department_plan(
            actor=hr_head.user, schedule=schedule, department=maths, version=read_by_both, rows=theirs
        )
    assert error.value.message_dict["version"] == [schedules.STALE]
    assert PlannedLeave.objects.get().start == D(2027, 7, 1)


def test_approved_schedule_is_locked_moves_need_a_reason_and_orders_follow(
    hr_inspector, director, school, maths, teachers
) -> None:
    assert approval_due(2027) == D(2026, 12, 18)
    schedule = schedules.schedule_for(school.pk, 2027)
    rows = [schedules.PlanRow(t, D(2027, 7, 1), 56) for t in teachers]
    schedule = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=schedule, department=maths, version=0, rows=rows
    )
    schedule = schedules.approve_schedule(
        actor=director.user, schedule=schedule, version=schedule.version, on=D(2026, 12, 10)
    )
    approval = ChangeRecord.objects.get(subject_id=schedule.pk, section=schedules.SECTION, actor=director.user)
    assert approval.changes["Состояние"][1] == "утверждён"
    with pytest.raises(ValidationError):
        schedules.save_department_plan(
            actor=hr_inspector.user, schedule=schedule, department=maths, version=schedule.version, rows=rows
        )
    part = PlannedLeave.objects.get(employee=teachers[1])
    with pytest.raises(ValidationError):
        schedules.move_planned(
            actor=hr_inspector.user,
            part=part,
            version=schedule.version,
            new_start=D(2027, 7, 5),
            reason=" ",
            on=D(2027, 5, 1),
        )
    schedules.move_planned(
        actor=hr_inspector.user,
        part=part,
        version=schedule.version,
        new_start=D(2027, 7, 5),
        reason="заявление работника",
        on=D(2027, 5, 1),
    )
    # Notices: due two weeks before; on 10.06.2027 both are within the next four weeks.
    due = schedules.notices_due(school.pk, D(2027, 6, 10))
    assert {p.employee_id for p in due} == {t.pk for t in teachers}
    schedules.mark_notice_handed(actor=hr_inspector.user, part=due[0], on=D(2027, 6, 15))
    assert len(schedules.notices_due(school.pk, D(2027, 6, 10))) == 1
    order = draft_leave_orders(
        actor=hr_inspector.user,
        schedule=VacationSchedule.objects.get(),
        start=D(2027, 7, 1),
        end=D(2027, 7, 31),
        order_date=D(2027, 6, 14),
    )
    assert order is not None
    assert sorted(item.date for item in order.items.all()) == [D(2027, 7, 1), D(2027, 7, 5)]
    assert (
        draft_leave_orders(
            actor=hr_inspector.user,
            schedule=VacationSchedule.objects.get(),
            start=D(2027, 7, 1),
            end=D(2027, 7, 31),
            order_date=D(2027, 6, 14),
        )
        is None
    )  # each part is ordered once
    # An order is signed on or after its date, once HR has sent it for signature.
    with time_machine.travel(dt.datetime(2027, 6, 14, 9, tzinfo=dt.UTC), tick=False):
        orders.submit_order(actor=hr_inspector.user, order=order)
        orders.sign_order(actor=director.user, order=order)
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.USED).count() == 2


def test_coverage_warns_once_per_run_of_days() -> None:
    parts = [(1, D(2027, 7, 1), D(2027, 7, 10)), (2, D(2027, 7, 5), D(2027, 7, 20))]
    assert coverage_warnings(parts, 3) == ["05.07–10.07: в отпуске больше 50% работников подразделения."]
