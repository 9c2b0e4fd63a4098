"""At 1440 px wide: the top bar stays on one line for the roles with the longest menus, the organisation
switcher shows its whole text, and the length-of-service report does not scroll sideways."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from kadry.browser_tests.conftest import ARTIFACTS_DIR
from kadry.core.home import Deadline, DeadlineScope
from kadry.core.models import Membership
from kadry.testing.factories import AssignmentFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.browser
R = Membership.Role
WIDTH = 1440


def _user_of_two_schools(role: str) -> tuple[str, Membership]:
    """A user with a long name in ``role`` at a school with a long short name, and a second membership elsewhere."""
    school = OrganisationFactory(short_name="МАОУ «Лицей № 7»")
    user = UserFactory(username=role, first_name="Александра", last_name="Константинопольская")
    membership = MembershipFactory(organisation=school, user=user, role=role)
    MembershipFactory(organisation=OrganisationFactory(short_name="МБОУ «СОШ № 12»"), user=user, role=role)
    return role, membership


def _screenshot(page: Page, name: str) -> None:
    # Kept for a look when KADRY_SCREENSHOTS=1 (the fixture keeps one of every failing test anyway).
    if os.environ.get("KADRY_SCREENSHOTS") == "1":
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"))


@pytest.mark.parametrize("role", [R.DIRECTOR, R.HR_HEAD, R.AUDITOR])
def test_the_top_bar_is_one_line_and_the_switcher_text_whole(
    browser_page: Page, login: Callable[[Page, str, str], None], role: str
) -> None:
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    username, _membership = _user_of_two_schools(role)
    login(page, username, "password")
    page.goto("/staff/employees/")
    _screenshot(page, f"topbar-{role}")
    bar = page.locator("header.topbar").bounding_box()
    brand = page.locator("header.topbar .brand").bounding_box()
    assert bar is not None and brand is not None
    # One line: the bar is the brand's line plus its padding (8 px above and below), not two lines of it.
    assert bar["height"] <= brand["height"] + 2 * 8 + 12, (bar, brand)
    # The bar's own items: its links and the menus' titles (the menus' links open below the bar).
    links = page.locator("header.topbar .mainnav > a, header.topbar .mainnav > details > summary")
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count())) if box}
    assert len(tops) == 1, tops
    # The switcher shows its whole text: the select is as wide as what it shows.
    cut = page.evaluate(
        """() => { const s = document.querySelector('#switch-membership');
                  const probe = document.createElement('span'); probe.textContent = s.selectedOptions[0].text;
                  probe.style.font = getComputedStyle(s).font; probe.style.whiteSpace = 'pre';
                  document.body.append(probe); const need = probe.getBoundingClientRect().width; probe.remove();
                  return need - (s.clientWidth - 28); }"""
    )
    assert cut <= 0, f"the switcher cuts {cut:.0f} px of its text"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH


def test_the_length_of_service_report_does_not_scroll_sideways(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    username, membership = _user_of_two_schools(R.HR_HEAD)
    for index in range(5):
        AssignmentFactory(
            organisation=membership.organisation,
            employee__organisation=membership.organisation,
            employee__last_name=f"Константинопольская-Верхнеднепровская{index}",
            start=dt.date(2001, 1, 2),
        )
    login(page, username, "password")
    page.goto("/employment/service/")
    _screenshot(page, "service-report")
    assert page.locator("table.table tbody tr").count() == 5
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    # Nor does the table run past the page's column (main is 1280 px at most).
    table = page.locator("table.table").bounding_box()
    main = page.evaluate(
        "() => { const m = document.querySelector('main'); const r = m.getBoundingClientRect();"
        " return r.right - parseFloat(getComputedStyle(m).paddingRight); }"
    )
    assert table is not None and table["x"] + table["width"] <= main + 0.5, (table, main)


def test_present_students_show_no_absence_fields_in_the_grid(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    from django.utils import timezone

    from kadry.testing.factories import EmployeeFactory
    from kadry.testing.school import SchoolClassFactory, appoint, enrol

    page = browser_page
    teacher_membership = MembershipFactory(user=UserFactory(username="teacher"), role=R.CLASS_TEACHER)
    school = teacher_membership.organisation
    director = MembershipFactory(organisation=school, user=UserFactory(username="director"), role=R.DIRECTOR)
    teacher = EmployeeFactory(organisation=school)
    teacher_membership.employee = teacher
    teacher_membership.save(update_fields=["employee"])
    school_class = SchoolClassFactory(organisation=school)
    start = min(timezone.localdate() - dt.timedelta(days=30), dt.date(2026, 9, 1))
    appoint(director.user, teacher, school_class, start)
    enrol(school_class, 2, start=start)
    login(page, "teacher", "password")
    # The last weekday up to today: a day with lessons whatever day the test runs on.
    day = timezone.localdate()
    while day.weekday() > 4:
        day -= dt.timedelta(days=1)
    page.goto(f"/school/classes/{school_class.pk}/attendance/?date={day.isoformat()}")
    first = page.locator("tr[data-row]").first
    assert not first.get_by_text("весь день").is_visible()
    assert not first.locator("select").is_visible()
    first.get_by_text("Н", exact=True).click()  # absent: the day and the reason are asked for
    assert first.get_by_text("весь день").is_visible()
    assert first.locator("select").is_visible()


def _long_terms(scope: DeadlineScope) -> list[Deadline]:
    """Each school's terms with the longest texts the sources write: a category's expiry, a training."""
    day = timezone.localdate() + dt.timedelta(days=20)
    return [
        term
        for pk in scope.organisation_ids
        for term in (
            Deadline("Истекает квалификационная категория (за 6 мес.)", "Константинопольская-Верхнеднепровская А. В.",
                     day, "Приказ Минпросвещения России от 24.03.2023 № 196", "/attestation/", "Карточка",
                     "category", pk),
            Deadline("Обучение по охране труда и оказанию первой помощи пострадавшим", "Преображенская Е. В.",
                     day, "Постановление Правительства РФ от 24.12.2021 № 2464, п. 33", "/obligations/",
                     "Реестр обязательных документов", "obligations", pk),
        )
    ]  # fmt: skip


def test_the_deadlines_of_a_service_keep_the_action_column_in_view(
    browser_page: Page, login: Callable[[Page, str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kadry.core import home
    from kadry.core.tests.test_deadlines_page import _service_with_schools

    monkeypatch.setattr(home, "_scoped_sources", [*home._scoped_sources, _long_terms])
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    service, schools = _service_with_schools(3)
    # A role in one school: its terms open there (a form's button), the others say there is no role.
    MembershipFactory(organisation=schools[0], user=service.user, role=R.HR_INSPECTOR)
    login(page, service.user.username, "password")
    page.goto("/deadlines/")
    _screenshot(page, "deadlines-service")
    assert page.locator("table.deadlines button.cell-link").count() > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    main = page.evaluate(
        "() => { const m = document.querySelector('main'); const r = m.getBoundingClientRect();"
        " return r.right - parseFloat(getComputedStyle(m).paddingRight); }"
    )
    # The law's reference wraps in its column (18em at most) rather than taking the width the action needs.
    sources = page.locator("table.deadlines td.source")
    widths = [box["width"] for box in (sources.nth(i).bounding_box() for i in range(sources.count())) if box]
    assert widths and max(widths) <= 320, max(widths)
    cells = page.locator("table.deadlines td.action")
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box is not None and box["width"] >= 60 and box["x"] + box["width"] <= main + 0.5, (index, box, main)
