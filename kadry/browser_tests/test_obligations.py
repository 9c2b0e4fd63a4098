"""Acceptance (issue 15): the HR inspector records a training and sees the teacher move from overdue to valid."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kadry.core.models import Membership
from kadry.obligations.models import ObligationRecord
from kadry.staff.models import Employee, Position, Training
from kadry.testing.factories import AssignmentFactory, MembershipFactory, StaffingUnitFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def teacher() -> Employee:
    """A teacher whose last course ended more than three years ago, in the school of the HR inspector ``inspector``."""
    membership = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    school = membership.organisation
    unit = StaffingUnitFactory(organisation=school, position__category=Position.Category.PEDAGOGICAL)
    person = AssignmentFactory(
        employee__organisation=school, employee__last_name="Сидорова", staffing_unit=unit
    ).employee
    ended = timezone.localdate() - dt.timedelta(days=3 * 366 + 10)
    Training.objects.create(
        organisation=school, employee=person, kind=Training.Kind.TRAINING, program="ФГОС", institution="ИРО",
        start=ended - dt.timedelta(days=5), end=ended,
    )  # fmt: skip
    return person


def test_recording_a_training_moves_the_teacher_from_overdue_to_valid(
    browser_page: Page, login: Callable[[Page, str, str], None], teacher: Employee
) -> None:
    page = browser_page
    login(page, "inspector", "password")

    # 1. The register, filtered to further education: the teacher is overdue.
    page.goto("/obligations/?kind=further_education")
    row = page.locator(f'tr[data-employee="{teacher.pk}"][data-kind="further_education"]')
    expect(row).to_have_attribute("data-state", "overdue")
    expect(row).to_contain_text("просрочено")

    # 2. «Записать» on the row opens the form with the employee and the kind chosen; a course today.
    row.get_by_role("link", name="Записать").click()
    expect(page.get_by_label("Сотрудник")).to_have_value(str(teacher.pk))
    expect(page.get_by_label("Вид")).to_have_value("further_education")
    page.get_by_label("Документ (удостоверение, заключение), номер").fill("удостоверение № 7701")
    with page.expect_navigation():
        page.get_by_role("button", name="Записать").click()

    # 3. Back on the register: the row is valid, due three years after today.
    expect(page.get_by_text("Записано:")).to_be_visible()
    page.goto("/obligations/?kind=further_education")
    row = page.locator(f'tr[data-employee="{teacher.pk}"][data-kind="further_education"]')
    expect(row).to_have_attribute("data-state", "valid")
    expect(row).to_contain_text("в порядке")
    assert ObligationRecord.objects.get(employee=teacher).completed_on == timezone.localdate()
