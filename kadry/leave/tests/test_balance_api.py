"""Balances through the API, hand-computed: leave granted and cancelled by signed orders.

Each case is worked out in the comments; the orders go through the orders API like any other kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.services import create_api_token
from kadry.leave.models import LedgerEntry
from kadry.orders.models import Order, OrderItem
from kadry.staff.models import Position
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory

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
def director_api(director: Any, api_as: Callable[[Any], Api]) -> Api:
    return api_as(director)


def _worker(school: Any, position: str, hired: dt.date, **names: Any) -> Any:
    person = EmployeeFactory(organisation=school, **names)
    category = Position.Category.PEDAGOGICAL if position.startswith("Учитель") else Position.Category.ADMINISTRATIVE
    unit = StaffingUnitFactory(
        organisation=school, position=PositionFactory(organisation=school, name=position, category=category)
    )
    AssignmentFactory(employee=person, staffing_unit=unit, start=hired)
    return person


@pytest.fixture
def teacher(school: Any) -> Any:
    return _worker(school, "Учитель математики", D(2025, 9, 1), last_name="Смирнова")


@pytest.fixture
def inspector(school: Any) -> Any:
    return _worker(school, "Специалист по кадрам", D(2025, 9, 1), last_name="Козлова")


def _sign(inspector_api: Api, director_api: Api, kind: str, date: str, *items: dict[str, Any]) -> dict[str, Any]:
    response = inspector_api.post("/orders", {"kind": kind, "date": date, "items": list(items)})
    assert response.status_code == 201, response.json()
    signed = _submit_and_sign(inspector_api, director_api, response.json()["id"])
    assert signed.status_code == 200, signed.json()
    return signed.json()


def _submit_and_sign(inspector_api: Api, director_api: Api, order_id: int) -> Any:
    """Send the draft «на подпись» as the inspector does, then sign it as the director."""
    submitted = inspector_api.post(f"/orders/{order_id}/submit")
    assert submitted.status_code == 200, submitted.json()
    return director_api.post(f"/orders/{order_id}/sign")


def _balance(api: Api, employee: Any, on: str) -> dict[str, Any]:
    response = api.get(f"/employees/{employee.pk}/leave-balance", on=on)
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_teacher_earns_56_days_a_year(inspector_api: Api, teacher: Any) -> None:
    # 01.09.2025–15.03.2026: 6 months 15 days → 7 months (п. 35); 56 × 7 / 12 = 32.67.
    assert _balance(inspector_api, teacher, "2026-03-15") == {
        "on": "2026-03-15",
        "entitlement_days": "56.00",
        "accrued": "32.67",
        "used": "0.00",
        "balance": "32.67",
        "working_year": {"start": "2025-09-01", "end": "2026-08-31"},
    }


def test_an_inspector_earns_28_days_a_year(inspector_api: Api, inspector: Any) -> None:
    # 01.09.2025–14.03.2026: 6 months 14 days → 6 months; 28 × 6 / 12 = 14.
    body = _balance(inspector_api, inspector, "2026-03-14")
    assert (body["entitlement_days"], body["accrued"], body["balance"]) == ("28.00", "14.00", "14.00")


def test_a_holiday_inside_a_leave_extends_it(inspector_api: Api, director_api: Api, inspector: Any) -> None:
    # 14 days from 27.04.2026: 1 and 9 May are not counted, the moved day off 11 May is → to 12.05.
    order = _sign(
        inspector_api, director_api, "leave", "2026-04-20",
        {"employee": inspector.pk, "date": "2026-04-27", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    assert order["items"][0]["end_date"] == "2026-05-12"
    assert "01.05, 09.05" in order["text"][0]
    # 01.09.2025–13.05.2026: 8 months 13 days → 8 months; 28 × 8 / 12 = 18.67; used 14.
    body = _balance(inspector_api, inspector, "2026-05-13")
    assert (body["accrued"], body["used"], body["balance"]) == ("18.67", "14.00", "4.67")


def test_a_moved_day_off_inside_a_leave_is_counted(inspector_api: Api, director_api: Api, teacher: Any) -> None:
    # 7 days from 05.01.2026 would end on 11.01 if only holidays… 5–8 January are holidays: the leave
    # runs 09.01 (a moved day off, counted) to 15.01.
    order = _sign(
        inspector_api, director_api, "leave", "2025-12-20",
        {"employee": teacher.pk, "date": "2026-01-05", "leave_kind": "annual", "leave_days": 7},
    )  # fmt: skip
    assert order["items"][0]["end_date"] == "2026-01-15"


def test_unpaid_leave_beyond_14_days_shifts_the_working_year(
    school: Any, inspector_api: Api, director_api: Api
) -> None:
    worker = _worker(school, "Бухгалтер", D(2025, 1, 10), last_name="Орлова")
    _sign(
        inspector_api, director_api, "leave", "2025-05-25",
        {"employee": worker.pk, "date": "2025-06-01", "leave_kind": "unpaid", "leave_days": 30},
    )  # fmt: skip
    # 30 days unpaid, 16 beyond the 14 counted: the year 10.01.2025–09.01.2026 ends on 25.01.2026;
    # from 26.01.2025 (shifted by 16) to 25.01.2026 is 12 months: 28 days, none used.
    body = _balance(inspector_api, worker, "2026-01-25")
    assert body["working_year"] == {"start": "2025-01-10", "end": "2026-01-25"}
    assert (body["accrued"], body["used"]) == ("28.00", "0.00")


def test_cancelling_the_leave_order_gives_the_days_back(inspector_api: Api, director_api: Api, inspector: Any) -> None:
    order = _sign(
        inspector_api, director_api, "leave", "2026-04-20",
        {"employee": inspector.pk, "date": "2026-04-27", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    response = inspector_api.post("/orders", {"kind": "cancellation", "date": "2026-04-21", "cancels": order["id"]})
    assert _submit_and_sign(inspector_api, director_api, response.json()["id"]).status_code == 200
    assert _balance(inspector_api, inspector, "2026-05-13")["used"] == "0.00"
    assert LedgerEntry.objects.filter(employee=inspector, kind=LedgerEntry.Kind.CANCELLED).count() == 1
    assert Order.objects.get(pk=order["id"]).status == Order.Status.CANCELLED


def test_recall_returns_the_unused_days(inspector_api: Api, director_api: Api, inspector: Any) -> None:
    _sign(
        inspector_api, director_api, "leave", "2026-06-20",
        {"employee": inspector.pk, "date": "2026-07-01", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    # Back to work on 11.07: 01–10.07 used (10 days), 4 return.
    _sign(
        inspector_api, director_api, "leave_recall", "2026-07-09",
        {"employee": inspector.pk, "date": "2026-07-11", "basis": "согласие работника от 09.07.2026"},
    )  # fmt: skip
    assert _balance(inspector_api, inspector, "2026-07-15")["used"] == "10.00"


def test_dismissal_compensates_the_unused_days(inspector_api: Api, director_api: Api, inspector: Any) -> None:
    _sign(
        inspector_api, director_api, "leave", "2025-12-20",
        {"employee": inspector.pk, "date": "2026-02-02", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    # Dismissed on 15.03.2026: 7 months (п. 35) → 16.33 accrued, 14 used: 2.33 days compensated.
    _sign(
        inspector_api, director_api, "dismissal", "2026-03-15",
        {"employee": inspector.pk, "date": "2026-03-15", "dismissal_ground": "77-1-3", "basis": "заявление",
         "statement_date": "2026-02-27"},  # two weeks before (ТК РФ ст. 80)
    )  # fmt: skip
    entry = LedgerEntry.objects.get(employee=inspector, kind=LedgerEntry.Kind.COMPENSATED)
    assert str(entry.charged) == "2.33"
    assert _balance(inspector_api, inspector, "2026-03-15")["balance"] == "0.00"


def test_an_unknown_leave_kind_is_a_field_error(inspector_api: Api, inspector: Any) -> None:
    response = inspector_api.post(
        "/orders",
        {
            "kind": "leave",
            "date": "2026-04-20",
            "items": [{"employee": inspector.pk, "leave_kind": "holiday", "leave_days": 5}],
        },
    )
    assert response.status_code == 422
    assert "items.0.leave_kind" in response.json()["errors"]
    assert not OrderItem.objects.exists()


def test_another_school_sees_no_balance(outsider: Any, api_as: Callable[[Any], Api], teacher: Any) -> None:
    assert api_as(outsider).get(f"/employees/{teacher.pk}/leave-balance").status_code == 404


def test_calendar_api_gives_2026(inspector_api: Api) -> None:
    body = inspector_api.get("/calendar/2026").json()
    assert body["working_days"] == 247
    assert body["hours"] == {"40": "1972", "36": "1774.4", "24": "1181.6"}
    assert "2026-05-11" in body["moved_days_off"] and "2026-05-11" not in body["holidays"]
    assert body["months"][3]["hours"]["40"] == "175"


def test_leave_end_api(inspector_api: Api) -> None:
    body = inspector_api.get("/calendar/leave-end", start="2026-04-27", days=14).json()
    assert body == {
        "start": "2026-04-27",
        "days": 14,
        "end": "2026-05-12",
        "holidays_inside": ["2026-05-01", "2026-05-09"],
    }


def test_the_card_section_viii_shows_the_signed_leave_and_drops_it_when_cancelled(
    hr_inspector: Any, inspector_api: Api, director_api: Api, inspector: Any, django_assert_max_num_queries: Any
) -> None:
    from django.urls import reverse

    order = _sign(
        inspector_api, director_api, "leave", "2026-04-20",
        {"employee": inspector.pk, "date": "2026-04-27", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    url = reverse("employee_card_tab", args=[inspector.pk, "leave"])
    with django_assert_max_num_queries(12):
        body = hr_inspector.client.get(url).content.decode()
    assert "ежегодный основной оплачиваемый" in body and "12.05.2026" in body
    t2 = hr_inspector.client.get(reverse("documents:personal_card", args=[inspector.pk, "docx"]))
    from kadry.documents.tests.helpers import docx_text, response_bytes

    assert "12.05.2026" in docx_text(response_bytes(t2))
    response = inspector_api.post("/orders", {"kind": "cancellation", "date": "2026-04-21", "cancels": order["id"]})
    _submit_and_sign(inspector_api, director_api, response.json()["id"])
    assert "12.05.2026" not in hr_inspector.client.get(url).content.decode()


def test_leave_orders_are_numbered_in_their_own_journal(inspector_api: Api, director_api: Api, inspector: Any) -> None:
    order = _sign(
        inspector_api, director_api, "leave", "2026-04-20",
        {"employee": inspector.pk, "date": "2026-04-27", "leave_kind": "annual", "leave_days": 14},
    )  # fmt: skip
    assert order["display_number"] == "1-о"
