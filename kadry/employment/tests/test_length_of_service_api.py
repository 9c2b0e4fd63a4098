"""Length of service through the API: hand-computed from prior jobs and assignments, access, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from kadry.api.tests.conftest import Api
from kadry.core.models import AccessLogEntry, Organisation
from kadry.core.services import create_api_token
from kadry.staff.models import Employee
from kadry.testing.access_log import only_denials_by
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PriorJobFactory,
    StaffingUnitFactory,
)

pytestmark = pytest.mark.django_db

ON = "2024-03-15"


def api_for(persona: Any) -> Api:
    _token, secret = create_api_token(actor=persona.user, membership=persona.membership, name="тесты")
    return Api(secret)


def make_teacher(school: Organisation, **names: Any) -> Employee:
    """Return a teacher of ``school`` with three prior jobs (entered out of order, overlapping) and two assignments.

    Prior jobs: МБОУ СОШ № 5, 01.09.2012–31.08.2016, pedagogical (entered first, though later);
                ООО «Ромашка», 01.03.2010–30.09.2012, not pedagogical (overlaps the school by a month);
                ЦДТ, 01.01.2015–31.05.2015, pedagogical (inside the school job).
    Here:       secretary (not pedagogical), 01.09.2017–31.08.2018; teacher, from 01.09.2018, ongoing.
    """
    employee = EmployeeFactory(organisation=school, **names)
    PriorJobFactory(
        employee=employee, employer="МБОУ СОШ № 5", position="учитель", start=dt.date(2012, 9, 1),
        end=dt.date(2016, 8, 31), pedagogical=True,
    )  # fmt: skip
    PriorJobFactory(
        employee=employee, employer="ООО «Ромашка»", position="бухгалтер", start=dt.date(2010, 3, 1),
        end=dt.date(2012, 9, 30), pedagogical=False,
    )  # fmt: skip
    PriorJobFactory(
        employee=employee, employer="ЦДТ", position="педагог дополнительного образования",
        start=dt.date(2015, 1, 1), end=dt.date(2015, 5, 31), pedagogical=True,
    )  # fmt: skip
    secretary = StaffingUnitFactory(
        organisation=school, position__name="Секретарь", position__pedagogical_service=False
    )
    teacher = StaffingUnitFactory(organisation=school, position__name="Учитель", position__pedagogical_service=True)
    AssignmentFactory(employee=employee, staffing_unit=secretary, start=dt.date(2017, 9, 1), end=dt.date(2018, 8, 31))
    AssignmentFactory(employee=employee, staffing_unit=teacher, start=dt.date(2018, 9, 1))
    return employee


@pytest.fixture
def teacher(school: Organisation) -> Employee:
    return make_teacher(school)


def test_length_of_service_is_counted_from_unsorted_overlapping_prior_jobs_and_assignments(
    hr_inspector: Any, teacher: Employee
) -> None:
    response = api_for(hr_inspector).get(f"/employees/{teacher.pk}/length-of-service", on=ON)

    assert response.status_code == 200
    assert response.json() == {
        "on": "2024-03-15",
        # Merged: 01.03.2010–31.08.2016 (Ромашка and the school overlap, ЦДТ is inside): x = 01.09.2016,
        # 12·6 + (9 − 3) = 78 months. Here 01.09.2017–15.03.2024 (the two assignments touch): x = 16.03.2024,
        # 12·7 + (3 − 9) = 78 months, 01.03 → 16.03 = 15 days. 156 months 15 days = 13 years 15 days.
        "total": {"years": 13, "months": 0, "days": 15},
        "insurance": {"years": 13, "months": 0, "days": 15},
        # School 01.09.2012–31.08.2016: 48 months (ЦДТ inside adds nothing); teacher here 01.09.2018–15.03.2024:
        # x = 16.03.2024, 12·6 + (3 − 9) = 66 months, 15 days. 114 months 15 days = 9 years 6 months 15 days.
        "pedagogical": {"years": 9, "months": 6, "days": 15},
        # Secretary then teacher without a break: 01.09.2017–15.03.2024 = 78 months 15 days.
        "organisation": {"years": 6, "months": 6, "days": 15},
    }


def test_length_of_service_on_an_earlier_date_ignores_what_came_later(hr_inspector: Any, teacher: Employee) -> None:
    body = api_for(hr_inspector).get(f"/employees/{teacher.pk}/length-of-service", on="2018-08-31").json()

    # 78 months before + 01.09.2017–31.08.2018 (12 months) = 90 months; the teacher post starts the day after.
    assert body["total"] == {"years": 7, "months": 6, "days": 0}
    assert body["pedagogical"] == {"years": 4, "months": 0, "days": 0}
    assert body["organisation"] == {"years": 1, "months": 0, "days": 0}


def test_continuous_service_in_the_organisation_starts_again_after_a_break(
    hr_inspector: Any, school: Organisation
) -> None:
    unit = StaffingUnitFactory(organisation=school)
    employee = EmployeeFactory(organisation=school)
    AssignmentFactory(employee=employee, staffing_unit=unit, start=dt.date(2015, 9, 1), end=dt.date(2017, 5, 31))
    AssignmentFactory(employee=employee, staffing_unit=unit, start=dt.date(2019, 9, 1))

    body = api_for(hr_inspector).get(f"/employees/{employee.pk}/length-of-service", on="2020-09-01").json()

    # 01.09.2019–01.09.2020: x = 02.09.2020, 12 months, 1 day.
    assert body["organisation"] == {"years": 1, "months": 0, "days": 1}
    # + 01.09.2015–31.05.2017: x = 01.06.2017, 12·2 + (6 − 9) = 21 months. 33 months 1 day.
    assert body["total"] == {"years": 2, "months": 9, "days": 1}


@time_machine.travel(dt.datetime(2024, 3, 15, 9, 0, tzinfo=dt.UTC))
def test_date_defaults_to_today(hr_inspector: Any, teacher: Employee) -> None:
    body = api_for(hr_inspector).get(f"/employees/{teacher.pk}/length-of-service").json()

    assert body["on"] == "2024-03-15"
    assert body["total"] == {"years": 13, "months": 0, "days": 15}


def test_malformed_date_is_rejected(hr_inspector: Any, teacher: Employee) -> None:
    response = api_for(hr_inspector).get(f"/employees/{teacher.pk}/length-of-service", on="15.03.2024")

    assert response.status_code == 422


def test_opening_length_of_service_is_logged(hr_inspector: Any, teacher: Employee) -> None:
    api_for(hr_inspector).get(f"/employees/{teacher.pk}/length-of-service", on=ON)

    entry = AccessLogEntry.objects.get(subject_id=teacher.pk)
    assert (entry.what, entry.channel, entry.actor_id) == ("Стаж", "api", hr_inspector.user.pk)


@pytest.mark.parametrize("role", ["director", "auditor", "hr_head"])
def test_roles_reading_personal_data_see_length_of_service(personas: dict[str, Any], teacher: Employee, role) -> None:
    response = api_for(personas[role]).get(f"/employees/{teacher.pk}/length-of-service", on=ON)

    assert response.status_code == 200


def test_class_teacher_gets_404(class_teacher: Any, teacher: Employee) -> None:
    response = api_for(class_teacher).get(f"/employees/{teacher.pk}/length-of-service", on=ON)

    assert response.status_code == 404


def test_outsider_gets_404(outsider: Any, teacher: Employee) -> None:
    response = api_for(outsider).get(f"/employees/{teacher.pk}/length-of-service", on=ON)

    assert response.status_code == 404
    assert only_denials_by(outsider)


def test_queries_do_not_grow_with_the_number_of_periods(
    hr_inspector: Any, teacher: Employee, school: Organisation, django_assert_max_num_queries: Any
) -> None:
    api = api_for(hr_inspector)
    for year in range(1990, 2000):
        PriorJobFactory(employee=teacher, start=dt.date(year, 1, 1), end=dt.date(year, 6, 30))
    unit = StaffingUnitFactory(organisation=school)
    AssignmentFactory(employee=teacher, staffing_unit=unit, start=dt.date(2000, 1, 1), end=dt.date(2000, 6, 30))

    # Token, its last use, the employee, prior jobs, assignments with positions, the access log.
    with django_assert_max_num_queries(6):
        response = api.get(f"/employees/{teacher.pk}/length-of-service", on=ON)
    assert response.status_code == 200
