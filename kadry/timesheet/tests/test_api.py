"""GET /api/v1/timesheets/{department_id}/{year}-{month}: each employee's days and totals, hand-computed."""

from __future__ import annotations

from typing import Any

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.models import AccessLogEntry
from kadry.core.services import create_api_token

pytestmark = pytest.mark.django_db


def _api(persona: Any) -> Api:
    _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
    return Api(secret)


def test_the_month_of_a_department_with_codes_hours_and_totals(hr_inspector, office, november) -> None:
    response = _api(hr_inspector).get(f"/timesheets/{office.pk}/2026-11")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["number"], body["status"]) == (0, "open")
    assert body["norm"] == {"working_days": 20, "shortened_days": 1, "hours": {"40": "159", "36": "143", "24": "95"}}
    rows = {row["name"]: row for row in body["rows"]}
    secretary = rows["Козлова Мария Петровна"]
    assert secretary["week_hours"] == 40 and len(secretary["days"]) == 30
    assert secretary["days"][2] == {"date": "2026-11-03", "code": "Я", "number": "01", "hours": "7", "corrected": False}
    assert secretary["days"][9]["code"] == "Б" and secretary["days"][9]["hours"] is None
    assert secretary["totals"] == {
        "days_worked": 14, "hours_worked": "111", "first_half_days": 6, "first_half_hours": "47",
        "second_half_days": 8, "second_half_hours": "64", "norm_hours": "159", "absences": {"К": 3, "Б": 3},
    }  # fmt: skip
    teacher = rows["Смирнова Мария Петровна"]
    assert teacher["totals"]["hours_worked"] == "115.2" and teacher["totals"]["absences"] == {"ОТ": 5}
    assert rows["Орлова Мария Петровна"]["employment_kind"] == "внешнее совместительство"
    log = AccessLogEntry.objects.get()
    assert log.channel == "api" and log.what == "Табель учёта рабочего времени"


def test_other_schools_and_roles_without_personal_data_get_404_and_bad_months_422(
    hr_inspector, outsider, personas, office
) -> None:
    assert _api(outsider).get(f"/timesheets/{office.pk}/2026-11").status_code == 404
    assert _api(personas["deputy_director"]).get(f"/timesheets/{office.pk}/2026-11").status_code == 404
    bad = _api(hr_inspector).get(f"/timesheets/{office.pk}/2026-13")
    assert bad.status_code == 422 and "month" in bad.json()["errors"]
