"""The ЕФС-1 deadlines page: grouping by deadline, marking reported, access, a bounded query count."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from kadry.core.models import ChangeRecord, Membership
from kadry.employment.models import WorkRecordEvent
from kadry.employment.services import mark_events_reported
from kadry.employment.tests import work_record_helpers as h
from kadry.employment.work_record_views import working_days_left

Role = Membership.Role
D = dt.date
unit = h.unit
# Wednesday 2 September 2026, mid-morning in Moscow.
WEDNESDAY = dt.datetime(2026, 9, 2, 10, 0, tzinfo=ZoneInfo("Europe/Moscow"))
pytestmark = pytest.mark.urls(h.URLS)


def _groups(response) -> dict[str, list[str]]:
    return {slug: [row.event.employee.last_name for row in rows] for slug, _title, rows in response.context["groups"]}


@pytest.fixture
def four_hires(school, hr_inspector, director, unit):
    """Hires whose deadlines fall before, on, soon after and long after Wednesday 2 September 2026."""
    people = {
        name: h.person(school, n, last_name=name) for n, name in enumerate(("Аверина", "Борисова", "Васина", "Гусева"))
    }
    h.hire(hr_inspector, director, unit, D(2026, 8, 28), people["Аверина"])  # Friday → deadline Monday 31.08
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), people["Борисова"])  # → Wednesday 02.09
    h.hire(hr_inspector, director, unit, D(2026, 9, 3), people["Васина"])  # → Friday 04.09
    h.hire(hr_inspector, director, unit, D(2026, 9, 10), people["Гусева"])  # → Friday 11.09
    return people


@pytest.mark.django_db
def test_unreported_events_are_grouped_by_deadline_with_working_days_left(hr_inspector, four_hires) -> None:
    reported = WorkRecordEvent.objects.get(employee=four_hires["Гусева"])
    reported.reported_on = D(2026, 9, 1)
    reported.save(update_fields=["reported_on"])

    with time_machine.travel(WEDNESDAY, tick=False):
        response = hr_inspector.client.get(reverse("efs_deadlines"))

    assert response.status_code == 200
    assert _groups(response) == {"overdue": ["Аверина"], "today": ["Борисова"], "week": ["Васина"], "later": []}
    notes = [row.note for _slug, _title, rows in response.context["groups"] for row in rows]
    # Overdue since Monday: Tuesday and Wednesday have passed; Thursday and Friday remain for Васина.
    assert notes == ["просрочено на 2 раб. дн.", "последний день", "осталось 2 раб. дн."]
    body = response.content.decode()
    for title in ("Просрочено", "Сегодня", "Ближайшие 7 дней"):
        assert title in body
    assert "ПРИЕМ" in body and 'name="event"' in body


@pytest.mark.django_db
def test_an_event_due_after_a_week_is_later(hr_inspector, director, unit, school) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 10), h.person(school, 1, last_name="Гусева"))

    with time_machine.travel(WEDNESDAY, tick=False):
        response = hr_inspector.client.get(reverse("efs_deadlines"))

    assert _groups(response)["later"] == ["Гусева"]


@pytest.mark.django_db
def test_a_cancellation_is_listed_as_such_with_the_cancelling_order(hr_inspector, director, unit, school) -> None:
    anna = h.person(school, 1)
    hire = h.hire(hr_inspector, director, unit, D(2026, 9, 1), anna)
    WorkRecordEvent.objects.filter(employee=anna).update(reported_on=D(2026, 9, 1))
    cancellation = h.cancel(hr_inspector, director, D(2026, 9, 2), hire)

    with time_machine.travel(WEDNESDAY, tick=False):
        response = hr_inspector.client.get(reverse("efs_deadlines"))

    rows = [row for _slug, _title, rows in response.context["groups"] for row in rows]
    assert len(rows) == 1
    assert rows[0].event.cancels is not None
    assert rows[0].order.pk == cancellation.pk != hire.pk
    body = response.content.decode()
    assert "отмена" in body and f"№ {cancellation.display_number}" in body


@pytest.mark.django_db
def test_inspector_marks_ticked_events_reported_today(hr_inspector, four_hires) -> None:
    ticked = [WorkRecordEvent.objects.get(employee=four_hires[name]).pk for name in ("Аверина", "Борисова")]

    with time_machine.travel(WEDNESDAY, tick=False):
        response = hr_inspector.client.post(reverse("efs_mark_reported"), {"event": ticked})
        page = hr_inspector.client.get(reverse("efs_deadlines"))

    assert response.status_code == 302
    assert set(WorkRecordEvent.objects.filter(pk__in=ticked).values_list("reported_on", flat=True)) == {D(2026, 9, 2)}
    assert _groups(page) == {"overdue": [], "today": [], "week": ["Васина"], "later": ["Гусева"]}
    history = ChangeRecord.objects.filter(
        subject_id=four_hires["Аверина"].pk, section="Сведения о трудовой деятельности"
    )
    assert history.get().changes == {"Представлено в СФР (ЕФС-1)": ["", "02.09.2026"]}
    assert "Отмечено как представленные в СФР: 2." in page.content.decode()


@pytest.mark.django_db
def test_marking_twice_keeps_the_first_date(hr_inspector, director, unit, school) -> None:
    h.hire(hr_inspector, director, unit, D(2026, 9, 1), h.person(school, 1))
    event = WorkRecordEvent.objects.get()

    assert mark_events_reported(actor=hr_inspector.user, events=[event], on=D(2026, 9, 2)) == 1
    assert mark_events_reported(actor=hr_inspector.user, events=[event], on=D(2026, 9, 9)) == 0

    event.refresh_from_db()
    assert event.reported_on == D(2026, 9, 2)
    assert ChangeRecord.objects.filter(section="Сведения о трудовой деятельности").count() == 1


@pytest.mark.django_db
def test_nothing_ticked_marks_nothing(hr_inspector, four_hires) -> None:
    response = hr_inspector.client.post(reverse("efs_mark_reported"), {}, follow=True)

    assert "Отметьте мероприятия" in response.content.decode()
    assert not WorkRecordEvent.objects.filter(reported_on__isnull=False).exists()


@pytest.mark.django_db
def test_outsider_can_neither_see_nor_mark_events_of_another_school(outsider, four_hires) -> None:
    ids = list(WorkRecordEvent.objects.values_list("pk", flat=True))

    page = outsider.client.get(reverse("efs_deadlines"))
    outsider.client.post(reverse("efs_mark_reported"), {"event": ids})

    assert page.status_code == 200 and page.context["total"] == 0
    assert not WorkRecordEvent.objects.filter(reported_on__isnull=False).exists()


@pytest.mark.django_db
def test_director_and_auditor_see_deadlines_but_cannot_mark_them(director, auditor, four_hires) -> None:
    ids = list(WorkRecordEvent.objects.values_list("pk", flat=True))
    for persona in (director, auditor):
        page = persona.client.get(reverse("efs_deadlines"))
        assert page.status_code == 200
        assert 'name="event"' not in page.content.decode()
        assert persona.client.post(reverse("efs_mark_reported"), {"event": ids}).status_code == 404
    assert not WorkRecordEvent.objects.filter(reported_on__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CLASS_TEACHER, Role.DEPUTY_DIRECTOR, Role.TEACHER, Role.ADMINISTRATOR])
def test_roles_without_orders_get_404(personas, role, four_hires) -> None:
    client = personas[role].client
    ids = list(WorkRecordEvent.objects.values_list("pk", flat=True))

    assert client.get(reverse("efs_deadlines")).status_code == 404
    assert client.post(reverse("efs_mark_reported"), {"event": ids}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_deadlines_page_costs_the_same_queries_with_1_or_20_events(
    hr_inspector, director, unit, school, count, django_assert_max_num_queries
) -> None:
    people = [h.person(school, n) for n in range(count)]
    hire = h.hire(hr_inspector, director, unit, D(2026, 9, 1), *people)
    if count > 1:
        # A few cancellations too: their cancelling order comes with the same query.
        h.cancel(hr_inspector, director, D(2026, 9, 2), hire)

    # session, user, membership, the events with employees and orders
    with django_assert_max_num_queries(4), time_machine.travel(WEDNESDAY, tick=False):
        response = hr_inspector.client.get(reverse("efs_deadlines"))

    assert response.context["total"] == (1 if count == 1 else 2 * count)


@pytest.mark.parametrize(
    ("today", "deadline", "left"),
    [
        (D(2026, 9, 2), D(2026, 9, 2), 0),
        (D(2026, 9, 2), D(2026, 9, 3), 1),
        (D(2026, 9, 4), D(2026, 9, 7), 1),  # Friday → Monday: the weekend does not count
        (D(2026, 9, 2), D(2026, 8, 31), -2),
        (D(2026, 9, 5), D(2026, 9, 4), 0),  # Saturday after a Friday deadline: overdue, no working day lost yet
        (D(2026, 11, 3), D(2026, 11, 5), 1),  # 4 November is a public holiday (ТК РФ ст. 112)
    ],
)
def test_working_days_left_counts_only_working_days(today: dt.date, deadline: dt.date, left: int) -> None:
    assert working_days_left(today, deadline) == left
