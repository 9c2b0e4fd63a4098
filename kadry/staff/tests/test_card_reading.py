"""Reading the card: the page shows its head and one tab, each other tab loads as a fragment; every opening is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from kadry.core.chain import LINK_QUERIES
from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.core.permissions import Capability, role_can
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order
from kadry.staff.models import (
    Education,
    Employee,
    FamilyMember,
    HireDocument,
    LanguageSkill,
    MilitaryRecord,
    Training,
)
from kadry.staff.sections import SECTIONS
from kadry.staff.views.card import CARD_TABS
from kadry.testing.access_log import only_denials_by
from kadry.testing.factories import AssignmentFactory, EmployeeFactory

D = dt.date
TAB_SLUGS = [tab.slug for tab in CARD_TABS]
# One row of each section, with a value that shows which tab it was read from.
ROWS: dict[str, dict[str, Any]] = {
    "previous-names": {"previous_last_name": "Девичья", "changed_on": D(2012, 6, 1)},
    "education": {
        "level": Education.Level.values[0],
        "institution": "Пермский педагогический",
        "graduation_year": 2007,
    },
    "training": {
        "kind": Training.Kind.values[0],
        "program": "Цифровая школа",
        "institution": "ИРО",
        "start": D(2024, 1, 10),
        "end": D(2024, 1, 20),
    },
    "languages": {"language": "английский", "level": LanguageSkill.Level.values[0]},
    "prior-jobs": {"employer": "МБОУ СОШ № 7", "position": "учитель", "start": D(2005, 9, 1), "end": D(2010, 8, 31)},
    "awards": {"name": "Почётная грамота", "awarded_on": D(2019, 10, 5)},
    "family": {"relation": FamilyMember.Relation.values[0], "full_name": "Петров Сергей Иванович"},
    "benefits": {"name": "Ветеран труда"},
    "hire-documents": {"kind": HireDocument.Kind.values[0], "issued_on": D(2020, 8, 20)},
}
SHOWN = {
    "general": ["Девичья"],
    "education": ["Пермский педагогический", "Цифровая школа", "английский"],
    "work": ["МБОУ СОШ № 7", "Почётная грамота"],
    "family": ["Петров Сергей Иванович", "Ветеран труда"],
    "documents": ["20.08.2020"],
    "military": ["Пермский военкомат"],
    "leave": ["Отпуска по подписанным приказам не предоставлялись"],
    "absences": ["Неявок не внесено"],
    "sanctions": ["Действующих дисциплинарных взысканий нет"],
    # The certificate of no criminal record of the documents tab is the last of its kind here.
    "obligations": ["Обучение оказанию первой помощи", "273-ФЗ ст. 47 ч. 5 п. 2", "20.08.2020"],
    "attestation": ["Соответствие занимаемой должности</dt>"],
    "timeline": ["Назначение"],
    "history": ["Иванова → Смирнова"],
}


def tab_url(employee: Employee, slug: str) -> str:
    return reverse("employee_card_tab", args=[employee.pk, slug])


def fill_card(employee: Employee, rows: int) -> None:
    """Give ``employee`` ``rows`` rows in every section, assignment and history, and the military record."""
    for slug, section in SECTIONS.items():
        for _ in range(rows):
            section.model._default_manager.create(organisation=employee.organisation, employee=employee, **ROWS[slug])
    for n in range(rows - 1):  # the fixture has hired the employee already
        AssignmentFactory(employee=employee, start=D(2021 + n % 5, 9, 1), end=D(2021 + n % 5, 12, 31))
    for _ in range(rows):
        ChangeRecord.objects.create(
            organisation_id=employee.organisation_id,
            at="2026-01-01T10:00Z",
            action="update",
            subject_type="staff.employee",
            subject_id=employee.pk,
            section="Личные данные",
            changes={"Фамилия": ["Иванова", "Смирнова"]},
        )
    MilitaryRecord.objects.create(
        organisation=employee.organisation, employee=employee, commissariat="Пермский военкомат"
    )


def sign_awards(hr_inspector, director, employee: Employee, count: int) -> None:
    """Sign ``count`` award orders for ``employee``: order items and work-record entries for the timeline."""
    for n in range(count):
        item = {"employee": employee, "date": D(2026, 10, 5), "award": f"Благодарность № {n}"}
        orders.sign_order(actor=director.user, order=make_order(hr_inspector, Order.Kind.AWARD, D(2026, 10, 5), item))


# The page ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_a_card_writes_who_whose_when_and_from_where(director, employee: Employee) -> None:
    director.client.get(reverse("employee_card", args=[employee.pk]), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert entry.actor == director.user
    assert entry.role == "director"
    assert entry.organisation_id == employee.organisation_id
    assert (entry.subject_type, entry.subject_id) == ("staff.employee", employee.pk)
    assert entry.subject_repr == employee.full_name
    assert entry.what == "Личная карточка Т-2"
    assert entry.ip_address == "10.1.2.3"
    assert entry.at is not None


@pytest.mark.django_db
def test_refused_card_is_not_logged_as_opened(class_teacher, employee: Employee) -> None:
    assert class_teacher.client.get(reverse("employee_card", args=[employee.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_card_shows_the_head_and_the_general_tab_and_leaves_the_others_to_load(
    hr_inspector, employee: Employee
) -> None:
    fill_card(employee, 1)

    body = hr_inspector.client.get(reverse("employee_card", args=[employee.pk])).content.decode()

    assert employee.full_name in body
    assert employee.assignments.get().staffing_unit.position.name.capitalize() in body  # the current job
    assert "основная работа" in body
    assert "Девичья" in body and SECTIONS["previous-names"].title in body
    for slug in TAB_SLUGS[1:]:
        assert f'hx-get="{tab_url(employee, slug)}"' in body
        for shown in SHOWN[slug]:
            assert shown not in body, (slug, shown)  # read only when that tab is opened
    assert 'aria-selected="true">Общие сведения' in body


@pytest.mark.django_db
def test_card_renders_the_tab_asked_for_and_logs_it_by_name(hr_inspector, employee: Employee) -> None:
    fill_card(employee, 1)

    body = hr_inspector.client.get(reverse("employee_card", args=[employee.pk]), {"tab": "family"}).content.decode()

    assert "Петров Сергей Иванович" in body and "Ветеран труда" in body
    assert "Девичья" not in body  # the general tab is left to load
    assert f'hx-get="{tab_url(employee, "general")}"' in body
    assert f'hx-get="{tab_url(employee, "family")}"' not in body
    assert 'aria-selected="true">Семья и льготы' in body
    assert AccessLogEntry.objects.get().what == "Личная карточка Т-2: Семья и льготы"


@pytest.mark.django_db
def test_card_with_an_unknown_tab_shows_the_first(hr_inspector, employee: Employee) -> None:
    response = hr_inspector.client.get(reverse("employee_card", args=[employee.pk]), {"tab": "salary"})

    assert response.status_code == 200
    assert response.context["tab"] == CARD_TABS[0]
    assert AccessLogEntry.objects.get().what == "Личная карточка Т-2"


# The tab fragments ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("slug", TAB_SLUGS)
def test_each_tab_shows_its_sections_and_data(hr_inspector, employee: Employee, slug: str) -> None:
    fill_card(employee, 1)

    response = hr_inspector.client.get(tab_url(employee, slug))

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body  # a panel, not a page
    tab = next(tab for tab in CARD_TABS if tab.slug == slug)
    assert tab.title in body
    for section in tab.sections:
        assert SECTIONS[section].title in body
    for shown in SHOWN[slug]:
        assert shown in body
    for other, values in SHOWN.items():
        if other != slug:
            assert not any(value in body for value in values if value not in SHOWN[slug]), other


@pytest.mark.django_db
def test_work_tab_shows_every_assignment(hr_inspector, employee: Employee) -> None:
    body = hr_inspector.client.get(tab_url(employee, "work")).content.decode()

    assert employee.assignments.get().staffing_unit.position.name in body
    assert "МБОУ СОШ № 5" in body  # the prior job of the fixture


@pytest.mark.django_db
@pytest.mark.parametrize("slug", TAB_SLUGS)
def test_each_tab_writes_one_access_log_entry_naming_it(director, employee: Employee, slug: str) -> None:
    director.client.get(tab_url(employee, slug), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    tab = next(tab for tab in CARD_TABS if tab.slug == slug)
    assert entry.what == f"Личная карточка Т-2: {tab.title}"
    assert (entry.actor, entry.role, entry.subject_id, entry.ip_address) == (
        director.user,
        "director",
        employee.pk,
        "10.1.2.3",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("slug", TAB_SLUGS)
def test_tab_of_another_schools_employee_is_404_and_logged_only_as_a_denial(
    outsider, employee: Employee, slug: str
) -> None:
    assert outsider.client.get(tab_url(employee, slug)).status_code == 404
    assert not AccessLogEntry.objects.filter(organisation_id=employee.organisation_id).exists()
    assert only_denials_by(outsider)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", TAB_SLUGS)
def test_tab_is_404_for_a_role_without_personal_data(personas, employee: Employee, slug: str) -> None:
    refused = [role for role in personas if not role_can(role, Capability.VIEW_PERSONAL_DATA)]
    assert "class_teacher" in refused
    for role in refused:
        assert personas[role].client.get(tab_url(employee, slug)).status_code == 404, role
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_unknown_tab_is_404(hr_inspector, employee: Employee) -> None:
    assert hr_inspector.client.get(tab_url(employee, "salary")).status_code == 404
    assert not AccessLogEntry.objects.exists()


# Query counts -------------------------------------------------------------------------------------------

# Every request: session, user, memberships; the employee; the access-log insert (and on SQLite its chain head).
BASE_QUERIES = 5 + LINK_QUERIES[connection.vendor]
# What each tab reads beyond that: its sections, then its own part.
TAB_QUERIES = {
    "general": 1,  # previous names
    "education": 3,
    "work": 2 + 1,  # prior jobs, awards; assignments
    "family": 2,
    "documents": 1,
    "military": 1,
    "leave": 1,  # the leaves granted and not cancelled
    "absences": 1,  # the absences with the sheets they continue
    "sanctions": 2,  # the sanctions applied (kadry.discipline), the open cases
    "attestation": 2,  # the decisions, the attestations (kadry.attestation)
    "obligations": 5,  # the school's kinds, the jobs, its records, the card's training and documents (kadry.obligations)
    "timeline": 3,  # order items with orders, work-record entries, assignments
    "history": 1,
}


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_card_page_costs_the_same_queries_with_1_or_5_rows_everywhere(
    hr_inspector, director, employee: Employee, rows: int, django_assert_num_queries
) -> None:
    fill_card(employee, rows)
    sign_awards(hr_inspector, director, employee, rows)

    # the general tab, and the current assignments of the head
    with django_assert_num_queries(BASE_QUERIES + TAB_QUERIES["general"] + 1):
        response = hr_inspector.client.get(reverse("employee_card", args=[employee.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
@pytest.mark.parametrize("slug", TAB_SLUGS)
def test_each_tab_costs_the_same_queries_with_1_or_5_rows(
    hr_inspector, director, employee: Employee, slug: str, rows: int, django_assert_num_queries
) -> None:
    fill_card(employee, rows)
    if slug == "timeline":
        sign_awards(hr_inspector, director, employee, rows)

    with django_assert_num_queries(BASE_QUERIES + TAB_QUERIES[slug]):
        response = hr_inspector.client.get(tab_url(employee, slug))
    assert response.status_code == 200
    if slug == "timeline":
        assert len(response.context["timeline"]) >= 3 * rows


@pytest.mark.django_db
def test_card_page_rendering_a_tab_costs_that_tabs_queries(
    hr_inspector, employee: Employee, django_assert_num_queries
) -> None:
    fill_card(employee, 3)
    employee_without_record = EmployeeFactory(organisation=employee.organisation)

    with django_assert_num_queries(BASE_QUERIES + TAB_QUERIES["history"] + 1):
        hr_inspector.client.get(reverse("employee_card", args=[employee.pk]), {"tab": "history"})
    with django_assert_num_queries(BASE_QUERIES + TAB_QUERIES["military"] + 1):
        body = hr_inspector.client.get(
            reverse("employee_card", args=[employee_without_record.pk]), {"tab": "military"}
        ).content.decode()
    assert "Сведения о воинском учёте не внесены." in body
