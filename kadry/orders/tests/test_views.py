"""Orders through the UI: the wizard, the draft page, the check, the director's queue, cancelling by order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from kadry.core.chain import LINK_QUERIES
from kadry.employment.models import Assignment
from kadry.orders import services
from kadry.orders.models import Order, OrderItem
from kadry.orders.tests.conftest import HIRE, make_order
from kadry.school.models import AcademicYear, SchoolClass
from kadry.school.services.appointment import set_allowance
from kadry.staff.models import short_name
from kadry.testing.factories import AssignmentFactory, EmployeeFactory, StaffingUnitFactory

D = dt.date
HIRE_FORM = {
    "date": "2026-09-01",
    "rate": "1",
    "employment_kind": "1_main",
    "contract_term": "indefinite",
    "contract_number": "15/26",
    "contract_date": "2026-09-01",
}


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


SEPTEMBER_1 = D(2026, 9, 1)


def _hire(persona: Any, unit: Any, *employees: Any, date: dt.date = SEPTEMBER_1, **item: Any) -> Order:
    """Draft a hire of ``employees`` into ``unit`` through the services."""
    return make_order(
        persona,
        Order.Kind.HIRE,
        date,
        *({"employee": employee, "date": date, "staffing_unit": unit, **HIRE, **item} for employee in employees),
    )


def _submitted(persona: Any, order: Order) -> Order:
    """Send ``order`` «на подпись» as ``persona`` (an HR inspector), as the director's side expects."""
    return services.submit_order(actor=persona.user, order=order)


# The wizard and the draft page.


def test_inspector_drafts_a_hire_of_two_employees_and_reads_its_text(hr_inspector, units, ivanova, school) -> None:
    client = hr_inspector.client
    petrov = EmployeeFactory(organisation=school, last_name="Петров", first_name="Илья", middle_name="Ильич", sex="M")

    cards = client.get(reverse("orders:new"))
    assert cards.status_code == 200
    assert "Т-1, Т-1а" in cards.content.decode() and "Т-8, Т-8а" in cards.content.decode()
    assert client.get(reverse("orders:new"), {"kind": "hire"}).status_code == 200

    created = client.post(reverse("orders:new"), {"kind": "hire", "date": "2026-09-01", "note": ""})
    order = Order.objects.get()
    assert created.status_code == 302 and created["Location"] == reverse("orders:detail", args=[order.pk])
    assert (order.kind, order.status, order.created_by) == ("hire", "draft", hr_inspector.user)

    for employee in (ivanova, petrov):
        added = client.post(
            reverse("orders:item_add", args=[order.pk]),
            {**HIRE_FORM, "employee": employee.pk, "staffing_unit": units["maths"].pk},
        )
        assert added.status_code == 302, added.content.decode()

    page = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert (
        "Принять Иванову Марию Петровну на должность учителя математики (МО учителей математики) "
        "с 1 сентября 2026 г., ставка 1, основное место работы, "
        "бессрочный трудовой договор № 15/26 от 1 сентября 2026 г."
    ) in page
    assert "Принять Петрова Илью Ильича на должность учителя математики" in page
    assert list(order.items.values_list("employee__last_name", flat=True)) == ["Иванова", "Петров"]
    assert "Добавить ещё сотрудника" in page


def test_item_of_another_schools_employee_or_unit_is_a_field_error(hr_inspector, units, ivanova, other_school) -> None:
    order = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    stranger = EmployeeFactory(organisation=other_school)
    their_unit = StaffingUnitFactory(organisation=other_school)

    response = hr_inspector.client.post(
        reverse("orders:item_add", args=[order.pk]),
        {**HIRE_FORM, "employee": stranger.pk, "staffing_unit": their_unit.pk},
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Выберите корректный вариант" in errors["employee"][0]
    assert "Выберите корректный вариант" in errors["staffing_unit"][0]
    assert not OrderItem.objects.exists()


def test_empty_item_gets_the_russian_message_of_each_required_field(hr_inspector, units) -> None:
    order = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))

    response = hr_inspector.client.post(reverse("orders:item_add", args=[order.pk]), {"date": ""})

    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["employee"] == ["Выберите сотрудника."]
    assert errors["date"] == ["Укажите дату."]
    assert errors["staffing_unit"] == ["Выберите штатную единицу."]
    assert errors["contract_number"] == ["Укажите номер трудового договора."]
    assert "Проверьте выделенные поля" in response.content.decode()


def test_fixed_term_contract_needs_an_end_and_a_reason(hr_inspector, units, ivanova) -> None:
    order = make_order(hr_inspector, Order.Kind.HIRE, D(2026, 9, 1))
    data = {**HIRE_FORM, "employee": ivanova.pk, "staffing_unit": units["maths"].pk, "contract_term": "fixed"}

    errors = hr_inspector.client.post(reverse("orders:item_add", args=[order.pk]), data).context["form"].errors

    assert errors["end_date"] == ["У срочного договора должна быть дата окончания."]
    assert "ТК РФ ст. 59" in errors["fixed_term_reason"][0]


def test_item_is_edited_and_deleted_on_the_draft(hr_inspector, units, ivanova) -> None:
    order = _hire(hr_inspector, units["maths"], ivanova)
    item = order.items.get()
    edit_url = reverse("orders:item_edit", args=[order.pk, item.pk])

    assert hr_inspector.client.get(edit_url).status_code == 200
    data = {**HIRE_FORM, "employee": ivanova.pk, "staffing_unit": units["maths"].pk, "rate": "0.5"}
    assert hr_inspector.client.post(edit_url, data).status_code == 302
    item.refresh_from_db()
    assert item.rate == Decimal("0.5")

    assert hr_inspector.client.post(reverse("orders:item_delete", args=[order.pk, item.pk])).status_code == 302
    assert not order.items.exists()


def test_one_employee_kinds_take_one_item(hr_inspector, ivanova, school) -> None:
    order = make_order(
        hr_inspector,
        Order.Kind.SURNAME_CHANGE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "new_last_name": "Петрова", "basis": "свидетельство о браке"},
    )
    page = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert "Добавить" not in page and "Изменить фамилию Ивановой Марии Петровны на «Петрова»" in page

    other = EmployeeFactory(organisation=school)
    data = {"employee": other.pk, "date": "2026-09-01", "new_last_name": "Сидорова", "basis": "свидетельство"}
    response = hr_inspector.client.post(reverse("orders:item_add", args=[order.pk]), data)

    assert response.status_code == 302
    assert "один сотрудник" in _messages(response)[0]
    assert order.items.count() == 1


def test_director_reads_a_draft_with_the_sign_button_and_without_the_item_form(
    director, hr_inspector, units, ivanova
) -> None:
    order = _submitted(hr_inspector, _hire(hr_inspector, units["maths"], ivanova))

    response = director.client.get(reverse("orders:detail", args=[order.pk]))

    html = response.content.decode()
    assert response.context["form"] is None
    assert reverse("orders:sign", args=[order.pk]) in html
    assert "Удалить проект" not in html and "Добавить" not in html


def test_a_cancellation_takes_no_employees(hr_inspector, director, units, ivanova) -> None:
    hire = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))
    cancellation = services.create_draft(
        actor=hr_inspector.user,
        organisation_id=hr_inspector.organisation.pk,
        kind=Order.Kind.CANCELLATION,
        date=D(2026, 9, 3),
        cancels=hire,
    )

    response = hr_inspector.client.post(reverse("orders:item_add", args=[cancellation.pk]), {"employee": ivanova.pk})

    assert "В приказе об отмене нет сотрудников" in _messages(response)[0]
    assert not cancellation.items.exists()


# The check before signing.


def test_check_shows_each_problem_next_to_its_item(hr_inspector, units, ivanova, school) -> None:
    working = AssignmentFactory(employee__organisation=school, employee__last_name="Работающая").employee
    AssignmentFactory(employee__organisation=school, staffing_unit=units["maths"], rate=Decimal("1.5"))
    order = make_order(
        hr_inspector,
        Order.Kind.HIRE,
        D(2026, 9, 1),
        {"employee": ivanova, "date": D(2026, 9, 1), "staffing_unit": units["deputy"], **HIRE},
        {"employee": working, "date": D(2026, 9, 1), "staffing_unit": units["deputy"], **HIRE, "rate": Decimal("0.5")},
        {
            "employee": EmployeeFactory(organisation=school),
            "date": D(2026, 9, 1),
            "staffing_unit": units["maths"],
            **HIRE,
        },
        {**HIRE, "employee": EmployeeFactory(organisation=school), "date": D(2026, 9, 1), "contract_number": ""},
    )

    response = hr_inspector.client.get(reverse("orders:check", args=[order.pk]))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0].problems == []
    assert rows[1].problems == ["Вид работы: Сотрудник уже работает по основному месту работы — оформите перевод."]
    assert (
        rows[2].problems[0].startswith("Ставка: Штатная единица «учитель математики — МО учителей математики» занята")
    )
    assert sorted(rows[3].problems) == [
        "Номер трудового договора: Укажите номер трудового договора.",
        "Штатная единица: Выберите штатную единицу.",
    ]
    html = response.content.decode()
    assert html.count('class="has-error"') == 3
    order.refresh_from_db()
    assert order.status == Order.Status.DRAFT


def test_check_of_a_sound_draft_says_it_can_be_signed(director, hr_inspector, units, ivanova) -> None:
    order = _hire(hr_inspector, units["maths"], ivanova)

    response = director.client.get(reverse("orders:check", args=[order.pk]))

    assert "Проверка пройдена: приказ можно подписывать." in _messages(response)
    assert not any(row.problems for row in response.context["rows"])


def test_check_of_an_empty_draft_names_the_problem(hr_inspector) -> None:
    order = make_order(hr_inspector, Order.Kind.AWARD, D(2026, 9, 1))

    response = hr_inspector.client.get(reverse("orders:check", args=[order.pk]))

    assert response.context["problems"] == ["В приказе нет ни одного сотрудника."]


# Signing.


def test_director_signs_from_the_queue(director, hr_inspector, units, ivanova) -> None:
    order = _submitted(hr_inspector, _hire(hr_inspector, units["maths"], ivanova))
    queue_url = reverse("orders:queue")

    queue = director.client.get(queue_url)
    assert "Принять Иванову Марию Петровну на должность учителя математики" in queue.content.decode()
    assert director.client.get(reverse("orders:queue_count")).content.decode().strip().endswith(">1</span>")

    response = director.client.post(reverse("orders:sign", args=[order.pk]), {"next": queue_url})

    assert response.status_code == 302 and response["Location"] == queue_url
    assert _messages(response) == ["Подписан приказ № 1-к от 01.09.2026."]
    order.refresh_from_db()
    assert (order.status, order.display_number, order.signed_by) == ("signed", "1-к", director.user)
    assert Assignment.objects.get(employee=ivanova).staffing_unit == units["maths"]
    assert director.client.get(reverse("orders:queue_count")).content.decode().strip() == ""


def test_refused_signing_from_the_draft_page_leads_to_the_check(director, hr_inspector, units, ivanova) -> None:
    order = _submitted(hr_inspector, _hire(hr_inspector, units["maths"], ivanova))
    order.items.update(contract_number="")  # changed behind the check's back: signing checks again

    response = director.client.post(reverse("orders:sign", args=[order.pk]))

    assert response["Location"] == reverse("orders:check", args=[order.pk])
    assert "Укажите номер трудового договора." in _messages(response)[0]
    order.refresh_from_db()
    assert order.status == Order.Status.SUBMITTED


def test_batch_signing_signs_the_sound_drafts_and_reports_the_refused_one(
    director, hr_inspector, units, ivanova, school
) -> None:
    first = _submitted(hr_inspector, _hire(hr_inspector, units["maths"], ivanova))
    refused = _hire(hr_inspector, units["deputy"], EmployeeFactory(organisation=school, last_name="Козлова"))
    _submitted(hr_inspector, refused).items.update(contract_number="")
    award = make_order(
        hr_inspector,
        Order.Kind.AWARD,
        D(2026, 9, 2),
        {"employee": ivanova, "date": D(2026, 9, 2), "award": "Благодарность"},
    )
    _submitted(hr_inspector, award)

    response = director.client.post(reverse("orders:queue_sign"), {"orders": [first.pk, refused.pk, award.pk]})

    assert response.status_code == 302 and response["Location"] == reverse("orders:queue")
    reported = _messages(response)
    assert reported[0] == "Подписано приказов: 2 — № 1-к (Иванова М. П.); № 2-к (Иванова М. П.)."
    assert reported[1].startswith("Не подписан проект приказа от 01.09.2026 «О приёме на работу» (Козлова М. П.):")
    assert "Укажите номер трудового договора." in reported[1]
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "signed", refused.pk: "submitted", award.pk: "signed"}


def test_batch_signing_without_a_choice_asks_for_one(director) -> None:
    response = director.client.post(reverse("orders:queue_sign"), {})

    assert _messages(response) == ["Отметьте приказы, которые нужно подписать."]


# A signed order is never edited: every write answers with the reason, never with an error page.


def test_every_write_to_a_signed_order_is_refused_with_a_message(hr_inspector, director, units, ivanova) -> None:
    order = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))
    item = order.items.get()
    client = hr_inspector.client
    writes = [
        (reverse("orders:edit", args=[order.pk]), {"date": "2026-09-02"}),
        (reverse("orders:delete", args=[order.pk]), {}),
        (reverse("orders:item_add", args=[order.pk]), {**HIRE_FORM, "employee": ivanova.pk}),
        (reverse("orders:item_edit", args=[order.pk, item.pk]), {**HIRE_FORM, "employee": ivanova.pk, "rate": "0.5"}),
        (reverse("orders:item_delete", args=[order.pk, item.pk]), {}),
    ]

    for url, data in writes:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("orders:detail", args=[order.pk]), url
        assert "изменить нельзя" in _messages(response)[0], url
    signing_again = director.client.post(reverse("orders:sign", args=[order.pk]))
    assert "Подписанный приказ изменить нельзя" in _messages(signing_again)[0]
    item.refresh_from_db()
    assert (item.rate, Order.objects.get(pk=order.pk).date) == (Decimal("1"), D(2026, 9, 1))


def test_signed_order_page_shows_number_signer_and_effects(hr_inspector, director, units, ivanova) -> None:
    director.user.first_name, director.user.last_name = "Анна", "Директорова"
    director.user.save()
    order = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))

    page = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).content.decode()

    assert "Приказ № 1-к от 01.09.2026" in page
    assert "Анна Директорова" in page
    assert reverse("employee_card", args=[ivanova.pk]) in page
    assert "Отменить приказом" in page
    assert "Отменить приказом" not in director.client.get(reverse("orders:detail", args=[order.pk])).content.decode()


def test_cancelling_by_order_drafts_a_cancellation_the_director_signs(hr_inspector, director, units, ivanova) -> None:
    hire = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))
    cancel_url = reverse("orders:cancel", args=[hire.pk])
    assert hr_inspector.client.get(cancel_url).status_code == 200

    too_early = hr_inspector.client.post(cancel_url, {"date": "2026-08-31"})
    assert too_early.status_code == 400
    assert "раньше отменяемого" in too_early.context["form"].errors["date"][0]

    response = hr_inspector.client.post(cancel_url, {"date": "2026-09-03", "note": "ошибка в дате"})
    cancellation = Order.objects.get(kind=Order.Kind.CANCELLATION)
    assert response["Location"] == reverse("orders:detail", args=[cancellation.pk])
    assert cancellation.cancels == hire
    draft = hr_inspector.client.get(response["Location"]).content.decode()
    assert "Отменить приказ от 1 сентября 2026 г. № 1-к «О приёме на работу» (Иванова М. П.)" in draft
    # Asking again leads to the same draft instead of a second one.
    assert hr_inspector.client.get(cancel_url)["Location"] == response["Location"]

    _submitted(hr_inspector, cancellation)
    director.client.post(reverse("orders:sign", args=[cancellation.pk]))
    hire.refresh_from_db()
    assert hire.status == Order.Status.CANCELLED
    assert not Assignment.objects.filter(employee=ivanova).exists()
    page = hr_inspector.client.get(reverse("orders:detail", args=[hire.pk])).content.decode()
    assert "Приказ отменён приказом" in page and "№ 2-к" in page


def test_wizard_drafts_a_cancellation_of_a_chosen_order(hr_inspector, director, units, ivanova) -> None:
    hire = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))

    missing = hr_inspector.client.post(reverse("orders:new"), {"kind": "cancellation", "date": "2026-09-03"})
    assert missing.context["form"].errors["cancels"] == ["Выберите отменяемый приказ."]
    created = hr_inspector.client.post(
        reverse("orders:new"), {"kind": "cancellation", "date": "2026-09-03", "cancels": hire.pk}
    )

    assert created.status_code == 302
    assert Order.objects.get(kind=Order.Kind.CANCELLATION).cancels == hire


def test_draft_is_deleted_and_its_heading_edited(hr_inspector, units, ivanova) -> None:
    order = _hire(hr_inspector, units["maths"], ivanova)

    edited = hr_inspector.client.post(reverse("orders:edit", args=[order.pk]), {"date": "2026-09-02", "note": "т"})
    assert edited.status_code == 302
    order.refresh_from_db()
    assert (order.date, order.note, order.kind) == (D(2026, 9, 2), "т", "hire")

    deleted = hr_inspector.client.post(reverse("orders:delete", args=[order.pk]))
    assert deleted["Location"] == reverse("orders:list")
    assert not Order.objects.exists()


# The list.


def test_list_filters_by_status_kind_year_and_surname(hr_inspector, director, units, ivanova, school) -> None:
    signed = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))
    kozlova = EmployeeFactory(organisation=school, last_name="Козлова")
    award = make_order(
        hr_inspector,
        Order.Kind.AWARD,
        D(2027, 1, 15),
        {"employee": kozlova, "date": D(2027, 1, 15), "award": "Грамота"},
    )
    url = reverse("orders:list")

    def listed(**params: Any) -> list[int]:
        return [row["pk"] for row in hr_inspector.client.get(url, params).context["page"].object_list]

    assert listed() == [award.pk, signed.pk]
    assert listed(status="signed") == [signed.pk]
    assert listed(kind="award") == [award.pk]
    assert listed(year="2026") == [signed.pk]
    assert listed(q="козл") == [award.pk]
    page = hr_inspector.client.get(url).content.decode()
    assert "1-к" in page and "Иванова М. П." in page and "проект" in page
    rows = hr_inspector.client.get(url, {"q": "иван"}, headers={"HX-Request": "true"})
    assert rows.templates[0].name == "orders/_order_rows.html"


# Every preview reads as the order will.


@pytest.fixture
def seventh_grade(school) -> SchoolClass:
    year = AcademicYear.objects.create(organisation=school, name="2026/2027", start=D(2026, 9, 1), end=D(2027, 8, 31))
    return SchoolClass.objects.create(organisation=school, academic_year=year, grade=7, letter="Б")


@pytest.mark.parametrize(
    ("kind", "item", "text"),
    [
        (
            "transfer",
            {"staffing_unit": "deputy", "rate": Decimal("1"), "end_date": D(2026, 12, 31), "basis": "заявление"},
            "Перевести Иванову Марию Петровну на должность заместителя директора по учебно-воспитательной работе "
            "(Администрация) с 1 сентября 2026 г., ставка 1, временно — по 31 декабря 2026 г. Основание: заявление.",
        ),
        (
            "dismissal",
            {"dismissal_ground": "77-1-3", "statement_date": D(2026, 8, 18), "basis": "заявление от 18.08.2026"},
            "Уволить Иванову Марию Петровну 1 сентября 2026 г.: трудовой договор расторгнут по инициативе "
            "работника, пункт 3 части первой статьи 77 Трудового кодекса Российской Федерации. "
            "Основание: заявление от 18.08.2026.",
        ),
        (
            "award",
            {"award": "Почётная грамота лицея"},
            "Поощрить Иванову Марию Петровну 1 сентября 2026 г.: Почётная грамота лицея.",
        ),
        (
            "sanction",
            {
                "sanction_kind": "remark",
                "misconduct": "опоздание на урок",
                "misconduct_date": D(2026, 8, 25),
                "misconduct_discovered_on": D(2026, 8, 25),
                "explanation_requested_on": D(2026, 8, 26),
            },
            "Объявить замечание Ивановой Марии Петровне 1 сентября 2026 г. за проступок: опоздание на урок "
            "(совершён 25 августа 2026 г., обнаружен 25 августа 2026 г.; письменное объяснение затребовано "
            "26 августа 2026 г.).",
        ),
        (
            "class_teacher_appointment",
            {"school_class": "7Б", "monthly_allowance": Decimal("5000"), "agreement": "№ 3 от 01.09.2026"},
            "Назначить Иванову Марию Петровну классным руководителем 7Б класса с 1 сентября 2026 г., "
            "ежемесячное вознаграждение 5\u00a0000 руб., дополнительное соглашение № 3 от 01.09.2026.",
        ),
        (
            "class_teacher_release",
            {"school_class": "7Б"},
            "Освободить Иванову Марию Петровну от классного руководства в 7Б классе; "
            "последний день руководства — 1 сентября 2026 г.",
        ),
    ],
)
def test_each_kind_reads_as_the_order_will(hr_inspector, units, ivanova, seventh_grade, kind, item, text) -> None:
    values = {**item}
    if values.get("staffing_unit"):
        values["staffing_unit"] = units[values["staffing_unit"]]
    if values.get("school_class"):
        values["school_class"] = seventh_grade
    order = make_order(hr_inspector, kind, D(2026, 9, 1), {"employee": ivanova, "date": D(2026, 9, 1), **values})

    response = hr_inspector.client.get(reverse("orders:detail", args=[order.pk]))

    assert [row.text for row in response.context["rows"]] == [text]


def test_class_teacher_allowance_starts_at_the_federal_payment(hr_inspector, seventh_grade) -> None:
    set_allowance(actor=hr_inspector.user, organisation_id=seventh_grade.organisation_id, amount=Decimal("5000.00"),
                  valid_from=D(2020, 9, 1))  # fmt: skip
    order = make_order(hr_inspector, Order.Kind.CLASS_TEACHER_APPOINTMENT, D(2026, 9, 1))

    form = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).context["form"]

    assert form["monthly_allowance"].value() == Decimal("5000.00")
    assert [label for _value, label in form.fields["school_class"].choices][1:] == ["7Б (2026/2027)"]


# Queries stay bounded however many orders or items there are.


@pytest.mark.parametrize("size", [1, 50])
def test_list_costs_the_same_queries_at_1_and_50_orders(
    hr_inspector, units, school, size, settings, django_assert_max_num_queries
) -> None:
    settings.KADRY_PAGE_SIZE = 50
    for _ in range(size):
        _hire(hr_inspector, units["maths"], EmployeeFactory(organisation=school), EmployeeFactory(organisation=school))

    # session, user, membership, years of the filter, count, page, names of the page's employees
    with django_assert_max_num_queries(7):
        response = hr_inspector.client.get(reverse("orders:list"), {"q": "", "status": "draft"})
    assert len(response.context["page"].object_list) == size
    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", [1, 30])
def test_draft_page_costs_the_same_queries_at_1_and_30_items(
    hr_inspector, units, school, size, django_assert_max_num_queries
) -> None:
    order = _hire(hr_inspector, units["maths"], *(EmployeeFactory(organisation=school) for _ in range(size)))

    # session, user, membership, order, items, the access-log row, then the choices of the form: employees, units
    # 10: two of them read the taken personnel numbers, to propose the next free one on the new hire item.
    with django_assert_max_num_queries(10 + LINK_QUERIES[connection.vendor]):
        response = hr_inspector.client.get(reverse("orders:detail", args=[order.pk]))
    assert len(response.context["rows"]) == size


@pytest.mark.parametrize("size", [1, 30])
def test_queue_costs_the_same_queries_at_1_and_30_orders(
    director, hr_inspector, units, school, size, django_assert_max_num_queries
) -> None:
    for _ in range(size):
        _hire(hr_inspector, units["maths"], EmployeeFactory(organisation=school)).items.update(rate=Decimal("0.05"))
    Order.objects.update(status=Order.Status.SUBMITTED)  # sent: 30 hires of a whole rate would not pass the check

    # session, user, membership, count, page, items, the access-log row
    with django_assert_max_num_queries(7 + LINK_QUERIES[connection.vendor]):
        response = director.client.get(reverse("orders:queue"))
    assert len(response.context["rows"]) == size


def test_list_row_links_to_the_order_and_shows_its_number_date_kind_and_state(
    hr_inspector, director, units, ivanova
) -> None:
    signed = services.sign_order(actor=director.user, order=_hire(hr_inspector, units["maths"], ivanova))
    draft = make_order(hr_inspector, Order.Kind.AWARD, D(2027, 1, 15))
    cancelled = make_order(hr_inspector, Order.Kind.SANCTION, D(2026, 10, 5))
    Order.objects.filter(pk=cancelled.pk).update(status=Order.Status.CANCELLED)

    page = hr_inspector.client.get(reverse("orders:list")).content.decode()

    assert (
        f'<td class="num"><a href="{reverse("orders:detail", args=[signed.pk])}">1-к</a></td>\n'
        '      <td class="nowrap">01.09.2026</td>\n'
        "      <td>О приёме на работу (Т-1, Т-1а)</td>\n"
        "      <td>Иванова М. П.</td>\n"
        '      <td><span class="tag ok">подписан</span></td>'
    ) in page
    assert (
        f'<a href="{reverse("orders:detail", args=[draft.pk])}">проект</a></td>\n'
        '      <td class="nowrap">15.01.2027</td>\n'
        "      <td>О поощрении (Т-11, Т-11а)</td>\n"
        "      <td>—</td>\n"
        '      <td><span class="tag warn">проект</span></td>'
    ) in page
    assert f'<a href="{reverse("orders:detail", args=[cancelled.pk])}">' in page
    assert '<span class="tag muted">отменён</span>' in page


@pytest.mark.parametrize(("first_name", "middle_name"), [("Мария", "Петровна"), ("Али", ""), ("", "")])
def test_list_shortens_a_name_as_the_employee_does(school, first_name, middle_name) -> None:
    employee = EmployeeFactory.build(
        organisation=school, last_name="Иванова", first_name=first_name, middle_name=middle_name
    )

    assert short_name(employee.last_name, employee.first_name, employee.middle_name) == employee.short_name


def test_list_names_five_employees_of_an_order_and_counts_the_rest(hr_inspector, units, school) -> None:
    people = [EmployeeFactory(organisation=school, last_name=f"Сотрудникова{n}", first_name="Анна") for n in range(7)]
    _hire(hr_inspector, units["maths"], *people[:1])
    _hire(hr_inspector, units["maths"], *people)

    rows = hr_inspector.client.get(reverse("orders:list")).context["page"].object_list
    names = sorted((row["names"] for row in rows), key=len)

    initials = people[0].short_name.removeprefix("Сотрудникова0")  # « А. П.» from the factory's middle name
    assert names == [
        f"Сотрудникова0{initials}",
        ", ".join(f"Сотрудникова{n}{initials}" for n in range(5)) + " и ещё 2",
    ]
