"""Reading the card: the access log, the tabs, a bounded query count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kadry.core.models import AccessLogEntry, ChangeRecord
from kadry.staff.models import Employee
from kadry.staff.sections import SECTIONS
from kadry.testing.factories import PriorJobFactory


@pytest.mark.django_db
def test_opening_a_card_writes_who_whose_when_and_from_where(director, employee: Employee) -> None:
    director.client.get(reverse("employee_card", args=[employee.pk]), REMOTE_ADDR="10.1.2.3")

    entry = AccessLogEntry.objects.get()
    assert entry.actor == director.user
    assert entry.role == "director"
    assert entry.organisation_id == employee.organisation_id
    assert (entry.subject_type, entry.subject_id) == ("staff.employee", employee.pk)
    assert entry.subject_repr == employee.full_name
    assert entry.ip_address == "10.1.2.3"
    assert entry.at is not None


@pytest.mark.django_db
def test_refused_card_is_not_logged_as_opened(class_teacher, employee: Employee) -> None:
    assert class_teacher.client.get(reverse("employee_card", args=[employee.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_card_shows_every_section_and_the_assignment(hr_inspector, employee: Employee) -> None:
    body = hr_inspector.client.get(reverse("employee_card", args=[employee.pk])).content.decode()

    for section in SECTIONS.values():
        assert section.title in body
    assert "МБОУ СОШ № 5" in body  # the prior job
    assert employee.assignments.get().staffing_unit.position.name in body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_card_costs_the_same_queries_with_1_or_50_rows_per_section(
    hr_inspector, employee: Employee, rows: int, django_assert_max_num_queries
) -> None:
    for _ in range(rows - 1):
        PriorJobFactory(employee=employee)
    for _ in range(rows):
        ChangeRecord.objects.create(
            organisation_id=employee.organisation_id,
            at="2026-01-01T10:00Z",
            action="update",
            subject_type="staff.employee",
            subject_id=employee.pk,
            section="Личные данные",
            changes={"a": ["1", "2"]},
        )

    # session, user, membership, card + military, 9 sections, assignments, history, access-log insert (+ savepoint),
    # and for the «Хронология» tab: order items with their orders, work-record entries
    with django_assert_max_num_queries(21):
        response = hr_inspector.client.get(reverse("employee_card", args=[employee.pk]))
    assert response.status_code == 200
