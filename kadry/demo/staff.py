"""The personnel side of a demo organisation: structure, staffing table, staff with full cards, assignments."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from kadry.core.models import Organisation
from kadry.demo import career, education, household
from kadry.demo.catalog import DEMO_DAY, POSITIONS, StaffPlan
from kadry.demo.people import PersonMaker, birthday, rand_date, workday
from kadry.employment.models import Assignment
from kadry.employment.services import record_opening_assignment
from kadry.lib.text import search_key
from kadry.staff.models import (
    Award,
    Department,
    Education,
    Employee,
    FamilyMember,
    HireDocument,
    LanguageSkill,
    MilitaryRecord,
    NameChange,
    Position,
    PriorJob,
    SocialBenefit,
    StaffingUnit,
    Training,
)

_HIGHER = (Education.Level.BACHELOR, Education.Level.SPECIALIST, Education.Level.DOCTORAL)
# Nobody on the staff today joined before this day: it bounds the longest service the demo shows.
_EARLIEST_HIRE = dt.date(1988, 8, 15)


@dataclass
class Hire:
    """One person of the organisation: the card, its sections and the main job (ended for a leaver)."""

    employee: Employee
    position: str
    rate: Decimal
    hired: dt.date
    left: dt.date | None
    sections: dict[type[models.Model], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class Staff:
    organisation: Organisation
    units: dict[str, StaffingUnit]
    # Current holders of each position as their main job, in the order of the plan.
    holders: dict[str, list[Employee]]
    employees: list[Employee]


def build_staff(organisation: Organisation, plan: StaffPlan, people: PersonMaker, rng: random.Random) -> Staff:
    units = _structure(organisation, plan)
    # Documents on hire and school awards belong to schools, not to the HR service's own staff.
    at_school = organisation.kind == Organisation.Kind.SCHOOL
    hires = [
        _hire(people, rng, unit.position, Decimal(rate), hired=None, left=None, at_school=at_school)
        for unit in plan.units
        for rate in unit.staff
    ]
    hires += [
        _hire(
            people, rng, leaver.position, Decimal(leaver.rate), hired=leaver.start, left=leaver.end, at_school=at_school
        )
        for leaver in plan.leavers
    ]
    for hire in hires:
        employee = hire.employee
        employee.organisation = organisation
        # bulk_create skips Employee.save, which keeps the search key; set it here.
        employee.search_key = search_key(employee.last_name, employee.first_name, employee.middle_name)
    # Personnel numbers were given in the order people joined.
    for number, hire in enumerate(sorted(hires, key=lambda h: h.hired), start=1):
        hire.employee.personnel_number = f"{number:04d}"
    Employee.objects.bulk_create([hire.employee for hire in hires])
    _create_sections(organisation, hires)
    _assign(organisation, plan, units, hires, rng)

    holders: dict[str, list[Employee]] = defaultdict(list)
    for hire in hires:
        if hire.left is None:
            holders[hire.position].append(hire.employee)
    return Staff(organisation=organisation, units=units, holders=dict(holders), employees=[h.employee for h in hires])


# Heads who lead educational work count it as pedagogical service; the deputy for facilities does not.
_PEDAGOGICAL_HEADS = ("директор", "заместитель директора по учебно", "заместитель директора по воспитательной")


def counts_as_pedagogical(position: str, category: str) -> bool:
    if category == Position.Category.PEDAGOGICAL:
        return True
    return category == Position.Category.MANAGEMENT and position.lower().startswith(_PEDAGOGICAL_HEADS)


def _structure(organisation: Organisation, plan: StaffPlan) -> dict[str, StaffingUnit]:
    """Create the departments (parents first), the positions and the staffing table; return units by position."""
    departments: dict[str, Department] = {}
    top = 0
    children: dict[str, int] = defaultdict(int)
    for name, parent in plan.departments:
        # Codes as in a staffing table: «02» for a department, «02.3» for the third one inside it.
        if parent is None:
            top += 1
            code = f"{top:02d}"
            order = top * 100
        else:
            children[parent] += 1
            code = f"{departments[parent].code}.{children[parent]}"
            order = departments[parent].order + children[parent]
        departments[name] = Department.objects.create(
            organisation=organisation, name=name, code=code, order=order, parent=departments.get(parent or "")
        )
    positions = {
        unit.position: Position(
            organisation=organisation,
            name=unit.position,
            category=POSITIONS[unit.position].category,
            pedagogical_service=counts_as_pedagogical(unit.position, POSITIONS[unit.position].category),
        )
        for unit in plan.units
    }
    Position.objects.bulk_create(positions.values())
    units = {
        unit.position: StaffingUnit(
            organisation=organisation,
            department=departments[unit.department],
            position=positions[unit.position],
            rates=Decimal(unit.rates),
            salary=Decimal(unit.salary),
            allowance=Decimal(unit.allowance),
            note=unit.note,
        )
        for unit in plan.units
    }
    StaffingUnit.objects.bulk_create(units.values())
    return units


def _hire(
    people: PersonMaker,
    rng: random.Random,
    position: str,
    rate: Decimal,
    *,
    hired: dt.date | None,
    left: dt.date | None,
    at_school: bool,
) -> Hire:
    """Make a person fit for ``position``: age, sex, education and working life to match."""
    spec = POSITIONS[position]
    pedagogical = spec.category == Position.Category.PEDAGOGICAL
    school_manager = spec.profile == "manager"
    sex = "F" if rng.random() < spec.female_share else "M"
    lo, hi = spec.born
    if hired is not None:
        hi = min(hi, hired.year - 23)
        lo = min(lo, hi)
    birth = rand_date(rng, dt.date(lo, 1, 1), dt.date(hi, 12, 31))
    person = people.person(sex, birth)

    studies = education.education_rows(rng, spec.profile, birth, as_of=hired or DEMO_DAY)
    graduated = education.graduation(studies)
    # Teachers start with a school year; others find work over the summer.
    started_work = (
        dt.date(graduated.year, 8, rng.randint(15, 31))
        if pedagogical
        else graduated + dt.timedelta(days=rng.randint(20, 90))
    )
    if hired is None:
        hired = _hire_date(rng, started_work, pedagogical=pedagogical or school_manager)
    as_of = left or DEMO_DAY

    home = household.household(rng, people.names, person, as_of=DEMO_DAY)
    changed = home.name_change["changed_on"] if home.name_change else None
    passport = people.passport(birth, not_before=changed, as_of=DEMO_DAY)
    registration = people.address()
    jobs = career.prior_jobs(
        rng, profile=spec.profile, position=position, pedagogical=pedagogical, start=started_work, hired=hired
    )
    first_work = jobs[0]["start"] if jobs else hired

    employee = Employee(
        last_name=home.last_name,
        first_name=person.first_name,
        middle_name=person.middle_name,
        sex=sex,
        birth_date=birth,
        birth_place=people.birth_place(),
        snils=people.snils(),
        inn=people.inn() if rng.random() < 0.95 else "",
        id_doc_kind=Employee.IdentityDocument.PASSPORT_RF,
        id_doc_series=passport.series,
        id_doc_number=passport.number,
        id_doc_issued_by=passport.issued_by,
        id_doc_issued_on=passport.issued_on,
        id_doc_issuer_code=passport.issuer_code,
        registration_address=registration,
        registration_date=workday(rand_date(rng, birthday(birth, 18), DEMO_DAY - dt.timedelta(days=60))),
        actual_address=registration if rng.random() < 0.8 else people.address(),
        phone=people.phone(),
        phone_extra=f"+7 (4842) {rng.randint(50, 79)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"
        if rng.random() < 0.15
        else "",
        email=people.email(home.last_name, person.first_name, person.middle_name, birth.year)
        if rng.random() < 0.85
        else "",
        marital_status=home.marital_status,
    )
    if pedagogical:
        employee.qualification_category, employee.qualification_category_date = career.qualification(
            rng, graduated=graduated, as_of=as_of
        )
    employee.work_book, employee.work_book_chosen_on = _work_book(rng, first_work, hired)

    hire = Hire(employee=employee, position=position, rate=rate, hired=hired, left=left)
    hire.sections[Education] = studies
    hire.sections[Training] = education.training_rows(
        rng, spec.profile, pedagogical=pedagogical, subject=spec.subject, hired=hired, as_of=as_of
    )
    hire.sections[PriorJob] = jobs
    hire.sections[FamilyMember] = home.family
    hire.sections[SocialBenefit] = home.benefits
    hire.sections[LanguageSkill] = career.languages(rng, profile=spec.profile)
    if home.name_change:
        hire.sections[NameChange] = [home.name_change]
    if at_school and (pedagogical or school_manager):
        hire.sections[HireDocument] = career.hire_documents(rng, hired=hired)
        hire.sections[Award] = career.awards(
            rng, hired=hired, graduated=graduated, category=employee.qualification_category, as_of=as_of
        )
    if rng.random() < (0.9 if sex == "M" else 0.05):
        record = career.military_record(
            rng, sex=sex, birth=birth, higher_education=any(row["level"] in _HIGHER for row in studies), as_of=DEMO_DAY
        )
        if record:
            hire.sections[MilitaryRecord] = [record]
    return hire


def _hire_date(rng: random.Random, earliest: dt.date, *, pedagogical: bool) -> dt.date:
    """Return a hire date after ``earliest`` and on or before the demo day; teachers mostly join in late August."""
    earliest = max(earliest, _EARLIEST_HIRE)
    if earliest >= DEMO_DAY:
        return DEMO_DAY
    day = rand_date(rng, earliest, DEMO_DAY)
    if pedagogical and rng.random() < 0.75:
        august = workday(dt.date(day.year, 8, rng.randint(22, 31)))
        if earliest <= august <= DEMO_DAY:
            return august
    return min(workday(day), DEMO_DAY)


def _work_book(rng: random.Random, first_work: dt.date, hired: dt.date) -> tuple[str, dt.date | None]:
    """Return the work-book choice (ТК РФ ст. 66.1) and the date of the application.

    Those working in 2020 chose by 31 December 2020; those who started work in 2021 or later have
    only the electronic one, recorded on hire.
    """
    WorkBook = Employee.WorkBook
    if first_work >= dt.date(2021, 1, 1):
        return WorkBook.ELECTRONIC, hired
    roll = rng.random()
    if roll < 0.1:
        return WorkBook.NOT_CHOSEN, None
    chosen = workday(rand_date(rng, dt.date(2020, 3, 2), dt.date(2020, 12, 30)))
    return (WorkBook.PAPER if roll < 0.65 else WorkBook.ELECTRONIC), chosen


def _create_sections(organisation: Organisation, hires: list[Hire]) -> None:
    rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for hire in hires:
        for model, items in hire.sections.items():
            rows[model] += [model(organisation=organisation, employee=hire.employee, **item) for item in items]
    for model, objects in rows.items():
        model._default_manager.bulk_create(objects)


def _assign(
    organisation: Organisation, plan: StaffPlan, units: dict[str, StaffingUnit], hires: list[Hire], rng: random.Random
) -> None:
    """Record everyone's assignments through the opening-balance service, in the order they began.

    The service writes the change history and refuses a unit over its rates, so the staffing
    table the demo shows obeys the same rule as one entered by hand (≈150 calls, well under a second).
    """
    current = defaultdict(list)
    for hire in hires:
        if hire.left is None:
            current[hire.position].append(hire)
    jobs: list[tuple[dt.date, Hire, str, Decimal, str]] = [
        (hire.hired, hire, hire.position, hire.rate, Assignment.Kind.MAIN) for hire in hires
    ]
    for part in plan.part_time:
        holder = current[part.holder][part.holder_index]
        # Extra hours are given out with the teaching load, from the first of September.
        year = rng.randint(min(max(holder.hired.year + 1, 2019), DEMO_DAY.year), DEMO_DAY.year)
        start = max(workday(dt.date(year, 9, 1)), holder.hired)
        jobs.append(
            (min(start, DEMO_DAY), holder, part.position, Decimal(part.rate), Assignment.Kind.INTERNAL_PART_TIME)
        )
    jobs.sort(key=lambda job: (job[0], job[4]))
    orders = _order_numbers(rng, [job[0] for job in jobs])
    leavers: list[tuple[Assignment, dt.date]] = []
    for start, hire, position, rate, kind in jobs:
        assignment = record_opening_assignment(
            actor=None,
            employee=hire.employee,
            staffing_unit=units[position],
            rate=rate,
            start=start,
            basis=f"Приказ от {start:%d.%m.%Y} № {orders[start]}-к",
            kind=kind,
        )
        if hire.left is not None and kind == Assignment.Kind.MAIN:
            leavers.append((assignment, hire.left))
    for assignment, end in leavers:
        # No dismissal service exists yet: the end is set directly. Dismissal orders will replace this.
        Assignment.objects.filter(pk=assignment.pk).update(end=end)


def _order_numbers(rng: random.Random, days: list[dt.date]) -> dict[dt.date, int]:
    """Number the personnel orders (journal «-к») from 1 each year; people hired the same day share one order."""
    numbers: dict[dt.date, int] = {}
    year, number = None, 0
    for day in sorted(set(days)):
        if day.year != year:
            year, number = day.year, rng.randint(1, 12)
        else:
            # Orders for other people (leave, transfers) came in between.
            number += rng.randint(2, 9)
        numbers[day] = number
    return numbers
