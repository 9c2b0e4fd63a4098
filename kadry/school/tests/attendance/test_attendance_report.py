"""The period report of a small class, against numbers computed by hand."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kadry.school.models import AttendanceMark
from kadry.school.queries.attendance import period_report
from kadry.school.services.attendance import MarkInput, save_day
from kadry.testing.school import EnrollmentFactory, StudentFactory

pytestmark = pytest.mark.django_db
MON, TUE, WED, THU, FRI = (dt.date(2026, 11, 16) + dt.timedelta(days=n) for n in range(5))
REPORT = {"class": "", "start": "2026-11-16", "end": "2026-11-20"}


@pytest.fixture
def week_of_7b(class_teacher, seventh, school):
    """7Б, 6 lessons a day, Mon 16 – Fri 20 Nov 2026 (5 school days):

    Антонова (all week): Mon whole day ill (6 ур.), Tue 2 lessons by a note, Wed late 10 min.
    Борисов (enrolled from Wed: 3 days): Thu whole day unexcused, Fri whole day reason unknown.
    Васильева (all week): present.
    """
    names = {}
    for last_name, start in (("Антонова", dt.date(2026, 9, 1)), ("Борисов", WED), ("Васильева", dt.date(2026, 9, 1))):
        student = StudentFactory(organisation=school, last_name=last_name)
        EnrollmentFactory(school_class=seventh, student=student, start=start)
        names[last_name] = student
    a, b = names["Антонова"].pk, names["Борисов"].pk
    days = {
        MON: [MarkInput(a, kind="absent", reason="illness")],
        TUE: [MarkInput(a, kind="absent", whole_day=False, lessons=2, reason="note")],
        WED: [MarkInput(a, kind="late", minutes_late=10)],
        THU: [MarkInput(b, kind="absent", reason="unexcused")],
        FRI: [MarkInput(b, kind="absent", reason="unknown")],
    }
    for day, marks in days.items():
        save_day(actor=class_teacher.user, school_class=seventh, date=day, marks=marks)
    return names


def test_report_numbers_match_the_hand_computation(seventh, week_of_7b) -> None:
    [report] = period_report(type(seventh).objects.filter(pk=seventh.pk), MON, FRI)
    rows = {row.label.split()[0]: row for row in report.students}
    a, b, c = rows["Антонова"], rows["Борисов"], rows["Васильева"]
    # Антонова: planned 5 × 6 = 30, missed 6 + 2 = 8, attended 22 → 73.3 %.
    assert (a.planned_lessons, a.missed_lessons, a.late, a.percentage) == (30, 8, 1, Decimal("73.3"))
    assert (a.days["illness"], a.lessons["illness"], a.days["excused"], a.lessons["excused"]) == (1, 6, 0, 2)
    # Борисов: planned 3 × 6 = 18, missed 12, attended 6 → 33.3 %.
    assert (b.planned_lessons, b.missed_lessons, b.percentage) == (18, 12, Decimal("33.3"))
    assert (b.days["unexcused"], b.lessons["unexcused"], b.days["unknown"], b.lessons["unknown"]) == (1, 6, 1, 6)
    assert (c.planned_lessons, c.missed_lessons, c.percentage) == (30, 0, Decimal("100.0"))
    # The class: planned 78, missed 20, attended 58 → 74.4 %; 3 whole days missed, 1 lateness.
    total = report.total
    assert (total.planned_lessons, total.missed_lessons, total.missed_days, total.late) == (78, 20, 3, 1)
    assert total.percentage == Decimal("74.4")


def test_report_queries_are_bounded(seventh, week_of_7b, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(4):
        period_report(type(seventh).objects.filter(pk=seventh.pk), MON, FRI)


def test_report_page_and_downloads(class_teacher, seventh, week_of_7b) -> None:
    query = {**REPORT, "class": seventh.pk}
    page = class_teacher.client.get("/school/attendance/report/", query)
    assert page.status_code == 200 and "74,4" in page.content.decode()
    xlsx = class_teacher.client.get("/school/attendance/report/", {**query, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[-1][1] == "Итого по классу 7Б" and values[-1][-2:] == (78, 74.4)
    pdf = class_teacher.client.get("/school/attendance/report/", {**query, "format": "pdf"})
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF") or "PDF недоступно" in pdf.content.decode()


def test_teacher_report_covers_only_own_classes(class_teacher, eighth, week_of_7b) -> None:
    assert class_teacher.client.get("/school/attendance/report/", {**REPORT, "class": eighth.pk}).status_code == 200
    page = class_teacher.client.get("/school/attendance/report/", {**REPORT, "class": eighth.pk}).content.decode()
    assert "8А" not in page.split("</form>")[-1]
    assert AttendanceMark.objects.count() == 5
