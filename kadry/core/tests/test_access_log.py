"""The personal-data access log: who may browse it, filters, export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kadry.core.models import AccessLogEntry
from kadry.testing.factories import EmployeeFactory


def _open_card(persona, employee, ip: str = "10.0.0.7") -> None:
    assert persona.client.get(reverse("employee_card", args=[employee.pk]), REMOTE_ADDR=ip).status_code == 200


@pytest.mark.django_db
def test_hr_head_browses_who_opened_which_card(hr_head, hr_inspector) -> None:
    ivanova = EmployeeFactory(organisation=hr_head.organisation, last_name="Иванова")
    petrov = EmployeeFactory(organisation=hr_head.organisation, last_name="Петров")
    _open_card(hr_inspector, ivanova)
    _open_card(hr_inspector, petrov)

    everything = hr_head.client.get(reverse("access_log")).context["page"]
    only_ivanova = hr_head.client.get(reverse("access_log"), {"q": "Иванова"})

    assert everything.paginator.count == 2
    assert only_ivanova.context["page"].paginator.count == 1
    # Read from the page, whatever rows the view hands the template.
    assert ivanova.full_name in only_ivanova.content.decode()
    assert petrov.full_name not in only_ivanova.content.decode()


@pytest.mark.django_db
def test_log_names_the_tab_of_the_card_that_was_read(hr_head, hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_head.organisation, last_name="Иванова")
    _open_card(hr_inspector, employee)
    family = reverse("employee_card_tab", args=[employee.pk, "family"])
    assert hr_inspector.client.get(family, REMOTE_ADDR="10.0.0.7").status_code == 200

    page = hr_head.client.get(reverse("access_log")).content.decode()

    assert AccessLogEntry.objects.count() == 2
    assert "Личная карточка Т-2: Семья и льготы" in page


@pytest.mark.django_db
def test_log_is_filtered_by_local_dates(hr_head, hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_head.organisation)
    # 23:30 Moscow time on 9 November is 20:30 UTC. (The log is append-only: the row is written then.)
    with time_machine.travel(dt.datetime(2026, 11, 9, 20, 30, tzinfo=dt.UTC), tick=False):
        _open_card(hr_inspector, employee)

    on_ninth = hr_head.client.get(reverse("access_log"), {"start": "2026-11-09", "end": "2026-11-09"})
    on_tenth = hr_head.client.get(reverse("access_log"), {"start": "2026-11-10"})
    reversed_range = hr_head.client.get(reverse("access_log"), {"start": "2026-11-10", "end": "2026-11-09"})

    assert on_ninth.context["page"].paginator.count == 1
    assert on_tenth.context["page"].paginator.count == 0
    assert reversed_range.context["form"].errors["end"] == ["Дата окончания раньше даты начала."]


@pytest.mark.django_db
def test_auditor_exports_the_log_to_xlsx(auditor, hr_inspector) -> None:
    employee = EmployeeFactory(organisation=auditor.organisation, last_name="Иванова")
    _open_card(hr_inspector, employee, ip="192.0.2.10")

    response = auditor.client.get(reverse("access_log_export"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Когда", "Кто", "Роль", "Чьи данные", "Что открыто", "IP-адрес", "Канал", "Отказ в доступе")
    assert rows[1][1:] == (
        "hr_inspector",
        "Инспектор по кадрам",
        employee.full_name,
        "Личная карточка Т-2",
        "192.0.2.10",
        "web",
        None,
    )


@pytest.mark.django_db
def test_log_of_another_organisation_is_not_shown(hr_head, outsider) -> None:
    foreign = EmployeeFactory(organisation=outsider.organisation)
    _open_card(outsider, foreign)

    assert hr_head.client.get(reverse("access_log")).context["page"].paginator.count == 0


@pytest.mark.django_db
@pytest.mark.parametrize("entries", [1, 60])
def test_log_page_costs_the_same_queries_at_any_size(hr_head, entries, django_assert_max_num_queries) -> None:
    employee = EmployeeFactory(organisation=hr_head.organisation)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            organisation=hr_head.organisation,
            actor=hr_head.user,
            role="hr_head",
            at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            subject_type="staff.employee",
            subject_id=employee.pk,
            subject_repr=str(employee),
            what="Личная карточка Т-2",
        )
        for _ in range(entries)
    )
    with django_assert_max_num_queries(5):
        hr_head.client.get(reverse("access_log"))


# The page of the log: what a row shows, the bounded count, the links between pages.


def _entries(persona, count: int, **fields) -> None:
    values = {
        "organisation": persona.organisation,
        "actor": persona.user,
        "role": "hr_head",
        "at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "subject_type": "staff.employee",
        "subject_id": 1,
        "subject_repr": "Иванова Мария Петровна",
        "what": "Личная карточка Т-2",
        **fields,
    }
    AccessLogEntry.objects.bulk_create(AccessLogEntry(**values) for _ in range(count))


@pytest.mark.django_db
def test_log_row_shows_local_time_name_role_and_a_dash_without_an_address(hr_head) -> None:
    hr_head.user.first_name, hr_head.user.last_name = "Анна", "Кадрова"
    hr_head.user.save(update_fields=["first_name", "last_name"])
    # 23:30 Moscow time on 9 November is 20:30 UTC.
    _entries(hr_head, 1, at=dt.datetime(2026, 11, 9, 20, 30, 5, tzinfo=dt.UTC), ip_address="192.0.2.10")
    _entries(hr_head, 1, actor=None, role="auditor", ip_address=None, channel="api")

    page = hr_head.client.get(reverse("access_log")).content.decode()

    assert (
        '<td class="nowrap">09.11.2026 23:30:05</td><td>Анна Кадрова</td>\n'
        "    <td>Начальник отдела кадров</td><td>Иванова Мария Петровна</td><td>Личная карточка Т-2</td>"
        "<td>192.0.2.10</td><td>web</td>"
    ) in page
    assert (
        "<td>удалённый пользователь</td>\n    <td>Аудитор (только чтение)</td><td>Иванова Мария Петровна</td>"
        "<td>Личная карточка Т-2</td><td>—</td><td>api</td>"
    ) in page


@pytest.mark.django_db
def test_log_counts_up_to_its_limit_and_says_there_are_more(hr_head, settings, monkeypatch) -> None:
    monkeypatch.setattr("kadry.core.views.ACCESS_LOG_COUNTED", 3)
    settings.KADRY_PAGE_SIZE = 2
    _entries(hr_head, 5)

    first = hr_head.client.get(reverse("access_log"))
    last = hr_head.client.get(reverse("access_log"), {"page": "2"})
    narrowed = hr_head.client.get(reverse("access_log"), {"end": "2025-12-31"})

    assert (first.context["page"].paginator.count, first.context["page"].paginator.capped) == (3, True)
    assert "Записей: больше 3. Листать можно последние 3" in first.content.decode()
    assert len(last.context["page"].object_list) == 1
    assert (narrowed.context["page"].paginator.count, narrowed.context["page"].paginator.capped) == (0, False)
    assert "Записей: 0</p>" in narrowed.content.decode()


@pytest.mark.django_db
def test_log_pages_link_to_each_other_keeping_the_filter_once(hr_head, settings) -> None:
    settings.KADRY_PAGE_SIZE = 2
    _entries(hr_head, 5)

    page = hr_head.client.get(reverse("access_log"), {"q": "Иванова", "page": "2"}).content.decode()

    assert 'href="?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0&page=1" rel="prev"' in page
    assert 'href="?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0&page=3" rel="next"' in page
    assert 'export.xlsx?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2%D0%B0"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("entries", [1, 50])
def test_filtered_log_page_costs_the_same_queries_at_1_and_50_entries(
    hr_head, entries, settings, django_assert_max_num_queries
) -> None:
    settings.KADRY_PAGE_SIZE = 50
    _entries(hr_head, entries)

    # session, user, membership, count, page
    with django_assert_max_num_queries(5):
        response = hr_head.client.get(reverse("access_log"), {"q": "Иванова", "start": "2025-12-01"})
    assert len(response.context["page"].object_list) == entries


@pytest.mark.django_db
def test_export_marks_a_deleted_user_and_a_missing_address(auditor) -> None:
    _entries(auditor, 1, actor=None, role="auditor", ip_address=None, channel="api")

    response = auditor.client.get(reverse("access_log_export"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1] == (
        "01.01.2026 03:00:00",
        "—",
        "Аудитор (только чтение)",
        "Иванова Мария Петровна",
        "Личная карточка Т-2",
        None,
        "api",
        None,
    )
