"""Building and removing the demo data as a whole."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from faker import Faker

from kadry.absences.models import Absence
from kadry.attestation.models import Attestation, CategoryDecision, Schedule
from kadry.awards.models import Nomination
from kadry.core.models import AccessLogEntry, AuditChainHead, ChangeRecord, Membership, Organisation
from kadry.demo.absences import build_absences
from kadry.demo.attestation import build_attestation
from kadry.demo.awards import build_awards
from kadry.demo.catalog import DEMO_INNS, HR_SERVICE, LYCEUM, ORGANISATIONS, STAFF_PLANS
from kadry.demo.grades import build_grades
from kadry.demo.obligations import build_obligations
from kadry.demo.orders import build_orders
from kadry.demo.people import PersonMaker
from kadry.demo.prevention import build_prevention
from kadry.demo.school import build_school
from kadry.demo.school_life import build_school_life
from kadry.demo.staff import Staff, build_staff
from kadry.demo.users import USERNAMES, create_users
from kadry.discipline.models import Violation
from kadry.employment.models import Assignment, Contract, Sanction, WorkRecordEntry, WorkRecordEvent
from kadry.leave.models import LedgerEntry, PlannedLeave, VacationSchedule
from kadry.obligations.models import ObligationRecord
from kadry.orders.models import Order, OrderItem
from kadry.prevention.models import CouncilSitting
from kadry.school.models import (
    AcademicYear,
    AttendanceDay,
    AttendanceMark,
    ClassEvent,
    ClassTeacherAssignment,
    EducationPlan,
    Enrollment,
    SchoolClass,
    Student,
)
from kadry.staff.models import Award, Department, Employee, NameChange, Position, StaffingUnit

# Every build draws from the same seed, so every build makes the same people.
SEED = 7


class DemoError(Exception):
    """The demo cannot be loaded as asked; the message says why, in Russian."""


RESET_REFUSED = (
    "Демо-данные нельзя удалить: журнал доступа, история изменений и подписанные приказы неизменяемы. "
    "Чтобы загрузить демо заново, начните с пустой базы: удалите файл базы SQLite (var/kadry.sqlite3) "
    "или создайте новую базу PostgreSQL, затем выполните manage.py migrate и manage.py demo."
)


def demo_exists() -> bool:
    return Organisation.objects.filter(inn=LYCEUM.inn).exists()


def build_demo(*, reset: bool = False) -> bool:
    """Load the demo organisations, their staff and pupils, and the demo users; return False if already loaded.

    All or nothing, in one transaction. ``reset`` over a loaded demo is refused: its access log, change
    history and signed orders are append-only (kadry.core.append_only), so only a new database starts afresh.
    """
    with transaction.atomic():
        if demo_exists():
            if reset:
                raise DemoError(RESET_REFUSED)
            return False
        taken = sorted(get_user_model().objects.filter(username__in=USERNAMES).values_list("username", flat=True))
        if taken:
            raise DemoError(
                "Пользователи " + ", ".join(taken) + " уже есть в системе, а демо-организаций нет. "
                "Удалите этих пользователей или загрузите демо-данные в пустую базу."
            )
        rng = random.Random(SEED)
        faker = Faker("ru_RU")
        faker.seed_instance(SEED)
        people = PersonMaker(rng, faker)

        organisations = {
            plan.key: Organisation.objects.create(
                name=plan.name,
                short_name=plan.short_name,
                kind=plan.kind,
                inn=plan.inn,
                ogrn=plan.ogrn,
                address=plan.address,
            )
            for plan in ORGANISATIONS
        }
        service = organisations[HR_SERVICE.key]
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, pk__in=[o.pk for o in organisations.values()]
        ).update(serviced_by=service)
        staff: dict[str, Staff] = {}
        for plan in ORGANISATIONS:
            staff[plan.key] = build_staff(organisations[plan.key], STAFF_PLANS[plan.key], people, rng)
            if STAFF_PLANS[plan.key].classes:
                build_school(organisations[plan.key], STAFF_PLANS[plan.key], people, rng)
        create_users(organisations, staff)
        User = get_user_model()
        build_orders(
            organisations[LYCEUM.key],
            staff[LYCEUM.key],
            inspector=User.objects.get(username="inspector"),
            director=User.objects.get(username="director"),
        )
        build_absences(staff[LYCEUM.key], inspector=User.objects.get(username="inspector"))
        build_attestation(staff[LYCEUM.key], inspector=User.objects.get(username="inspector"))
        build_obligations(staff[LYCEUM.key], inspector=User.objects.get(username="inspector"))
        build_awards(staff[LYCEUM.key], inspector=User.objects.get(username="inspector"))
        build_school_life(organisations[LYCEUM.key])
        build_grades(organisations[LYCEUM.key])
        build_prevention(organisations[LYCEUM.key])
    return True


def remove_demo() -> None:
    """Delete the demo organisations with everything in them, and the demo users who belong nowhere else.

    The append-only tables refuse this unless their triggers are suspended, which only the test harness
    does (kadry.testing.append_only.suspended).
    """
    organisations = list(Organisation.objects.filter(inn__in=DEMO_INNS).values_list("pk", flat=True))
    in_demo = Q(organisation_id__in=organisations)
    User = get_user_model()
    users = User.objects.filter(username__in=USERNAMES).exclude(
        pk__in=Membership.objects.exclude(in_demo).values("user_id")
    )
    # Rows that protect their parents go first; the rest follows the organisations by cascade.
    # A new model that protects a row of a demo organisation needs a line here.
    WorkRecordEvent.objects.filter(in_demo, cancels__isnull=False).delete()
    WorkRecordEvent.objects.filter(in_demo).delete()
    WorkRecordEntry.objects.filter(in_demo, invalidates__isnull=False).delete()
    WorkRecordEntry.objects.filter(in_demo).delete()
    Contract.objects.filter(in_demo).delete()
    PlannedLeave.objects.filter(in_demo).delete()
    VacationSchedule.objects.filter(in_demo).delete()
    LedgerEntry.objects.filter(in_demo, reverses__isnull=False).delete()
    LedgerEntry.objects.filter(in_demo).delete()
    Violation.objects.filter(in_demo).delete()  # its explanation request goes with it
    ObligationRecord.objects.filter(in_demo).delete()
    Sanction.objects.filter(in_demo).delete()
    Absence.objects.filter(in_demo, continues__isnull=False).delete()
    Absence.objects.filter(in_demo).delete()
    ClassTeacherAssignment.objects.filter(in_demo).delete()
    Attestation.objects.filter(in_demo).delete()
    Schedule.objects.filter(in_demo).delete()
    CategoryDecision.objects.filter(in_demo).delete()
    Nomination.objects.filter(in_demo).delete()
    Award.objects.filter(in_demo).delete()
    NameChange.objects.filter(in_demo).delete()
    OrderItem.objects.filter(in_demo).update(closed_assignment=None)
    Assignment.objects.filter(in_demo).delete()
    OrderItem.objects.filter(in_demo).delete()
    Order.objects.filter(in_demo, cancels__isnull=False).delete()
    Order.objects.filter(in_demo).delete()
    # The school's daily records protect their authors (users) and classes.
    AttendanceMark.objects.filter(in_demo).delete()
    AttendanceDay.objects.filter(in_demo).delete()
    ClassEvent.objects.filter(in_demo).delete()
    EducationPlan.objects.filter(in_demo).delete()
    CouncilSitting.objects.filter(in_demo).delete()  # its author is protected; the cases go with the students
    Enrollment.objects.filter(in_demo).delete()
    Student.objects.filter(in_demo).delete()
    SchoolClass.objects.filter(in_demo).delete()
    AcademicYear.objects.filter(in_demo).delete()
    Employee.objects.filter(in_demo).delete()
    StaffingUnit.objects.filter(in_demo).delete()
    Position.objects.filter(in_demo).delete()
    Department.objects.filter(in_demo).update(parent=None)
    Department.objects.filter(in_demo).delete()
    # The audit rows PROTECT their organisations and users.
    ChangeRecord.objects.filter(in_demo).delete()
    AccessLogEntry.objects.filter(in_demo).delete()
    AuditChainHead.objects.filter(in_demo).delete()
    users.delete()
    Organisation.objects.filter(pk__in=organisations).delete()


def lyceum_counts() -> dict[str, int]:
    """Return the lyceum's numbers for the command's report."""
    lyceum = Organisation.objects.get(inn=LYCEUM.inn)
    return {
        "сотрудников": Employee.objects.filter(organisation=lyceum).count(),
        "штатных единиц": StaffingUnit.objects.filter(organisation=lyceum).count(),
        "классов": SchoolClass.objects.filter(organisation=lyceum).count(),
        "обучающихся": Student.objects.filter(organisation=lyceum).count(),
    }
