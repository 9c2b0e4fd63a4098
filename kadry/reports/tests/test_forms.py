"""ОО-1 (staff tables) and П-4 (headcount columns) of a small school, computed by hand, cell by cell.

The school on 20.09.2026 (ages on 01.01.2027, the ОО-1's day; service on 20.09.2026):

| person     | position (category)              | sex | born       | age | education            | category  | service total / pedagogical |
|------------|----------------------------------|-----|------------|-----|----------------------|-----------|-----------------------------|
| Антонова   | Директор (management)            | F   | 10.05.1970 | 56  | specialist           | highest   | 26 y / 26 y (prior teacher) |
| Борисов    | Заместитель директора (mgmt)     | M   | 15.01.1990 | 36  | bachelor             | first     | 14 y / 4 y (10 y not ped.)  |
| Васильева  | Учитель (pedagogical)            | F   | 01.03.2001 | 25  | secondary vocational | —         | 2 y / 2 y                   |
| Григорьев  | Учитель (pedagogical)            | M   | 01.02.1960 | 66  | vocational+specialist| mentor    | 44 y / 44 y                 |
| Денисова   | Учитель-логопед (pedagogical)    | F   | 30.06.1995 | 31  | specialist           | conformity| 7 y / 7 y; childcare from 01.09.2026 |
| Жданова    | Лаборант (educational support)   | F   | 31.12.1999 | 27  | secondary general    | —         | 1 y / none                  |
| Егорова    | Гардеробщик, external 0.5        | F   |            |     | secondary general    | —         | (line 11 only)              |
| Жуков      | Учитель, dismissed 30.06.2026    |     |            |     |                      |           | not on the list             |
| Зайцева    | Учитель, hired 21.09.2026        | F   |            |     |                      |           | not yet (ОО-1); П-4 from the 21st |

Staffing: Директор 1, Заместитель директора 2 (one vacant), Учитель 3 (Васильева and Григорьев: one
vacant on 20.09), Учитель-логопед 1, Лаборант 1, Гардеробщик 1 (0.5 held by the external).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import Membership, Organisation
from kadry.documents.tests.helpers import pdf_text
from kadry.reports import form_figures
from kadry.reports.tests.conftest import childcare
from kadry.staff.models import Education, Employee, Position
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    PriorJobFactory,
    StaffingUnitFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date
F, M = Employee.Sex.FEMALE, Employee.Sex.MALE
ON = D(2026, 9, 20)


def _unit(school: Any, name: str, category: str, rates: str, *, pedagogical: bool) -> Any:
    return StaffingUnitFactory(organisation=school, position__name=name, position__category=category,
                               position__pedagogical_service=pedagogical, rates=Decimal(rates))  # fmt: skip


def _person(school: Any, name: str, unit: Any, sex: str, born: dt.date, levels: tuple[str, ...], category: str,
            start: dt.date, end: dt.date | None = None, kind: str = "1_main", rate: str = "1") -> Employee:  # fmt: skip
    employee = EmployeeFactory(organisation=school, last_name=name, sex=sex, birth_date=born,
                               qualification_category=category)  # fmt: skip
    for year, level in enumerate(levels, 1990):
        Education.objects.create(organisation=school, employee=employee, level=level, institution="Колледж",
                                 graduation_year=year)  # fmt: skip
    AssignmentFactory(employee=employee, staffing_unit=unit, start=start, end=end, kind=kind, rate=Decimal(rate))
    return employee


@pytest.fixture
def small_school(school: Any, hr_inspector: Any) -> dict[str, Employee]:
    P = Position.Category
    director = _unit(school, "Директор", P.MANAGEMENT, "1", pedagogical=True)
    deputy = _unit(school, "Заместитель директора", P.MANAGEMENT, "2", pedagogical=True)
    teacher = _unit(school, "Учитель", P.PEDAGOGICAL, "3", pedagogical=True)
    speech = _unit(school, "Учитель-логопед", P.PEDAGOGICAL, "1", pedagogical=True)
    lab = _unit(school, "Лаборант", P.EDUCATIONAL_SUPPORT, "1", pedagogical=False)
    cloakroom = _unit(school, "Гардеробщик", P.SERVICE, "1", pedagogical=False)
    people = {
        "Антонова": _person(school, "Антонова", director, F, D(1970, 5, 10), ("specialist",), "highest",
                            D(2015, 9, 1)),
        "Борисов": _person(school, "Борисов", deputy, M, D(1990, 1, 15), ("bachelor",), "first", D(2022, 9, 1)),
        "Васильева": _person(school, "Васильева", teacher, F, D(2001, 3, 1), ("secondary_vocational",), "",
                             D(2024, 9, 1)),
        "Григорьев": _person(school, "Григорьев", teacher, M, D(1960, 2, 1), ("secondary_vocational", "specialist"),
                             "mentor", D(2010, 9, 1)),
        "Денисова": _person(school, "Денисова", speech, F, D(1995, 6, 30), ("specialist",), "conformity",
                            D(2019, 9, 1)),
        "Жданова": _person(school, "Жданова", lab, F, D(1999, 12, 31), ("secondary_general",), "", D(2025, 9, 1)),
        "Егорова": _person(school, "Егорова", cloakroom, F, D(1980, 1, 1), ("secondary_general",), "",
                           D(2025, 9, 1), kind="3_external", rate="0.5"),
        "Жуков": _person(school, "Жуков", teacher, M, D(1985, 1, 1), (), "", D(2020, 9, 1), D(2026, 6, 30)),
        "Зайцева": _person(school, "Зайцева", teacher, F, D(1998, 1, 1), ("bachelor",), "", D(2026, 9, 21)),
    }  # fmt: skip
    PriorJobFactory(employee=people["Антонова"], start=D(2000, 9, 1), end=D(2015, 8, 31), pedagogical=True)
    PriorJobFactory(employee=people["Борисов"], start=D(2012, 9, 1), end=D(2022, 8, 31), pedagogical=False,
                    position="инженер")  # fmt: skip
    PriorJobFactory(employee=people["Григорьев"], start=D(1982, 9, 1), end=D(2010, 8, 31), pedagogical=True)
    childcare(hr_inspector.user, people["Денисова"], D(2026, 9, 1), 540)
    return people


def _cells(section: form_figures.FormSection) -> dict[str, tuple[Any, ...]]:
    return {line.code: line.cells for line in section.lines}


def test_oo1_staff_numbers_by_position_education_and_category(school: Any, small_school: dict) -> None:
    staff = _cells(form_figures.oo1([school.pk], ON).sections[0])

    # всего, женщины, высшее, СПО, высшая, первая, методист/наставник, ставок, вакантных
    assert staff["01"] == (2, 1, 2, 0, 1, 1, 0, Decimal("3"), Decimal("1"))  # director + deputy; 2 rates − 1 held
    assert staff["02"] == (1, 1, 1, 0, 1, 0, 0, Decimal("1"), Decimal("0"))
    assert staff["03"] == (1, 0, 1, 0, 0, 1, 0, Decimal("2"), Decimal("1"))
    assert staff["04"] == (0, 0, 0, 0, 0, 0, 0, Decimal("0"), Decimal("0"))
    # Васильева (СПО), Григорьев (СПО and specialist: the highest counts), Денисова (on childcare: in the list).
    assert staff["05"] == (3, 2, 2, 1, 0, 0, 1, Decimal("4"), Decimal("1"))
    # Teachers without the speech therapist; Жуков left in June, Зайцева comes on the 21st: 3 − 2 = 1 vacant.
    assert staff["06"] == (2, 1, 1, 1, 0, 0, 1, Decimal("3"), Decimal("1"))
    assert staff["07"] == (1, 1, 0, 0, 0, 0, 0, Decimal("1"), Decimal("0"))
    assert staff["08"] == (0, 0, 0, 0, 0, 0, 0, Decimal("0"), Decimal("0"))
    # The cloakroom's one rate, half held by the external part-timer, who is not on the list.
    assert staff["09"] == (0, 0, 0, 0, 0, 0, 0, Decimal("1"), Decimal("0.5"))
    # 1 + 2 + 3 + 1 + 1 + 1 = 9 rates; 1 + 1 + 0.5 vacant.
    assert staff["10"] == (6, 4, 4, 1, 1, 1, 1, Decimal("9"), Decimal("2.5"))
    assert staff["11"] == (1, 1, 0, 0, 0, 0, 0, None, None)


def test_oo1_length_of_service_bands(school: Any, small_school: dict) -> None:
    service = _cells(form_figures.oo1([school.pk], ON).sections[1])

    # всего; общий: <3, 3–5, 5–10, 10–15, 15–20, 20+; педагогический: всего, <3, 3–5, 5–10, 10–15, 15–20, 20+; нет
    # Антонова 26/26, Борисов 14/4 (his ten years as an engineer are not pedagogical).
    assert service["01"] == (2, 0, 0, 0, 1, 0, 1, 2, 0, 1, 0, 0, 0, 1, 0)
    # Васильева 2/2, Григорьев 44/44, Денисова 7/7.
    assert service["05"] == (3, 1, 0, 1, 0, 0, 1, 3, 1, 0, 1, 0, 0, 1, 0)
    assert service["07"] == (1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)  # the laboratory assistant: none
    assert service["10"] == (6, 2, 0, 1, 1, 0, 2, 5, 1, 1, 1, 0, 0, 2, 1)
    assert "11" not in service  # without external part-timers


def test_oo1_sex_and_age_on_the_first_of_january_after(school: Any, small_school: dict) -> None:
    form = form_figures.oo1([school.pk], ON)
    age = _cells(form.sections[2])

    assert "01.01.2027" in form.sections[2].title
    # всего; (всего, женщины) for <25, 25–29, 30–34, 35–39, 40–44, 45–49, 50–54, 55–59, 60–64, 65+
    # Васильева 25 F and Жданова 27 F; Денисова 31 F (30.06.1995: 31 on 01.01.2027); Борисов 36 M;
    # Антонова 56 F; Григорьев 66 M.
    assert age["10"] == (6, 0, 0, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0)
    assert age["02"] == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0)


def test_p4_month_average_without_the_childcare_leave_and_the_external_apart(school: Any, small_school: dict) -> None:
    form = form_figures.p4([school.pk], 2026, 9, None)
    (line,) = form.sections[0].lines

    # 1–20 September: 5 in the average (Денисова on childcare); 21–30: 6 with Зайцева.
    # 20 × 5 + 10 × 6 = 160 person-days ÷ 30 = 5.33 → 5; the external 30 ÷ 30 = 1; column 1 = 5 + 1.
    # The list on 30.09: the six, Денисова among them, and Зайцева = 7.
    assert line.code == "01" and line.cells == (6, 5, 1, None, 7)
    assert "5.33" in form.sections[0].note
    assert form.period == "за сентябрь 2026 г."


def test_p4_quarter_is_the_sum_of_its_months_over_three(school: Any, small_school: dict) -> None:
    (line,) = form_figures.p4([school.pk], 2026, None, 3).sections[0].lines

    # July 6, August 6, September 160/30: (6 + 6 + 5.333…) ÷ 3 = 5.78 → 6; the external 1; the list on 30.09: 7.
    assert line.cells == (7, 6, 1, None, 7)


def test_oo1_xlsx_has_the_form_layout_and_the_cells(hr_inspector: Any, small_school: dict) -> None:
    response = hr_inspector.client.get(reverse("reports:oo1_export", args=["xlsx"]), {"on": "2026-09-20"})

    assert response["Content-Disposition"] == 'attachment; filename="oo1-2026-09-20.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    texts = [value for row in rows for value in row if isinstance(value, str)]
    assert "Форма № ОО-1" in texts and "по состоянию на 20.09.2026" in texts
    assert hr_inspector.membership.organisation.name in texts
    assert tuple(range(1, 12)) in [row[:11] for row in rows]  # the column numbers under the header
    total = next(row for row in rows if row[1] == "10" and row[0].startswith("Численность работников"))
    assert total[:11] == (total[0], "10", 6, 4, 4, 1, 1, 1, 1, 9, 2.5)
    assert tuple(range(1, 24)) in [row[:23] for row in rows]  # the age table numbers its 23 columns


def test_p4_page_xlsx_and_pdf(hr_inspector: Any, small_school: dict) -> None:
    query = {"year": "2026", "month": "9"}
    page = hr_inspector.client.get(reverse("reports:p4"), query).content.decode()
    assert "Форма № П-4" in page and '<tr data-line="01">' in page

    response = hr_inspector.client.get(reverse("reports:p4_export", args=["xlsx"]), query)
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("А", "Б", 1, 2, 3, 4, None) in [row[:7] for row in rows]
    assert ("Всего по организации", "01", 6, 5, 1, None, 7) in [row[:7] for row in rows]

    pdf = hr_inspector.client.get(reverse("reports:p4_export", args=["pdf"]), query)
    assert pdf["Content-Type"] == "application/pdf" and "Всего по организации" in pdf_text(pdf.content)
    pdf = hr_inspector.client.get(reverse("reports:oo1_export", args=["pdf"]), {"on": "2026-09-20"})
    assert pdf["Content-Type"] == "application/pdf" and "Форма № ОО-1" in pdf_text(pdf.content)


def test_an_unknown_format_of_a_form_is_404(hr_inspector: Any) -> None:
    assert hr_inspector.client.get(reverse("reports:oo1_export", args=["docx"])).status_code == 404


def test_a_centralised_service_sums_its_schools_or_chooses_one(school: Any, small_school: dict) -> None:
    hr_service = OrganisationFactory(short_name="ЦКС", kind=Organisation.Kind.HR_SERVICE)
    Organisation.objects.filter(pk=school.pk).update(serviced_by=hr_service)
    other = OrganisationFactory(short_name="Школа № 3", serviced_by=hr_service)
    _person(other, "Юрьева", _unit(other, "Учитель", Position.Category.PEDAGOGICAL, "1", pedagogical=True), F,
            D(1990, 1, 1), ("bachelor",), "", D(2020, 9, 1))  # fmt: skip
    client = Client()
    client.force_login(MembershipFactory(organisation=hr_service, role=Membership.Role.HR_HEAD).user)

    summed = client.get(reverse("reports:oo1_export", args=["xlsx"]), {"on": "2026-09-20"})
    one = client.get(reverse("reports:oo1_export", args=["xlsx"]), {"on": "2026-09-20", "organisation": str(other.pk)})

    def total(response: Any) -> tuple[Any, ...]:
        rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        return next(row for row in rows if row[1] == "10" and str(row[0]).startswith("Численность"))[2:4]

    assert total(summed) == (7, 5)  # 6 + Юрьева; 4 + 1 women
    assert total(one) == (1, 1)
    page = client.get(reverse("reports:p4"), {"year": "2026", "month": "9"}).content.decode()
    assert "сумма по обслуживаемым школам (2)" in page
    p4 = form_figures.p4([school.pk, other.pk], 2026, 9, None)
    assert p4.sections[0].lines[0].cells == (7, 6, 1, None, 8)  # 160/30 + 30/30 = 6.33 → 6; the lists 7 + 1
    assert [line.label for line in p4.sections[2].lines] == ["Лицей № 1", "Школа № 3"]
    assert [line.cells for line in p4.sections[2].lines] == [(5, Decimal("5.33"), 7), (1, Decimal("1.00"), 1)]


def _grow(school: Any, count: int) -> None:
    unit = StaffingUnitFactory(organisation=school, rates=count)
    for index in range(count):
        employee = AssignmentFactory(employee=EmployeeFactory(organisation=school), staffing_unit=unit).employee
        Education.objects.create(organisation=school, employee=employee, level="bachelor", institution="Вуз",
                                 graduation_year=2000 + index % 20)  # fmt: skip
        PriorJobFactory(employee=employee)


@pytest.mark.parametrize(("name", "query"), [("reports:oo1", {"on": "2026-09-20"}),
                                             ("reports:p4", {"year": "2026", "quarter": "3"})])  # fmt: skip
def test_form_pages_cost_the_same_queries_with_9_or_39_employees(
    director: Any, small_school: dict, school: Any, name: str, query: dict, django_assert_max_num_queries: Any
) -> None:
    director.client.get(reverse(name), query)
    with django_assert_max_num_queries(30) as small:
        director.client.get(reverse(name), query)
    _grow(school, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert director.client.get(reverse(name), query).status_code == 200
