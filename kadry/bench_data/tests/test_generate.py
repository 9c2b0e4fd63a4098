"""The benchmark's data generator: counts, valid identifiers and orders consistent with signing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from kadry.bench_data.generate import Scale, generate
from kadry.core.integrity import verify_all
from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.employment.models import Assignment, WorkRecordEntry
from kadry.grades.models import PeriodGrade
from kadry.lib.identifiers import normalise_snils
from kadry.lib.text import search_key
from kadry.orders.models import Order, OrderCounter, OrderItem
from kadry.school.models import AttendanceDay, Enrollment, Student
from kadry.staff.models import Employee, StaffingUnit

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def generated(db) -> dict[str, int]:
    return generate(Scale(2, 30, 50, years_of_orders=2, attendance_weeks=1), today=TODAY)


def test_generate_makes_the_asked_numbers(generated) -> None:
    assert Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count() == 2
    assert Organisation.objects.filter(kind=Organisation.Kind.HR_SERVICE).count() == 1  # the service keeping them
    assert Employee.objects.count() == 60
    assert Student.objects.count() == 100
    assert Enrollment.objects.count() == 100
    assert Assignment.objects.count() == 60
    assert AttendanceDay.objects.count() > 0
    # The first quarter's grades: every student in each of the ten subjects.
    assert PeriodGrade.objects.count() == 100 * 10
    assert generated["staff_employee"] == 60


def test_generated_employees_have_valid_snils_and_search_keys(generated) -> None:
    for employee in Employee.objects.all():
        assert normalise_snils(employee.snils) == employee.snils
        assert employee.search_key == search_key(employee.last_name, employee.first_name, employee.middle_name)
    assert Employee.objects.values("snils").distinct().count() == 60


def test_generated_orders_are_numbered_like_signed_ones(generated) -> None:
    orders = Order.objects.filter(status=Order.Status.SIGNED)
    assert orders.exists()
    assert not orders.values("organisation", "journal", "year", "number").annotate(n=Count("id")).filter(n__gt=1)
    for counter in OrderCounter.objects.all():
        numbers = sorted(
            number
            for number in orders.filter(
                organisation=counter.organisation_id, journal=counter.journal_id, year=counter.year
            ).values_list("number", flat=True)
            if number  # a signed order has one; the count compares
        )
        assert numbers == list(range(1, counter.last_number + 1))
    assert not OrderItem.objects.exclude(organisation_id=F("order__organisation_id")).exists()
    assert WorkRecordEntry.objects.count() == OrderItem.objects.count()


def test_generated_audit_rows_and_signed_orders_verify(generated) -> None:
    # Bulk-inserted log rows are chained, and generated orders carry their content hash, as signing does.
    assert AccessLogEntry.objects.exists()
    assert not Order.objects.filter(status=Order.Status.SIGNED, content_hash="").exists()
    assert list(verify_all()) == []


def test_staffing_units_hold_their_current_holders(generated) -> None:
    for unit in StaffingUnit.objects.all():
        holders = Assignment.objects.filter(staffing_unit=unit).active(on=TODAY).count()
        assert holders <= unit.rates


def test_bench_users_belong_to_the_first_school_only(generated) -> None:
    first = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by("pk").first()
    assert first is not None
    schools = Membership.objects.filter(organisation__kind=Organisation.Kind.SCHOOL)
    assert set(schools.values_list("organisation_id", flat=True)) == {first.pk}


def test_a_centralised_hr_service_keeps_every_school_with_the_bench_service_user(generated) -> None:
    service = Organisation.objects.get(kind=Organisation.Kind.HR_SERVICE)
    assert not Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).exclude(serviced_by=service).exists()
    seat = Membership.objects.get(organisation=service)
    assert (seat.user.username, seat.role) == ("bench_service", Membership.Role.HR_INSPECTOR)


@pytest.mark.django_db
def test_generate_command_reports_the_rows(capsys) -> None:
    call_command("generate", "--schools=1", "--employees-per-school=5", "--students-per-school=0")
    assert Employee.objects.count() == 5
    assert "staff_employee: 5" in capsys.readouterr().out
