"""The API: the register and a case (logged), a measure's result (422 keyed by field, in Russian), and 404s."""

from __future__ import annotations

import datetime as dt

import pytest

from kadry.core.models import AccessLogEntry, Membership
from kadry.testing.prevention import MeasureFactory

pytestmark = pytest.mark.django_db
R = Membership.Role
D = dt.date


def test_the_list_answers_the_callers_cases_and_logs(world, social, class_teacher, api_as) -> None:
    answer = api_as(social).get("/school/prevention/cases")
    assert answer.status_code == 200
    assert {row["id"] for row in answer.json()} == {world.case.pk, world.other_case.pk}
    row = next(r for r in answer.json() if r["id"] == world.case.pk)
    assert row["kind"] == "internal" and row["next_review"] == "2026-12-15" and row["school_class"] == world.seventh.pk
    assert AccessLogEntry.objects.filter(actor=social.user, channel="api").count() == 1
    mine = api_as(class_teacher).get("/school/prevention/cases").json()
    assert [r["id"] for r in mine] == [world.case.pk]
    narrowed = api_as(social).get(f"/school/prevention/cases?class_id={world.eighth.pk}").json()
    assert [r["id"] for r in narrowed] == [world.other_case.pk]


def test_a_bad_filter_answers_422_on_its_name(world, social, api_as) -> None:
    answer = api_as(social).get("/school/prevention/cases?kind=police&status=maybe")
    assert answer.status_code == 422
    assert set(answer.json()["errors"]) == {"kind", "status"}


def test_a_case_answers_its_plan_and_logs(world, social, api_as) -> None:
    MeasureFactory(case=world.case, due_on=D(2026, 11, 1), created_by=social.user)
    answer = api_as(social).get(f"/school/prevention/cases/{world.case.pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["overdue_measures"] == 1 and body["measures"][0]["overdue"] is True
    assert body["decisions"][0]["kind"] == "open" and body["decisions"][0]["sitting_number"] == "1"
    entry = AccessLogEntry.objects.get(actor=social.user)
    assert entry.channel == "api" and entry.subject_id == world.pupil.pk


def test_roles_that_do_not_read_individual_work_get_404(world, personas, api_as) -> None:
    for role in (R.TEACHER, R.HR_INSPECTOR, R.ADMINISTRATOR):
        assert api_as(personas[role]).get(f"/school/prevention/cases/{world.case.pk}").status_code == 404, role
        assert api_as(personas[role]).get("/school/prevention/cases").status_code == 404, role


def test_recording_a_result(world, social, director, api_as) -> None:
    measure = MeasureFactory(case=world.case, created_by=social.user)
    path = f"/school/prevention/cases/{world.case.pk}/measures/{measure.pk}/result"
    answer = api_as(social).post(path, {"result": "Беседа проведена", "result_on": "2026-12-03"})
    assert answer.status_code == 200, answer.json()
    assert answer.json()["result_on"] == "2026-12-03"
    measure.refresh_from_db()
    assert measure.result == "Беседа проведена"
    # The director reads cases, keeps no records: 404, nothing written.
    assert api_as(director).post(path, {"result": "x", "result_on": "2026-12-03"}).status_code == 404


def test_a_bad_result_answers_422_on_its_field_and_writes_nothing(world, social, api_as) -> None:
    measure = MeasureFactory(case=world.case, created_by=social.user)
    path = f"/school/prevention/cases/{world.case.pk}/measures/{measure.pk}/result"
    answer = api_as(social).post(path, {"result": "Проведена", "result_on": "2026-12-31"})
    assert answer.status_code == 422
    assert "позже сегодняшнего" in answer.json()["errors"]["result_on"][0]
    answer = api_as(social).post(path, {"result": "", "result_on": "2026-12-01"})
    assert answer.status_code == 422 and "result" in answer.json()["errors"]
    measure.refresh_from_db()
    assert measure.result_on is None
    other = MeasureFactory(case=world.other_case, created_by=social.user)
    wrong = f"/school/prevention/cases/{world.case.pk}/measures/{other.pk}/result"
    assert api_as(social).post(wrong, {"result": "x", "result_on": "2026-12-01"}).status_code == 404
