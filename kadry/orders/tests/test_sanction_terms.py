"""The sanction order's terms (ТК РФ ст. 193) at the draft's check and at signing: illness and leave not counted.

The 2026 calendar, hand-computed: the misconduct discovered on Tuesday 10 March; the calendar month
ends on Friday 10 April; five days of illness (16–20 March) move it to 15 April.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.absences.models import Absence
from kadry.api.tests.conftest import api_as  # noqa: F401  (the API client fixture)
from kadry.discipline import services as discipline
from kadry.discipline import terms as discipline_terms
from kadry.discipline.models import Violation
from kadry.employment.models import Sanction
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import make_order
from kadry.testing.factories import AssignmentFactory

D = dt.date
SANCTION = {
    "sanction_kind": OrderItem.SanctionKind.REPRIMAND,
    "misconduct": "отсутствие на уроках 10.03.2026 без уважительной причины",
    "misconduct_date": D(2026, 3, 10),
    "misconduct_discovered_on": D(2026, 3, 10),
    "explanation_requested_on": D(2026, 3, 11),
}


@pytest.fixture
def teacher(school):
    return AssignmentFactory(employee__organisation=school, start=D(2020, 9, 1)).employee


def _sick(employee: Any, start: dt.date, end: dt.date, **fields: Any) -> Absence:
    return Absence.objects.create(
        organisation=employee.organisation, employee=employee, kind=Absence.Kind.SICK, start=start, end=end,
        sick_leave_number="910000000001", **fields,
    )  # fmt: skip


def _sanction(persona: Any, employee: Any, date: dt.date) -> Order:
    return make_order(persona, Order.Kind.SANCTION, date, {"employee": employee, "date": date, **SANCTION})


def _refusal(director: Any, order: Order) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)
    return refused.value.message_dict


@time_machine.travel(dt.datetime(2026, 4, 14, 10, tzinfo=dt.UTC))
def test_sanction_after_the_calendar_month_is_refused_naming_the_last_day(hr_inspector, director, teacher) -> None:
    order = _sanction(hr_inspector, teacher, D(2026, 4, 14))

    page = hr_inspector.client.get(reverse("orders:check", args=[order.pk])).content.decode()

    expected = "последний допустимый день 10.04.2026 — месяц со дня обнаружения проступка (ТК РФ ст. 193 ч. 3)."
    assert expected in page
    assert expected in _refusal(director, order)["items.0.misconduct_discovered_on"][0]


@time_machine.travel(dt.datetime(2026, 4, 14, 10, tzinfo=dt.UTC))
def test_illness_inside_the_month_lets_the_sanction_be_signed_later(hr_inspector, director, teacher) -> None:
    # Was refused before illness was recorded (the calendar month ended on 10.04.2026): the law gives 15.04.2026.
    _sick(teacher, D(2026, 3, 16), D(2026, 3, 20))
    case = discipline.open_violation(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, employee=teacher,
        committed_on=D(2026, 3, 10), description="отсутствие на уроках", discovered_by="заместитель директора",
        discovered_on=D(2026, 3, 10), today=D(2026, 3, 10),
    )  # fmt: skip
    order = _sanction(hr_inspector, teacher, D(2026, 4, 14))

    assert services.check_order(order) == []
    services.submit_order(actor=hr_inspector.user, order=order)
    services.sign_order(actor=director.user, order=order)

    case.refresh_from_db()
    item = order.items.get()
    assert (case.status, case.sanction_item) == (Violation.Status.SANCTIONED, item)
    assert Sanction.objects.filter(employee=teacher, order_item=item).exists()


@time_machine.travel(dt.datetime(2026, 4, 16, 10, tzinfo=dt.UTC))
def test_care_of_a_family_member_is_not_the_employees_illness(hr_inspector, director, teacher) -> None:
    _sick(teacher, D(2026, 3, 16), D(2026, 3, 20), sick_reason=Absence.SickReason.FAMILY_CARE)
    order = _sanction(hr_inspector, teacher, D(2026, 4, 14))

    assert "10.04.2026" in _refusal(director, order)["items.0.misconduct_discovered_on"][0]


@time_machine.travel(dt.datetime(2026, 4, 16, 10, tzinfo=dt.UTC))
def test_sanction_after_the_extended_month_answers_422_with_the_reason(hr_inspector, teacher, api_as) -> None:  # noqa: F811
    _sick(teacher, D(2026, 3, 16), D(2026, 3, 20))
    order = _sanction(hr_inspector, teacher, D(2026, 4, 16))

    response = api_as(hr_inspector).post(f"/orders/{order.pk}/submit")

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["items.0.misconduct_discovered_on"] == [
        f"{teacher.short_name}: Срок применения взыскания истёк: последний допустимый день 15.04.2026 — месяц "
        "со дня обнаружения проступка, не считая времени болезни и отпуска (болезнь 16.03.2026–20.03.2026) "
        "(ТК РФ ст. 193 ч. 3)."
    ]


@time_machine.travel(dt.datetime(2026, 8, 20, 10, tzinfo=dt.UTC))
def test_leave_inside_the_month_is_not_counted(hr_inspector, director, teacher) -> None:
    leave = make_order(
        hr_inspector, Order.Kind.LEAVE, D(2026, 3, 12),
        {"employee": teacher, "date": D(2026, 3, 16), "leave_kind": "annual", "leave_days": 5, "basis": "заявление"},
    )  # fmt: skip
    services.sign_order(actor=director.user, order=leave)
    order = _sanction(hr_inspector, teacher, D(2026, 4, 15))

    assert services.check_order(order) == []
    assert discipline_terms.away_periods(teacher, D(2026, 3, 1), D(2026, 4, 30))[0].what == "отпуск"


@time_machine.travel(dt.datetime(2026, 4, 14, 10, tzinfo=dt.UTC))
def test_cancelling_the_sanction_order_reopens_the_case(hr_inspector, director, teacher) -> None:
    case = discipline.open_violation(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, employee=teacher,
        committed_on=D(2026, 3, 10), description="опоздание", discovered_by="директор",
        discovered_on=D(2026, 3, 10), today=D(2026, 3, 10),
    )  # fmt: skip
    order = _sanction(hr_inspector, teacher, D(2026, 3, 16))
    services.sign_order(actor=director.user, order=order)
    cancellation = services.create_draft(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, kind=Order.Kind.CANCELLATION,
        date=D(2026, 4, 1), cancels=order,
    )  # fmt: skip
    services.sign_order(actor=director.user, order=cancellation)

    case.refresh_from_db()
    assert (case.status, case.sanction_item) == (Violation.Status.OPEN, None)
    assert not Sanction.objects.filter(employee=teacher).exists()


@time_machine.travel(dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC))
def test_a_case_found_by_an_audit_gives_two_years_from_the_misconduct(hr_inspector, director, teacher) -> None:
    late = {**SANCTION, "misconduct_date": D(2026, 2, 2), "misconduct_discovered_on": D(2026, 11, 16),
            "explanation_requested_on": D(2026, 11, 17)}  # fmt: skip
    order = make_order(
        hr_inspector, Order.Kind.SANCTION, D(2026, 11, 23), {"employee": teacher, "date": D(2026, 11, 23), **late}
    )

    # More than six months after the misconduct (02.08.2026 was a Sunday: the term ended on 03.08.2026).
    assert "03.08.2026 — предельный срок" in _refusal(director, order)["items.0.misconduct_date"][0]

    discipline.open_violation(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, employee=teacher,
        committed_on=D(2026, 2, 2), description="нецелевое расходование", discovered_by="ревизия КРУ",
        discovered_on=D(2026, 11, 16), found_by_audit=True, today=D(2026, 11, 30),
    )  # fmt: skip
    services.sign_order(actor=director.user, order=order)
    assert order.items.get().pk == Violation.objects.get().sanction_item_id


def _truancy_dismissal(persona: Any, employee: Any, date: dt.date) -> Order:
    return make_order(
        persona, Order.Kind.DISMISSAL, date,
        {"employee": employee, "date": date, "dismissal_ground": "81-1-6а", "basis": "акт об отсутствии на рабочем месте"},
    )  # fmt: skip


@time_machine.travel(dt.datetime(2026, 4, 20, 10, tzinfo=dt.UTC))
def test_a_dismissal_for_truancy_is_a_sanction_with_the_terms_of_its_case(hr_inspector, director, teacher) -> None:
    case = discipline.open_violation(
        actor=hr_inspector.user, organisation_id=teacher.organisation_id, employee=teacher,
        committed_on=D(2026, 3, 10), description="прогул 10.03.2026", discovered_by="заместитель директора",
        discovered_on=D(2026, 3, 10), today=D(2026, 3, 10),
    )  # fmt: skip
    discipline.request_explanation(
        actor=hr_inspector.user, violation=case, requested_on=D(2026, 3, 11), today=D(2026, 3, 11)
    )
    late = _truancy_dismissal(hr_inspector, teacher, D(2026, 4, 14))

    assert _refusal(director, late)["items.0.dismissal_ground"] == [
        f"{teacher.short_name}: Дело о проступке от 10.03.2026: Срок применения взыскания истёк: последний допустимый "
        "день 10.04.2026 — месяц со дня обнаружения проступка (ТК РФ ст. 193 ч. 3)."
    ]

    services.delete_draft(actor=hr_inspector.user, order=late)
    in_time = _truancy_dismissal(hr_inspector, teacher, D(2026, 4, 10))
    assert services.check_order(in_time) == []
    services.sign_order(actor=director.user, order=in_time)
    case.refresh_from_db()
    assert (case.status, case.sanction_item) == (Violation.Status.SANCTIONED, in_time.items.get())


@time_machine.travel(dt.datetime(2026, 4, 20, 10, tzinfo=dt.UTC))
def test_a_disciplinary_dismissal_without_a_case_is_warned_of(hr_inspector, teacher) -> None:
    order = _truancy_dismissal(hr_inspector, teacher, D(2026, 4, 14))

    assert [str(warning) for warning in services.check_order(order)] == [f"{teacher.short_name}: {discipline.NO_CASE}"]
