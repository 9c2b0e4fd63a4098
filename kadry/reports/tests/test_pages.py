"""The databank's pages: the figures of November 2026 (see conftest), exports, the access log, the charts, queries."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.documents.tests.helpers import pdf_text
from kadry.employment.models import Assignment
from kadry.reports import figures, views
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffingUnitFactory,
)

pytestmark = pytest.mark.django_db

NOVEMBER = {"on": "2026-11-25", "year": "2026", "month": "11"}
MOVEMENT = {"from": "2026-11-01", "to": "2026-11-30"}


def test_headcount_page_shows_the_list_and_the_average_of_the_month(hr_inspector: Any, november: dict) -> None:
    page = hr_inspector.client.get(reverse("reports:headcount"), NOVEMBER).content.decode()

    assert "Списочная численность на 25.11.2026" in page
    assert "4,07" in page and "122" in page  # 122 person-days ÷ 30 (test_api)
    assert "Приказ Росстата от 16.12.2024 № 647" in page


def test_bad_input_on_a_page_is_said_and_the_default_shown(hr_inspector: Any, november: dict) -> None:
    response = hr_inspector.client.get(reverse("reports:headcount"), {"month": "13"}, follow=True)

    assert response.status_code == 200
    assert "Месяц — число от 1 до 12." in response.content.decode()


def test_movement_page_lists_the_reasons_of_leaving_as_recorded_and_logs_the_access(
    hr_inspector: Any, november: dict
) -> None:
    page = hr_inspector.client.get(reverse("reports:movement"), MOVEMENT).content.decode()

    assert "Григорьева Мария Петровна" in page
    assert "Трудовой договор расторгнут по инициативе работника" in page
    assert "24,59" in page  # the separation and turnover rates (test_api)
    entry = AccessLogEntry.objects.get(actor=hr_inspector.user)
    assert "Движение работников" in entry.what and "01.11.2026–30.11.2026" in entry.what


def test_composition_page_has_every_breakdown(director: Any, november: dict) -> None:
    page = director.client.get(reverse("reports:composition"), {"on": "2026-11-25"}).content.decode()

    for title in ("По категориям должностей", "По полу", "По возрасту", "По уровню образования",
                  "По квалификационной категории", "По педагогическому стажу", "Молодые специалисты",
                  "Вакансии по подразделениям"):  # fmt: skip
        assert title in page


def test_xlsx_writes_a_formula_looking_text_as_text(hr_inspector: Any, november: dict) -> None:
    november["Григорьева"].last_name = "=HYPERLINK(1)"
    november["Григорьева"].save(update_fields=["last_name"])

    response = hr_inspector.client.get(reverse("reports:movement_export", args=["xlsx"]), MOVEMENT)

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if str(cell.value).startswith("=HYPERLINK")]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_xlsx_of_the_headcount_has_the_page_figures(hr_inspector: Any, november: dict) -> None:
    response = hr_inspector.client.get(reverse("reports:headcount_export", args=["xlsx"]), NOVEMBER)

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("ноябрь 2026", 30, 122, 4.07, 4, 1) in [row[:6] for row in rows]


def test_pdf_exports(hr_inspector: Any, november: dict) -> None:
    for name, query in (("headcount_export", NOVEMBER), ("composition_export", {"on": "2026-11-25"}),
                        ("movement_export", MOVEMENT)):  # fmt: skip
        response = hr_inspector.client.get(reverse(f"reports:{name}", args=["pdf"]), query)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Григорьева Мария Петровна" in pdf_text(response.content)
    with time_machine.travel("2026-11-25 10:00 +0300", tick=False):
        response = hr_inspector.client.get(reverse("reports:dashboard_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Панель руководителя на 25.11.2026" in text and "Педагогические работники" in text


def test_an_unknown_format_is_404(hr_inspector: Any) -> None:
    assert hr_inspector.client.get(reverse("reports:headcount_export", args=["docx"])).status_code == 404


def _chart_values(page: str) -> list[list[tuple[str, str]]]:
    """Return each chart's (label, value) pairs as its SVG carries them."""
    return [
        re.findall(r'<g data-label="([^"]*)" data-value="([^"]*)">', svg)
        for svg in re.findall(r"<svg class=\"chart\".*?</svg>", page, flags=re.S)
    ]


@time_machine.travel("2026-11-25 10:00 +0300", tick=False)
def test_dashboard_charts_draw_the_numbers_of_the_tables_beside_them(director: Any, november: dict) -> None:
    page = director.client.get(reverse("reports:dashboard")).content.decode()

    charts = _chart_values(page)
    assert len(charts) == 6
    # The same figures as computed for the tables: the list at the end of each month, the turnover.
    points = figures.monthly_series([director.membership.organisation_id], (2026, 11))
    assert charts[0] == [(p.label, str(p.headcount)) for p in points]
    assert charts[0][-1] == ("11.2026", "5")
    assert charts[1][-1] == ("11.2026", "24.59")
    composition = figures.composition([director.membership.organisation_id], figures.dt.date(2026, 11, 25))
    assert charts[2] == [(label, str(count)) for label, count in composition.breakdown("category").rows]
    assert ("Педагогические работники", "5") in charts[2]
    # And the tables beside them hold the same numbers.
    for (table, _chart), values in zip(views.dashboard_data([director.membership.organisation_id],
                                                            figures.dt.date(2026, 11, 25))["panels"], charts,
                                       strict=True):  # fmt: skip
        for label, value in values:
            # The page prints decimals with a comma (ru), the chart's data-value with a point.
            assert f"<td>{label}</td>" in page and f'<td class="num">{value.replace(".", ",")}</td>' in page
        assert table.title in page


def test_home_panel_of_the_director_shows_todays_headcount(director: Any, hr_inspector: Any, november: dict) -> None:
    with time_machine.travel("2026-11-25 10:00 +0300", tick=False):
        page = director.client.get(reverse("home")).content.decode()
        other = hr_inspector.client.get(reverse("home")).content.decode()

    assert "Численность работников сегодня" in page and "<strong>5</strong>" in page
    assert "Численность работников сегодня" not in other


def _grow(school: Any, count: int) -> None:
    unit = StaffingUnitFactory(organisation=school, rates=count)
    for _ in range(count):
        AssignmentFactory(employee=EmployeeFactory(organisation=school), staffing_unit=unit)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("reports:headcount", NOVEMBER),
        ("reports:composition", {"on": "2026-11-25"}),
        ("reports:movement", MOVEMENT),
        ("reports:dashboard", {}),
    ],
)
def test_pages_cost_the_same_queries_with_7_or_47_employees(
    director: Any, november: dict, school: Any, name: str, query: dict, django_assert_max_num_queries: Any
) -> None:
    director.client.get(reverse(name), query)
    with django_assert_max_num_queries(30) as small:
        director.client.get(reverse(name), query)
    _grow(school, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert director.client.get(reverse(name), query).status_code == 200


def test_a_centralised_service_chooses_a_school_on_the_page(school: Any, november: dict) -> None:
    hr_service = OrganisationFactory(short_name="ЦКС", kind=Organisation.Kind.HR_SERVICE)
    Organisation.objects.filter(pk=school.pk).update(serviced_by=hr_service)
    membership = MembershipFactory(organisation=hr_service, role=Membership.Role.HR_HEAD)
    client = Client()
    client.force_login(membership.user)

    page = client.get(reverse("reports:headcount"), {**NOVEMBER, "organisation": school.pk}).content.decode()

    assert f'<option value="{school.pk}" selected>Лицей № 1</option>' in page
    assert "4,07" in page
    assert f"organisation={school.pk}" in page  # the exports count the same school
    OrganisationFactory(short_name="Школа № 3", serviced_by=hr_service)
    summed = client.get(reverse("reports:headcount"), NOVEMBER).content.decode()
    assert "По обслуживаемым школам" in summed and "<td>Лицей № 1</td>" in summed


@time_machine.travel("2026-11-25 10:00 +0300", tick=False)
def test_dashboard_reads_the_assignments_once(director: Any, november: dict) -> None:
    with CaptureQueriesContext(connection) as captured:
        assert director.client.get(reverse("reports:dashboard")).status_code == 200

    table = f'"{Assignment._meta.db_table}"'
    reads = [query["sql"] for query in captured.captured_queries if f"FROM {table}" in query["sql"]]
    # The people once for every figure (it was four times); the length of service reads them apart.
    assert len(reads) <= 2, reads
