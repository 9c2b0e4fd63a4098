"""factory_boy factories of prevention cases, and ``open_case``: a case opened the only way there is — by the Council.

A ``PreventionCase`` exists through a decision of a sitting of the Council of prevention, so tests that
need a realistic case call ``open_case`` (a sitting with one decision, through the service); the
factories make plain rows for the tests of pages and queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from kadry.prevention import services
from kadry.prevention.models import CouncilSitting, Measure, PreventionCase, Review
from kadry.school.models import Student
from kadry.staff.models import Employee
from kadry.testing.factories import EmployeeFactory, ModelFactory, UserFactory
from kadry.testing.school import StudentFactory


class PreventionCaseFactory(ModelFactory[PreventionCase]):
    class Meta:
        model = PreventionCase

    organisation = factory.SelfAttribute("student.organisation")
    student = factory.SubFactory(StudentFactory)
    register = PreventionCase.Register.INTERNAL
    reason = "Систематические пропуски уроков без уважительной причины"
    opened_on = dt.date(2026, 9, 15)
    responsible = factory.SubFactory(EmployeeFactory, organisation=factory.SelfAttribute("..organisation"))


class MeasureFactory(ModelFactory[Measure]):
    class Meta:
        model = Measure

    organisation = factory.SelfAttribute("case.organisation")
    case = factory.SubFactory(PreventionCaseFactory)
    what = factory.Sequence(lambda n: f"Индивидуальная беседа № {n + 1}")
    responsible = "социальный педагог"
    due_on = dt.date(2026, 10, 15)
    created_by = factory.SubFactory(UserFactory)


class ReviewFactory(ModelFactory[Review]):
    class Meta:
        model = Review

    organisation = factory.SelfAttribute("case.organisation")
    case = factory.SubFactory(PreventionCaseFactory)
    date = dt.date(2026, 12, 15)
    conclusion = "Пропусков стало меньше, работу продолжить"
    recorded_by = factory.SubFactory(UserFactory)


class CouncilSittingFactory(ModelFactory[CouncilSitting]):
    class Meta:
        model = CouncilSitting

    date = dt.date(2026, 9, 15)
    number = factory.Sequence(lambda n: str(n + 1))
    attendees = "Иванова И. И., заместитель директора — председатель\nПетрова П. П., социальный педагог — секретарь"
    created_by = factory.SubFactory(UserFactory)


def open_case(
    actor: Any,
    student: Student,
    *,
    responsible: Employee | None = None,
    on: dt.date = dt.date(2026, 9, 15),
    register: str = PreventionCase.Register.INTERNAL,
    number: str = "1",
) -> PreventionCase:
    """Open a case for ``student`` by a sitting of the Council on ``on``; return the case."""
    user = getattr(actor, "user", actor)
    responsible = responsible or EmployeeFactory(organisation=student.organisation)
    sitting = services.hold_sitting(
        actor=user,
        organisation_id=student.organisation_id,
        data={"date": on, "number": number, "attendees": "Члены Совета профилактики"},
        decisions=[
            {
                "kind": "open",
                "student": student,
                "register": register,
                "reason": "Систематические пропуски уроков без уважительной причины",
                "responsible": responsible,
                "text": "Поставить на внутришкольный учёт, утвердить план индивидуальной профилактической работы",
            }
        ],
        today=max(on, timezone.localdate()),
    )
    return PreventionCase.objects.get(decisions__sitting=sitting)
