"""Departments, positions and staffing units through the API."""

from __future__ import annotations

from typing import Any

import pytest

from kadry.api.tests.conftest import Api
from kadry.core.models import ChangeRecord, Organisation
from kadry.staff.models import Department, Position, StaffingUnit
from kadry.testing.factories import DepartmentFactory, PositionFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db


def test_department_is_created_listed_read_and_replaced(inspector_api: Api, school: Organisation) -> None:
    parent = DepartmentFactory(organisation=school, name="Начальная школа")

    created = inspector_api.post("/departments", {"name": "Методическое объединение", "parent": parent.pk})

    assert created.status_code == 201
    body = created.json()
    assert body == {"id": body["id"], "name": "Методическое объединение", "code": "", "order": 0, "parent": parent.pk}
    assert Department.objects.get(pk=body["id"]).organisation == school
    listed = inspector_api.get("/departments").json()
    assert listed["count"] == 2
    assert inspector_api.get(f"/departments/{body['id']}").json() == body

    replaced = inspector_api.put(f"/departments/{body['id']}", {"name": "МО учителей начальных классов", "order": 3})

    assert replaced.status_code == 200
    assert replaced.json()["parent"] is None  # PUT replaces: a field left out takes its default
    change = ChangeRecord.objects.get(action=ChangeRecord.Action.UPDATE)
    assert change.changes["Наименование"] == ["Методическое объединение", "МО учителей начальных классов"]


def test_department_cannot_contain_itself(inspector_api: Api, school: Organisation) -> None:
    top = DepartmentFactory(organisation=school)
    child = DepartmentFactory(organisation=school, parent=top)

    response = inspector_api.put(f"/departments/{top.pk}", {"name": top.name, "parent": child.pk})

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"parent": ["Подразделение не может входить само в себя."]}}


def test_duplicate_department_name_answers_422_on_the_name(inspector_api: Api, school: Organisation) -> None:
    top = DepartmentFactory(organisation=school)
    DepartmentFactory(organisation=school, parent=top, name="Кафедра физики")

    response = inspector_api.post("/departments", {"name": "Кафедра физики", "parent": top.pk})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name"]
    assert Department.objects.filter(name="Кафедра физики").count() == 1


def test_position_is_created_and_replaced(inspector_api: Api) -> None:
    created = inspector_api.post("/positions", {"name": "Педагог-психолог", "category": "pedagogical"})
    position_id = created.json()["id"]

    replaced = inspector_api.put(f"/positions/{position_id}", {"name": "Педагог-психолог", "category": "management"})

    assert created.status_code == 201
    assert replaced.json() == {
        "id": position_id,
        "name": "Педагог-психолог",
        "category": "management",
        "pedagogical_service": False,
    }
    assert Position.objects.get(pk=position_id).category == Position.Category.MANAGEMENT


def test_position_name_must_be_unique_in_the_organisation(inspector_api: Api, school: Organisation) -> None:
    PositionFactory(organisation=school, name="Учитель физики")

    # Same case: SQLite's iexact folds only ASCII, so a lower-cased Cyrillic name passes there.
    response = inspector_api.post("/positions", {"name": "Учитель физики", "category": "pedagogical"})

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "errors": {"name": ["Такая должность уже есть."]}}


def test_position_category_must_be_known(inspector_api: Api) -> None:
    response = inspector_api.post("/positions", {"name": "Дворник", "category": "outdoor"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["category"]


def test_staffing_unit_is_created_read_and_replaced(inspector_api: Api, school: Organisation) -> None:
    department = DepartmentFactory(organisation=school)
    position = PositionFactory(organisation=school)
    body = {"department": department.pk, "position": position.pk, "rates": "2.5", "salary": 35000}

    created = inspector_api.post("/staffing-units", body)
    unit_id = created.json()["id"]
    replaced = inspector_api.put(f"/staffing-units/{unit_id}", {**body, "rates": 3, "allowance": "1500.50"})

    assert created.status_code == 201
    assert created.json()["department"] == department.pk
    assert replaced.status_code == 200
    unit = StaffingUnit.objects.get(pk=unit_id)
    assert (str(unit.rates), str(unit.allowance)) == ("3.00", "1500.50")
    assert inspector_api.get(f"/staffing-units/{unit_id}").json()["rates"] == "3.00"


def test_staffing_unit_rejects_department_of_another_organisation(
    inspector_api: Api, school: Organisation, other_school: Organisation
) -> None:
    foreign = DepartmentFactory(organisation=other_school)
    position = PositionFactory(organisation=school)

    response = inspector_api.post(
        "/staffing-units", {"department": foreign.pk, "position": position.pk, "rates": 1, "salary": 30000}
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["department"]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"rates": "0.1"}, "rates"), ({"salary": "-1"}, "salary"), ({"rates": "много"}, "rates")],
)
def test_staffing_unit_rates_and_salary_are_validated(
    inspector_api: Api, school: Organisation, change: dict[str, Any], field: str
) -> None:
    unit = StaffingUnitFactory(organisation=school)
    body = {"department": unit.department_id, "position": unit.position_id, "rates": 1, "salary": 30000, **change}

    response = inspector_api.put(f"/staffing-units/{unit.pk}", body)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_staffing_unit_position_is_unique_in_a_department(inspector_api: Api, school: Organisation) -> None:
    unit = StaffingUnitFactory(organisation=school)

    response = inspector_api.post(
        "/staffing-units", {"department": unit.department_id, "position": unit.position_id, "rates": 1, "salary": 1}
    )

    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid",
        "errors": {"position": ["Эта должность уже есть в штатном расписании подразделения."]},
    }


def test_put_to_a_position_keeps_its_pedagogical_service_flag(inspector_api: Api) -> None:
    created = inspector_api.post(
        "/positions", {"name": "Учитель", "category": "pedagogical", "pedagogical_service": True}
    )
    position_id = created.json()["id"]

    replaced = inspector_api.put(
        f"/positions/{position_id}", {"name": "Учитель", "category": "pedagogical", "pedagogical_service": True}
    )

    assert replaced.status_code == 200, replaced.json()
    assert replaced.json()["pedagogical_service"] is True
    assert Position.objects.get(pk=position_id).pedagogical_service is True
