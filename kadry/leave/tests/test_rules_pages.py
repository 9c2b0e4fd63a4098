"""The office's leave rules page: additional leave per position or person, checked against the law, used by the entitlement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kadry.core.models import ChangeRecord
from kadry.leave import balances
from kadry.leave.entitlement_rules import SECTION
from kadry.leave.models import LeaveRule
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, PositionFactory, StaffingUnitFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def accountant(school):
    position = PositionFactory(organisation=school, name="Главный бухгалтер")
    person = EmployeeFactory(organisation=school, last_name="Счётова")
    AssignmentFactory(employee=person, staffing_unit=StaffingUnitFactory(organisation=school, position=position),
                      start=D(2024, 1, 9))  # fmt: skip
    return person, position


def _entitlement(person) -> int:
    data = balances.leave_data(person)
    return balances.entitlement_of(person, data.assignments, data.rules_rows, D(2026, 6, 1)).total


def test_a_rule_of_the_position_and_one_of_the_person_add_to_the_entitlement(hr_inspector, accountant) -> None:
    person, position = accountant
    url = reverse("leave:rules")
    assert _entitlement(person) == 28
    form = {
        "position": position.pk,
        "kind": "irregular",
        "days": "5",
        "basis": "ТК РФ ст. 119; коллективный договор, п. 5.3",
    }
    assert hr_inspector.client.post(url, form).status_code == 302
    assert _entitlement(person) == 33
    own = {"employee": person.pk, "kind": "agreement", "days": "2", "basis": "коллективный договор, п. 5.4"}
    assert hr_inspector.client.post(url, own).status_code == 302
    assert _entitlement(person) == 35
    page = hr_inspector.client.get(url).content.decode()
    assert "должность «Главный бухгалтер»" in page and "коллективный договор, п. 5.3" in page and "Счётова" in page
    # Changing the position's rule: 5 → 7 days.
    rule = LeaveRule.objects.get(position=position)
    edit = reverse("leave:rule_edit", args=[rule.pk])
    assert hr_inspector.client.post(edit, {**form, "days": "7"}).status_code == 302
    assert _entitlement(person) == 37
    assert hr_inspector.client.post(reverse("leave:rule_delete", args=[rule.pk])).status_code == 302
    assert _entitlement(person) == 30
    actions = list(ChangeRecord.objects.filter(section=SECTION).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "create", "update", "delete"]


def test_the_law_bounds_the_rules_and_the_message_is_on_the_field(hr_inspector, school, accountant) -> None:
    person, position = accountant
    url = reverse("leave:rules")
    teacher = PositionFactory(organisation=school, name="Учитель истории")
    cases = [
        ({"position": position.pk, "kind": "harmful", "days": "5"}, "Не меньше 7 дн. (ТК РФ ст. 117 ч. 2"),
        ({"position": position.pk, "kind": "irregular", "days": "2"}, "Не меньше 3 дн. (ТК РФ ст. 119 ч. 1"),
        ({"position": teacher.pk, "kind": "basic", "days": "42"}, "для должности «Учитель истории» — 56"),
        ({"position": position.pk, "employee": person.pk, "kind": "agreement", "days": "3"}, "либо должность, либо"),
        ({"kind": "agreement", "days": "3"}, "либо должность, либо сотрудника"),
    ]
    for data, message in cases:
        page = hr_inspector.client.post(url, {"basis": "основание", **data}).content.decode()
        assert message in page, message
        assert "has-error" in page
    assert not LeaveRule.objects.exists()
    form = {"position": position.pk, "kind": "irregular", "days": "3", "basis": "ТК РФ ст. 119"}
    hr_inspector.client.post(url, form)
    assert "Такое право уже установлено" in hr_inspector.client.post(url, form).content.decode()
    assert LeaveRule.objects.count() == 1


def test_another_schools_rule_is_not_found(outsider, school, accountant) -> None:
    _person, position = accountant
    rule = LeaveRule.objects.create(organisation=school, position=position, kind="irregular", days=3, basis="ст. 119")
    assert outsider.client.get(reverse("leave:rule_edit", args=[rule.pk])).status_code == 404
    assert outsider.client.post(reverse("leave:rule_delete", args=[rule.pk])).status_code == 404
    assert LeaveRule.objects.filter(pk=rule.pk).exists()
