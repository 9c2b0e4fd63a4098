"""The check of an order: «Проверить» and signing run the same validation, over all items together."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.staff.models import Education
from kadry.testing.factories import EmployeeFactory

D = dt.date
SEPTEMBER_1 = D(2026, 9, 1)


def _hire(persona, *items) -> Order:
    return make_order(persona, Order.Kind.HIRE, SEPTEMBER_1, *({**HIRE, "date": SEPTEMBER_1, **item} for item in items))


def _check_page(persona, order):
    response = persona.client.get(reverse("orders:check", args=[order.pk]))
    assert response.status_code == 200
    return response


def _refusal(director, order) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        services.sign_order(actor=director.user, order=order)
    return refused.value.message_dict


# Items together.


def test_same_person_hired_twice_onto_a_unit_with_one_free_rate_fails_the_check_too(
    hr_inspector, director, units, ivanova
) -> None:
    order = _hire(
        hr_inspector,
        {"employee": ivanova, "staffing_unit": units["deputy"]},
        {"employee": ivanova, "staffing_unit": units["deputy"], "employment_kind": "2_internal"},
    )

    rows = _check_page(hr_inspector, order).context["rows"]

    assert rows[0].problems == []
    assert sorted(rows[1].problems) == [
        "Ставка: Вместе с сотрудниками выше в этом приказе в штатной единице "
        "«заместитель директора по учебно-воспитательной работе — Администрация» свободно 0 ст.",
        "Штатная единица: Сотрудник принимается на эту штатную единицу дважды.",
    ]
    assert set(_refusal(director, order)) == {"items.1.staffing_unit", "items.1.rate"}


def test_two_people_on_a_unit_with_one_free_rate_fail_the_check_and_the_signing_alike(
    hr_inspector, director, units, ivanova, school
) -> None:
    other = EmployeeFactory(organisation=school, last_name="Петрова", first_name="Анна", middle_name="")
    order = _hire(
        hr_inspector,
        {"employee": ivanova, "staffing_unit": units["deputy"]},
        {"employee": other, "staffing_unit": units["deputy"], "rate": Decimal("0.5")},
    )

    rows = _check_page(hr_inspector, order).context["rows"]

    expected = "Вместе с сотрудниками выше в этом приказе в штатной единице «заместитель директора по учебно-воспитательной работе — Администрация» свободно 0 ст."
    assert rows[1].problems == [f"Ставка: {expected}"]
    assert _refusal(director, order) == {"items.1.rate": [f"Петрова А.: {expected}"]}
    assert Order.objects.get(pk=order.pk).status == Order.Status.DRAFT


def test_two_half_rates_fit_one_free_rate(hr_inspector, director, units, ivanova, school) -> None:
    other = EmployeeFactory(organisation=school)
    half = {"staffing_unit": units["deputy"], "rate": Decimal("0.5")}
    order = _hire(hr_inspector, {"employee": ivanova, **half}, {"employee": other, **half})

    assert not any(row.problems for row in _check_page(hr_inspector, order).context["rows"])
    assert services.sign_order(actor=director.user, order=order).status == Order.Status.SIGNED


def test_the_same_person_dismissed_twice_in_one_order_is_refused(hr_inspector, director, units, ivanova) -> None:
    services.sign_order(
        actor=director.user, order=_hire(hr_inspector, {"employee": ivanova, "staffing_unit": units["maths"]})
    )
    item = {"employee": ivanova, "date": D(2026, 11, 20), "dismissal_ground": "77-1-1", "basis": "соглашение"}
    order = make_order(hr_inspector, Order.Kind.DISMISSAL, D(2026, 11, 20), item, item)

    assert _refusal(director, order) == {
        "items.1.employee": ["Иванова М. П.: Сотрудник уже указан в этом приказе выше."]
    }


# Age (ТК РФ ст. 63) and education (ст. 331).


def test_a_ten_year_old_is_not_hired(hr_inspector, director, units, school) -> None:
    child = EmployeeFactory(organisation=school, last_name="Маленькая", birth_date=D(2016, 1, 1))
    order = _hire(hr_inspector, {"employee": child, "staffing_unit": units["maths"]})

    assert _refusal(director, order) == {
        "items.0.employee": [
            "Маленькая М. П.: На дату начала работы сотруднику 10 лет: трудовой договор заключается с 14 лет (ТК РФ ст. 63)."
        ]
    }


def test_a_fifteen_year_old_is_a_warning_that_does_not_block_signing(hr_inspector, director, units, school) -> None:
    # 15 on 1 September 2026: born 01.09.2010 turns 16 on 01.09.2026, so a day later is still 15.
    teenager = EmployeeFactory(organisation=school, last_name="Юная", birth_date=D(2010, 9, 2))
    order = _hire(hr_inspector, {"employee": teenager, "staffing_unit": units["deputy"]})

    response = _check_page(hr_inspector, order)

    [row] = response.context["rows"]
    assert row.problems == []
    assert len(row.warnings) == 1 and row.warnings[0].startswith("На дату начала работы сотруднику 15 лет")
    assert "Предупреждение: На дату начала работы сотруднику 15 лет" in response.content.decode()
    assert services.sign_order(actor=director.user, order=order).status == Order.Status.SIGNED


def test_sixteen_on_the_first_day_is_no_warning(hr_inspector, units, school) -> None:
    sixteen = EmployeeFactory(organisation=school, birth_date=D(2010, 9, 1))
    order = _hire(hr_inspector, {"employee": sixteen, "staffing_unit": units["deputy"]})

    assert _check_page(hr_inspector, order).context["rows"][0].warnings == []


def test_a_teacher_without_vocational_or_higher_education_is_a_warning(hr_inspector, units, ivanova, school) -> None:
    order = _hire(hr_inspector, {"employee": ivanova, "staffing_unit": units["maths"]})
    Education.objects.create(
        organisation=school,
        employee=ivanova,
        level=Education.Level.SECONDARY_GENERAL,
        institution="СОШ № 1",
        graduation_year=2003,
    )

    [row] = _check_page(hr_inspector, order).context["rows"]
    assert row.warnings == [
        "В личной карточке нет среднего профессионального или высшего образования, которого требует "
        "педагогическая должность (ТК РФ ст. 331). Внесите образование или проверьте основание допуска."
    ]

    Education.objects.create(
        organisation=school, employee=ivanova, level=Education.Level.BACHELOR, institution="МПГУ", graduation_year=2008
    )
    assert _check_page(hr_inspector, order).context["rows"][0].warnings == []


def test_a_deputy_director_needs_no_education_warning(hr_inspector, units, ivanova) -> None:
    order = _hire(hr_inspector, {"employee": ivanova, "staffing_unit": units["deputy"]})

    assert _check_page(hr_inspector, order).context["rows"][0].warnings == []


# The order's date and its items' dates (ТК РФ ст. 68).


@pytest.mark.parametrize(("start", "refused"), [(D(2026, 8, 29), False), (D(2026, 8, 28), True)])
def test_a_hire_starts_at_most_three_days_before_its_order(
    hr_inspector, director, units, ivanova, start, refused
) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        SEPTEMBER_1,
        {**HIRE, "employee": ivanova, "date": start, "staffing_unit": units["deputy"]},
    )
    if refused:
        [message] = _refusal(director, order)["items.0.date"]
        assert message == (
            "Иванова М. П.: Работа начата 28.08.2026, а приказ датирован 01.09.2026: приказ о приёме объявляется "
            "в течение 3 дней со дня фактического начала работы (ТК РФ ст. 68)."
        )
    else:
        assert services.sign_order(actor=director.user, order=order).status == Order.Status.SIGNED


@time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC), tick=False)
def test_an_order_is_not_signed_before_its_date(hr_inspector, director, units, ivanova) -> None:
    tomorrow = D(2026, 9, 2)
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        tomorrow,
        {**HIRE, "employee": ivanova, "date": tomorrow, "staffing_unit": units["deputy"]},
    )

    assert _check_page(hr_inspector, order).context["problems"] == [
        "Приказ датирован 02.09.2026: подписать его можно не раньше этой даты."
    ]
    with pytest.raises(ValidationError, match="подписать его можно не раньше этой даты"):
        services.sign_order(actor=director.user, order=order)
    with time_machine.travel(dt.datetime(2026, 9, 2, 9, tzinfo=dt.UTC), tick=False):
        assert services.sign_order(actor=director.user, order=order).status == Order.Status.SIGNED


def test_employment_kinds_are_what_the_check_compares() -> None:
    # A guard on the constants the checks above rely on.
    assert OrderItem.EmploymentKind.INTERNAL_PART_TIME == "2_internal"


# Class leadership: a third class is a warning (the federal payment covers two), not a refusal.


def test_a_third_class_is_a_warning_and_is_signed(hr_inspector, director, units, ivanova, school) -> None:
    from kadry.school.models import AcademicYear, ClassTeacherAssignment, SchoolClass

    services.sign_order(
        actor=director.user, order=_hire(hr_inspector, {"employee": ivanova, "staffing_unit": units["maths"]})
    )
    year = AcademicYear.objects.create(organisation=school, name="2026/2027", start=SEPTEMBER_1, end=D(2027, 8, 31))
    classes = [
        SchoolClass.objects.create(organisation=school, academic_year=year, grade=7, letter=letter) for letter in "АБВ"
    ]
    items = [
        {"employee": ivanova, "date": SEPTEMBER_1, "school_class": school_class, "monthly_allowance": Decimal("5000")}
        for school_class in classes
    ]
    order = make_order(hr_inspector, Order.Kind.CLASS_TEACHER_APPOINTMENT, SEPTEMBER_1, *items)

    rows = _check_page(hr_inspector, order).context["rows"]

    assert [row.problems for row in rows] == [[], [], []]
    assert [len(row.warnings) for row in rows] == [0, 0, 1]
    assert rows[2].warnings[0].startswith("Это 3-й класс учителя: федеральное вознаграждение")
    services.sign_order(actor=director.user, order=order)
    assert ClassTeacherAssignment.objects.filter(teacher=ivanova).count() == 3


@pytest.mark.parametrize(
    ("kind", "item"),
    [
        (Order.Kind.LEAVE, {"leave_kind": "annual", "leave_days": 14, "basis": "заявление"}),
        (Order.Kind.LEAVE_RECALL, {"basis": "служебная записка"}),
    ],
)
def test_a_leave_or_recall_order_is_checked_like_the_others(hr_inspector, ivanova, kind, item) -> None:
    # Their effects once lacked warnings(): the check stopped with AttributeError instead of answering.
    order = make_order(hr_inspector, kind, D(2026, 12, 10), {"employee": ivanova, "date": D(2026, 12, 28), **item})

    result = services.review(order, today=D(2026, 12, 10))

    assert result.warnings == []
    assert [problem.item.employee for problem in result.problems] == [ivanova]  # not working on that day
