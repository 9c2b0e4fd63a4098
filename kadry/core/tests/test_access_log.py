"""The personal-data access log: who may browse it, filters, export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
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
    only_ivanova = hr_head.client.get(reverse("access_log"), {"q": "Иванова"}).context["page"]

    assert everything.paginator.count == 2
    assert [entry.subject_repr for entry in only_ivanova] == [ivanova.full_name]


@pytest.mark.django_db
def test_log_is_filtered_by_local_dates(hr_head, hr_inspector) -> None:
    employee = EmployeeFactory(organisation=hr_head.organisation)
    _open_card(hr_inspector, employee)
    # 23:30 Moscow time on 9 November is 20:30 UTC.
    AccessLogEntry.objects.update(at=dt.datetime(2026, 11, 9, 20, 30, tzinfo=dt.UTC))

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
    assert rows[0] == ("Когда", "Кто", "Роль", "Чьи данные", "Что открыто", "IP-адрес", "Канал")
    assert rows[1][1:] == (
        "hr_inspector",
        "Инспектор по кадрам",
        employee.full_name,
        "Личная карточка Т-2",
        "192.0.2.10",
        "web",
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
