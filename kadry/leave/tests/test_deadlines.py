"""The leave terms on the home page and the deadlines page: the schedule's approval and the notices (ТК РФ ст. 123)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.core.home import deadlines_for
from kadry.leave import schedule as schedules
from kadry.leave.deadlines import NOTICE_KIND, SCHEDULE_KIND, leave_deadlines
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def teachers(school):
    maths = DepartmentFactory(organisation=school, name="МО математики")
    unit = StaffingUnitFactory(organisation=school, department=maths, position__name="Учитель математики", rates=2)
    people = []
    for name in ("Алексеева", "Борисова"):
        person = EmployeeFactory(organisation=school, last_name=name)
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
        people.append(person)
    return maths, people


def _approve_2027(hr_inspector, director, school, teachers, starts) -> None:
    maths, people = teachers
    schedule = schedules.schedule_for(school.pk, 2027)
    rows = [schedules.PlanRow(person, start, 14) for person, start in zip(people, starts, strict=True)]
    schedule = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=schedule, department=maths, version=0, rows=rows
    )
    schedules.approve_schedule(actor=director.user, schedule=schedule, version=schedule.version, on=D(2026, 12, 10))


def test_the_approval_is_due_two_weeks_before_the_year_until_approved(hr_inspector, director, school, teachers) -> None:
    assert leave_deadlines(school.pk, D(2026, 9, 1)) == []  # too early to list
    first = leave_deadlines(school.pk, D(2026, 12, 1))
    assert [(d.kind, d.due, d.source) for d in first] == [(SCHEDULE_KIND, D(2026, 12, 18), "ТК РФ ст. 123 ч. 1")]
    assert first[0].url == reverse("leave:schedule", args=[2027])
    _approve_2027(hr_inspector, director, school, teachers, [D(2027, 1, 11), D(2027, 7, 1)])
    later = leave_deadlines(school.pk, D(2026, 12, 20))
    # Approved: only the notice of the leave from 11.01.2027, due 28.12.2026; the July one is not due yet.
    assert [(d.kind, d.due) for d in later] == [(NOTICE_KIND, D(2026, 12, 28))]
    assert "Алексеева" in later[0].subject and "11.01.2027" in later[0].subject


def test_the_terms_reach_the_inspector_and_the_director_through_the_registry(
    hr_inspector, director, school, teachers
) -> None:
    _approve_2027(hr_inspector, director, school, teachers, [D(2027, 1, 11), D(2027, 7, 1)])
    inspector = [d.kind for d in deadlines_for(hr_inspector.membership, D(2026, 12, 20))]
    assert NOTICE_KIND in inspector
    # The director approves the schedule but does not hand the notices.
    assert NOTICE_KIND not in [d.kind for d in deadlines_for(director.membership, D(2026, 12, 20))]


@time_machine.travel(dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC), tick=False)
def test_the_deadlines_page_lists_the_approval_and_home_the_notice_due_this_week(
    hr_inspector, director, school, teachers
) -> None:
    page = hr_inspector.client.get(reverse("deadlines")).content.decode()
    assert "утвердить график на 2027 год" in page and "18.12.2026" in page and "ТК РФ ст. 123 ч. 1" in page
    assert "утвердить график на 2027 год" in director.client.get(reverse("deadlines")).content.decode()
    # Beyond the home page's week: not there yet, but the link to all terms is.
    home = hr_inspector.client.get(reverse("home")).content.decode()
    assert "утвердить график на 2027 год" not in home and reverse("deadlines") in home
    # A leave of the current year's approved schedule starting on 14.12: its notice was due on 30.11.
    maths, people = teachers
    plan = schedules.schedule_for(school.pk, 2026)
    plan = schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=maths, version=0,
        rows=[schedules.PlanRow(people[1], D(2026, 12, 14), 14)],
    )  # fmt: skip
    schedules.approve_schedule(actor=director.user, schedule=plan, version=plan.version, on=D(2025, 12, 1))
    home = hr_inspector.client.get(reverse("home")).content.decode()
    overdue = home.split("Просрочено", 1)[1]
    assert "Борисова" in overdue and "30.11.2026" in overdue and reverse("leave:notices") in overdue
