"""factory_boy factories of the school side, and ``appoint``: a class teacher made the only way there is — by order.

A ``ClassTeacherAssignment`` exists only as the effect of a signed order, so tests appoint a teacher by
drafting and signing a real class-teacher appointment order (``appoint``) rather than creating the row.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from kadry.employment.models import Assignment
from kadry.school.models import (
    AcademicYear,
    ClassTeacherAssignment,
    ClassTeacherSubstitution,
    EducationPlan,
    EducationPlanItem,
    Enrollment,
    Guardian,
    SchoolClass,
    Student,
    StudentCategory,
)
from kadry.staff.models import Employee
from kadry.testing.factories import (
    AssignmentFactory,
    ModelFactory,
    OrganisationFactory,
    StaffingUnitFactory,
    UserFactory,
)


class AcademicYearFactory(ModelFactory[AcademicYear]):
    class Meta:
        model = AcademicYear
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = "2026/2027"
    start = dt.date(2026, 9, 1)
    end = dt.date(2027, 8, 31)


class SchoolClassFactory(ModelFactory[SchoolClass]):
    class Meta:
        model = SchoolClass
        django_get_or_create = ("organisation", "academic_year", "grade", "letter")

    organisation = factory.SubFactory(OrganisationFactory)
    academic_year = factory.SubFactory(AcademicYearFactory, organisation=factory.SelfAttribute("..organisation"))
    grade = 7
    letter = "Б"


class StudentFactory(ModelFactory[Student]):
    class Meta:
        model = Student

    organisation = factory.SubFactory(OrganisationFactory)
    file_number = factory.Sequence(lambda n: f"Л-{n + 1:04d}")
    last_name = factory.Sequence(lambda n: f"Ученикова{n}")
    first_name = "Анна"
    middle_name = "Игоревна"
    sex = Student.Sex.FEMALE
    birth_date = dt.date(2013, 5, 17)
    address = "г. Тула, ул. Ленина, д. 1, кв. 1"
    health_group = Student.HealthGroup.II


class GuardianFactory(ModelFactory[Guardian]):
    class Meta:
        model = Guardian

    organisation = factory.SelfAttribute("student.organisation")
    student = factory.SubFactory(StudentFactory)
    relation = Guardian.Relation.MOTHER
    full_name = factory.Sequence(lambda n: f"Родителева{n} Ольга Викторовна")
    phone = "+7 900 000-00-00"
    email = ""
    receives_notices = True


class EnrollmentFactory(ModelFactory[Enrollment]):
    """A student enrolled in a class; pass ``school_class`` and the student is made in its organisation."""

    class Meta:
        model = Enrollment

    organisation = factory.SelfAttribute("school_class.organisation")
    school_class = factory.SubFactory(SchoolClassFactory)
    student = factory.SubFactory(StudentFactory, organisation=factory.SelfAttribute("..school_class.organisation"))
    start = dt.date(2026, 9, 1)
    end = None


class StudentCategoryFactory(ModelFactory[StudentCategory]):
    class Meta:
        model = StudentCategory

    organisation = factory.SelfAttribute("student.organisation")
    student = factory.SubFactory(StudentFactory)
    category = StudentCategory.Category.LARGE_FAMILY
    valid_from = dt.date(2026, 9, 1)
    valid_to = None
    evidence = "удостоверение многодетной семьи № 123"


class ClassTeacherSubstitutionFactory(ModelFactory[ClassTeacherSubstitution]):
    class Meta:
        model = ClassTeacherSubstitution

    organisation = factory.SelfAttribute("school_class.organisation")
    school_class = factory.SubFactory(SchoolClassFactory)
    substitute = factory.SubFactory(
        "kadry.testing.factories.EmployeeFactory", organisation=factory.SelfAttribute("..school_class.organisation")
    )
    start = dt.date(2026, 10, 1)
    end = dt.date(2026, 10, 14)
    reason = "болезнь классного руководителя"
    assigned_by = factory.SubFactory(UserFactory)


class EducationPlanFactory(ModelFactory[EducationPlan]):
    """A draft of a class's plan of educational work (revision 1); pass ``school_class``."""

    class Meta:
        model = EducationPlan

    organisation = factory.SelfAttribute("school_class.organisation")
    school_class = factory.SubFactory(SchoolClassFactory)
    goals = "Сплочение коллектива класса, воспитание ответственности"


class EducationPlanItemFactory(ModelFactory[EducationPlanItem]):
    class Meta:
        model = EducationPlanItem

    organisation = factory.SelfAttribute("plan.organisation")
    plan = factory.SubFactory(EducationPlanFactory)
    direction = EducationPlanItem.Direction.CIVIC_PATRIOTIC
    month = 9
    title = factory.Sequence(lambda n: f"Классный час «Мой край» № {n + 1}")
    form = "классный час"
    responsible = "классный руководитель"


def enrol(school_class: SchoolClass, count: int, *, start: dt.date = dt.date(2026, 9, 1)) -> list[Student]:
    """Create ``count`` students enrolled in ``school_class`` from ``start``; return them."""
    return [EnrollmentFactory(school_class=school_class, start=start).student for _ in range(count)]


def appoint(
    director: Any,
    teacher: Employee,
    school_class: SchoolClass,
    on: dt.date = dt.date(2026, 9, 1),
    *,
    monthly_allowance: Decimal = Decimal("5000.00"),
) -> ClassTeacherAssignment:
    """Appoint ``teacher`` class teacher of ``school_class`` from ``on`` by a signed order; return the assignment.

    ``director`` is a persona (or anything with ``.user``) or a user. The teacher gets a working
    assignment first when they have none on ``on`` (only a working teacher can be appointed).
    """
    from kadry.orders import services as orders
    from kadry.orders.models import Order

    user = getattr(director, "user", director)
    if not Assignment.objects.filter(employee=teacher).active(on=on).exists():
        AssignmentFactory(
            employee=teacher,
            staffing_unit=StaffingUnitFactory(organisation=teacher.organisation),
            start=min(on, dt.date(2020, 9, 1)),
        )
    order = orders.create_draft(
        actor=user, organisation_id=teacher.organisation_id, kind=Order.Kind.CLASS_TEACHER_APPOINTMENT, date=on
    )
    item = orders.save_item(
        actor=user,
        order=order,
        data={
            "employee": teacher,
            "date": on,
            "school_class": school_class,
            "monthly_allowance": monthly_allowance,
            "agreement": f"№ 1 от {on:%d.%m.%Y}",
        },
    )
    orders.sign_order(actor=user, order=order)
    return ClassTeacherAssignment.objects.get(order_item=item)


__all__ = [
    "AcademicYearFactory",
    "ClassTeacherSubstitutionFactory",
    "EducationPlanFactory",
    "EducationPlanItemFactory",
    "EnrollmentFactory",
    "GuardianFactory",
    "SchoolClassFactory",
    "StudentCategoryFactory",
    "StudentFactory",
    "appoint",
    "enrol",
]
