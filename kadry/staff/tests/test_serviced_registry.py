"""The registry of a centralised HR service across the schools it serves (issue 14, «Many schools»)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kadry.core.access import SESSION_KEY
from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.staff.models import Position
from kadry.testing.factories import (
    AssignmentFactory,
    EmployeeFactory,
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
    StaffingUnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
R = Membership.Role
LIST = reverse("serviced_employee_list")


def _open_url(employee) -> str:
    return reverse("serviced_employee_open", args=[employee.pk])


def _rows(response) -> list[tuple[str, str]]:
    return [(row["school"], row["name"].split()[0]) for row in response.context["rows"]]


def _names(response) -> list[str]:
    return [name for _school, name in _rows(response)]


@pytest.fixture
def service(school, other_school) -> Organisation:
    """The centralised HR service keeping «Лицей № 1» and «Школа № 2»; «Гимназия № 3» keeps its own records."""
    service = OrganisationFactory(kind=Organisation.Kind.HR_SERVICE, short_name="ЦКС")
    Organisation.objects.filter(pk__in=[school.pk, other_school.pk]).update(serviced_by=service)
    return service


@pytest.fixture
def foreign(db) -> Organisation:
    return OrganisationFactory(short_name="Гимназия № 3")


@pytest.fixture
def staff(school, other_school, foreign):
    """Семёнова (teacher) and Алексеева (dismissed) of the lyceum, Семенов (cleaner) of school 2, Сидоров of the gymnasium."""
    teacher = StaffingUnitFactory(organisation=school)
    cleaner = StaffingUnitFactory(
        organisation=other_school,
        position=PositionFactory(organisation=other_school, name="Уборщик", category=Position.Category.SERVICE),
    )
    people = {
        "semenova": AssignmentFactory(
            employee__organisation=school, employee__last_name="Семёнова", employee__first_name="Алёна",
            staffing_unit=teacher,
        ).employee,
        "semenov": AssignmentFactory(
            employee__organisation=other_school, employee__last_name="Семенов", employee__first_name="Пётр",
            staffing_unit=cleaner,
        ).employee,
        "sidorov": AssignmentFactory(
            employee__organisation=foreign, employee__last_name="Сидоров", staffing_unit=StaffingUnitFactory(
                organisation=foreign
            ),
        ).employee,
        "alekseeva": EmployeeFactory(organisation=school, last_name="Алексеева", first_name="Ирина"),
    }  # fmt: skip
    AssignmentFactory(employee=people["alekseeva"], staffing_unit=teacher, start="2015-09-01", end="2020-06-30")
    return people


def _client(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


@pytest.fixture
def inspector(service, school) -> Membership:
    """The service's inspector, who also holds the HR inspector's seat in the lyceum (not in school 2)."""
    seat = MembershipFactory(organisation=service, role=R.HR_INSPECTOR, user=UserFactory(username="cks"))
    MembershipFactory(organisation=school, role=R.HR_INSPECTOR, user=seat.user)
    return seat


@pytest.fixture
def cks(inspector) -> Client:
    """The inspector's browser, acting in the service (chosen in the organisation switcher)."""
    client = _client(inspector)
    session = client.session
    session[SESSION_KEY] = inspector.pk
    session.save()
    return client


def test_the_service_user_sees_one_list_of_the_schools_it_serves_with_a_school_column(cks, staff) -> None:
    response = cks.get(LIST)

    assert response.status_code == 200
    # Working staff by default, sorted by name whatever the school; the gymnasium is not served.
    assert _rows(response) == [("Школа № 2", "Семенов"), ("Лицей № 1", "Семёнова")]
    page = response.content.decode()
    assert "<th>Школа</th>" in page and "Уборщик" in page and "Сидоров" not in page
    assert response.context["found"] == 2 and not response.context["more"]


def test_filters_by_school_category_and_status(cks, staff, school, other_school, foreign) -> None:
    get = lambda **params: _names(cks.get(LIST, params))  # noqa: E731

    assert get(school=school.pk) == ["Семёнова"]
    assert get(school=other_school.pk) == ["Семенов"]
    assert get(category="service") == ["Семенов"]
    assert get(status="dismissed") == ["Алексеева"]
    assert get(status="") == ["Алексеева", "Семенов", "Семёнова"]
    # A school the service does not keep is no choice: the form refuses it and nothing is listed.
    response = cks.get(LIST, {"school": foreign.pk})
    assert response.status_code == 200 and _names(response) == [] and "school" in response.context["form"].errors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("семен", ["Семенов", "Семёнова"]),  # «е» finds «ё», across both schools
        ("СЕМЁН А", ["Семёнова"]),  # surname and name prefixes, any case
        ("алекс", ["Алексеева"]),  # a search looks among everyone, the dismissed too
        ("сидоров", []),  # the gymnasium's employee is not found
    ],
)
def test_search_is_the_schools_registry_search(cks, staff, query, expected) -> None:
    assert _names(cks.get(LIST, {"q": query})) == expected


def test_htmx_search_returns_only_the_rows(cks, staff) -> None:
    body = cks.get(LIST, {"q": "сем"}, headers={"HX-Request": "true"}).content.decode()

    assert "<table" in body and "<html" not in body


def test_a_schools_own_staff_and_roles_without_personal_data_cannot_use_it(personas, service, staff) -> None:
    # The lyceum is served, yet its own HR and director act in the lyceum, not in the service.
    for persona in personas.values():
        assert persona.client.get(LIST).status_code == 404
        assert persona.client.get(_open_url(staff["semenova"])).status_code == 404
    for role in (R.ADMINISTRATOR, R.DEPUTY_DIRECTOR, R.TEACHER):
        client = _client(MembershipFactory(organisation=service, role=role))
        assert client.get(LIST).status_code == 404
    # An auditor of the service reads personal data: the registry is theirs too.
    assert _client(MembershipFactory(organisation=service, role=R.AUDITOR)).get(LIST).status_code == 200


def test_a_school_cannot_use_it_even_if_a_school_names_it_as_its_service(staff, school, other_school) -> None:
    """``serviced_by`` pointing at a school gives that school's HR nothing: only a service organisation searches."""
    Organisation.objects.filter(pk=other_school.pk).update(serviced_by=school)
    head = MembershipFactory(organisation=school, role=R.HR_HEAD)
    assert _client(head).get(LIST).status_code == 404


def test_the_card_opens_in_its_school_and_is_logged_in_the_schools_log(cks, inspector, staff, school) -> None:
    response = cks.get(LIST)
    rows = {row["name"].split()[0]: row for row in response.context["rows"]}
    assert rows["Семёнова"]["href"] == _open_url(staff["semenova"])
    # No seat in school 2: its rows are shown, the card is not linked.
    assert rows["Семенов"]["href"] == ""

    # It switches the school the user acts in, so a link (GET) cannot: the row sends a form.
    assert cks.get(rows["Семёнова"]["href"]).status_code == 405
    assert f'<form method="post" action="{rows["Семёнова"]["href"]}"' in response.content.decode()
    opened = cks.post(rows["Семёнова"]["href"])
    assert opened.status_code == 302 and opened.url == reverse("employee_card", args=[staff["semenova"].pk])
    seat = Membership.objects.get(organisation=school, user=inspector.user)
    assert cks.session[SESSION_KEY] == seat.pk  # the switcher's choice: the user now acts in the lyceum
    assert cks.get(opened.url).status_code == 200
    entry = AccessLogEntry.objects.get(subject_id=staff["semenova"].pk)
    assert (entry.organisation_id, entry.actor_id, entry.role, entry.denied) == (
        school.pk,
        inspector.user_id,
        R.HR_INSPECTOR,
        False,
    )
    # Acting in the lyceum, the user still reaches the service's registry from the navigation.
    home = cks.get(reverse("home")).content.decode()
    assert LIST in home


def test_a_card_outside_the_users_seats_or_the_served_schools_is_404(cks, inspector, staff, service) -> None:
    assert cks.post(_open_url(staff["semenov"])).status_code == 404  # served, but no seat in school 2
    assert cks.post(_open_url(staff["sidorov"])).status_code == 404  # not served
    # Each refusal is logged as a denial where the user acts (the service), naming only the id.
    denials = AccessLogEntry.objects.filter(denied=True, organisation=service).values_list("subject_id", flat=True)
    assert sorted(denials) == sorted([staff["semenov"].pk, staff["sidorov"].pk])


def test_pages_follow_each_other_by_position(cks, school, settings) -> None:
    settings.KADRY_PAGE_SIZE = 10
    for index in range(25):
        EmployeeFactory(organisation=school, last_name=f"Фамилия{index:02d}")

    first = cks.get(LIST, {"status": ""})
    assert _names(first) == [f"Фамилия{i:02d}" for i in range(10)]
    assert first.context["page"].previous_before is None
    second = cks.get(LIST, {"status": "", "after": first.context["page"].next_after})
    assert _names(second) == [f"Фамилия{i:02d}" for i in range(10, 20)]
    third = cks.get(LIST, {"status": "", "after": second.context["page"].next_after})
    assert _names(third) == [f"Фамилия{i:02d}" for i in range(20, 25)]
    assert third.context["page"].next_after is None
    back = cks.get(LIST, {"status": "", "before": third.context["page"].previous_before})
    assert _names(back) == _names(second)
    assert _names(cks.get(LIST, {"status": "", "before": back.context["page"].previous_before})) == _names(first)
    # The links keep the filters and carry the position only.
    assert "?status=&amp;after=" in second.content.decode()
    # A position naming nobody the service keeps starts from the beginning.
    assert _names(cks.get(LIST, {"status": "", "after": "999999"})) == _names(first)
    assert _names(cks.get(LIST, {"status": "", "after": "x"})) == _names(first)


def test_the_number_found_is_counted_up_to_a_cap(cks, school, monkeypatch, settings) -> None:
    from kadry.staff.views import serviced

    monkeypatch.setattr(serviced, "COUNTED", 5)
    settings.KADRY_PAGE_SIZE = 3
    for index in range(7):
        EmployeeFactory(organisation=school, last_name=f"Фамилия{index}")

    response = cks.get(LIST, {"status": ""})
    assert (response.context["found"], response.context["more"]) == (5, True)
    assert "Найдено: более 5" in response.content.decode()
    # Under the cap the number is exact, on a later page too.
    monkeypatch.setattr(serviced, "COUNTED", 10)
    later = cks.get(LIST, {"status": "", "after": response.context["page"].next_after})
    assert (later.context["found"], later.context["more"]) == (7, False)
    assert "Найдено: 7" in later.content.decode()


@pytest.mark.parametrize(("schools", "per_school"), [(1, 1), (4, 30)])
def test_the_page_costs_the_same_queries_whatever_the_number_found(
    inspector, service, schools, per_school, settings, django_assert_max_num_queries
) -> None:
    settings.KADRY_PAGE_SIZE = 20
    for _ in range(schools):
        organisation = OrganisationFactory(serviced_by=service)
        unit = StaffingUnitFactory(organisation=organisation, rates=100)
        for _ in range(per_school):
            AssignmentFactory(employee__organisation=organisation, staffing_unit=unit)
    client = _client(inspector)
    first = client.get(LIST)

    # session, user, memberships, the served schools, the page, the capped count (when there are more
    # pages), the page's placements
    with django_assert_max_num_queries(7):
        response = client.get(LIST)
    assert len(response.context["rows"]) == min(20, schools * per_school)
    # A later page adds the position's row: one query more.
    if first.context["page"].next_after:
        with django_assert_max_num_queries(8) as queries:
            client.get(LIST, {"after": first.context["page"].next_after})
        # Nothing counts every row found: the count reads at most COUNTED + 1 rows, the page its rows and one.
        sqls = [query["sql"] for query in queries.captured_queries]
        assert all("LIMIT 1001" in sql for sql in sqls if "COUNT(" in sql.upper())
        assert any("LIMIT 21" in sql for sql in sqls)


def test_the_service_user_reaches_it_from_the_navigation_and_its_links_work(cks, staff) -> None:
    from kadry.core.tests.test_navigation import walk

    reached, broken = walk(cks, reverse("home"))
    assert "serviced_employee_list" in reached
    assert not broken
