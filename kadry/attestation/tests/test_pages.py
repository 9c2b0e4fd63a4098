"""The pages and API of attestation: the due list with its reasons, the schedule, the steps, the card, the deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.absences.models import Absence
from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.attestation import deadlines, queries, services
from kadry.attestation.models import Attestation, CategoryDecision
from kadry.attestation.tests.conftest import make_schedule
from kadry.core.home import DeadlineScope
from kadry.core.models import AccessLogEntry
from kadry.documents.tests.helpers import pdf_text
from kadry.staff.models import Employee
from kadry.testing.factories import AssignmentFactory

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)


def hire(teaching, last_name: str, start: dt.date, **employee) -> Employee:
    fields = {f"employee__{name}": value for name, value in employee.items()}
    return AssignmentFactory(employee__organisation=teaching.organisation, employee__last_name=last_name,
                             staffing_unit=teaching, start=start, **fields).employee  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_the_due_list_shows_expiring_categories_conformity_and_the_reasons(
    school, teaching, teacher, hr_inspector
) -> None:
    # Highest category set 15.03.2022 → last day 14.03.2027, inside the school year 2026/2027.
    expiring = hire(teaching, "Категорийная", D(2010, 9, 1))
    services.record_category(actor=hr_inspector.user, employee=expiring, category="highest", decided_on=D(2022, 3, 15),
                             issued_by="Министерство образования", decision_number="1234", today=D(2026, 12, 3))  # fmt: skip
    # On the card only: first category 10.02.2023 → 09.02.2028, beyond the period: not listed.
    hire(teaching, "Карточная", D(2010, 9, 1), qualification_category="first",
         qualification_category_date=D(2023, 2, 10))  # fmt: skip
    # Set after 01.09.2023: no term, never due.
    hire(teaching, "Бессрочная", D(2010, 9, 1), qualification_category="highest",
         qualification_category_date=D(2024, 4, 1))  # fmt: skip
    # Hired 01.02.2025: two years on 01.02.2027 (inside the period), conformity due then and attested.
    hire(teaching, "Новенькая", D(2025, 2, 1))
    # Ill 01.02–01.06.2026 (more than four months): due, but not before 02.06.2027.
    ill = hire(teaching, "Болевшая", D(2012, 9, 1))
    Absence.objects.create(organisation=school, employee=ill, kind=Absence.Kind.SICK, start=D(2026, 2, 1),
                           end=D(2026, 6, 1), sick_reason=Absence.SickReason.OWN_ILLNESS)  # fmt: skip
    rows = {row.employee.last_name: row for row in queries.due_list(school.pk, D(2026, 9, 1), D(2027, 8, 31))}
    assert set(rows) == {"Категорийная", "Новенькая", "Болевшая", "Сидорова"}
    assert (rows["Категорийная"].kind, rows["Категорийная"].due) == ("category", D(2027, 3, 14))
    assert (rows["Новенькая"].due, rows["Новенькая"].exemption) == (D(2027, 2, 1), None)
    # Сидорова: two years in the post on 01.09.2017, never attested: due since then, judged on 01.09.2026.
    assert rows["Сидорова"].due == D(2017, 9, 1) and rows["Сидорова"].can_schedule
    assert rows["Болевшая"].exemption is not None and rows["Болевшая"].exemption.possible_from == D(2027, 6, 2)
    page = hr_inspector.client.get(reverse("attestation:due") + "?from=2026-09-01&to=2027-08-31")
    assert page.status_code == 200
    text = page.content.decode()
    assert "14.03.2027" in text and "не ранее 02.06.2027" in text
    assert AccessLogEntry.objects.filter(what__startswith=queries.DUE_WHAT).count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_due_list_costs_the_same_whatever_the_number_of_workers(
    school, teaching, teacher, hr_inspector, django_assert_max_num_queries
) -> None:
    url = reverse("attestation:due") + "?from=2026-09-01&to=2027-08-31"
    with django_assert_max_num_queries(14) as one:
        assert hr_inspector.client.get(url).status_code == 200
    for n in range(6):
        worker = hire(teaching, f"Учителева{n}", D(2012, 9, 1))
        services.record_category(actor=hr_inspector.user, employee=worker, category="first", decided_on=D(2022, 1, 10 + n),
                                 issued_by="Министерство", decision_number=str(n), today=D(2026, 12, 3))  # fmt: skip
        Absence.objects.create(organisation=school, employee=worker, kind=Absence.Kind.SICK, start=D(2026, 3, 1),
                               end=D(2026, 3, 5))  # fmt: skip
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = hr_inspector.client.get(url)
    assert page.content.decode().count("истекает квалификационная категория") == 6


@time_machine.travel(NOW, tick=False)
def test_the_schedule_is_made_from_the_due_list_and_each_step_recorded(
    school, teacher, commission, hr_inspector, auditor
) -> None:
    new = reverse("attestation:schedule_new") + "?from=2026-09-01&to=2027-08-31"
    assert teacher.last_name in hr_inspector.client.get(new).content.decode()
    form = {"commission": commission.pk, "school_year": 2026, "order_number": "50-о", "order_date": "2026-12-01",
            "employee": [teacher.pk], f"planned_{teacher.pk}": "2027-09-01"}  # fmt: skip
    # A day outside the school year: refused on the list, nothing written.
    refused = hr_inspector.client.post(new, form)
    assert refused.status_code == 422 and "вне 2026/2027 учебного года" in refused.content.decode()
    assert not Attestation.objects.exists()
    form[f"planned_{teacher.pk}"] = "2026-12-30"
    done = hr_inspector.client.post(new, form)
    assert done.status_code == 302, done.content.decode()
    attestation = Attestation.objects.get()
    assert (attestation.planned_on, attestation.position) == (D(2026, 12, 30), "учитель математики")
    # Scheduled: no longer offered for a new schedule.
    assert teacher.last_name not in hr_inspector.client.get(new).content.decode()
    step = lambda name, data: hr_inspector.client.post(reverse("attestation:step", args=[attestation.pk, name]), data)  # noqa: E731
    # Acquainted 01.12.2026, 29 days before 30.12.2026: recorded with a warning.
    warned = step("acquaintance", {"acquainted_on": "2026-12-01"})
    assert warned.status_code == 302
    page = hr_inspector.client.get(reverse("attestation:detail", args=[attestation.pk])).content.decode()
    assert "менее чем за 30 календарных дней" in page
    # The protocol before the representation: refused on its field.
    early = step("protocol", {"protocol_number": "1", "protocol_date": "2026-12-02", "result": "conforms"})
    assert early.status_code == 422 and "Сначала запишите представление" in early.content.decode()
    assert step("representation", {"representation": "Уроки проводит на высоком уровне.",
                                    "representation_acquainted_on": "2026-12-02"}).status_code == 302  # fmt: skip
    # The auditor reads, never writes.
    assert auditor.client.post(reverse("attestation:step", args=[attestation.pk, "protocol"]), {}).status_code == 404


def test_the_conformity_result_goes_on_the_card_and_the_protocol_prints(
    school, teacher, commission, hr_inspector
) -> None:
    schedule = make_schedule(hr_inspector, commission, teacher, D(2026, 10, 1))
    attestation = schedule.attestations.get()
    today = D(2026, 10, 1)
    services.record_step(actor=hr_inspector.user, attestation=attestation, step="representation",
                         data={"representation": "Оценка", "representation_acquainted_on": D(2026, 9, 1)}, today=today)  # fmt: skip
    services.record_step(actor=hr_inspector.user, attestation=attestation, step="protocol",
                         data={"protocol_number": "3", "protocol_date": D(2026, 10, 1), "result": "conforms",
                               "recommendations": ""}, today=today)  # fmt: skip
    teacher.refresh_from_db()
    assert (teacher.qualification_category, teacher.qualification_category_date) == ("conformity", D(2026, 10, 1))
    protocol = hr_inspector.client.get(reverse("attestation:document", args=[attestation.pk, "protocol"]))
    assert protocol["Content-Type"] == "application/pdf"
    text = pdf_text(protocol.content)
    assert "Протокол № 3" in text and teacher.full_name in text and "Соответствует занимаемой должности" in text
    assert "Петрова Анна Андреевна" in text
    # The next one is due five years later: 01.10.2031.
    rows = queries.due_list(school.pk, D(2031, 9, 1), D(2031, 12, 31))
    assert [(row.employee, row.due) for row in rows] == [(teacher, D(2031, 10, 1))]
    assert queries.due_list(school.pk, D(2031, 9, 1), D(2031, 9, 30)) == []


def test_methodist_needs_the_highest_category(school, teacher, hr_inspector) -> None:
    form = {"employee": teacher.pk, "category": "methodist", "decided_on": "2025-05-05",
            "issued_by": "Министерство", "decision_number": "9"}  # fmt: skip
    refused = hr_inspector.client.post(reverse("attestation:category_new"), form)
    assert refused.status_code == 422 and "высшей" in refused.content.decode()
    assert not CategoryDecision.objects.exists()
    services.record_category(actor=hr_inspector.user, employee=teacher, category="highest", decided_on=D(2024, 4, 1),
                             issued_by="Министерство", decision_number="8", today=D(2025, 5, 5))  # fmt: skip
    assert hr_inspector.client.post(reverse("attestation:category_new"), form).status_code == 302
    teacher.refresh_from_db()
    assert (teacher.qualification_category, teacher.qualification_category_date) == ("methodist", D(2025, 5, 5))
    card = hr_inspector.client.get(reverse("employee_card_tab", args=[teacher.pk, "attestation"]))
    assert "педагог-методист" in card.content.decode() and "бессрочно" in card.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_category_warnings_reach_the_deadlines(school, teacher, hr_inspector, personas) -> None:
    # Last day 14.03.2027: on 03.12.2026 (+7 days = 10.12) the six-month reminder of 14.09.2026 is the one reached.
    services.record_category(actor=hr_inspector.user, employee=teacher, category="first", decided_on=D(2022, 3, 15),
                             issued_by="Министерство", decision_number="1", today=D(2026, 12, 3))  # fmt: skip
    found = deadlines.membership_attestation_deadlines(
        DeadlineScope(hr_inspector.membership, (school.pk,), D(2026, 12, 3))
    )
    assert [(d.kind, d.due) for d in found] == [("Истекает квалификационная категория (за 6 мес.)", D(2026, 9, 14))]
    teacher_scope = DeadlineScope(personas["teacher"].membership, (school.pk,), D(2026, 12, 3))
    assert deadlines.membership_attestation_deadlines(teacher_scope) == []
    # On 07.12.2026 the three-month one (14.12.2026) is within the week.
    later = deadlines.category_deadlines(school.pk, D(2026, 12, 7))
    assert [(d.kind, d.due) for d in later] == [("Истекает квалификационная категория (за 3 мес.)", D(2026, 12, 14))]
    page = hr_inspector.client.get(reverse("deadlines")).content.decode()
    assert "Истекает квалификационная категория" in page


def test_the_acquaintance_and_the_extract_are_on_the_deadlines(school, teacher, commission, hr_inspector) -> None:
    attestation = make_schedule(hr_inspector, commission, teacher, D(2026, 10, 1)).attestations.get()
    found = deadlines.attestation_deadlines(school.pk, D(2026, 9, 2))
    assert [(d.kind, d.due) for d in found] == [(deadlines.ACQUAINTANCE_KIND, D(2026, 9, 1))]
    Attestation.objects.filter(pk=attestation.pk).update(
        acquainted_on=D(2026, 9, 1), representation="x", protocol_number="1", protocol_date=D(2026, 11, 26),
        result="conforms",
    )  # fmt: skip
    # Sitting Thursday 26.11.2026 → the extract by Monday 30.11.2026.
    assert [(d.kind, d.due) for d in deadlines.attestation_deadlines(school.pk, D(2026, 11, 27))] == [
        (deadlines.EXTRACT_KIND, D(2026, 11, 30))
    ]


@time_machine.travel(NOW, tick=False)
def test_the_api_lists_the_due_and_an_employees_attestation(school, teaching, teacher, hr_inspector, api_as) -> None:  # noqa: F811
    client = api_as(hr_inspector)
    due = client.get("/attestation/due?from=2026-09-01&to=2027-08-31")
    assert due.status_code == 200
    body = due.json()
    assert body["from"] == "2026-09-01"
    assert [(row["name"], row["kind"], row["due"]) for row in body["rows"]] == [
        (teacher.full_name, "conformity", "2017-09-01")
    ]
    wrong = client.get("/attestation/due?from=2027-09-01&to=2026-08-31")
    assert wrong.status_code == 422 and wrong.json()["errors"]["to"]
    services.record_category(actor=hr_inspector.user, employee=teacher, category="highest", decided_on=D(2022, 3, 15),
                             issued_by="Министерство", decision_number="7", today=D(2026, 12, 3))  # fmt: skip
    card = client.get(f"/employees/{teacher.pk}/attestation").json()
    assert (card["category"], card["category_valid_until"]) == ("highest", "2027-03-14")
    assert card["decisions"][0]["decision_number"] == "7"
