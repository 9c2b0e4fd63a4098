"""The liable on a date, form № 6 and the reconciliation list: pages, files and the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.core.models import AccessLogEntry
from kadry.military.tests.conftest import card
from kadry.testing.factories import AssignmentFactory

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)


@time_machine.travel(NOW)
def test_the_liable_are_derived_from_the_card_and_the_jobs(staff, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("military:liable"), {"on": "2026-12-03"})
    rows = {row.employee.last_name: row.liability for row, _group in response.context["rows"]}
    assert set(rows) == {"Рядовой", "Офицеров", "Призывников"}
    assert rows["Призывников"].conscript and rows["Призывников"].without_card
    assert rows["Офицеров"].reserved and rows["Офицеров"].limit_age == 60
    assert rows["Рядовой"].limit_age == 55 and not rows["Рядовой"].reserved
    assert "нет сведений в карточке" in response.content.decode()
    assert AccessLogEntry.objects.filter(what__startswith="Список граждан, подлежащих воинскому учёту").count() == 1


@time_machine.travel(NOW)
def test_the_dismissed_counts_on_a_date_he_was_working(staff, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("military:liable"), {"on": "2026-06-30"})
    assert "Уволенный" in {row.employee.last_name for row, _group in response.context["rows"]}


@time_machine.travel(NOW)
def test_the_liable_page_costs_the_same_queries_for_more_people(
    staff, school, hr_inspector, django_assert_max_num_queries
) -> None:
    hr_inspector.client.get(reverse("military:liable"))
    with django_assert_max_num_queries(7):  # session, membership, employees with their card, placement, log…
        hr_inspector.client.get(reverse("military:liable"))
    for number in range(10):
        person = AssignmentFactory(employee__organisation=school, employee__sex="M",
                                   employee__birth_date=D(1985, 1, 1 + number)).employee  # fmt: skip
        card(person, rank="сержант", reserve_category="1")
    with django_assert_max_num_queries(7):
        response = hr_inspector.client.get(reverse("military:liable"))
    assert len(response.context["rows"]) == 13
    with django_assert_max_num_queries(5):
        hr_inspector.client.get(reverse("military:form6"))


# Form № 6 on 03.12.2026, by hand: 5 counted (the external part-timer and the dismissed are not).
# Line 01: employees 5; in the reserve 2 (the captain — an officer, the private — a soldier; the
# conscript is not in the reserve, the sergeant of 1970 is past his limit); reserved 1 (the captain).
# Line 02 «Руководители» (the director): 1 employee, 1 officer in the reserve, reserved.
# Line 03 «Специалисты» (the two teachers): 2, one soldier in the reserve. Line 05 «Рабочие»: 2, none.
FORM6 = {
    "01": [5, 2, 1, 0, 1, 1, 1, 0, 0],
    "02": [1, 1, 1, 0, 0, 1, 1, 0, 0],
    "03": [2, 1, 0, 0, 1, 0, 0, 0, 0],
    "04": [0, 0, 0, 0, 0, 0, 0, 0, 0],
    "05": [2, 0, 0, 0, 0, 0, 0, 0, 0],
}


@time_machine.travel(NOW)
def test_form6_counts_by_hand(staff, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("military:form6"), {"on": "2026-12-03"})
    assert {line.code: line.cells() for line in response.context["lines"]} == FORM6
    assert not AccessLogEntry.objects.exists()  # figures only


@time_machine.travel(NOW)
def test_form6_xlsx_is_in_the_forms_layout_and_the_name_is_never_a_formula(staff, school, hr_inspector) -> None:
    school.name = '=HYPERLINK("http://x")'
    school.save(update_fields=["name"])
    response = hr_inspector.client.get(reverse("military:form6_export", args=["xlsx"]), {"on": "2026-12-03"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A3"].value == school.name and sheet["A3"].data_type == "s"
    assert [cell.value for cell in sheet[8]] == list(range(1, 12))
    assert [cell.value for cell in sheet[9]] == ["Всего", "01", *FORM6["01"]]
    assert "D6:G6" in {str(merged) for merged in sheet.merged_cells.ranges}
    pdf = hr_inspector.client.get(reverse("military:form6_export", args=["pdf"]))
    assert pdf.content.startswith(b"%PDF")


@time_machine.travel(NOW)
def test_the_reconciliation_list_downloads_and_is_logged(staff, hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("military:reconciliation", args=["xlsx"]), {"on": "2026-12-03"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [staff["officer"].full_name, staff["conscript"].full_name, staff["soldier"].full_name]
    pdf = hr_inspector.client.get(reverse("military:reconciliation", args=["pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(what__startswith="Список для сверки").count() == 2


@time_machine.travel(NOW)
def test_the_api_lists_the_liable_and_the_form6_figures(staff, hr_inspector, api_as) -> None:  # noqa: F811
    api = api_as(hr_inspector)
    body = api.get("/military/liable", on="2026-12-03").json()
    assert body["count"] == 3
    officer = next(row for row in body["rows"] if row["employee"] == staff["officer"].pk)
    assert (officer["rank_group"], officer["reserved"], officer["specialty_code"]) == ("junior", True, "021101")
    form = api.get("/military/form6", on="2026-12-03").json()
    assert form["lines"][0] == {"code": "01", "label": "Всего", "employees": 5,
                                "reserve": {"total": 2, "officers": 1, "warrant": 0, "soldiers": 1},
                                "reserved": {"total": 1, "officers": 1, "warrant": 0, "soldiers": 0}}  # fmt: skip
    wrong = api.get("/military/liable", on="03.12.2026")
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["on"]


def test_another_schools_user_sees_none_of_it(staff, outsider) -> None:
    response = outsider.client.get(reverse("military:liable"))
    assert response.status_code == 200 and response.context["rows"] == []
