"""The register, a case's page and its forms; the card's tab; the API of sanctions; the deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.core.models import AccessLogEntry
from kadry.discipline.deadlines import ACQUAINTANCE_KIND, EXPLANATION_KIND, SANCTION_KIND, discipline_deadlines
from kadry.discipline.models import Violation
from kadry.discipline.tests.conftest import open_case, sign_sanction
from kadry.testing.factories import AssignmentFactory

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)


@time_machine.travel(NOW)
def test_hr_opens_a_case_and_records_the_request_on_its_page(hr_inspector, teacher) -> None:
    response = hr_inspector.client.post(
        reverse("discipline:new"),
        {"employee": teacher.pk, "committed_on": "2026-11-17", "description": "опоздание на урок",
         "discovered_by": "завуч", "discovered_on": "2026-11-17"},
    )  # fmt: skip
    case = Violation.objects.get()
    assert response.url == reverse("discipline:detail", args=[case.pk])

    hr_inspector.client.post(reverse("discipline:act", args=[case.pk, "request"]), {"requested_on": "2026-11-18"})
    page = hr_inspector.client.get(reverse("discipline:detail", args=[case.pk])).content.decode()

    assert "представить до 20.11.2026 включительно (ТК РФ ст. 193 ч. 1)" in page
    assert "не ранее 21.11.2026 и не позднее 17.12.2026 — месяц со дня обнаружения проступка" in page
    assert AccessLogEntry.objects.filter(subject_id=teacher.pk, what="Дело о дисциплинарном проступке").exists()


@time_machine.travel(NOW)
def test_an_early_act_is_refused_on_its_field_on_the_case_page(hr_inspector, teacher) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))
    hr_inspector.client.post(reverse("discipline:act", args=[case.pk, "request"]), {"requested_on": "2026-11-18"})

    response = hr_inspector.client.post(reverse("discipline:act", args=[case.pk, "act"]), {"act_on": "2026-11-19"})

    assert response.status_code == 200
    assert response.context["forms"]["act"].errors == {
        "act_on": ["Акт составляется по истечении двух рабочих дней (ТК РФ ст. 193 ч. 1): не ранее 23.11.2026."]
    }


@time_machine.travel(NOW)
def test_the_register_shows_each_cases_terms_in_bounded_queries(
    hr_inspector, teacher, school, django_assert_max_num_queries
) -> None:
    open_case(hr_inspector, teacher, D(2026, 11, 17))
    for number in range(5):
        other = AssignmentFactory(employee__organisation=school).employee
        open_case(hr_inspector, other, D(2026, 11, 10 + number))

    with django_assert_max_num_queries(14):
        page = hr_inspector.client.get(reverse("discipline:register")).content.decode()

    assert page.count('href="/discipline/') >= 6
    assert "17.12.2026" in page  # the last day of the case of 17.11.2026


@time_machine.travel(NOW)
def test_the_director_reads_the_register_but_gets_no_forms(director, hr_inspector, teacher) -> None:
    case = open_case(hr_inspector, teacher, D(2026, 11, 17))

    page = director.client.get(reverse("discipline:detail", args=[case.pk])).content.decode()

    assert "Затребовать письменное объяснение" not in page
    assert director.client.post(reverse("discipline:act", args=[case.pk, "request"])).status_code == 404


@time_machine.travel(NOW)
def test_the_card_and_the_api_show_the_sanctions_in_force_on_a_date(
    hr_inspector,
    director,
    teacher,
    api_as,  # noqa: F811
) -> None:
    order = sign_sanction(hr_inspector, director, teacher, D(2025, 12, 1), D(2025, 11, 25))

    tab = hr_inspector.client.get(reverse("employee_card_tab", args=[teacher.pk, "sanctions"])).content.decode()
    now = api_as(hr_inspector).get(f"/employees/{teacher.pk}/sanctions", on="2026-12-01").json()
    later = api_as(hr_inspector).get(f"/employees/{teacher.pk}/sanctions", on="2026-12-02").json()

    assert "01.12.2026" in tab and "выговор" in tab
    assert [(row["kind"], row["date"], row["in_force_until"], row["order_item"]) for row in now["sanctions"]] == [
        ("reprimand", "2025-12-01", "2026-12-01", order.items.get().pk)
    ]
    assert later == {"on": "2026-12-02", "sanctions": []}


def test_the_api_of_another_schools_employee_answers_404(outsider, teacher, api_as) -> None:  # noqa: F811
    assert api_as(outsider).get(f"/employees/{teacher.pk}/sanctions").status_code == 404


@time_machine.travel(NOW)
def test_open_cases_put_every_term_on_the_deadlines(hr_inspector, director, teacher, school) -> None:
    waiting = open_case(hr_inspector, teacher, D(2026, 11, 17))
    hr_inspector.client.post(reverse("discipline:act", args=[waiting.pk, "request"]), {"requested_on": "2026-11-18"})
    signed = AssignmentFactory(employee__organisation=school, employee__last_name="Орлова").employee
    sanctioned = open_case(hr_inspector, signed, D(2026, 11, 17))
    order = sign_sanction(hr_inspector, director, signed, D(2026, 11, 23), D(2026, 11, 17))

    found = sorted((d.kind, d.subject, d.due, d.source) for d in discipline_deadlines(school.pk))

    assert found == [
        (ACQUAINTANCE_KIND, f"{signed.short_name}, проступок от 17.11.2026", D(2026, 11, 26), "ТК РФ ст. 193 ч. 6"),
        (EXPLANATION_KIND, f"{teacher.short_name}, проступок от 17.11.2026", D(2026, 11, 20), "ТК РФ ст. 193 ч. 1"),
        (SANCTION_KIND, f"{teacher.short_name}, проступок от 17.11.2026", D(2026, 12, 17), "ТК РФ ст. 193 ч. 3"),
    ]
    page = hr_inspector.client.get(reverse("deadlines")).content.decode()
    assert SANCTION_KIND in page
    case_page = hr_inspector.client.get(reverse("discipline:detail", args=[sanctioned.pk])).content.decode()
    assert f"№ {order.display_number}</a>; ознакомить под роспись до 26.11.2026 (ТК РФ ст. 193 ч. 6)" in case_page
    assert "Ознакомление с приказом" in case_page


@time_machine.travel(NOW)
def test_an_unexcused_absence_opens_a_case_from_the_register(hr_inspector, teacher) -> None:
    from kadry.absences.models import Absence

    absence = Absence.objects.create(
        organisation=teacher.organisation, employee=teacher, kind=Absence.Kind.UNEXCUSED, start=D(2026, 11, 16),
        end=D(2026, 11, 16),
    )  # fmt: skip
    register = hr_inspector.client.get(reverse("discipline:register")).content.decode()
    assert f'href="/discipline/new/?absence={absence.pk}"' in register

    form = hr_inspector.client.get(reverse("discipline:new"), {"absence": absence.pk}).context["form"]
    assert form.initial["description"] == "прогул 16.11.2026 (отсутствие на рабочем месте без уважительных причин)"
    hr_inspector.client.post(
        reverse("discipline:new"),
        {"absence": absence.pk, "employee": teacher.pk, "committed_on": "2026-11-16",
         "description": form.initial["description"], "discovered_by": "завуч", "discovered_on": "2026-11-17"},
    )  # fmt: skip

    assert Violation.objects.get().absence == absence
    assert "?absence=" not in hr_inspector.client.get(reverse("discipline:register")).content.decode()


@time_machine.travel(NOW)
def test_the_register_lists_open_cases_first(hr_inspector, teacher, school) -> None:
    from kadry.discipline import services

    closed = open_case(hr_inspector, teacher, D(2026, 11, 20))
    services.close_without_sanction(actor=hr_inspector.user, violation=closed, reason="причина уважительная")
    still_open = open_case(hr_inspector, AssignmentFactory(employee__organisation=school).employee, D(2026, 11, 2))

    rows = hr_inspector.client.get(reverse("discipline:register")).context["rows"]

    assert [case.pk for case, _terms in rows] == [still_open.pk, closed.pk]
