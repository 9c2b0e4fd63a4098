"""A department's November 2026 filled from the sources, hand-computed; corrections, the close, a corrective.

November 2026: 1st a Sunday; weekends 1, 7–8, 14–15, 21–22, 28–29; 4th a public holiday; 3rd shortened
(ТК ст. 95); 20 working days, norms 159 (40 h) and 143 (36 h).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kadry.absences.models import Absence
from kadry.core.models import ChangeRecord
from kadry.employment.models import Assignment
from kadry.leave import services as leave
from kadry.leave.models import LedgerEntry
from kadry.staff.models import Position
from kadry.testing.factories import DepartmentFactory
from kadry.timesheet import month_grid, rules, services
from kadry.timesheet.models import Timesheet, TimesheetCorrection
from kadry.timesheet.tests.conftest import worker

pytestmark = pytest.mark.django_db
D = dt.date
H = Decimal


def _codes(row: month_grid.Row) -> str:
    return " ".join(cell.code if cell else "-" for cell in row.cells)


def _at(row: month_grid.Row, index: int) -> rules.Cell:
    cell = row.cells[index]
    assert cell is not None
    return cell


def _rows(grid: month_grid.Grid) -> dict[str, month_grid.Row]:
    return {row.name.split()[0]: row for row in grid.rows}


def test_a_month_with_a_leave_a_sick_leave_a_trip_and_a_holiday(school, office, november) -> None:
    sheet = month_grid.timesheet_for(school.pk, office, 2026, 11)
    grid = month_grid.derive(sheet)
    assert (grid.norm.working_days, grid.norm.hours[40], grid.norm.hours[36]) == (20, H("159"), H("143"))
    rows = _rows(grid)
    assert list(rows) == ["Козлова", "Орлова", "Смирнова"]
    # The teacher: leave 2–7 with the holiday inside as В; 16 days of 7.2 hours from the 9th.
    teacher = rows["Смирнова"]
    assert _codes(teacher).split()[:9] == ["В", "ОТ", "ОТ", "В", "ОТ", "ОТ", "ОТ", "В", "Я"]
    assert teacher.week == 36 and _at(teacher, 8).hours == H("7.2")
    totals = teacher.totals
    assert (totals.first_half_days, totals.first_half_hours) == (5, H("36"))
    assert (totals.second_half_days, totals.second_half_hours) == (11, H("79.2"))
    assert (totals.days, totals.hours, totals.absences) == (16, H("115.2"), {"ОТ": 5})
    assert teacher.norm_hours == H("143")
    # The secretary: 3rd is 7 hours; sick 10–12, trip 16–18 (Monday to Wednesday).
    secretary = rows["Козлова"]
    assert _at(secretary, 2).hours == H("7") and _at(secretary, 3).code == "В"
    assert [_at(secretary, d - 1).code for d in (9, 10, 11, 12, 13)] == ["Я", "Б", "Б", "Б", "Я"]
    assert [_at(secretary, d - 1).code for d in (16, 17, 18, 19)] == ["К", "К", "К", "Я"]
    totals = secretary.totals
    # Worked: 2, 3, 5, 6, 9, 13 → 8 + 7 + 8 + 8 + 8 + 8 = 47; 19, 20, 23–27, 30 → 8 × 8 = 64.
    assert (totals.first_half_days, totals.first_half_hours, totals.second_half_days, totals.second_half_hours) == (
        6, H("47"), 8, H("64"))  # fmt: skip
    assert totals.absences == {"К": 3, "Б": 3}
    # The external part-timer at half a rate: 20 days, 4 hours a day, 3.5 on the 3rd: 79.5 = 159 ÷ 2.
    part_timer = rows["Орлова"]
    assert part_timer.kind == "внешнее совместительство"
    assert (part_timer.totals.days, part_timer.totals.hours, part_timer.norm_hours) == (20, H("79.5"), H("79.5"))


def test_days_outside_the_assignment_are_empty(school, office, november) -> None:
    Assignment.objects.filter(employee=november["part_timer"]).update(end=D(2026, 11, 10))
    row = _rows(month_grid.derive(month_grid.timesheet_for(school.pk, office, 2026, 11)))["Орлова"]
    assert row.cells[9] is not None and row.cells[10] is None
    # 2, 3, 5, 6, 9, 10 worked: 4 + 3.5 + 4 × 4 = 23.5.
    assert (row.totals.days, row.totals.hours, row.norm_hours) == (6, H("23.5"), H("23.5"))


def _change(employee: Any, day: int, code: str, hours: str | None = None) -> services.CellChange:
    assignment = Assignment.objects.select_related("staffing_unit").get(employee=employee)
    return services.CellChange(assignment, D(2026, 11, day), code, None if hours is None else H(hours))


def test_a_correction_changes_the_day_all_or_nothing_and_refuses_a_stale_version(
    hr_inspector, school, office, november
) -> None:
    sheet = month_grid.timesheet_for(school.pk, office, 2026, 11)
    secretary = november["secretary"]
    bad = [_change(secretary, 30, "НН"), _change(secretary, 27, "Я")]  # Я without hours
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0, changes=bad, reason="Служебная записка")
    assert "hours" in error.value.message_dict and not TimesheetCorrection.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0, changes=bad[:1], reason=" ")
    assert "reason" in error.value.message_dict
    sheet = services.correct(actor=hr_inspector.user, timesheet=sheet, version=0,
                             changes=[_change(secretary, 30, "НН"), _change(secretary, 28, "РВ", "4")],
                             reason="Служебная записка от 30.11.2026")  # fmt: skip
    assert sheet.version == 1
    row = _rows(month_grid.derive(sheet))["Козлова"]
    assert _at(row, 29).code == "НН" and _at(row, 27).code == "РВ" and row.corrected == {27, 29}
    # 30th no longer worked (−8), the 28th worked on a weekend (+4): 111 − 8 + 4.
    assert (row.totals.days, row.totals.hours, row.totals.absences) == (14, H("107"), {"К": 3, "Б": 3, "НН": 1})
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0,
                         changes=[_change(secretary, 27, "ПР")], reason="Записка")  # fmt: skip
    assert "version" in error.value.message_dict
    assert TimesheetCorrection.objects.count() == 2


def test_closing_stores_the_filling_and_locks_it_a_corrective_takes_the_late_change(
    hr_inspector, school, office, november
) -> None:
    sheet = month_grid.timesheet_for(school.pk, office, 2026, 11)
    secretary = november["secretary"]
    sheet = services.correct(actor=hr_inspector.user, timesheet=sheet, version=0,
                             changes=[_change(secretary, 30, "НН")], reason="Записка")  # fmt: skip
    sheet = services.close(actor=hr_inspector.user, timesheet=sheet, version=1)
    assert sheet.is_closed and sheet.snapshot is not None
    before = month_grid.filling(sheet)
    # A sick-leave certificate for 23–25 November comes in after the close.
    Absence.objects.create(organisation=school, employee=secretary, kind=Absence.Kind.SICK, start=D(2026, 11, 23),
                           end=D(2026, 11, 25), sick_leave_number="910000000002", sick_reason="own_illness")  # fmt: skip
    closed = month_grid.filling(Timesheet.objects.get(pk=sheet.pk))
    assert _at(_rows(closed)["Козлова"], 22).code == "Я"  # the closed timesheet is as it was
    assert _rows(closed)["Козлова"].totals.hours == before.rows[0].totals.hours == H("103")
    with pytest.raises(ValidationError, match="корректирующий табель"):
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=sheet.version,
                         changes=[_change(secretary, 27, "ПР")], reason="Записка")  # fmt: skip
    corrective = services.open_corrective(actor=hr_inspector.user, timesheet=sheet, version=sheet.version)
    assert (corrective.kind, corrective.number, corrective.corrects_id) == ("corrective", 1, sheet.pk)
    grid = month_grid.filling(corrective)
    row = _rows(grid)["Козлова"]
    # The late sick leave shows, the correction of the original is kept: 103 − 3 × 8 = 79.
    assert [_at(row, d - 1).code for d in (23, 24, 25, 30)] == ["Б", "Б", "Б", "НН"]
    assert row.totals.hours == H("79") and row.totals.absences == {"К": 3, "Б": 6, "НН": 1}
    assert services.differences(grid, before) == {(row.assignment_id, 22), (row.assignment_id, 23),
                                                   (row.assignment_id, 24)}  # fmt: skip
    with pytest.raises(ValidationError, match="уже создан"):
        services.open_corrective(actor=hr_inspector.user, timesheet=sheet, version=sheet.version + 1)
    with pytest.raises(ValidationError, match="ещё открыт"):
        services.open_corrective(actor=hr_inspector.user, timesheet=corrective, version=corrective.version)
    services.close(actor=hr_inspector.user, timesheet=corrective, version=corrective.version)
    assert Timesheet.objects.filter(status=Timesheet.Status.CLOSED).count() == 2


def test_a_cancelled_leave_and_a_recall_are_not_on_the_timesheet(hr_inspector, school, office, november) -> None:
    teacher = november["teacher"]
    entry = LedgerEntry.objects.get(employee=teacher)
    leave.recall_from_leave(actor=hr_inspector.user, employee=teacher, order_item=entry.order_item,
                            back_on=D(2026, 11, 5), document="Приказ об отзыве")  # fmt: skip
    row = _rows(month_grid.derive(month_grid.timesheet_for(school.pk, office, 2026, 11)))["Смирнова"]
    assert _codes(row).split()[:6] == ["В", "ОТ", "ОТ", "В", "Я", "Я"]
    leave.undo_order_item(actor=hr_inspector.user, order_item=entry.order_item, document="Отмена")
    row = _rows(month_grid.derive(month_grid.timesheet_for(school.pk, office, 2026, 11)))["Смирнова"]
    assert _codes(row).split()[:3] == ["В", "Я", "Я"]


def test_a_correction_of_someone_outside_the_department_or_the_month_is_refused(
    hr_inspector, school, office, november
) -> None:
    elsewhere = worker(school, DepartmentFactory(organisation=school), "Петрова", "Завхоз", Position.Category.SERVICE)
    sheet = month_grid.timesheet_for(school.pk, office, 2026, 11)
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0,
                         changes=[_change(elsewhere, 2, "Я", "8")], reason="Записка")  # fmt: skip
    assert "assignment" in error.value.message_dict
    december = services.CellChange(
        Assignment.objects.select_related("staffing_unit").get(employee=november["secretary"]), D(2026, 12, 1), "Я",
        H("8"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0, changes=[december], reason="Записка")
    assert "start" in error.value.message_dict
    Assignment.objects.filter(employee=november["part_timer"]).update(end=D(2026, 11, 10))
    with pytest.raises(ValidationError) as error:
        services.correct(actor=hr_inspector.user, timesheet=sheet, version=0,
                         changes=[_change(november["part_timer"], 20, "Я", "4")], reason="Записка")  # fmt: skip
    assert "не работал" in error.value.message_dict["start"][0]
    assert not TimesheetCorrection.objects.exists()


def test_the_month_of_every_department_is_filled_by_the_command(school, office, november) -> None:
    DepartmentFactory(organisation=school, name="Пустой отдел")
    out = io.StringIO()
    call_command("timesheet_fill", "2026-11", "--organisation", str(school.pk), stdout=out)
    assert Timesheet.objects.filter(year=2026, month=11).count() == 2
    # 115.2 (the teacher) + 111 (the secretary) + 79.5 (the part-timer).
    assert "подразделений 2 (закрытых 0), строк 3, отработано 305,7 ч" in out.getvalue()


def test_the_close_and_the_corrective_are_in_the_change_history(hr_inspector, school, office, november) -> None:
    sheet = month_grid.timesheet_for(school.pk, office, 2026, 11)
    sheet = services.close(actor=hr_inspector.user, timesheet=sheet, version=0)
    corrective = services.open_corrective(actor=hr_inspector.user, timesheet=sheet, version=sheet.version)
    records = list(ChangeRecord.objects.filter(section=services.SECTION).order_by("pk"))
    assert [(r.action, r.subject_type, r.subject_id, r.object_id, r.actor_id) for r in records] == [
        ("update", "staff.department", office.pk, sheet.pk, hr_inspector.user.pk),
        ("create", "staff.department", office.pk, corrective.pk, hr_inspector.user.pk),
    ]
    assert records[0].changes == {"Состояние": ["открыт", "закрыт"]}
    assert records[1].changes == {"Корректирующий табель": ["", str(corrective)]}
    assert all(r.organisation_id == school.pk for r in records)
