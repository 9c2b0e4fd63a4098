"""The register with its filters and export, recording one done, the card's tab, the notice, the API, the deadlines."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.obligations import rules
from kadry.obligations.deadlines import obligation_deadlines
from kadry.obligations.models import ObligationRecord, SchoolKind
from kadry.obligations.queries import register
from kadry.obligations.tests.conftest import works
from kadry.staff.models import HireDocument, Position, Training

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 2, 11, 10, tzinfo=dt.UTC)


def trained(employee, end: dt.date) -> Training:
    return Training.objects.create(
        organisation=employee.organisation, employee=employee, kind=Training.Kind.TRAINING,
        program="Обновлённые ФГОС", institution="ИРО", start=end - dt.timedelta(days=10), end=end, hours=72,
    )  # fmt: skip


def row_of(rows, employee, key: str):
    return next(row.obligation for row in rows if row.employee.pk == employee.pk and row.obligation.kind.key == key)


@time_machine.travel(NOW)
def test_the_cards_training_is_the_last_further_education_and_overdue_after_three_years(school, teacher) -> None:
    # Card: a course ended 10.02.2023; on 11.02.2026 the three years (to 10.02.2026) have run out.
    trained(teacher, D(2023, 2, 10))

    _kinds, rows = register(school.pk, D(2026, 2, 11))
    found = row_of(rows, teacher, rules.FURTHER_EDUCATION)

    assert (found.last, found.due, found.overdue) == (D(2023, 2, 10), D(2026, 2, 10), True)


@time_machine.travel(NOW)
def test_a_hire_documents_valid_until_is_its_term(school, janitor) -> None:
    # The medical report presented on hire is marked valid until 31.01.2026: overdue on 11.02.2026.
    HireDocument.objects.create(
        organisation=school, employee=janitor, kind=HireDocument.Kind.MEDICAL_EXAM, issued_on=D(2025, 8, 1),
        valid_until=D(2026, 1, 31),
    )  # fmt: skip
    HireDocument.objects.create(
        organisation=school, employee=janitor, kind=HireDocument.Kind.CRIMINAL_RECORD, issued_on=D(2020, 8, 20)
    )

    _kinds, rows = register(school.pk, D(2026, 2, 11))

    medical = row_of(rows, janitor, rules.MEDICAL_EXAM)
    record = row_of(rows, janitor, rules.CRIMINAL_RECORD)
    assert (medical.last, medical.due, medical.overdue) == (D(2025, 8, 1), D(2026, 1, 31), True)
    assert (record.last, record.due, record.overdue) == (D(2020, 8, 20), None, False)
    # Further education is a pedagogical worker's: the janitor has no such row.
    assert not [row for row in rows if row.employee.pk == janitor.pk and row.obligation.kind.key == "further_education"]


@time_machine.travel(NOW)
def test_hr_records_a_training_and_the_employee_moves_from_overdue_to_valid(hr_inspector, school, teacher) -> None:
    trained(teacher, D(2023, 2, 10))
    url = reverse("obligations:register") + "?kind=further_education&state=overdue"
    assert f'data-employee="{teacher.pk}"' in hr_inspector.client.get(url).content.decode()

    response = hr_inspector.client.post(
        reverse("obligations:record"),
        {"employee": teacher.pk, "kind": "further_education", "completed_on": "2026-02-09",
         "document": "удостоверение № 7701"},
    )  # fmt: skip

    assert response.status_code == 302
    assert f'data-employee="{teacher.pk}"' not in hr_inspector.client.get(url).content.decode()
    valid = hr_inspector.client.get(reverse("obligations:register") + "?kind=further_education&state=valid")
    assert f'data-employee="{teacher.pk}"' in valid.content.decode()
    change = ChangeRecord.objects.get(subject_id=teacher.pk, section="Обязательное обучение и документы")
    assert change.actor == hr_inspector.user


@time_machine.travel(NOW)
def test_the_register_in_memory_shows_a_recorded_training_at_once(hr_inspector, teacher, settings) -> None:
    """With the memory on (``kadry.core.memory``) the register is read once per state of the data: a
    second opening costs fewer queries, and a training recorded through the service shows at once."""
    settings.KADRY_MEMORY_SECONDS = 120
    cache.clear()
    trained(teacher, D(2023, 2, 10))
    url = reverse("obligations:register") + "?kind=further_education&state=overdue"
    with CaptureQueriesContext(connection) as computed:
        assert f'data-employee="{teacher.pk}"' in hr_inspector.client.get(url).content.decode()
    with CaptureQueriesContext(connection) as remembered:
        assert f'data-employee="{teacher.pk}"' in hr_inspector.client.get(url).content.decode()
    assert len(remembered) < len(computed), (len(remembered), len(computed))

    hr_inspector.client.post(
        reverse("obligations:record"),
        {"employee": teacher.pk, "kind": "further_education", "completed_on": "2026-02-09", "document": "№ 7701"},
    )

    assert f'data-employee="{teacher.pk}"' not in hr_inspector.client.get(url).content.decode()
    cache.clear()


@time_machine.travel(NOW)
def test_a_future_date_is_refused_on_its_field_and_nothing_is_written(hr_inspector, teacher) -> None:
    response = hr_inspector.client.post(
        reverse("obligations:record"), {"employee": teacher.pk, "kind": "first_aid", "completed_on": "2026-02-12"}
    )

    assert response.status_code == 422
    assert response.context["form"].errors == {"completed_on": ["Дата прохождения ещё не наступила."]}
    assert not ObligationRecord.objects.exists()


@time_machine.travel(NOW)
def test_the_register_costs_the_same_queries_for_more_employees(hr_inspector, school, teacher) -> None:
    trained(teacher, D(2023, 2, 10))
    url = reverse("obligations:register")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert hr_inspector.client.get(url).status_code == 200
        return len(queries)

    few = count()
    for number in range(6):
        other = works(school, f"Новиков{number}", Position.Category.SERVICE)
        trained(other, D(2024, 1, 1))
        HireDocument.objects.create(organisation=school, employee=other, kind="medical_exam", issued_on=D(2025, 5, 1))
    assert count() == few


@time_machine.travel(NOW)
def test_the_register_at_most_twelve_queries(hr_inspector, teacher, janitor, django_assert_max_num_queries) -> None:
    # session, user, membership, organisation, kinds, employees, jobs, records, trainings, documents,
    # departments of the filter, the access log.
    with django_assert_max_num_queries(14):
        assert hr_inspector.client.get(reverse("obligations:register")).status_code == 200


@time_machine.travel(NOW)
def test_the_register_shows_a_page_of_the_most_urgent_and_the_next_page_the_rest(
    hr_inspector, school, teacher, settings
) -> None:
    settings.KADRY_PAGE_SIZE = 5
    for number in range(2):
        works(school, f"Новиков{number}", Position.Category.SERVICE)
    # Hired 01.09.2020 and nothing recorded, so every required kind is overdue: the teacher's seven
    # (all kinds apply to a pedagogue) and four of each service employee (labour protection, medical
    # examination, hygiene, the criminal record): 7 + 2 × 4 = 15 rows, three pages of five.
    _kinds, rows = register(school.pk, NOW.date())
    first = hr_inspector.client.get(reverse("obligations:register"), {"state": "overdue"})
    second = hr_inspector.client.get(reverse("obligations:register"), {"state": "overdue", "page": 2})
    shown = [(r.employee.pk, r.obligation.kind.key) for page in (first, second) for r, _c, _n in page.context["rows"]]
    overdue = [(r.employee.pk, r.obligation.kind.key) for r in rows if r.obligation.overdue]
    assert len(overdue) == 15 and first.context["total"] == 15
    assert shown == overdue[:10], "the pages follow the register's order, the most urgent first"
    assert "state=overdue&page=2" in first.content.decode(), "the next page keeps the filter"


@time_machine.travel(NOW)
def test_the_register_filters_by_department_and_exports_xlsx(hr_inspector, school, teacher, janitor) -> None:
    department = teacher.assignments.get().staffing_unit.department
    page = hr_inspector.client.get(reverse("obligations:register"), {"department": department.pk})
    body = page.content.decode()
    assert f'data-employee="{teacher.pk}"' in body
    assert f'data-employee="{janitor.pk}"' not in body

    response = hr_inspector.client.get(reverse("obligations:register_xlsx"), {"state": "overdue", "kind": "first_aid"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    # Hired 01.09.2020 with no first aid training: due 60 days later, 31.10.2020; only the teacher's.
    assert values[0][:5] == ("Сотрудник", "Табельный номер", "Подразделение", "Должность", "Вид")
    assert [(row[0], row[7]) for row in values[1:]] == [(teacher.full_name, dt.datetime(2020, 10, 31))]  # noqa: DTZ001 (openpyxl reads a date cell as naive)
    assert AccessLogEntry.objects.filter(what__startswith="Обязательное обучение и документы").count() == 2


@time_machine.travel(NOW)
def test_the_card_tab_shows_each_kind_with_its_source(hr_inspector, teacher) -> None:
    trained(teacher, D(2023, 2, 10))

    page = hr_inspector.client.get(reverse("employee_card_tab", args=[teacher.pk, "obligations"])).content.decode()

    assert 'data-kind="further_education" data-state="overdue"' in page
    assert "10.02.2026" in page
    assert "273-ФЗ ст. 47 ч. 5 п. 2" in page


@time_machine.travel(NOW)
def test_a_school_adds_its_own_kind_and_may_not_lengthen_the_laws(hr_inspector, school, teacher) -> None:
    url = reverse("obligations:kinds")
    hr_inspector.client.post(url, {"name": "Инструктаж по антитеррору", "period_months": "12", "basis": "Приказ № 5"})
    refused = hr_inspector.client.post(url, {"builtin": "medical_exam", "period_months": "24", "basis": "Приказ № 6"})

    kind = SchoolKind.objects.get()
    assert kind.name == "Инструктаж по антитеррору"
    # In the history, so on the change chain that the register kept in memory follows.
    assert ChangeRecord.objects.filter(subject_id=kind.pk, action=ChangeRecord.Action.CREATE).count() == 1
    assert refused.status_code == 422
    assert "школа может только сократить срок" in refused.context["form"].errors["period_months"][0]
    _kinds, rows = register(school.pk, D(2026, 2, 11), kind=f"school-{kind.pk}")
    assert [(row.employee.pk, row.obligation.due) for row in rows] == [(teacher.pk, D(2020, 9, 1))]


@time_machine.travel(NOW)
def test_overdue_items_are_on_the_deadlines(school, teacher) -> None:
    trained(teacher, D(2023, 2, 10))

    found = [d for d in obligation_deadlines(school.pk, D(2026, 2, 11)) if d.kind.startswith("Повышение")]

    assert [(d.subject, d.due, d.overdue_on(D(2026, 2, 11))) for d in found] == [
        (teacher.short_name, D(2026, 2, 10), True)
    ]


@time_machine.travel(NOW)
def test_the_api_answers_each_kind_with_last_due_overdue_and_source(
    hr_inspector,
    teacher,
    api_as,  # noqa: F811
) -> None:
    trained(teacher, D(2023, 2, 10))
    client = api_as(hr_inspector)

    answer = client.get(f"/employees/{teacher.pk}/obligations", on="2026-02-10").json()
    later = client.get(f"/employees/{teacher.pk}/obligations", on="2026-02-11").json()
    bad = client.get(f"/employees/{teacher.pk}/obligations", on="2026-02-30")

    further = next(item for item in answer["obligations"] if item["kind"] == "further_education")
    assert {key: further[key] for key in ("last", "due", "overdue")} == {
        "last": "2023-02-10", "due": "2026-02-10", "overdue": False,
    }  # fmt: skip
    assert further["source"].startswith("273-ФЗ ст. 47 ч. 5 п. 2")
    assert next(item for item in later["obligations"] if item["kind"] == "further_education")["overdue"] is True
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid" and "on" in bad.json()["errors"]


def test_the_api_hides_another_schools_employee(outsider, teacher, api_as) -> None:  # noqa: F811
    assert api_as(outsider).get(f"/employees/{teacher.pk}/obligations").status_code == 404


@time_machine.travel(NOW)
def test_the_notice_is_a_pdf_naming_what_is_overdue_and_logged(hr_inspector, teacher, monkeypatch) -> None:
    rendered: list[str] = []

    def render_pdf(html: str, base_url: str) -> bytes:
        rendered.append(html)
        return b"%PDF"

    monkeypatch.setattr("kadry.obligations.views.render_pdf", render_pdf)
    trained(teacher, D(2023, 2, 10))

    response = hr_inspector.client.get(reverse("obligations:notice", args=[teacher.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "пройти обучение по дополнительной профессиональной программе" in rendered[0]
    assert "срок истёк 10.02.2026" in rendered[0]
    assert AccessLogEntry.objects.filter(subject_id=teacher.pk, what__startswith="Уведомление").exists()
