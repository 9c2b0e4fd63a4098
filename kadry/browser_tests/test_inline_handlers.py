"""What used to be on*= attributes, now in app.js: confirming a deletion, and the organisation switcher."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Dialog, Page, expect

from kadry.core.models import Membership
from kadry.staff.models import PriorJob
from kadry.testing.factories import MembershipFactory, OrganisationFactory, PriorJobFactory, UserFactory

pytestmark = pytest.mark.browser


def test_deleting_a_card_row_asks_first_and_dismissing_keeps_it(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    membership = MembershipFactory(user=UserFactory(username="inspector"), role=Membership.Role.HR_INSPECTOR)
    job = PriorJobFactory(employee__organisation=membership.organisation)
    login(browser_page, "inspector", "password")
    browser_page.goto(f"/staff/employees/{job.employee_id}/prior-jobs/{job.pk}/edit/")
    questions: list[str] = []

    def answer(accept: bool) -> Callable[[Dialog], None]:
        def handle(dialog: Dialog) -> None:
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    browser_page.once("dialog", answer(False))
    browser_page.get_by_role("button", name="Удалить запись").click()
    assert questions == [f"Удалить запись «{job}»?"]
    expect(browser_page).to_have_url(re.compile(r"/edit/$"))
    assert PriorJob.objects.filter(pk=job.pk).exists()

    browser_page.once("dialog", answer(True))
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Удалить запись").click()
    assert len(questions) == 2
    assert not PriorJob.objects.filter(pk=job.pk).exists()


def test_choosing_another_organisation_switches_to_it_at_once(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    user = UserFactory(username="twoschools")
    MembershipFactory(user=user, organisation=OrganisationFactory(short_name="Лицей № 1"))
    other = MembershipFactory(user=user, organisation=OrganisationFactory(short_name="Школа № 2"))
    login(browser_page, "twoschools", "password")

    with browser_page.expect_navigation():
        browser_page.select_option("#switch-membership", str(other.pk))

    expect(browser_page.locator("#switch-membership")).to_have_value(str(other.pk))
