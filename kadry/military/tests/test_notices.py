"""Notices to the military commissariat of hires and dismissals (Положение № 719 п. 32): terms, marking, print."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from kadry.core.home import deadlines_for
from kadry.core.models import ChangeRecord
from kadry.military.deadlines import KIND, military_deadlines
from kadry.military.models import CommissariatNotice
from kadry.military.tests.conftest import card, hire
from kadry.orders import services as orders
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order

D = dt.date
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC)


@pytest.fixture
def hired(hr_inspector, director, school):
    # A man of 36 hired on 25.11.2026: the notice is due within two weeks, by 09.12.2026.
    man = hire(hr_inspector, director, school, "Новобранцев", "M", D(1990, 5, 5), D(2026, 11, 25))
    card(man, rank="ефрейтор", reserve_category="1", specialty_code="100182")
    # A woman without a military specialty: no notice.
    hire(hr_inspector, director, school, "Воспитателева", "F", D(1990, 5, 5), D(2026, 11, 26))
    return man


@time_machine.travel(NOW)
def test_a_hire_of_a_liable_man_is_a_term_on_the_deadlines_page(hired, hr_inspector) -> None:
    terms = [d for d in deadlines_for(hr_inspector.membership, D(2026, 12, 3)) if d.kind in KIND.values()]
    assert [(d.kind, d.subject, d.due) for d in terms] == [
        ("Сообщение в военкомат о приёме", f"{hired.short_name}, 25.11.2026", D(2026, 12, 9))
    ]
    assert "п. 32" in terms[0].source
    page = hr_inspector.client.get(reverse("deadlines")).content.decode()
    assert "Сообщение в военкомат о приёме" in page


@time_machine.travel(NOW)
def test_hr_marks_the_notice_sent_and_it_leaves_the_terms(hired, hr_inspector) -> None:
    event = hr_inspector.client.get(reverse("military:notices")).context["due"][0].event
    response = hr_inspector.client.post(
        reverse("military:notice_sent", args=[event.pk]), {"sent_on": "2026-12-02", "number": "15"}
    )
    assert response.status_code == 302
    notice = CommissariatNotice.objects.get()
    assert (notice.kind, notice.due_on, notice.sent_on, notice.number, notice.sent_by) == (
        "hire", D(2026, 12, 9), D(2026, 12, 2), "15", hr_inspector.user
    )  # fmt: skip
    assert notice.commissariat == "Военный комиссариат г. Тулы"
    change = ChangeRecord.objects.filter(section="Воинский учёт").get()
    assert change.changes["Отправлено"][1] == "02.12.2026"
    assert not [d for d in deadlines_for(hr_inspector.membership, D(2026, 12, 3)) if d.kind in KIND.values()]
    # Marked once only: the second time the event needs no notice.
    again = hr_inspector.client.post(reverse("military:notice_sent", args=[event.pk]), {"sent_on": "2026-12-02"})
    assert again.status_code == 404


@time_machine.travel(NOW)
def test_a_date_before_the_event_or_in_the_future_is_refused_on_its_field(hired, hr_inspector) -> None:
    event = hr_inspector.client.get(reverse("military:notices")).context["due"][0].event
    url = reverse("military:notice_sent", args=[event.pk])
    early = hr_inspector.client.post(url, {"sent_on": "2026-11-24"})
    assert early.status_code == 422
    assert early.context["form"].errors == {
        "sent_on": ["Сообщение не могло быть отправлено раньше события (25.11.2026)."]
    }
    late = hr_inspector.client.post(url, {"sent_on": "2026-12-04"})
    assert late.context["form"].errors == {"sent_on": ["Дата отправки ещё не наступила."]}
    assert not CommissariatNotice.objects.exists()


@time_machine.travel(NOW)
def test_the_notice_prints_as_pdf_before_and_after_it_is_sent(hired, hr_inspector, auditor) -> None:
    event = hr_inspector.client.get(reverse("military:notices")).context["due"][0].event
    before = hr_inspector.client.get(reverse("military:notice_print", args=[event.pk]))
    assert before["Content-Type"] == "application/pdf" and before.content.startswith(b"%PDF")
    hr_inspector.client.post(reverse("military:notice_sent", args=[event.pk]), {"sent_on": "2026-12-02"})
    after = auditor.client.get(reverse("military:notice_print", args=[event.pk]))
    assert after.status_code == 200
    # The auditor reads but does not mark.
    assert (
        auditor.client.post(reverse("military:notice_sent", args=[event.pk]), {"sent_on": "2026-12-02"}).status_code
        == 404
    )


@time_machine.travel(NOW)
def test_a_dismissal_of_a_liable_man_is_a_term_too(hired, hr_inspector, director) -> None:
    order = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 12, 1),
                       {"employee": hired, "date": D(2026, 12, 1), "dismissal_ground": "77-1-1",
                        "basis": "соглашение сторон от 27.11.2026"})  # fmt: skip
    orders.sign_order(actor=director.user, order=order)
    terms = [(d.kind, d.due) for d in deadlines_for(hr_inspector.membership, D(2026, 12, 3)) if d.kind in KIND.values()]
    assert terms == [
        ("Сообщение в военкомат о приёме", D(2026, 12, 9)),
        ("Сообщение в военкомат об увольнении", D(2026, 12, 15)),
    ]


def test_the_terms_cost_one_query(hired, hr_inspector, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        military_deadlines(hr_inspector.organisation.pk, D(2026, 12, 3))


@time_machine.travel(NOW)
def test_the_notices_page_costs_the_same_queries_for_more_hires(
    hired, hr_inspector, director, school, django_assert_max_num_queries
) -> None:
    hr_inspector.client.get(reverse("military:notices"))
    with django_assert_max_num_queries(7):
        hr_inspector.client.get(reverse("military:notices"))
    for number in range(5):
        hire(hr_inspector, director, school, f"Новиков{number}", "M", D(1991, 1, 1 + number), D(2026, 11, 27))
    with django_assert_max_num_queries(7):
        response = hr_inspector.client.get(reverse("military:notices"))
    assert len(response.context["due"]) == 6
