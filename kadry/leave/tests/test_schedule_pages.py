"""The schedule pages: a department's plan edited through the page, bounded queries, Т-7 XLSX, notices."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import pdf_text
from kadry.leave import schedule as schedules
from kadry.leave.models import PlannedLeave, VacationSchedule
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, EmployeeFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = 2026


@pytest.fixture
def maths(school):
    return DepartmentFactory(organisation=school, name="МО математики")


def _staff(school, maths, count: int) -> list:
    unit = StaffingUnitFactory(organisation=school, department=maths, position__name="Учитель математики", rates=count)
    people = []
    for n in range(count):
        person = EmployeeFactory(organisation=school, last_name=f"Учителева{n}")
        AssignmentFactory(employee=person, staffing_unit=unit, start=D(2020, 9, 1))
        people.append(person)
    return people


@pytest.mark.parametrize("count", [2, 12])
def test_the_department_page_costs_a_fixed_number_of_queries(
    hr_inspector, school, maths, count: int, django_assert_max_num_queries
) -> None:
    people = _staff(school, maths, count)
    plan = schedules.schedule_for(school.pk, YEAR)
    rows = [schedules.PlanRow(p, D(YEAR, 7, 1), 56) for p in people]
    schedules.save_department_plan(actor=hr_inspector.user, schedule=plan, department=maths, version=0, rows=rows)
    with django_assert_max_num_queries(12):
        response = hr_inspector.client.get(reverse("leave:department", args=[YEAR, maths.pk]))
    assert response.status_code == 200
    assert "Учителева0" in response.content.decode()


def test_the_page_saves_the_plan_and_refuses_a_stale_form(hr_inspector, school, maths) -> None:
    first, second = _staff(school, maths, 2)
    url = reverse("leave:department", args=[YEAR, maths.pk])
    form = {"version": "0", f"start-{first.pk}-0": "2026-07-01", f"days-{first.pk}-0": "56"}
    assert hr_inspector.client.post(url, form).status_code == 302
    assert PlannedLeave.objects.get().employee == first
    # A second form read at version 0 is refused and changes nothing.
    stale = {"version": "0", f"start-{second.pk}-0": "2026-08-01", f"days-{second.pk}-0": "56"}
    response = hr_inspector.client.post(url, stale)
    assert "График уже изменил другой пользователь" in response.content.decode()
    assert PlannedLeave.objects.count() == 1
    bad = {"version": "1", f"start-{second.pk}-0": "01.08", f"days-{second.pk}-0": "56"}
    page = hr_inspector.client.post(url, bad).content.decode()
    # The message stands in the wrong cell, which keeps what was typed; the other cells are not marked.
    cell = page.split(f'name="start-{second.pk}-0"', 1)[1].split("</td>", 1)[0]
    assert 'value="01.08"' in cell and 'aria-invalid="true"' in cell and "укажите дату начала" in cell
    assert f'name="days-{second.pk}-0" value="56"' in page
    assert page.count('aria-invalid="true"') == 2  # the start and the days of that one part
    assert "исправьте отмеченные поля (1)" in page
    assert PlannedLeave.objects.count() == 1


def test_director_approves_and_t7_downloads(hr_inspector, director, school, maths) -> None:
    people = _staff(school, maths, 1)
    plan = schedules.schedule_for(school.pk, YEAR)
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=maths, version=0,
        rows=[schedules.PlanRow(people[0], D(YEAR, 7, 1), 56)],
    )  # fmt: skip
    director.client.post(reverse("leave:schedule_approve", args=[YEAR]), {"version": "1"})
    assert VacationSchedule.objects.get().status == VacationSchedule.Status.APPROVED
    response = hr_inspector.client.get(reverse("leave:schedule_xlsx", args=[YEAR]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Учителева0 Мария Петровна" in values and "МО математики" in values


@time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False)
def test_notices_page_lists_due_and_prints(
    hr_inspector, director, school, maths, django_assert_max_num_queries
) -> None:
    people = _staff(school, maths, 3)
    today = D(2026, 6, 1)
    plan = schedules.schedule_for(school.pk, today.year)
    start = today + dt.timedelta(days=10)
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=maths, version=0,
        rows=[schedules.PlanRow(p, start, 14) for p in people],
    )  # fmt: skip
    schedules.approve_schedule(actor=director.user, schedule=plan, version=1, on=today)
    with django_assert_max_num_queries(10):
        body = hr_inspector.client.get(reverse("leave:notices")).content.decode()
    assert "просрочено" in body  # 10 days before the start: the two weeks have passed
    part = PlannedLeave.objects.first()
    assert part is not None
    assert (
        "С уведомлением ознакомлен"
        in hr_inspector.client.get(reverse("leave:notice_print", args=[part.pk])).content.decode()
    )
    hr_inspector.client.post(reverse("leave:notice_handed", args=[part.pk]))
    part.refresh_from_db()
    assert part.notice_handed_on is not None


def test_t7_pdf_prints_the_unified_form_and_is_logged(hr_inspector, director, school, maths) -> None:
    people = _staff(school, maths, 1)
    plan = schedules.schedule_for(school.pk, YEAR)
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=maths, version=0,
        rows=[schedules.PlanRow(people[0], D(YEAR, 7, 1), 56)],
    )  # fmt: skip
    schedules.approve_schedule(actor=director.user, schedule=plan, version=1, on=D(YEAR - 1, 12, 10))
    page = hr_inspector.client.get(reverse("leave:schedule", args=[YEAR])).content.decode()
    assert reverse("leave:schedule_pdf", args=[YEAR]) in page
    response = hr_inspector.client.get(reverse("leave:schedule_pdf", args=[YEAR]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Т-7" in text and "0301020" in text and "ГРАФИК ОТПУСКОВ" in text
    assert "Учителева0 Мария Петровна" in text and "Учитель математики" in text and "01.07.2026" in text
    assert "10.12.2025" in text  # the approval date in the head
    log = AccessLogEntry.objects.filter(actor=hr_inspector.user).latest("id")
    assert log.what == "График отпусков Т-7 (PDF)" and log.subject_repr == "График отпусков на 2026 год"


@time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC), tick=False)
def test_a_part_of_the_approved_schedule_is_moved_with_a_reason_and_the_move_is_listed(
    hr_inspector, director, school, maths, django_assert_max_num_queries
) -> None:
    people = _staff(school, maths, 2)
    plan = schedules.schedule_for(school.pk, YEAR)
    schedules.save_department_plan(
        actor=hr_inspector.user, schedule=plan, department=maths, version=0,
        rows=[schedules.PlanRow(p, D(YEAR, 7, 1), 56) for p in people],
    )  # fmt: skip
    plan = schedules.approve_schedule(actor=director.user, schedule=plan, version=1, on=D(YEAR - 1, 12, 10))
    part = PlannedLeave.objects.get(employee=people[0])
    schedules.mark_notice_handed(actor=hr_inspector.user, part=part, on=D(YEAR, 5, 4))
    page_url = reverse("leave:department", args=[YEAR, maths.pk])
    move_url = reverse("leave:part_move", args=[YEAR, part.pk])
    with django_assert_max_num_queries(13):
        page = hr_inspector.client.get(page_url).content.decode()
    assert move_url in page and "Переносов не было" in page
    assert move_url not in director.client.get(page_url).content.decode()  # the director does not move leave
    prefix = f"move-{part.pk}"
    # No reason: refused on the field, nothing moved.
    response = hr_inspector.client.post(
        move_url, {f"{prefix}-new_start": "2026-08-03", f"{prefix}-reason": "", f"{prefix}-version": "2"}
    )
    assert response.status_code == 200 and "Обязательное поле" in response.content.decode()
    # A date two years on is beyond the next working year (ТК РФ ст. 124).
    response = hr_inspector.client.post(
        move_url, {f"{prefix}-new_start": "2028-08-03", f"{prefix}-reason": "заявление", f"{prefix}-version": "2"}
    )
    assert "Перенести можно на дату 2026 или 2027 года." in response.content.decode()
    form = {f"{prefix}-new_start": "2026-08-03", f"{prefix}-reason": "заявление работника от 30.04.2026",
            f"{prefix}-version": "2"}  # fmt: skip
    assert hr_inspector.client.post(move_url, form).status_code == 302
    part.refresh_from_db()
    assert part.moved_start == D(YEAR, 8, 3) and part.move_reason == "заявление работника от 30.04.2026"
    assert part.notice_handed_on is None  # the notice named the old date: due again
    # The same form sent again was read at the old version: refused, one move recorded.
    stale = hr_inspector.client.post(move_url, {**form, f"{prefix}-new_start": "2026-08-10"})
    assert "График уже изменил другой пользователь" in stale.content.decode()
    page = hr_inspector.client.get(page_url).content.decode()
    history = page.split("Переносы отпусков", 1)[1]
    assert "01.07.2026" in history and "03.08.2026" in history and "заявление работника от 30.04.2026" in history
    assert part.moves.count() == 1
