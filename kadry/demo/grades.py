"""The demo's first-quarter grades, as the regional electronic journal would export them: deterministic."""

from __future__ import annotations

import random

from django.utils import timezone

from kadry.core.models import Organisation
from kadry.grades.models import Mark, PeriodGrade, Subject, Term
from kadry.school.models import Enrollment, SchoolClass

SEED = 16
# The subjects of each band of grades (a short curriculum: enough for the analysis by subject).
PRIMARY = ("Русский язык", "Литературное чтение", "Математика", "Окружающий мир", "Английский язык",
           "Физическая культура")  # fmt: skip
BASIC = ("Русский язык", "Литература", "Английский язык", "Математика", "История", "География", "Биология",
         "Физика", "Информатика", "Физическая культура")  # fmt: skip


def subjects_of(grade: int) -> tuple[str, ...]:
    return PRIMARY if grade <= 4 else BASIC


def build_grades(organisation: Organisation) -> int:
    """Give every pupil of grades 2–11 a first-quarter grade in each subject; return how many.

    The first grade is taught without marks (the first year's results are not marked in points), so
    its classes have none. A pupil keeps a level from 3 to 5 and a subject's mark is near it; about
    one pupil in twenty-five gets a «2» or an «н/а», so the home page of a class teacher shows some.
    """
    rng = random.Random(SEED)
    now = timezone.now()
    names = sorted({name for grade in range(2, 12) for name in subjects_of(grade)})
    Subject.objects.bulk_create([Subject(organisation=organisation, name=name) for name in names])
    subjects = {s.name: s for s in Subject.objects.filter(organisation=organisation)}
    enrolments = (
        Enrollment.objects.filter(organisation=organisation, school_class__grade__gte=2)
        .select_related("school_class")
        .order_by("school_class__grade", "school_class__letter", "student__last_name", "student_id")
    )
    rows = []
    seen: set[int] = set()
    for enrolment in enrolments:
        if enrolment.student_id in seen:
            continue  # moved to another class: graded once, in the first
        seen.add(enrolment.student_id)
        school_class: SchoolClass = enrolment.school_class
        level = rng.choice((3, 4, 4, 4, 5, 5))
        troubled = rng.random() < 0.04
        for n, name in enumerate(subjects_of(school_class.grade)):
            value = max(3, min(5, level + rng.choice((-1, 0, 0, 1))))
            mark = str(value)
            if troubled and n in (2, 7):
                mark = Mark.TWO if n == 2 else Mark.NOT_ATTESTED
            elif name == "Физическая культура" and rng.random() < 0.03:
                mark = Mark.EXEMPT
            rows.append(
                PeriodGrade(
                    organisation=organisation,
                    academic_year_id=school_class.academic_year_id,
                    school_class=school_class,
                    student_id=enrolment.student_id,
                    subject=subjects[name],
                    term=Term.Q1,
                    mark=mark,
                    updated_at=now,
                )
            )
    PeriodGrade.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
