"""``manage.py demo``: what it builds, that it builds it once, and that every build is the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Min, Q, Sum
from django.test import Client, RequestFactory

from kadry.absences.models import Absence
from kadry.absences.services import leave_notices
from kadry.attestation.models import CategoryDecision
from kadry.attestation.queries import expiring_categories
from kadry.core.models import ChangeRecord, Membership, Organisation
from kadry.demo.catalog import DEMO_DAY, HR_SERVICE, LYCEUM, SMALL_SCHOOL
from kadry.demo.names import ALL_MALE_FIRST_NAMES, MALE_NAMES, feminine_surname
from kadry.demo.users import LOGINS, PASSWORD
from kadry.employment.models import Assignment, WorkRecordEvent
from kadry.lib.identifiers import normalise_inn, normalise_snils
from kadry.orders.models import Order
from kadry.school.models import ClassTeacherAssignment, Enrollment, Guardian, SchoolClass, Student
from kadry.staff.models import (
    Award,
    Education,
    Employee,
    FamilyMember,
    HireDocument,
    MilitaryRecord,
    Position,
    PriorJob,
    StaffingUnit,
    Training,
)

User = get_user_model()


def _demo(*args: str) -> str:
    out = StringIO()
    # Tests run with DEBUG off, where the command refuses without --force.
    call_command("demo", "--force", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    models = (
        Organisation, Membership, User, Employee, Assignment, StaffingUnit, Position, Education, Training,
        FamilyMember, PriorJob, Award, HireDocument, MilitaryRecord, SchoolClass, Student, Guardian, Enrollment,
        ChangeRecord,
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_builds_a_lyceum_with_staff_pupils_and_users() -> None:
    output = _demo()

    assert "Демо-данные загружены" in output
    assert "Логин" in output and "demo12345" in output
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)
    service = Organisation.objects.get(inn=HR_SERVICE.inn, kind=Organisation.Kind.HR_SERVICE)
    small_school = Organisation.objects.get(inn=SMALL_SCHOOL.inn)
    assert lyceum.serviced_by == service and small_school.serviced_by == service
    normalise_inn(lyceum.inn)

    # Staff: about 120 people with valid, unique identifiers and searchable names.
    employees = Employee.objects.filter(organisation=lyceum)
    assert 100 <= employees.count() <= 140
    snils = list(employees.values_list("snils", flat=True))
    assert all(normalise_snils(value) == value for value in snils)
    assert len(set(snils)) == len(snils)
    assert all(normalise_inn(value) for value in employees.exclude(inn="").values_list("inn", flat=True))
    someone = employees.order_by("personnel_number").first()
    assert someone is not None
    assert someone in employees.search(someone.last_name[:4])
    assert employees.filter(sex=Employee.Sex.MALE).exists() and employees.filter(sex=Employee.Sex.FEMALE).exists()

    # Assignments: everyone placed, some leavers, some internal part-timers, no unit over its rates, vacancies left.
    today = DEMO_DAY
    employees = Employee.objects.of(lyceum.pk)
    assert employees.with_status(Employee.Status.NOT_HIRED, today).count() == 0
    assert employees.with_status(Employee.Status.DISMISSED, today).count() >= 3
    assert Assignment.objects.filter(organisation=lyceum, kind=Assignment.Kind.INTERNAL_PART_TIME).exists()
    vacant = 0
    for unit in StaffingUnit.objects.filter(organisation=lyceum):
        occupied = Assignment.objects.filter(staffing_unit=unit).active(on=today).aggregate(total=Sum("rate"))["total"]
        assert (occupied or Decimal(0)) <= unit.rates, unit
        vacant += unit.rates > (occupied or Decimal(0))
    assert vacant >= 3
    assert set(Position.objects.filter(organisation=lyceum).values_list("category", flat=True)) == set(
        Position.Category.values
    )

    # The card: earlier jobs end before the hire, nothing dated after the demo day.
    hired = dict(
        Assignment.objects.filter(organisation=lyceum)
        .values("employee")
        .annotate(first=Min("start"))
        .values_list("employee", "first")
    )
    for job in PriorJob.objects.filter(organisation=lyceum):
        assert job.start < job.end < hired[job.employee_id]
    assert max(Training.objects.filter(organisation=lyceum).values_list("end", flat=True)) <= today
    typed_in = Award.objects.filter(organisation=lyceum, order_item__isnull=True)
    assert max(typed_in.values_list("awarded_on", flat=True)) <= today
    assert HireDocument.objects.filter(organisation=lyceum).exists()
    assert MilitaryRecord.objects.filter(organisation=lyceum).exists()
    assert employees.exclude(qualification_category="").exists()
    # Attestation: the decisions behind the cards' categories; three end within six months of December 2026
    # (kadry/demo/attestation.py: 21.12.2021 → 20.12.2026, 11.02.2022 → 10.02.2027, 15.03.2022 → 14.03.2027).
    expiring = expiring_categories(lyceum.pk, dt.date(2026, 12, 3), dt.date(2027, 6, 3), dt.date(2026, 12, 3))
    assert {standing.valid_until for _employee, standing in expiring} >= {
        dt.date(2026, 12, 20),
        dt.date(2027, 2, 10),
        dt.date(2027, 3, 14),
    }
    assert CategoryDecision.objects.filter(organisation=lyceum, valid_until__isnull=True).exists()

    # Pupils: 33 classes of 25–30, each pupil with a parent who gets the notices.
    assert SchoolClass.objects.filter(organisation=lyceum).count() == 33
    students = Student.objects.filter(organisation=lyceum)
    assert 800 <= students.count() <= 1000
    assert not students.filter(guardians__isnull=True).exists()
    notified = students.annotate(n=Count("guardians", filter=Q(guardians__receives_notices=True)))
    assert set(notified.values_list("n", flat=True)) == {1}
    assert Enrollment.objects.filter(organisation=lyceum).count() == students.count()
    seventh = students.filter(enrollments__school_class__grade=7)
    assert all(2011 <= born.year <= 2014 for born in seventh.values_list("birth_date", flat=True))

    # Users: every role can log in; the director's membership is the director's card; cks works in three places.
    roles = set(Membership.objects.filter(organisation=lyceum).values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    for login in LOGINS:
        # django-axes counts attempts per request, so authentication needs one.
        request = RequestFactory().post("/accounts/login/")
        assert Client().login(request=request, username=login.username, password=PASSWORD), login.username
    director = Membership.objects.get(user__username="director")
    assert director.employee is not None
    assert director.employee.assignments.filter(staffing_unit__position__name="директор").exists()
    assert Membership.objects.filter(user__username="cks").values("organisation").distinct().count() == 3


@pytest.mark.django_db
def test_demo_loads_once_and_every_build_is_the_same() -> None:
    _demo()
    before = _counts()
    people = sorted(Employee.objects.values_list("snils", "last_name", "birth_date"))

    assert "Демо-данные уже загружены" in _demo()
    assert _counts() == before

    # --reset cannot delete the demo's append-only records: it says how to start afresh and changes nothing.
    with pytest.raises(CommandError, match=r"неизменяемы.*пустой базы"):
        _demo("--reset")
    assert _counts() == before
    assert sorted(Employee.objects.values_list("snils", "last_name", "birth_date")) == people


@pytest.mark.django_db
def test_demo_refuses_to_take_over_existing_users() -> None:
    User.objects.create_user(username="admin", password="secret-admin")

    with pytest.raises(CommandError, match="admin"):
        _demo()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_demo_refuses_with_debug_off_unless_forced(settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match=r"DEBUG выключен.*--force"):
        call_command("demo", stdout=StringIO())
    assert not Organisation.objects.exists()
    assert not User.objects.exists()

    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    assert "Демо-данные загружены" in out.getvalue()


def test_every_male_name_gives_patronymics() -> None:
    assert not ALL_MALE_FIRST_NAMES - set(MALE_NAMES)


@pytest.mark.parametrize(
    ("surname", "feminine"),
    [
        ("Иванов", "Иванова"),
        ("Покровский", "Покровская"),
        ("Толстой", "Толстая"),
        ("Черных", "Черных"),
        ("Шевченко", "Шевченко"),
    ],
)
def test_feminine_surname(surname: str, feminine: str) -> None:
    assert feminine_surname(surname) == feminine


@pytest.mark.django_db
def test_demo_orders_appoint_every_class_teacher_and_leave_drafts_to_sign() -> None:
    call_command("demo", "--force", stdout=StringIO())
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)

    appointed = ClassTeacherAssignment.objects.filter(organisation=lyceum, end__isnull=True)
    assert appointed.count() == SchoolClass.objects.filter(organisation=lyceum).count()
    assert (
        appointed.get(school_class__grade=7, school_class__letter="Б").teacher.memberships.get().user.username
        == "teacher7b"
    )
    # Each journal («-к» personnel, «-о» leave) numbers its orders 1, 2, 3… without gaps.
    signed = Order.objects.filter(organisation=lyceum, status=Order.Status.SIGNED)
    for journal_id in set(signed.values_list("journal_id", flat=True)):
        numbers = list(signed.filter(journal_id=journal_id).order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
    assert Order.objects.filter(organisation=lyceum, status=Order.Status.DRAFT).count() == 2
    assert WorkRecordEvent.objects.filter(organisation=lyceum, reported_on__isnull=True).exists()


@pytest.mark.django_db
def test_demo_absences_include_a_continuation_and_an_illness_inside_a_leave() -> None:
    call_command("demo", "--force", stdout=StringIO())
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)
    absences = Absence.objects.filter(organisation=lyceum)
    assert set(absences.values_list("kind", flat=True)) == {"sick", "business_trip", "lateness"}
    assert absences.filter(continues__isnull=False).count() == 1
    assert sum(len(leave_notices(absence)) for absence in absences) == 1
    # The draft remark's case is the case of the lateness: the register lists no lateness without a case.
    from kadry.discipline.models import Violation

    assert Violation.objects.get(organisation=lyceum).absence == absences.get(kind="lateness")


@pytest.mark.django_db
def test_demo_obligations_fill_the_register_with_some_overdue() -> None:
    call_command("demo", "--force", stdout=StringIO())
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)
    from kadry.obligations.queries import register

    _kinds, rows = register(lyceum.pk, dt.date(2026, 12, 3))
    states = {row.obligation.state for row in rows}
    # The first aid of 21.11.2022 ran out on 21.11.2025; the examinations of 02.06.2025 on 02.06.2026.
    overdue = {row.obligation.kind.key for row in rows if row.obligation.overdue}
    assert {"valid", "overdue"} <= states
    assert {"first_aid", "medical_exam"} <= overdue


@pytest.mark.django_db
def test_demo_nominations_are_a_draft_and_a_sent_one() -> None:
    call_command("demo", "--force", stdout=StringIO())
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)
    from kadry.awards.models import Nomination

    rows = Nomination.objects.filter(organisation=lyceum).order_by("id")
    assert [(n.award, n.status) for n in rows] == [("gratitude", "draft"), ("honour_certificate", "sent")]
    assert rows[1].sent_on == dt.date(2026, 11, 16)
