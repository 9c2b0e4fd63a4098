"""Generate large realistic data sets fast, for the benchmark (``manage.py generate``).

Rows are written with ``bulk_create``, one transaction per school, never through per-row ``save()``
or the services: a region (1,000 schools) would otherwise take hours. In particular signed orders are
written directly as the state ``sign_order`` would leave behind — numbered 1, 2, 3… per organisation,
journal and year in date order, with their items, assignments, card awards and work-record entries
numbered per employee — and the order counters are set to the last number, so that orders signed
later through ``sign_order`` continue the sequence.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from kadry.bench_data.names import FEMALE_NAMES, MALE_NAMES, PATRONYMICS, SURNAMES
from kadry.core.models import AccessLogEntry, Membership, Organisation
from kadry.employment.models import Assignment, WorkRecordEntry
from kadry.grades.models import PeriodGrade, Subject, Term
from kadry.lib.identifiers import snils_check_digits
from kadry.lib.text import search_key
from kadry.orders.integrity import content_hash
from kadry.orders.models import Order, OrderCounter, OrderItem, OrderJournal
from kadry.orders.services import PERSONNEL_JOURNAL
from kadry.school.models import AcademicYear, AttendanceDay, AttendanceMark, Enrollment, SchoolClass, Student
from kadry.staff.models import Award, Department, Employee, Position, PriorJob, StaffingUnit

BATCH = 2000
BENCH_PASSWORD = "bench12345"
# The users the benchmark logs in as; their memberships are in the first generated school only, so
# that the pages they open cost the same whatever the number of schools.
BENCH_USERS = {
    "bench_hr": Membership.Role.HR_HEAD,
    "bench_director": Membership.Role.DIRECTOR,
}
# The user of a centralised HR service keeping every generated school: the cross-school registry's bench user.
BENCH_SERVICE_USER = "bench_service"
BENCH_SERVICE_ROLE = Membership.Role.HR_INSPECTOR
BENCH_SERVICE_INN = "4000000000"
Category = Position.Category

# (position, category, counts in pedagogical service, department index, share of the staff)
POSITIONS: tuple[tuple[str, str, bool, int, float], ...] = (
    ("директор", Category.MANAGEMENT, True, 0, 0.0),
    ("заместитель директора по учебно-воспитательной работе", Category.MANAGEMENT, True, 0, 0.02),
    ("заместитель директора по воспитательной работе", Category.MANAGEMENT, True, 0, 0.01),
    ("секретарь руководителя", Category.ADMINISTRATIVE, False, 0, 0.01),
    ("учитель начальных классов", Category.PEDAGOGICAL, True, 1, 0.16),
    ("учитель математики", Category.PEDAGOGICAL, True, 1, 0.08),
    ("учитель русского языка и литературы", Category.PEDAGOGICAL, True, 1, 0.08),
    ("учитель английского языка", Category.PEDAGOGICAL, True, 1, 0.06),
    ("учитель истории и обществознания", Category.PEDAGOGICAL, True, 1, 0.04),
    ("учитель физики", Category.PEDAGOGICAL, True, 1, 0.02),
    ("учитель химии", Category.PEDAGOGICAL, True, 1, 0.02),
    ("учитель биологии", Category.PEDAGOGICAL, True, 1, 0.02),
    ("учитель информатики", Category.PEDAGOGICAL, True, 1, 0.02),
    ("учитель физической культуры", Category.PEDAGOGICAL, True, 1, 0.04),
    ("педагог-психолог", Category.PEDAGOGICAL, True, 1, 0.02),
    ("социальный педагог", Category.PEDAGOGICAL, True, 1, 0.01),
    ("педагог дополнительного образования", Category.PEDAGOGICAL, True, 1, 0.04),
    ("лаборант", Category.EDUCATIONAL_SUPPORT, False, 2, 0.02),
    ("библиотекарь", Category.EDUCATIONAL_SUPPORT, False, 2, 0.02),
    ("младший воспитатель", Category.EDUCATIONAL_SUPPORT, False, 2, 0.03),
    ("заведующий хозяйством", Category.ADMINISTRATIVE, False, 3, 0.01),
    ("уборщик служебных помещений", Category.SERVICE, False, 3, 0.12),
    ("рабочий по комплексному обслуживанию зданий", Category.SERVICE, False, 3, 0.05),
    ("гардеробщик", Category.SERVICE, False, 3, 0.04),
    ("сторож", Category.SERVICE, False, 3, 0.06),
    ("повар", Category.SERVICE, False, 3, 0.05),
    ("кухонный рабочий", Category.SERVICE, False, 3, 0.04),
)
DEPARTMENTS = ("Администрация", "Педагогический состав", "Учебно-вспомогательный персонал", "Хозяйственная часть")
AWARDS = (
    "Благодарность",
    "Почётная грамота",
    "Объявление благодарности с занесением в трудовую книжку",
)
EMPLOYERS = ("МБОУ «СОШ № 3»", "ООО «Ромашка»", "ГБУЗ «Городская больница № 1»", "МБДОУ «Детский сад № 15»")
LETTERS = "АБВГДЕЖИКЛМН"


@dataclass(frozen=True)
class Scale:
    schools: int
    employees_per_school: int
    students_per_school: int
    years_of_orders: int = 5
    attendance_weeks: int = 0


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, name: str, number: int) -> None:
        self.rows[name] += number


# The subjects of the bench's first quarter: ten, as a basic school's curriculum has about.
BENCH_SUBJECTS = (
    "Русский язык", "Литература", "Иностранный язык", "Математика", "История",
    "Обществознание", "География", "Биология", "Физика", "Физическая культура",
)  # fmt: skip


def _bulk(model: Any, objects: list[Any], counts: Counts) -> list[Any]:
    counts.add(model._meta.db_table, len(objects))
    return model.objects.bulk_create(objects, batch_size=BATCH)


def _snils(serial: int) -> str:
    number = f"{serial:09d}"
    return f"{number[0:3]}-{number[3:6]}-{number[6:9]} {snils_check_digits(number):02d}"


def _school_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def bench_users() -> dict[str, Any]:
    """Return the benchmark users, creating them (password ``BENCH_PASSWORD``) when missing."""
    User = get_user_model()
    password = make_password(BENCH_PASSWORD)
    users = {}
    for username in (*BENCH_USERS, BENCH_SERVICE_USER):
        users[username], _created = User.objects.get_or_create(
            username=username, defaults={"password": password, "first_name": "Бенчмарк"}
        )
    return users


def generate(
    scale: Scale, *, seed: int = 5, today: dt.date | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Create ``scale.schools`` schools with staff, order history, classes and attendance; return row counts."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    counts = Counts()
    users = bench_users()
    first_number = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).count() + 1
    # SNILS are unique across the installation: continue after the employees already there.
    snils_serial = 200_000_000 + Employee.objects.count()
    for index in range(scale.schools):
        with transaction.atomic():
            school = SchoolMaker(scale, rng, today, users, counts, snils_serial)
            organisation = school.build(first_number + index)
            snils_serial += scale.employees_per_school
            if index == 0:
                for username, role in BENCH_USERS.items():
                    Membership.objects.get_or_create(organisation=organisation, user=users[username], role=role)
        if progress:
            progress(index + 1)
    serve_schools(users[BENCH_SERVICE_USER], counts)
    return dict(counts.rows)


def serve_schools(user: Any, counts: Counts | None = None) -> Organisation:
    """Make one centralised HR service keep every school, with ``user`` its inspector; return the service.

    Cheap at any scale: one organisation, one membership and one UPDATE; run again, it takes in new schools.
    """
    service, created = Organisation.objects.get_or_create(
        kind=Organisation.Kind.HR_SERVICE,
        inn=BENCH_SERVICE_INN,
        defaults={
            "name": "Муниципальное казённое учреждение «Централизованная кадровая служба»",
            "short_name": "МКУ ЦКС",
            "address": "г. Калуга, ул. Ленина, д. 1",
        },
    )
    Membership.objects.get_or_create(organisation=service, user=user, role=BENCH_SERVICE_ROLE)
    Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).update(serviced_by=service)
    if counts is not None:
        counts.add("core_organisation", int(created))
    return service


class SchoolMaker:
    """Build one school; every ``_make_*`` step bulk-inserts one table."""

    def __init__(
        self, scale: Scale, rng: random.Random, today: dt.date, users: dict[str, Any], counts: Counts, snils: int
    ) -> None:
        self.scale, self.rng, self.today, self.counts, self.snils = scale, rng, today, counts, snils
        self.hr = users["bench_hr"]
        self.director = users["bench_director"]
        self.window_start = dt.date(today.year - scale.years_of_orders + 1, 1, 1)

    def build(self, number: int) -> Organisation:
        self.org = Organisation.objects.create(
            name=f"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № {number}»",
            short_name=f"МБОУ СШ № {number}",
            address=f"г. Калуга, ул. Школьная, д. {number}",
        )
        self.counts.add("core_organisation", 1)
        self._make_structure()
        self._make_employees()
        self._make_history()
        self._make_access_log()
        if self.scale.students_per_school:
            self._make_school()
        return self.org

    # Structure --------------------------------------------------------------------------------------

    def _make_structure(self) -> None:
        org = self.org
        departments = _bulk(
            Department,
            [Department(organisation=org, name=name, order=i) for i, name in enumerate(DEPARTMENTS)],
            self.counts,
        )
        positions = _bulk(
            Position,
            [
                Position(organisation=org, name=name, category=category, pedagogical_service=pedagogical)
                for name, category, pedagogical, _dept, _share in POSITIONS
            ],
            self.counts,
        )
        self.units = _bulk(
            StaffingUnit,
            [
                StaffingUnit(
                    organisation=org,
                    department=departments[dept],
                    position=position,
                    rates=Decimal("1"),  # set to the occupancy below
                    salary=Decimal(self.rng.randrange(22_000, 60_000, 500)),
                    allowance=Decimal(self.rng.choice((0, 2000, 5000))),
                )
                for position, (_name, _cat, _ped, dept, _share) in zip(positions, POSITIONS, strict=True)
            ],
            self.counts,
        )
        self.weights = [share for *_rest, share in POSITIONS]

    # Employees --------------------------------------------------------------------------------------

    def _person(self) -> tuple[str, str, str, str]:
        rng = self.rng
        female = rng.random() < 0.78  # school staff are mostly women
        surname = rng.choice(SURNAMES)[female]
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        middle = rng.choice(PATRONYMICS)[female]
        return ("F" if female else "M"), surname, first, middle

    def _make_employees(self) -> None:
        rng, today, org = self.rng, self.today, self.org
        employees = []
        self.plans: list[dict[str, Any]] = []
        for i in range(self.scale.employees_per_school):
            sex, last, first, middle = self._person()
            birth = dt.date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
            employees.append(
                Employee(
                    organisation=org,
                    personnel_number=str(i + 1),
                    last_name=last,
                    first_name=first,
                    middle_name=middle,
                    sex=sex,
                    birth_date=birth,
                    birth_place="гор. Калуга",
                    snils=_snils(self.snils + i),
                    phone=f"+7 910 {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                    registration_address=f"г. Калуга, ул. Ленина, д. {rng.randint(1, 120)}, кв. {rng.randint(1, 200)}",
                    search_key=search_key(last, first, middle),
                )
            )
            earliest = max(birth.replace(year=birth.year + 20), today - dt.timedelta(days=30 * 365))
            hired = earliest + dt.timedelta(days=rng.randint(0, max(0, (today - earliest).days - 30)))
            unit = 0 if i == 0 else rng.choices(range(len(POSITIONS)), self.weights)[0]
            dismissed = None
            if i > 0 and rng.random() < 0.1:
                start = max(hired + dt.timedelta(days=60), self.window_start)
                if start < today - dt.timedelta(days=2):
                    dismissed = start + dt.timedelta(days=rng.randint(0, (today - start).days - 1))
            self.plans.append({"hired": hired, "unit": unit, "dismissed": dismissed, "birth": birth})
        self.employees = _bulk(Employee, employees, self.counts)
        prior = []
        for employee, plan in zip(self.employees, self.plans, strict=True):
            start = plan["birth"].replace(year=plan["birth"].year + 19)
            if rng.random() < 0.6 and (plan["hired"] - start).days > 400:
                end = start + dt.timedelta(days=rng.randint(200, (plan["hired"] - start).days - 1))
                prior.append(
                    PriorJob(
                        organisation=org,
                        employee=employee,
                        employer=rng.choice(EMPLOYERS),
                        position="учитель" if rng.random() < 0.5 else "специалист",
                        start=start,
                        end=end,
                        pedagogical=rng.random() < 0.5,
                    )
                )
        _bulk(PriorJob, prior, self.counts)

    # Orders and what they made --------------------------------------------------------------------------

    def _make_history(self) -> None:
        rng, org, today = self.rng, self.org, self.today
        journal = OrderJournal.objects.create(organisation=org, suffix=PERSONNEL_JOURNAL[0], name=PERSONNEL_JOURNAL[1])
        self.counts.add("orders_orderjournal", 1)
        # (date, kind, [(employee index, extra)]) — numbered per year after sorting by date.
        planned: list[tuple[dt.date, str, list[tuple[int, str]]]] = []
        for i, plan in enumerate(self.plans):
            if plan["hired"] >= self.window_start:
                planned.append((plan["hired"], Order.Kind.HIRE, [(i, "")]))
            if plan["dismissed"]:
                planned.append((plan["dismissed"], Order.Kind.DISMISSAL, [(i, "")]))
        for year in range(self.window_start.year, today.year + 1):
            last_day = min(dt.date(year, 12, 31), today)
            for _ in range(max(1, len(self.plans) // 40)):
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, (last_day - dt.date(year, 1, 1)).days))
                chosen = rng.sample(range(len(self.plans)), min(len(self.plans), rng.randint(1, 5)))
                working = [i for i in chosen if self.plans[i]["hired"] < day and not self.plans[i]["dismissed"]]
                if working:
                    planned.append((day, Order.Kind.AWARD, [(i, rng.choice(AWARDS)) for i in working]))
        planned.sort(key=lambda order: order[0])
        numbers: dict[int, int] = defaultdict(int)
        orders = []
        for day, kind, _items in planned:
            numbers[day.year] += 1
            signed_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
            orders.append(
                Order(
                    organisation=org,
                    journal=journal,
                    kind=kind,
                    date=day,
                    year=day.year,
                    number=numbers[day.year],
                    # Drafts until their items are complete: a signed order's items are append-only.
                    status=Order.Status.DRAFT,
                    created_by=self.hr,
                    signed_by=self.director,
                    signed_at=signed_at,
                )
            )
        orders = _bulk(Order, orders, self.counts)
        _bulk(
            OrderCounter,
            [OrderCounter(organisation=org, journal=journal, year=y, last_number=n) for y, n in numbers.items()],
            self.counts,
        )
        # Items before the assignments they make; dismissal items after the assignments they close.
        items, item_plans = [], []
        for order, (day, kind, members) in zip(orders, planned, strict=True):
            for i, extra in members:
                plan = self.plans[i]
                item = OrderItem(organisation=org, order=order, employee=self.employees[i], date=day)
                if kind == Order.Kind.HIRE:
                    item.staffing_unit = self.units[plan["unit"]]
                    item.rate = Decimal("1")
                    item.employment_kind = OrderItem.EmploymentKind.MAIN
                    item.contract_term = OrderItem.ContractTerm.INDEFINITE
                    item.contract_number = f"{order.number}/{day.year}"
                    item.contract_date = day
                elif kind == Order.Kind.DISMISSAL:
                    item.dismissal_ground = "77-1-3"
                    item.closed_assignment_end = day
                else:
                    item.award = extra
                items.append(item)
                item_plans.append((i, kind, order))
        items = _bulk(OrderItem, items, self.counts)
        hire_items = {i: item for item, (i, kind, _o) in zip(items, item_plans, strict=True) if kind == "hire"}
        assignments = []
        for i, plan in enumerate(self.plans):
            hire = hire_items.get(i)
            assignments.append(
                Assignment(
                    organisation=org,
                    employee=self.employees[i],
                    staffing_unit=self.units[plan["unit"]],
                    rate=Decimal("1"),
                    start=plan["hired"],
                    end=plan["dismissed"],
                    basis=(
                        f"Приказ от {plan['hired']:%d.%m.%Y} № {hire.order.number}-к"
                        if hire
                        else f"Приказ от {plan['hired']:%d.%m.%Y} (до начала учёта в системе)"
                    ),
                    order_item=hire,
                )
            )
        assignments = _bulk(Assignment, assignments, self.counts)
        dismissals = [
            item for item, (i, kind, _o) in zip(items, item_plans, strict=True) if kind == Order.Kind.DISMISSAL
        ]
        by_employee = {employee.pk: a for employee, a in zip(self.employees, assignments, strict=True)}
        for item in dismissals:
            item.closed_assignment = by_employee[item.employee_id]
        OrderItem.objects.bulk_update(dismissals, ["closed_assignment"], batch_size=BATCH)
        self._sign(orders, items)
        # Occupancy: each unit has as many rates as holders today, plus half a vacant rate now and then.
        held: dict[int, int] = defaultdict(int)
        for plan in self.plans:
            if not plan["dismissed"]:
                held[plan["unit"]] += 1
        for index, unit in enumerate(self.units):
            unit.rates = Decimal(max(1, held[index])) + (Decimal("0.5") if self.rng.random() < 0.3 else 0)
        StaffingUnit.objects.bulk_update(self.units, ["rates"], batch_size=BATCH)
        self._make_entries(items, item_plans)

    def _sign(self, orders: list[Order], items: list[OrderItem]) -> None:
        """Mark the orders signed with the hash of their content, as signing would."""
        by_order: dict[int, list[OrderItem]] = defaultdict(list)
        for item in items:
            by_order[item.order_id].append(item)
        for order in orders:
            order.status = Order.Status.SIGNED
            order.content_hash = content_hash(order, by_order[order.pk])
        Order.objects.bulk_update(orders, ["status", "content_hash"], batch_size=BATCH)

    def _make_entries(self, items: list[OrderItem], item_plans: list[tuple[int, str, Order]]) -> None:
        org = self.org
        entry_numbers: dict[int, int] = defaultdict(int)
        entries, awards = [], []
        wording: dict[str, str] = {
            Order.Kind.HIRE: "Принят(а) на должность",
            Order.Kind.DISMISSAL: "Трудовой договор расторгнут по инициативе работника, пункт 3 части первой "
            "статьи 77 Трудового кодекса Российской Федерации",
            Order.Kind.AWARD: "Награждён(а)",
        }
        kinds: dict[str, str] = {
            Order.Kind.HIRE: WorkRecordEntry.Kind.HIRE,
            Order.Kind.DISMISSAL: WorkRecordEntry.Kind.DISMISSAL,
            Order.Kind.AWARD: WorkRecordEntry.Kind.AWARD,
        }
        for item, (i, kind, order) in zip(items, item_plans, strict=True):
            employee = self.employees[i]
            entry_numbers[employee.pk] += 1
            document = f"Приказ от {order.date:%d.%m.%Y} № {order.number}-к"
            text = wording[kind]
            if kind == Order.Kind.HIRE:
                text += f" «{POSITIONS[self.plans[i]['unit']][0]}»"
            elif kind == Order.Kind.AWARD:
                text += f": {item.award}"
                awards.append(
                    Award(
                        organisation=org,
                        employee=employee,
                        name=item.award,
                        awarded_on=item.date,
                        document=document,
                        order_item=item,
                    )
                )
            entries.append(
                WorkRecordEntry(
                    organisation=org,
                    employee=employee,
                    number=entry_numbers[employee.pk],
                    date=item.date,
                    kind=kinds[kind],
                    wording=text,
                    document=document,
                    order_item=item,
                )
            )
        _bulk(WorkRecordEntry, entries, self.counts)
        _bulk(Award, awards, self.counts)

    def _make_access_log(self) -> None:
        rng, now = self.rng, timezone.now()
        rows = [
            AccessLogEntry(
                organisation=self.org,
                actor=self.hr,
                role=Membership.Role.HR_HEAD,
                at=now - dt.timedelta(minutes=rng.randint(1, 90 * 24 * 60)),
                subject_type="employee",
                subject_id=employee.pk,
                subject_repr=employee.full_name,
                what="Личная карточка",
                ip_address="127.0.0.1",
            )
            for employee in self.employees
            for _ in range(2)
        ]
        _bulk(AccessLogEntry, rows, self.counts)

    # Classes, students and attendance ----------------------------------------------------------------

    def _make_school(self) -> None:
        rng, org, today = self.rng, self.org, self.today
        start = _school_year_start(today)
        year = AcademicYear.objects.create(
            organisation=org, name=f"{start.year}/{start.year + 1}", start=start, end=dt.date(start.year + 1, 5, 31)
        )
        self.counts.add("school_academicyear", 1)
        n_classes = max(1, math.ceil(self.scale.students_per_school / 25))
        per_grade = math.ceil(n_classes / 11)
        classes = _bulk(
            SchoolClass,
            [
                SchoolClass(
                    organisation=org, academic_year=year, grade=1 + c // per_grade, letter=LETTERS[c % per_grade]
                )
                for c in range(n_classes)
            ],
            self.counts,
        )
        students = []
        for s in range(self.scale.students_per_school):
            sex, last, first, middle = self._person()
            grade = classes[s % n_classes].grade
            students.append(
                Student(
                    organisation=org,
                    file_number=f"{s + 1}",
                    last_name=last,
                    first_name=first,
                    middle_name=middle,
                    sex=sex,
                    birth_date=dt.date(start.year - 6 - grade, rng.randint(1, 12), rng.randint(1, 28)),
                )
            )
        students = _bulk(Student, students, self.counts)
        _bulk(
            Enrollment,
            [
                Enrollment(organisation=org, student=student, school_class=classes[s % n_classes], start=start)
                for s, student in enumerate(students)
            ],
            self.counts,
        )
        self._make_attendance(classes, students)
        self._make_grades(year, classes, students)

    def _make_grades(self, year: AcademicYear, classes: list[SchoolClass], students: list[Student]) -> None:
        """The first quarter's grades of every student in every subject (the quarter's analysis pages)."""
        rng, org, now = self.rng, self.org, timezone.now()
        subjects = _bulk(Subject, [Subject(organisation=org, name=name) for name in BENCH_SUBJECTS], self.counts)
        # Each student keeps a level; a subject's mark is the level give or take one (a «2» now and then).
        levels = [rng.choice((3, 4, 4, 5, 5)) for _ in students]
        rows = [
            PeriodGrade(
                organisation=org,
                academic_year=year,
                school_class=classes[s % len(classes)],
                student=student,
                subject=subject,
                term=Term.Q1,
                mark=str(max(2, min(5, levels[s] + rng.choice((-1, 0, 0, 0, 1))))),
                updated_at=now,
            )
            for s, student in enumerate(students)
            for subject in subjects
        ]
        _bulk(PeriodGrade, rows, self.counts)

    def _make_attendance(self, classes: list[SchoolClass], students: list[Student]) -> None:
        weeks = self.scale.attendance_weeks
        if not weeks:
            return
        rng, org = self.rng, self.org
        days = [self.today - dt.timedelta(days=d) for d in range(weeks * 7)]
        days = [day for day in days if day.weekday() < 5]
        by_class: dict[int, list[Student]] = defaultdict(list)
        for s, student in enumerate(students):
            by_class[s % len(classes)].append(student)
        reasons = [choice for choice, _label in AttendanceMark.Reason.choices]
        marks, marked_days = [], []
        for c, school_class in enumerate(classes):
            for day in days:
                marked_days.append(
                    AttendanceDay(organisation=org, school_class=school_class, date=day, marked_by=self.hr)
                )
                for student in by_class[c]:
                    roll = rng.random()
                    if roll < 0.07:
                        marks.append(
                            AttendanceMark(
                                organisation=org,
                                student=student,
                                school_class=school_class,
                                date=day,
                                kind=AttendanceMark.Kind.ABSENT,
                                lessons=school_class.lessons_per_day,
                                reason=rng.choice(reasons),
                                author=self.hr,
                            )
                        )
                    elif roll < 0.09:
                        marks.append(
                            AttendanceMark(
                                organisation=org,
                                student=student,
                                school_class=school_class,
                                date=day,
                                kind=AttendanceMark.Kind.LATE,
                                whole_day=False,
                                minutes_late=rng.randint(3, 25),
                                reason=AttendanceMark.Reason.UNEXCUSED,
                                author=self.hr,
                            )
                        )
        _bulk(AttendanceDay, marked_days, self.counts)
        _bulk(AttendanceMark, marks, self.counts)
