"""The absences API: recording with field errors, and an employee's absences with their effects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kadry.absences.models import Absence
from kadry.api.tests.conftest import Api
from kadry.core.models import AccessLogEntry
from kadry.core.services import create_api_token
from kadry.leave.models import LedgerEntry
from kadry.leave.services import grant_leave
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PriorJobFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def api_as() -> Callable[[Any], Api]:
    def make(persona: Any) -> Api:
        _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
        return Api(secret)

    return make


@pytest.fixture
def inspector_api(hr_inspector: Any, api_as: Callable[[Any], Api]) -> Api:
    return api_as(hr_inspector)


@pytest.fixture
def worker(school: Any) -> Any:
    person = EmployeeFactory(organisation=school)
    AssignmentFactory(employee=person, start=D(2020, 9, 1), end=D(2026, 6, 30))
    return person


def _sick(worker: Any, **extra: Any) -> dict[str, Any]:
    return {"kind": "sick", "employee": worker.pk, "start": "2026-03-02", "end": "2026-03-06",
            "number": "910123456789", "sick_reason": "own_illness", **extra}  # fmt: skip


def test_recording_a_sick_leave_answers_its_code_and_sick_pay(inspector_api: Api, worker: Any) -> None:
    # 01.09.2012–31.08.2020 before, 01.09.2020–01.03.2026 here: 13 years 6 months → 100 %.
    PriorJobFactory(employee=worker, start=D(2012, 9, 1), end=D(2020, 8, 31))
    response = inspector_api.post("/absences", _sick(worker))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["timesheet_code"] == "Б/19" and body["calendar_days"] == 5
    assert body["sick_pay"]["percent"] == 100 and body["sick_pay"]["source"] == "255-ФЗ ст. 7 ч. 1"
    assert body["effect"]["working_year"] == "yes" and body["effect"]["suspends_discipline_month"] is True


def test_an_end_before_the_start_is_422_on_the_end(inspector_api: Api, worker: Any) -> None:
    response = inspector_api.post("/absences", _sick(worker, end="2026-03-01"))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid" and set(response.json()["errors"]) == {"end"}


def test_an_overlap_is_422_on_the_start(inspector_api: Api, worker: Any) -> None:
    assert inspector_api.post("/absences", _sick(worker)).status_code == 201
    trip = {
        "kind": "business_trip",
        "employee": worker.pk,
        "start": "2026-03-06",
        "end": "2026-03-08",
        "destination": "Тверь",
    }
    response = inspector_api.post("/absences", trip)
    assert response.status_code == 422 and "Пересекается" in response.json()["errors"]["start"][0]
    assert Absence.objects.count() == 1


def test_a_sick_leave_after_the_dismissal_is_422(inspector_api: Api, worker: Any) -> None:
    response = inspector_api.post("/absences", _sick(worker, start="2026-06-29", end="2026-07-03"))
    assert response.status_code == 422 and "уволен 30.06.2026" in response.json()["errors"]["end"][0]


def test_a_bad_number_is_422_on_the_number(inspector_api: Api, worker: Any) -> None:
    response = inspector_api.post("/absences", _sick(worker, number="12345"))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"number"}


def test_an_employee_of_another_school_is_422_on_the_employee(inspector_api: Api, other_school: Any) -> None:
    stranger = EmployeeFactory(organisation=other_school)
    response = inspector_api.post(
        "/absences", {"kind": "unexcused", "employee": stranger.pk, "start": "2026-03-02", "end": "2026-03-02"}
    )
    assert response.status_code == 422 and set(response.json()["errors"]) == {"employee"}


def test_a_continuation_by_id(inspector_api: Api, worker: Any) -> None:
    first = inspector_api.post("/absences", _sick(worker)).json()
    response = inspector_api.post(
        "/absences", _sick(worker, start="2026-03-07", end="2026-03-12", number="910123456790", continues=first["id"])
    )
    assert response.status_code == 201 and response.json()["continues"] == first["id"]


def test_the_director_may_read_but_not_record(director: Any, api_as: Callable[[Any], Api], worker: Any) -> None:
    client = api_as(director)
    assert client.post("/absences", _sick(worker)).status_code == 404
    assert client.get(f"/employees/{worker.pk}/absences").status_code == 200


def test_an_employees_absences_are_listed_newest_first_and_logged(
    inspector_api: Api, hr_inspector: Any, worker: Any, django_assert_max_num_queries
) -> None:
    inspector_api.post("/absences", _sick(worker))
    inspector_api.post(
        "/absences",
        {"kind": "lateness", "employee": worker.pk, "start": "2026-04-01", "end": "2026-04-01", "minutes_late": 10},
    )
    inspector_api.post("/absences", _sick(worker, start="2026-05-04", end="2026-05-08", number="910123456791"))
    before = AccessLogEntry.objects.count()
    # token; employee; absences; periods of work; the log insert and its chain head
    with django_assert_max_num_queries(8):
        response = inspector_api.get(f"/employees/{worker.pk}/absences")
    assert response.status_code == 200
    assert [row["timesheet_code"] for row in response.json()] == ["Б/19", "Я/01", "Б/19"]
    assert AccessLogEntry.objects.count() == before + 1
    assert len(inspector_api.get(f"/employees/{worker.pk}/absences", start="2026-04-01", end="2026-04-30").json()) == 1


def test_another_school_sees_no_absences(outsider: Any, api_as: Callable[[Any], Api], worker: Any) -> None:
    assert api_as(outsider).get(f"/employees/{worker.pk}/absences").status_code == 404


def test_an_illness_inside_an_annual_leave_is_answered_as_a_warning(
    inspector_api: Api, hr_inspector: Any, worker: Any
) -> None:
    draft = orders.create_draft(
        actor=hr_inspector.user, organisation_id=worker.organisation_id, kind=Order.Kind.AWARD, date=D(2026, 3, 1)
    )
    item = orders.save_item(
        actor=hr_inspector.user, order=draft, data={"employee": worker, "date": D(2026, 3, 1), "award": "Грамота"}
    )
    grant_leave(actor=hr_inspector.user, employee=worker, order_item=item, leave_kind="annual", start=D(2026, 2, 23),
                days=14, document="Приказ")  # fmt: skip  # 23.02–08.03, 23.02 and 08.03 holidays extend it to 10.03
    body = inspector_api.post("/absences", _sick(worker)).json()
    assert len(body["warnings"]) == 1 and "на 5 дн." in body["warnings"][0]
    [listed] = inspector_api.get(f"/employees/{worker.pk}/absences").json()
    assert listed["warnings"] == body["warnings"]
    assert LedgerEntry.objects.get().end == D(2026, 3, 10)
