"""Departments, positions, staffing units and the staffing table (Т-3) with occupancy."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import ChangeRecord
from kadry.documents.tests.helpers import pdf_text
from kadry.staff.models import Department, StaffingUnit
from kadry.testing.factories import AssignmentFactory, DepartmentFactory, PositionFactory, StaffingUnitFactory


@pytest.fixture
def table(school):
    """Maths: 3 rates (1.5 occupied now, 0.5 more ended in 2024); library: 1 rate, vacant."""
    maths = DepartmentFactory(organisation=school, name="Кафедра математики", order=1)
    library = DepartmentFactory(organisation=school, name="Библиотека", order=2)
    teacher = StaffingUnitFactory(
        organisation=school,
        department=maths,
        position=PositionFactory(organisation=school, name="Учитель математики"),
        rates=Decimal("3"),
        salary=Decimal("32000"),
        allowance=Decimal("8000"),
    )
    StaffingUnitFactory(
        organisation=school,
        department=library,
        position=PositionFactory(organisation=school, name="Педагог-библиотекарь"),
        rates=Decimal("1"),
        salary=Decimal("28000"),
    )
    AssignmentFactory(employee__organisation=school, staffing_unit=teacher, rate=Decimal("1"))
    AssignmentFactory(employee__organisation=school, staffing_unit=teacher, rate=Decimal("0.5"))
    AssignmentFactory(
        employee__organisation=school,
        staffing_unit=teacher,
        rate=Decimal("0.5"),
        start=dt.date(2021, 9, 1),
        end=dt.date(2024, 8, 31),
    )
    return teacher


@pytest.mark.django_db
def test_staffing_table_shows_occupied_and_vacant_rates_on_a_date(director, hr_inspector, table) -> None:
    now = director.client.get(reverse("staffing_table"), {"on": "2026-11-21"}).context
    then = director.client.get(reverse("staffing_table"), {"on": "2023-01-10"}).context

    assert (now["total"]["rates"], now["total"]["occupied"], now["total"]["vacant"]) == ("4", "1,50", "2,50")
    assert then["total"]["occupied"] == "2"
    # (32 000 + 8 000) × 3 + 28 000 × 1 = 148 000
    assert now["total"]["monthly_fund"] == "148\xa0000,00"
    assert [section["department"] for section in now["sections"]] == ["Кафедра математики", "Библиотека"]
    teacher = now["sections"][0]["rows"][0]
    assert teacher["href"] == ""  # the director may not edit the structure
    editable = hr_inspector.client.get(reverse("staffing_table")).context["sections"][0]["rows"][0]
    assert editable["href"] == reverse("structure_edit", args=["staffing-units", table.pk])
    assert (teacher["salary"], teacher["allowance"], teacher["monthly_fund"]) == (
        "32\xa0000,00",
        "8\xa0000,00",
        "120\xa0000,00",
    )


@pytest.mark.django_db
def test_staffing_table_exports_to_xlsx(director, table) -> None:
    response = director.client.get(reverse("staffing_table_export"), {"on": "2026-11-21"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Подразделение"
    assert rows[1][:3] == ("Кафедра математики", "Учитель математики", 3)
    assert rows[-1][0] == "Итого" and rows[-1][7] == 2.5


@pytest.mark.django_db
@pytest.mark.parametrize("units", [1, 40])
def test_staffing_table_costs_the_same_queries_at_any_size(director, units, django_assert_max_num_queries) -> None:
    for _ in range(units):
        StaffingUnitFactory(organisation=director.organisation)

    with django_assert_max_num_queries(4):
        director.client.get(reverse("staffing_table"))


@pytest.mark.django_db
def test_inspector_adds_a_staffing_unit_and_it_is_recorded(hr_inspector) -> None:
    school = hr_inspector.organisation
    department = DepartmentFactory(organisation=school)
    position = PositionFactory(organisation=school)

    response = hr_inspector.client.post(
        reverse("structure_create", args=["staffing-units"]),
        {"department": department.pk, "position": position.pk, "rates": "2.5", "salary": "31000", "allowance": "0"},
    )

    assert response.status_code == 302
    unit = StaffingUnit.objects.get()
    assert unit.organisation == school and unit.rates == Decimal("2.5")
    assert ChangeRecord.objects.filter(subject_type="staff.staffingunit", action="create").exists()


@pytest.mark.django_db
def test_staffing_unit_refuses_another_schools_department_and_a_duplicate(hr_inspector, other_school) -> None:
    school = hr_inspector.organisation
    foreign = DepartmentFactory(organisation=other_school)
    existing = StaffingUnitFactory(organisation=school)
    url = reverse("structure_create", args=["staffing-units"])

    foreign_response = hr_inspector.client.post(
        url, {"department": foreign.pk, "position": existing.position_id, "rates": "1", "salary": "1", "allowance": "0"}
    )
    duplicate = hr_inspector.client.post(
        url,
        {
            "department": existing.department_id,
            "position": existing.position_id,
            "rates": "1",
            "salary": "1",
            "allowance": "0",
        },
    )

    assert "department" in foreign_response.context["form"].errors
    assert "Эта должность уже есть" in duplicate.context["form"].errors["position"][0]
    assert StaffingUnit.objects.count() == 1


@pytest.mark.django_db
def test_department_cannot_be_nested_into_its_own_child(hr_inspector) -> None:
    school = hr_inspector.organisation
    parent = DepartmentFactory(organisation=school, name="Администрация")
    child = DepartmentFactory(organisation=school, name="Отдел кадров", parent=parent)

    response = hr_inspector.client.post(
        reverse("structure_edit", args=["departments", parent.pk]),
        {"name": "Администрация", "parent": child.pk, "order": 0},
    )

    assert response.status_code == 400
    assert "само в себя" in response.context["form"].errors["parent"][0]
    parent.refresh_from_db()
    assert parent.parent is None


@pytest.mark.django_db
def test_structure_page_shows_nested_departments(director) -> None:
    school = director.organisation
    parent = DepartmentFactory(organisation=school, name="Администрация")
    DepartmentFactory(organisation=school, name="Отдел кадров", parent=parent)

    departments = director.client.get(reverse("structure")).context["departments"]

    assert [(d.name, level) for d, level in departments] == [("Администрация", 0), ("Отдел кадров", 1)]
    assert Department.objects.count() == 2


@pytest.mark.django_db
def test_duplicate_department_and_position_names_are_refused_whatever_the_case(hr_inspector) -> None:
    school = hr_inspector.organisation
    DepartmentFactory(organisation=school, name="Библиотека")
    PositionFactory(organisation=school, name="Учитель физики")

    department = hr_inspector.client.post(
        reverse("structure_create", args=["departments"]), {"name": "библиотека", "order": 0}
    )
    position = hr_inspector.client.post(
        reverse("structure_create", args=["positions"]), {"name": "учитель ФИЗИКИ", "category": "pedagogical"}
    )

    assert department.status_code == 400 and "уже есть" in department.context["form"].errors["name"][0]
    assert position.status_code == 400 and "уже есть" in position.context["form"].errors["name"][0]


@pytest.mark.django_db
def test_structure_page_counts_the_rates_of_each_position_over_its_departments(
    director, django_assert_max_num_queries
) -> None:
    school = director.organisation
    teacher = PositionFactory(organisation=school, name="Учитель математики")
    PositionFactory(organisation=school, name="Педагог-психолог")
    StaffingUnitFactory(organisation=school, position=teacher, rates=Decimal("3"))
    StaffingUnitFactory(organisation=school, position=teacher, rates=Decimal("1.5"))

    with django_assert_max_num_queries(6):
        response = director.client.get(reverse("structure"))

    text = response.content.decode()
    # Two lines of the staffing table, 3 + 1,5 rates: 4,5 units, not «2».
    assert 'Учитель математики\n        <span class="muted">— штатных единиц: 4,50</span>' in text
    assert 'Педагог-психолог\n        <span class="muted">— нет в штатном расписании' in text


@pytest.mark.django_db
def test_staffing_table_prints_as_t3_pdf_from_its_page(director, table, django_assert_max_num_queries) -> None:
    page = director.client.get(reverse("staffing_table"), {"on": "2026-11-21"}).content.decode()
    assert f'href="{reverse("staffing_table_pdf")}?on=2026-11-21"' in page

    with django_assert_max_num_queries(5):
        response = director.client.get(reverse("staffing_table_pdf"), {"on": "2026-11-21"})

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Унифицированная форма № Т-3" in text
    assert "ШТАТНОЕ РАСПИСАНИЕ на 21.11.2026" in text
    assert "Штат в количестве 4 ед. с месячным фондом оплаты труда 148 000,00 руб." in text
    assert "Учитель математики 3 32 000,00 8 000,00 120 000,00" in text
    assert "Педагог-библиотекарь 1 28 000,00 0,00 28 000,00" in text


def test_the_t3_pdf_keeps_its_ten_columns_on_the_page() -> None:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    row = {"position": "заместитель директора по административно-хозяйственной части", "rates": "1,50",
           "salary": "132\xa0000,00", "allowance": "18\xa0000,00", "monthly_fund": "225\xa0000,00",
           "note": "совмещение должностей до конца учебного года"}  # fmt: skip
    section = {"department": "Методическое объединение учителей естественных наук", "code": "02.4", "rows": [row] * 3}
    total = {"rates": "4,50", "monthly_fund": "675\xa0000,00"}
    html = render_to_string(
        "staff/print/t3.html",
        {"organisation": {"name": "МАОУ «Лицей № 7»"}, "sections": [section], "total": total, "on_text": "01.09.2026"},
    )
    page = HTML(string=html).render().pages[0]

    def boxes(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from boxes(child)

    content_right = page.width - 12 / 25.4 * 96  # the right margin: 12 mm
    tables = [box for box in boxes(page._page_box) if type(box).__name__ == "TableBox"]
    assert tables and max(box.position_x + box.margin_width() for box in tables) <= content_right + 0.5
