"""The director's dashboard in Chromium: each chart draws the numbers of the table beside it; the ОО-1 downloads.

A school of four today: a director, two teachers (one a man), an external cloakroom attendant, and
one teacher's rate vacant.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from kadry.core.models import Membership
from kadry.staff.models import Employee, Position
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffingUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser
P = Position.Category

# The dashboard's panels (kadry/reports/views.py dashboard_data) and the column of its table each
# chart draws: the list at the end of each month, the turnover, then the composition and vacancies.
CHART_COLUMNS = (1, 3, 1, 1, 1, 3)


def _school() -> None:
    school = OrganisationFactory(short_name="Лицей № 1")
    MembershipFactory(organisation=school, role=Membership.Role.DIRECTOR, user=UserFactory(username="director"))
    director = StaffingUnitFactory(organisation=school, position__name="Директор", position__category=P.MANAGEMENT,
                                   rates=Decimal("1"), department__name="Администрация")  # fmt: skip
    teacher = StaffingUnitFactory(organisation=school, position__name="Учитель", position__category=P.PEDAGOGICAL,
                                  position__pedagogical_service=True, rates=Decimal("3"),
                                  department__name="Начальная школа")  # fmt: skip
    cloakroom = StaffingUnitFactory(organisation=school, position__name="Гардеробщик", position__category=P.SERVICE,
                                    rates=Decimal("1"), department__name="Хозяйственная часть")  # fmt: skip
    start = dt.date(2020, 9, 1)
    for name, unit, sex in (("Антонова", director, Employee.Sex.FEMALE), ("Васильева", teacher, Employee.Sex.FEMALE),
                            ("Григорьев", teacher, Employee.Sex.MALE)):  # fmt: skip
        AssignmentFactory(employee=EmployeeFactory(organisation=school, last_name=name, sex=sex), staffing_unit=unit,
                          start=start)  # fmt: skip
    AssignmentFactory(employee=EmployeeFactory(organisation=school, last_name="Егорова"), staffing_unit=cloakroom,
                      start=start, kind="3_external", rate=Decimal("0.5"))  # fmt: skip


def _chart_figures(panel: Locator) -> list[tuple[str, str]]:
    """Return (label, the value the SVG prints) of each bar or column of a panel's chart."""
    pairs = panel.locator("svg g[data-label]").evaluate_all(
        """(groups) => groups.map((g) => {
             const texts = Array.from(g.querySelectorAll('text')).map((t) => t.textContent.trim());
             // A bar prints its label then its value; a column its value then its label.
             const value = texts.find((t) => t !== g.dataset.label && /^-?[0-9]/.test(t)) ?? '';
             return [g.dataset.label, value];
           })"""
    )
    return [(label, value) for label, value in pairs]


def _table_cells(panel: Locator) -> dict[str, list[str]]:
    rows = panel.locator("table[data-chart-table] tbody tr").evaluate_all(
        "(rows) => rows.map((r) => Array.from(r.cells).map((c) => c.textContent.trim()))"
    )
    return {row[0]: row for row in rows}


def test_dashboard_charts_match_their_tables_and_oo1_downloads(
    browser_page: Page, login: Callable[[Page, str, str], None]
) -> None:
    page = browser_page
    _school()
    login(page, "director", "password")
    page.get_by_role("link", name="Банк данных о персонале").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Панель руководителя").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Панель руководителя")
    expect(page.locator(".page-head .sub")).to_contain_text("в списке 3, внешних совместителей 1")

    panels = page.locator("section.chart-panel")
    expect(panels).to_have_count(len(CHART_COLUMNS))
    drawn: list[list[tuple[str, str]]] = []
    for index, column in enumerate(CHART_COLUMNS):
        panel = panels.nth(index)
        figures, cells = _chart_figures(panel), _table_cells(panel)
        assert figures, f"chart {index} draws nothing"
        for label, value in figures:
            assert cells[label][column] == value, (index, label, value, cells[label])
        drawn.append(figures)
    # And the figures are the school's: 1 head, 2 teachers (the external is not on the list); 3 − 2 teacher rates.
    assert ("Руководящие работники", "1") in drawn[2] and ("Педагогические работники", "2") in drawn[2]
    assert ("Начальная школа", "1,00") in drawn[5] and ("Хозяйственная часть", "0,50") in drawn[5]

    # The ОО-1 staff tables from the databank's list of reports, as XLSX.
    page.get_by_role("link", name="Банк данных о персонале").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Форма № ОО-1: сведения о персонале").click()
    expect(page.locator('tr[data-line="10"]').first).to_contain_text("Численность работников")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    lines: dict[str, tuple] = {}
    for row in rows:  # the first table's lines: the staff by position (the other tables repeat the codes)
        if isinstance(row[1], str) and row[1].isdigit():
            lines.setdefault(row[1], row)
    assert lines["10"][2:4] == (3, 2)  # three on the list, two women
    assert lines["05"][2] == 2 and lines["06"][2] == 2  # pedagogical staff, of them teachers
    assert lines["06"][9:11] == (3, 1)  # the teachers' rates: three, one vacant
    assert lines["11"][2] == 1  # the external part-timer apart
