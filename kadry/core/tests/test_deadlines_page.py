"""The one deadlines page and its API: every registered term grouped overdue / today / week / later,
filtered by kind and, for a centralised HR service, by school; a bounded number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kadry.api.tests.conftest import Api
from kadry.core import home
from kadry.core.home import Deadline, DeadlineScope, DeadlineStatus, deadlines_for, group_deadlines
from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.core.services import create_api_token
from kadry.employment.models import Assignment, Contract
from kadry.testing.factories import EmployeeFactory, MembershipFactory, OrganisationFactory, UserFactory

D = dt.date
R = Membership.Role
# Thursday 3 December 2026, noon in Moscow.
TODAY = D(2026, 12, 3)
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
pytestmark = [pytest.mark.django_db]


def _terms(scope: DeadlineScope) -> list[Deadline]:
    """A source of four terms around 03.12.2026, one per group, of two kinds."""
    if not scope.organisation_ids:
        return []
    org = scope.organisation_ids[0]
    return [
        Deadline("Тест: просрочено", "Алексеева", D(2026, 12, 2), "ТК РФ ст. 1", "/a/", "Открыть", "t_one", org),
        Deadline("Тест: сегодня", "Борисова", D(2026, 12, 3), "ТК РФ ст. 2", "/b/", "Открыть", "t_one", org),
        # 03.12 + 7 days = 10.12: the last day of "this week"; 11.12 is later.
        Deadline("Тест: неделя", "Васильева", D(2026, 12, 10), "ТК РФ ст. 3", "/c/", "Открыть", "t_two", org),
        Deadline("Тест: позже", "Григорьева", D(2026, 12, 11), "ТК РФ ст. 4", "/d/", "Открыть", "t_two", org),
    ]


@pytest.fixture
def fake_source(monkeypatch):
    monkeypatch.setattr(home, "_scoped_sources", [_terms])
    monkeypatch.setattr(home, "_deadline_sources", [])
    monkeypatch.setattr(home, "_deadline_kinds", {"t_one": "Первый вид", "t_two": "Второй вид"})


def test_terms_fall_into_overdue_today_week_and_later() -> None:
    terms = _terms(DeadlineScope(Membership(organisation_id=1), (1,), TODAY))
    groups = {status: [d.subject for d in items] for status, _label, items in group_deadlines(terms, TODAY)}
    assert groups == {
        DeadlineStatus.OVERDUE: ["Алексеева"],
        DeadlineStatus.TODAY: ["Борисова"],
        DeadlineStatus.WEEK: ["Васильева"],
        DeadlineStatus.LATER: ["Григорьева"],
    }


@pytest.mark.usefixtures("fake_source")
@time_machine.travel(NOW, tick=False)
def test_the_page_groups_and_filters_by_kind_and_logs_the_opening(hr_inspector) -> None:
    response = hr_inspector.client.get(reverse("deadlines"))
    assert response.status_code == 200
    groups = {status: [d.subject for d, _school in rows] for status, _label, rows in response.context["groups"]}
    assert groups[DeadlineStatus.OVERDUE] == ["Алексеева"] and groups[DeadlineStatus.LATER] == ["Григорьева"]
    page = response.content.decode()
    for words in ("Просрочено", "Сегодня", "На этой неделе", "Позже", "ТК РФ ст. 3", 'href="/c/"', "Второй вид"):
        assert words in page
    assert AccessLogEntry.objects.filter(actor=hr_inspector.user, what__startswith="Сроки").count() == 1

    only = hr_inspector.client.get(reverse("deadlines"), {"kind": "t_two"})
    assert [d.subject for _s, _l, rows in only.context["groups"] for d, _school in rows] == ["Васильева", "Григорьева"]
    bad = hr_inspector.client.get(reverse("deadlines"), {"kind": "nonsense"})
    assert bad.status_code == 200 and "nonsense" in bad.content.decode()  # «Выберите корректный вариант…»
    assert bad.context["form"].errors["kind"]


@pytest.mark.usefixtures("fake_source")
@time_machine.travel(NOW, tick=False)
def test_the_api_answers_the_same_terms_by_period_and_kind(hr_inspector) -> None:
    _token, secret = create_api_token(actor=hr_inspector.user, membership=hr_inspector.membership, name="тесты")
    api = Api(secret)
    body = api.get("/deadlines").json()
    assert [(t["kind"], t["who"], t["due"], t["status"]) for t in body] == [
        ("t_one", "Алексеева", "2026-12-02", "overdue"),
        ("t_one", "Борисова", "2026-12-03", "today"),
        ("t_two", "Васильева", "2026-12-10", "week"),
        ("t_two", "Григорьева", "2026-12-11", "later"),
    ]
    assert body[0]["source"] == "ТК РФ ст. 1" and body[0]["url"] == "/a/" and body[0]["title"] == "Тест: просрочено"
    period = api.get("/deadlines?from=2026-12-03&to=2026-12-10&kind=t_one").json()
    assert [t["who"] for t in period] == ["Борисова"]
    for query, field in (
        ("from=2026-13-01", "from"),
        ("kind=nonsense", "kind"),
        ("from=2026-12-10&to=2026-12-01", "to"),
    ):
        response = api.get(f"/deadlines?{query}")
        assert response.status_code == 422, query
        assert response.json()["code"] == "invalid" and field in response.json()["errors"], response.json()


def _service_with_schools(count: int) -> tuple[Membership, list[Organisation]]:
    """A centralised HR service keeping ``count`` schools, each with a probation and a fixed-term contract."""
    service = Organisation.objects.filter(kind=Organisation.Kind.HR_SERVICE).first() or OrganisationFactory(
        short_name="ЦБ", kind=Organisation.Kind.HR_SERVICE
    )
    existing = list(Organisation.objects.filter(serviced_by=service))
    for n in range(len(existing), count):
        school = OrganisationFactory(short_name=f"Школа № {n + 10}", serviced_by=service)
        for last_name, extra in (
            ("Испытуемая", {"probation_months": 3}),
            ("Срочная", {"term": Contract.Term.FIXED, "end": D(2026, 12, 31)}),
        ):
            person = EmployeeFactory(organisation=school, last_name=last_name)
            Contract.objects.create(
                organisation=school, employee=person, number=f"{n}", date=D(2026, 10, 1),
                kind=Assignment.Kind.MAIN, start=D(2026, 10, 1), **extra,
            )  # fmt: skip
    membership = Membership.objects.filter(organisation=service).first() or MembershipFactory(
        organisation=service, role=R.HR_INSPECTOR, user=UserFactory(username="service")
    )
    return membership, list(Organisation.objects.filter(serviced_by=service))


def _count(membership: Membership) -> tuple[int, int]:
    membership = Membership.objects.select_related("organisation").get(pk=membership.pk)
    with CaptureQueriesContext(connection) as queries:
        found = deadlines_for(membership, TODAY)
    return len(queries), len(found)


def test_the_regional_digest_costs_the_same_queries_for_three_schools_or_six() -> None:
    membership, _schools = _service_with_schools(3)
    few, found_few = _count(membership)
    _service_with_schools(6)
    many, found_many = _count(membership)
    # Each school: a probation 01.10–31.12.2026, a fixed-term contract to 31.12 (notice 28.12, end 31.12),
    # and the 2027 vacation schedule to approve by 18.12.2026: four terms.
    assert (found_few, found_many) == (12, 24)
    assert many == few, "the regional digest costs more queries with more schools"
    # The served schools (1), then per source: employment 4 + 1, leave 3, discipline 2, military 1,
    # obligations 2 (no one works, so no jobs or records are read), attestation 3: 17.
    assert few <= 17


@time_machine.travel(NOW, tick=False)
def test_a_service_user_sees_every_school_or_the_chosen_one_and_not_another(outsider) -> None:
    membership, schools = _service_with_schools(3)
    client = Client()
    client.force_login(membership.user)
    page = client.get(reverse("deadlines"))
    assert page.status_code == 200
    rows = [(d, school) for _s, _l, items in page.context["groups"] for d, school in items]
    assert {school for _d, school in rows} == {s.short_name for s in schools}
    chosen = client.get(reverse("deadlines"), {"organisation": schools[0].pk})
    assert {school for _s, _l, items in chosen.context["groups"] for _d, school in items} == {schools[0].short_name}
    other = client.get(reverse("deadlines"), {"organisation": outsider.organisation.pk})
    assert other.context["form"].errors["organisation"] and other.context["count"] == 0


@time_machine.travel(NOW, tick=False)
def test_the_service_page_costs_the_same_queries_for_three_schools_or_six(django_assert_max_num_queries) -> None:
    membership, _schools = _service_with_schools(3)
    client = Client()
    client.force_login(membership.user)
    client.get(reverse("deadlines"))  # the session's first request warms what every page reads once
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("deadlines")).status_code == 200
    _service_with_schools(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("deadlines"))
    assert len(page.context["groups"][3][2]) > 0
    print(f"deadlines page of a centralised service: {len(few.captured_queries)} queries")


def _contracts(school: Organisation, count: int) -> None:
    for n in range(count):
        person = EmployeeFactory(organisation=school, last_name=f"Срочная{n}")
        Contract.objects.create(
            organisation=school, employee=person, number=f"{n}", date=D(2026, 10, 1), kind=Assignment.Kind.MAIN,
            start=D(2026, 10, 1), probation_months=3, term=Contract.Term.FIXED, end=D(2026, 12, 31),
        )  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_a_school_page_costs_the_same_queries_with_more_terms(
    hr_inspector, school, django_assert_max_num_queries
) -> None:
    _contracts(school, 1)
    hr_inspector.client.get(reverse("deadlines"))
    with CaptureQueriesContext(connection) as few:
        hr_inspector.client.get(reverse("deadlines"))
    _contracts(school, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = hr_inspector.client.get(reverse("deadlines"))
    # Six employees × (probation end, notice, contract end) + the 2027 schedule's approval.
    assert page.context["count"] == 19
    print(f"deadlines page of a school: {len(few.captured_queries)} queries")
