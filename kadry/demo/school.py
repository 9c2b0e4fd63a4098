"""The class teachers' side of a demo school: the school year, classes, pupils and their parents."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from kadry.core.models import Organisation
from kadry.demo.catalog import ACADEMIC_YEAR, StaffPlan
from kadry.demo.names import feminine_surname, patronymic, surname_for
from kadry.demo.people import PersonMaker, rand_date
from kadry.school.models import AcademicYear, Enrollment, Guardian, SchoolClass, Student

Relation = Guardian.Relation
_HEALTH_GROUPS = (("1", 30), ("2", 55), ("3", 12), ("4", 2), ("5", 1))


def build_school(
    organisation: Organisation, plan: StaffPlan, people: PersonMaker, rng: random.Random
) -> list[SchoolClass]:
    """Create the 2026/2027 year, its classes and their pupils, each with one or two parents; return the classes."""
    assert plan.classes is not None
    grades, letters, (smallest, largest) = plan.classes
    name, start, end = ACADEMIC_YEAR
    year = AcademicYear.objects.create(organisation=organisation, name=name, start=start, end=end)
    classes = [
        SchoolClass(organisation=organisation, academic_year=year, grade=grade, letter=letter)
        for grade in grades
        for letter in letters
    ]
    SchoolClass.objects.bulk_create(classes)

    students: list[Student] = []
    guardians: list[Guardian] = []
    enrollments: list[Enrollment] = []
    file_numbers: dict[str, int] = defaultdict(int)
    for school_class in classes:
        for _ in range(rng.randint(smallest, largest)):
            student, parents = _pupil(people, rng, organisation, school_class.grade, start)
            # The number of a pupil's file: the surname's initial and the next number under it («К-17»).
            initial = student.last_name[0]
            file_numbers[initial] += 1
            student.file_number = f"{initial}-{file_numbers[initial]}"
            students.append(student)
            guardians += parents
            enrollments.append(
                Enrollment(organisation=organisation, student=student, school_class=school_class, start=start)
            )
    Student.objects.bulk_create(students)
    # bulk_create takes the pupils' new keys from the related objects assigned above.
    Guardian.objects.bulk_create(guardians)
    Enrollment.objects.bulk_create(enrollments)
    return classes


def _pupil(
    people: PersonMaker, rng: random.Random, organisation: Organisation, grade: int, year_start: dt.date
) -> tuple[Student, list[Guardian]]:
    """Return a pupil of ``grade`` (first-graders are 6½–8 on 1 September) and their parents."""
    first_grade_year = year_start.year - grade + 1
    birth = rand_date(rng, dt.date(first_grade_year - 8, 6, 1), dt.date(first_grade_year - 7, 10, 31))
    sex = rng.choice("MF")
    names = people.names
    family = names.family_surname()
    father = names.father_of(birth.year)
    address = people.address()
    student = Student(
        organisation=organisation,
        last_name=surname_for(family, sex),
        first_name=names.first_name(sex, birth.year),
        middle_name=patronymic(father, sex),
        sex=sex,
        birth_date=birth,
        address=address,
        health_group=rng.choices([g for g, _ in _HEALTH_GROUPS], weights=[w for _, w in _HEALTH_GROUPS])[0],
    )
    mother_born = birth.year - rng.randint(22, 38)
    father_born = birth.year - rng.randint(24, 42)
    mother = Guardian(
        organisation=organisation,
        student=student,
        relation=Relation.MOTHER,
        full_name=(
            f"{feminine_surname(family) if rng.random() < 0.9 else feminine_surname(names.family_surname())} "
            f"{names.first_name('F', mother_born)} {names.middle_name('F', mother_born)}"
        ),
        phone=people.phone(),
    )
    dad = Guardian(
        organisation=organisation,
        student=student,
        relation=Relation.FATHER,
        full_name=f"{family} {father} {names.middle_name('M', father_born)}",
        phone=people.phone(),
    )
    roll = rng.random()
    if roll < 0.72:
        parents = [mother, dad]
    elif roll < 0.92:
        parents = [mother]
    elif roll < 0.96:
        parents = [dad]
    else:
        # Under guardianship: usually a grandmother.
        grandmother_born = mother_born - rng.randint(20, 30)
        parents = [
            Guardian(
                organisation=organisation,
                student=student,
                relation=Relation.GUARDIAN,
                full_name=f"{feminine_surname(family)} {names.first_name('F', grandmother_born)} {names.middle_name('F', grandmother_born)}",
                phone=people.phone(),
            )
        ]
    # One parent gets the school's notices: the mother when she is there.
    parents[0].receives_notices = True
    for parent in parents:
        if rng.random() < 0.45:
            last, first, middle = parent.full_name.split(" ", 2)
            parent.email = people.email(last, first, middle, birth.year - 30)
    return student, parents
