"""The class-teacher allowance is a setting of the organisation with the date each amount applies from."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from kadry.core.models import ChangeRecord, Membership
from kadry.orders.models import Order
from kadry.orders.tests.conftest import make_order
from kadry.school.models import AcademicYear, ClassTeacherAllowance, SchoolClass
from kadry.school.rules.appointment import amount_in_force
from kadry.school.services.appointment import allowance_in_force, set_allowance
from kadry.testing.factories import OrganisationFactory

D = dt.date
URL = reverse("school:allowance_settings")
AMOUNTS = [(D(2020, 9, 1), Decimal("5000")), (D(2026, 9, 1), Decimal("7500"))]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2020, 8, 31), None),  # before the first amount
        (D(2020, 9, 1), Decimal("5000")),  # from its first day
        (D(2026, 8, 31), Decimal("5000")),
        (D(2026, 9, 1), Decimal("7500")),  # the later one replaces it from its day
        (D(2030, 1, 1), Decimal("7500")),
    ],
)
def test_the_amount_in_force_is_the_one_with_the_latest_start_not_after_the_day(on, expected) -> None:
    assert amount_in_force(AMOUNTS, on) == expected
    assert amount_in_force(reversed(AMOUNTS), on) == expected


@pytest.mark.django_db
def test_hr_head_sets_a_new_amount_and_the_page_shows_the_history(hr_head, django_assert_max_num_queries) -> None:
    set_allowance(actor=hr_head.user, organisation_id=hr_head.organisation.pk, amount=Decimal("5000"),
                  valid_from=D(2020, 9, 1), basis="Постановление № 448")  # fmt: skip

    response = hr_head.client.post(URL, {"amount": "7500", "valid_from": "2099-09-01", "basis": "Приказ № 12"})

    assert response.status_code == 302
    assert allowance_in_force(hr_head.organisation.pk, D(2099, 9, 1)) == Decimal("7500")
    record = ChangeRecord.objects.filter(section="Вознаграждение за классное руководство").latest("id")
    assert record.actor == hr_head.user and record.subject_id == hr_head.organisation.pk
    with django_assert_max_num_queries(6):
        page = hr_head.client.get(URL).content.decode()
    assert "7\xa0500,00" in page and "с будущей даты" in page
    assert page.count("действует</span>") == 1  # 5 000 applies today
    # The menu leads to it.
    assert f'href="{URL}"' in hr_head.client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_a_second_amount_from_the_same_date_replaces_the_first(hr_head) -> None:
    for amount in ("5000", "6000"):
        hr_head.client.post(URL, {"amount": amount, "valid_from": "2026-09-01"})

    assert list(ClassTeacherAllowance.objects.values_list("amount", flat=True)) == [Decimal("6000")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "0", "valid_from": "2026-09-01"}, "amount", "Размер вознаграждения должен быть больше нуля."),
        ({"amount": "", "valid_from": "2026-09-01"}, "amount", "Укажите размер вознаграждения."),
        ({"amount": "5000", "valid_from": ""}, "valid_from", "Укажите, с какой даты действует размер."),
    ],
)
def test_bad_amount_or_date_is_refused_on_the_field(hr_head, data, field, message) -> None:
    response = hr_head.client.post(URL, data)

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not ClassTeacherAllowance.objects.exists()


@pytest.mark.django_db
def test_only_the_hr_head_and_the_administrator_reach_the_setting(personas) -> None:
    allowed = {Membership.Role.HR_HEAD, Membership.Role.ADMINISTRATOR}
    for role, persona in personas.items():
        assert persona.client.get(URL).status_code == (200 if role in allowed else 404), role


@pytest.mark.django_db
def test_an_appointment_starts_at_the_amount_in_force_on_the_orders_date(hr_inspector, hr_head, school) -> None:
    for valid_from, amount in AMOUNTS:
        set_allowance(actor=hr_head.user, organisation_id=school.pk, amount=amount, valid_from=valid_from)
    year = AcademicYear.objects.create(organisation=school, name="2026/2027", start=D(2026, 9, 1), end=D(2027, 8, 31))
    SchoolClass.objects.create(organisation=school, academic_year=year, grade=7, letter="Б")

    def proposed(date: dt.date) -> Decimal | None:
        order = make_order(hr_inspector, Order.Kind.CLASS_TEACHER_APPOINTMENT, date)
        return (
            hr_inspector.client.get(reverse("orders:detail", args=[order.pk]))
            .context["form"]["monthly_allowance"]
            .value()
        )

    assert proposed(D(2026, 8, 31)) == Decimal("5000")
    assert proposed(D(2026, 9, 1)) == Decimal("7500")


@pytest.mark.django_db
def test_without_a_setting_the_appointment_proposes_no_amount(hr_inspector) -> None:
    order = make_order(hr_inspector, Order.Kind.CLASS_TEACHER_APPOINTMENT, D(2026, 9, 1))

    form = hr_inspector.client.get(reverse("orders:detail", args=[order.pk])).context["form"]

    assert form["monthly_allowance"].value() is None


@pytest.mark.django_db
def test_the_migration_carries_the_former_amount_over_to_every_school() -> None:
    school = OrganisationFactory()
    service = OrganisationFactory(kind="hr_service")
    migration = importlib.import_module("kadry.school.migrations.0004_class_teacher_allowance")

    migration.carry_over_the_former_amount(apps, None)

    assert allowance_in_force(school.pk, D(2020, 9, 1)) == Decimal("5000.00")
    assert allowance_in_force(school.pk, D(2020, 8, 31)) is None
    assert not ClassTeacherAllowance.objects.filter(organisation=service).exists()
