"""The movement page from the enrolments: counts, the XLSX, the access log and bounded queries."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry
from kadry.school.models import Enrollment
from kadry.school.queries.movement import school_movement
from kadry.school.services import classes as services
from kadry.testing.school import EnrollmentFactory

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


def _move(world, director, count: int, *, first: int = 0) -> None:
    """Move ``count`` students of 7Б: transfer to 8А, withdraw to another school, and one arrival each."""
    for i in range(first, first + count):
        services.transfer_student(
            actor=director.user, student=world.students[2 * i], to_class=world.eighth, on=D(2026, 11, 9), basis="Приказ"
        )
        services.withdraw_student(
            actor=director.user, student=world.students[2 * i + 1], last_day=D(2026, 11, 10),
            reason=Enrollment.EndReason.OTHER_SCHOOL, destination="МБОУ СОШ № 5", basis="Приказ",
        )  # fmt: skip
        EnrollmentFactory(school_class=world.seventh, start=D(2026, 11, 11), basis="Приказ о зачислении")


@time_machine.travel(NOW, tick=False)
def test_movement_counts_transfers_departures_and_arrivals(world, director) -> None:
    _move(world, director, 2)
    got = school_movement(world.seventh.organisation_id, D(2026, 11, 5), D(2026, 11, 16))
    # 25 + 3 on the roll; 2 moved to 8А, 2 left, 2 arrived: 28 + 2 − 2 = 28 at the end.
    assert (got.at_start, len(got.arrived), len(got.left), len(got.moved), got.at_end) == (28, 2, 2, 2, 28)
    assert {s.destination for s in got.left} == {"МБОУ СОШ № 5"}
    assert {(m.from_class, m.to_class) for m in got.moved} == {("7Б", "8А")}


@time_machine.travel(NOW, tick=False)
def test_the_page_and_its_xlsx_are_logged_and_bounded(world, director, django_assert_max_num_queries) -> None:
    page = reverse("school:movement") + "?start=05.11.2026&end=16.11.2026"
    _move(world, director, 1)
    with django_assert_max_num_queries(15) as few:
        response = director.client.get(page)
    assert response.status_code == 200
    assert "МБОУ СОШ № 5" in response.content.decode()
    _move(world, director, 3, first=1)  # nine students' rows more on the page: the count stays
    with django_assert_max_num_queries(len(few)):
        assert director.client.get(page).status_code == 200
    assert AccessLogEntry.objects.filter(actor=director.user, what__startswith="Движение обучающихся").count() == 2

    xlsx = director.client.get(reverse("school:movement_xlsx") + "?start=05.11.2026&end=16.11.2026")
    assert xlsx.status_code == 200
    values = [c for row in load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True) for c in row if c]
    assert "Выбыли" in values and "МБОУ СОШ № 5" in values


@time_machine.travel(NOW, tick=False)
def test_an_end_before_the_start_is_refused(world, director) -> None:
    response = director.client.get(reverse("school:movement") + "?start=16.11.2026&end=05.11.2026")
    assert response.status_code == 400
    assert "Конец периода раньше начала." in response.content.decode()
