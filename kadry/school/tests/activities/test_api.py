"""The activities API: the list with the rating (access-logged), adding one, refusals as 422 by field."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kadry.core.models import AccessLogEntry
from kadry.school.models import Activity

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@time_machine.travel(NOW, tick=False)
def test_class_teacher_adds_a_result_and_reads_the_rating(world, class_teacher, api_as) -> None:
    api = api_as(class_teacher)
    path = f"/school/classes/{world.seventh.pk}/activities"
    body = {"student": world.students[0].pk, "kind": "competition", "name": "ВсОШ", "start": "2026-11-10",
            "level": "regional", "placement": "winner"}  # fmt: skip
    created = api.post(path, body)
    assert created.status_code == 201, created.json()
    assert created.json()["points"] == 9  # regional 3 × winner 3
    api.post(path, {"student": world.students[1].pk, "kind": "club", "name": "Шахматы", "start": "2026-09-07"})
    got = api.get(path).json()
    # 9 points ÷ 25 = 0.36 → 0.4; 1 of 25 in a club = 4.0 %.
    assert (got["rating"], got["rating_per_student"], got["in_clubs"], got["club_employment"]) == (9, "0.4", 1, "4.0")
    assert len(got["activities"]) == 2
    assert AccessLogEntry.objects.filter(actor=class_teacher.user, channel="api").count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_competition_without_result_answers_422_on_its_field(world, class_teacher, api_as) -> None:
    response = api_as(class_teacher).post(
        f"/school/classes/{world.seventh.pk}/activities",
        {"student": world.students[0].pk, "kind": "competition", "name": "ВсОШ", "start": "2026-11-10",
         "level": "school"},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["code"] == "invalid" and "placement" in response.json()["errors"]
    assert not Activity.objects.exists()
