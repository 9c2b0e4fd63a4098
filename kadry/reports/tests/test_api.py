"""The databank through the API: hand-computed November 2026 (see conftest), bad input, access, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kadry.api.tests.conftest import Api
from kadry.core.models import Membership, Organisation
from kadry.core.services import create_api_token
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffingUnitFactory,
)

pytestmark = pytest.mark.django_db


def api_for(persona: Any) -> Api:
    _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
    return Api(secret)


def test_average_headcount_of_a_month_with_a_mid_month_hire_a_childcare_leave_and_a_part_timer(
    hr_inspector: Any, november: dict
) -> None:
    response = api_for(hr_inspector).get("/reports/average-headcount", year=2026, month=11)

    assert response.status_code == 200
    body = response.json()
    # Person-days of November (30 days; Sunday 1st takes Friday 30 October, days off the working day before):
    # Алексеева 30; Борисов from Monday 16th: 15; Васильева from Saturday 14th — the 14th and 15th take Friday
    # 13th's headcount without her: 15; Григорьева dismissed Friday 20th, the weekend after counts: 22;
    # Денисова on childcare leave from the 11th: 10; Жукова, main and internal part-time, once: 30.
    # Егорова, an external part-timer, apart. 122 ÷ 30 = 4.0666… → 4.07, whole 4.
    assert body["average"] == "4.07"
    assert body["average_whole"] == 4
    assert body["external_part_timers_average"] == "1.00"
    assert body["months"] == [{"year": 2026, "month": 11, "days": 30, "person_days": 122, "average": "4.07"}]


def test_quarter_and_year_divide_the_months_by_3_and_12(hr_inspector: Any, november: dict) -> None:
    api = api_for(hr_inspector)

    quarter = api.get("/reports/average-headcount", year=2026, quarter=4).json()
    year = api.get("/reports/average-headcount", year=2026).json()

    # October: Алексеева, Григорьева, Денисова, Жукова all 31 days = 4. November 122/30. December: Алексеева,
    # Борисов, Васильева, Жукова = 4 (Денисова on leave). Q4 = (4 + 4.0667 + 4) ÷ 3 = 4.0222 → 4.02.
    assert quarter["average"] == "4.02" and quarter["average_whole"] == 4
    # January–October 4 each: (40 + 4.0667 + 4) ÷ 12 = 4.0056 → 4.01.
    assert year["average"] == "4.01" and year["average_whole"] == 4
    assert len(year["months"]) == 12


def test_headcount_on_a_date_keeps_the_childcare_leave_in_the_list(hr_inspector: Any, november: dict) -> None:
    response = api_for(hr_inspector).get("/reports/headcount", on="2026-11-25")

    assert response.json() == {
        "on": "2026-11-25",
        "headcount": 5,  # Алексеева, Борисов, Васильева, Денисова (on leave), Жукова
        "external_part_timers": 1,
        "by_category": {"pedagogical": 5},
        "by_organisation": {},
    }


def test_movement_counts_hires_dismissals_by_ground_and_the_rates(hr_inspector: Any, november: dict) -> None:
    response = api_for(hr_inspector).get("/reports/movement", **{"from": "2026-11-01", "to": "2026-11-30"})

    body = response.json()
    assert response.status_code == 200
    assert (body["from"], body["to"], body["average"]) == ("2026-11-01", "2026-11-30", "4.07")
    assert (body["hired"], body["dismissed"]) == (2, 1)
    assert body["dismissed_by_ground"]["own_will"] == 1
    assert sum(body["dismissed_by_ground"].values()) == 1
    # ÷ 122/30: hiring 2 × 100 × 30 ÷ 122 = 49.18; separation and turnover (own will) 3000 ÷ 122 = 24.59;
    # stability: Алексеева, Денисова, Жукова on the list the whole month, 9000 ÷ 122 = 73.77.
    assert body["hiring_rate"] == "49.18"
    assert body["separation_rate"] == "24.59"
    assert body["turnover_rate"] == "24.59"
    assert body["stability_rate"] == "73.77"


def test_composition_counts_the_list_on_a_date_and_the_vacant_rates(hr_inspector: Any, november: dict) -> None:
    body = api_for(hr_inspector).get("/reports/composition", on="2026-11-25").json()

    assert body["headcount"] == 5
    breakdowns = {b["key"]: b["rows"] for b in body["breakdowns"]}
    assert breakdowns["sex"] == {"мужской": 1, "женский": 4}
    # Pedagogical service: Алексеева, Денисова, Жукова from 01.09.2020 (6 years); the two new ones under 3.
    assert breakdowns["pedagogical_service"]["от 5 до 10 лет"] == 3
    assert breakdowns["pedagogical_service"]["до 3 лет"] == 2
    # Teachers: 10 rates, 5 occupied; the cloakroom: 3 rates, Жукова's 0.5 and the external 0.5.
    assert {v["department"]: v["vacant"] for v in body["vacancies"]} == {
        "Начальная школа": "5.00",
        "Хозяйственная часть": "2.00",
    }


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/reports/headcount", {"on": "2026-13-01"}, "on"),
        ("/reports/average-headcount", {"month": "1"}, "year"),
        ("/reports/average-headcount", {"year": "2026", "month": "13"}, "month"),
        ("/reports/average-headcount", {"year": "2026", "month": "1", "quarter": "1"}, "quarter"),
        ("/reports/average-headcount", {"year": "1990"}, "year"),
        ("/reports/movement", {"from": "2026-11-30", "to": "2026-11-01"}, "to"),
        ("/reports/movement", {"to": "2026-11-01"}, "from"),
        ("/reports/composition", {"on": "вчера"}, "on"),
        ("/reports/composition", {"on": "9999-12-31"}, "on"),
    ],
)
def test_bad_input_answers_422_on_the_field(hr_inspector: Any, path: str, query: dict, field: str) -> None:
    response = api_for(hr_inspector).get(path, **query)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == [field]


def test_a_role_without_personal_data_gets_404(personas: dict) -> None:
    response = api_for(personas["deputy_director"]).get("/reports/headcount", on="2026-11-25")

    assert response.status_code == 404


def test_figures_of_another_school_are_not_counted(outsider: Any, november: dict) -> None:
    assert api_for(outsider).get("/reports/headcount", on="2026-11-25").json()["headcount"] == 0


def _grow(school: Any, count: int) -> None:
    unit = StaffingUnitFactory(organisation=school, rates=count)
    for _ in range(count):
        AssignmentFactory(employee=EmployeeFactory(organisation=school), staffing_unit=unit)


@pytest.mark.parametrize("path", ["/reports/headcount", "/reports/composition", "/reports/movement"])
def test_the_cost_in_queries_does_not_grow_with_the_staff(
    hr_inspector: Any, november: dict, school: Any, path: str
) -> None:
    api = api_for(hr_inspector)
    query = {"from": "2026-01-01", "to": "2026-11-30"} if path.endswith("movement") else {"on": "2026-11-25"}

    api.get(path, **query)  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as small:
        assert api.get(path, **query).status_code == 200
    _grow(school, 40)
    with CaptureQueriesContext(connection) as large:
        assert api.get(path, **query).status_code == 200

    assert len(large) == len(small) <= 14


@pytest.fixture
def service(school: Any) -> Any:
    """A centralised HR service keeping the records of ``school`` and of a second school of one teacher."""
    hr_service = OrganisationFactory(short_name="ЦКС", kind=Organisation.Kind.HR_SERVICE)
    second = OrganisationFactory(short_name="Школа № 3", serviced_by=hr_service)
    Organisation.objects.filter(pk=school.pk).update(serviced_by=hr_service)
    AssignmentFactory(employee=EmployeeFactory(organisation=second), staffing_unit__rates=1, start=dt.date(2021, 9, 1))
    return {"service": hr_service, "second": second}


def test_a_centralised_service_sums_its_schools_or_chooses_one(service: dict, school: Any, november: dict) -> None:
    membership = MembershipFactory(organisation=service["service"], role=Membership.Role.HR_INSPECTOR)
    _token, secret = create_api_token(actor=membership.user, membership=membership, name="тесты")
    api = Api(secret)

    summed = api.get("/reports/headcount", on="2026-11-25").json()
    one = api.get("/reports/headcount", on="2026-11-25", organisation=school.pk).json()
    refused = api.get("/reports/headcount", on="2026-11-25", organisation=service["service"].pk)
    average = api.get("/reports/average-headcount", year=2026, month=11, organisation=service["second"].pk).json()

    assert (summed["headcount"], one["headcount"]) == (6, 5)  # the second school's teacher
    assert summed["by_organisation"] == {str(school.pk): 5, str(service["second"].pk): 1}
    both = api.get("/reports/average-headcount", year=2026, month=11).json()
    assert both["average"] == "5.07"  # 122/30 + 1
    assert both["by_organisation"] == {str(school.pk): "4.07", str(service["second"].pk): "1.00"}
    assert average["average"] == "1.00"
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["organisation"]


def test_a_school_user_cannot_ask_for_another_school(hr_inspector: Any, service: dict) -> None:
    response = api_for(hr_inspector).get("/reports/headcount", organisation=service["second"].pk)

    assert response.status_code == 422 and list(response.json()["errors"]) == ["organisation"]
